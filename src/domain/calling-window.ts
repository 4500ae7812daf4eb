// Calling hours as configured (R5.5): a set of local wall-clock ranges per weekday. The schema and
// its arithmetic on local times live here, with the campaign's; src/compliance/calling-window.ts
// answers whether an instant in a zone is inside the window.
import { z } from 'zod'
import { invariant } from './invariant.ts'

/** A day may be split in a few ranges (e.g. a lunch pause); more than this is a misconfiguration. */
export const CALLING_WINDOW_SEGMENTS_MAX = 7 * 4
const LOCAL_TIME = /^([01]\d|2[0-3]):[0-5]\d$/
// End is exclusive, so '24:00' is allowed there and only there: it means "until midnight".
const LOCAL_END_TIME = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/
const localTimeSchema = z.string().regex(LOCAL_TIME, 'expected HH:mm (00:00–23:59)')
const localEndTimeSchema = z.string().regex(LOCAL_END_TIME, 'expected HH:mm (00:00–24:00)')

export const callingWindowSegmentSchema = z
  .object({
    /** luxon weekday: 1 = Monday … 7 = Sunday. */
    day: z.int().min(1).max(7),
    startLocal: localTimeSchema,
    endLocal: localEndTimeSchema,
  })
  .refine(
    // Zod runs this refinement even when a time failed its format; only well-formed times are
    // compared (a malformed one is already reported by its own field).
    (segment) =>
      !LOCAL_TIME.test(String(segment.startLocal)) ||
      !LOCAL_END_TIME.test(String(segment.endLocal)) ||
      minutesOf(segment.startLocal) < minutesOf(segment.endLocal),
    { message: 'startLocal must be before endLocal (ranges do not cross midnight; split them)' },
  )

export const callingWindowSchema = z
  .array(callingWindowSegmentSchema)
  .min(1, 'a calling window needs at least one range')
  .max(CALLING_WINDOW_SEGMENTS_MAX)
export type CallingWindow = z.infer<typeof callingWindowSchema>

/** Every day, all day: what the simulator's CUSTOM profile uses (it runs 24-hour days). */
export const ALWAYS_OPEN_WINDOW: CallingWindow = [1, 2, 3, 4, 5, 6, 7].map((day) => ({
  day,
  startLocal: '00:00',
  endLocal: '24:00',
}))

/** Same hours on every weekday. */
export function dailyWindow(startLocal: string, endLocal: string): CallingWindow {
  return callingWindowSchema.parse(
    [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, startLocal, endLocal })),
  )
}

export function minutesOf(hhmm: string): number {
  const [hours, minutes] = hhmm.split(':').map(Number)
  invariant(hours !== undefined && minutes !== undefined, `bad local time ${hhmm}`)
  return hours * 60 + minutes
}
