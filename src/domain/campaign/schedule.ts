// A campaign's schedule (issue 15): when it dials, in the campaign's time zone — the daily dialing
// hours on the chosen weekdays, and optionally the instants it starts and ends. On top of each
// contact's calling hours (R5.5), not instead of them. The engine turns it into dialing periods
// (src/dialer/schedule-period.ts); the runtime makes a campaign whose end passed final.
import { DateTime } from 'luxon'
import { z } from 'zod'
import { minutesOf } from '../calling-window.ts'
import { addDuplicateIssues } from '../config/schema-kit.ts'

/** ISO weekdays by name: MON is luxon's weekday 1 … SUN is 7. */
export const SCHEDULE_WEEKDAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'] as const
export type ScheduleWeekday = (typeof SCHEDULE_WEEKDAYS)[number]
/** The shortest daily dialing hours, in minutes (a start and stop one minute apart). */
export const SCHEDULE_DAILY_MINUTES_MIN = 1

const LOCAL_START = /^([01]\d|2[0-3]):[0-5]\d$/
// The stop is exclusive, so '24:00' is allowed there and only there: "until midnight".
const LOCAL_STOP = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/

const weekdaySchema = z.enum(SCHEDULE_WEEKDAYS, {
  error: `schedule.days[] must be one of ${SCHEDULE_WEEKDAYS.join(', ')}`,
})

/** An instant with its UTC offset, e.g. 2026-12-24T18:00:00-05:00 or …Z. */
function instantSchema(field: string) {
  return z.iso.datetime({
    offset: true,
    error: `${field} must be an ISO 8601 date and time with its offset, e.g. 2026-12-24T18:00:00-05:00`,
  })
}

export const campaignScheduleSchema = z
  .object({
    /** Local time of day the campaign starts dialing ("HH:mm"); left out with dailyStop: 00:00. */
    dailyStart: z
      .string()
      .regex(LOCAL_START, 'schedule.dailyStart must be a local time HH:mm (00:00–23:59)')
      .optional(),
    /** Local time of day it stops dialing ("HH:mm", exclusive, up to 24:00). */
    dailyStop: z
      .string()
      .regex(LOCAL_STOP, 'schedule.dailyStop must be a local time HH:mm (00:00–24:00)')
      .optional(),
    /** The weekdays it dials (default every day). */
    days: z
      .array(weekdaySchema)
      .min(1, 'schedule.days needs at least one weekday (leave the schedule out to dial every day)')
      .max(SCHEDULE_WEEKDAYS.length, `schedule.days has at most ${SCHEDULE_WEEKDAYS.length} days`)
      .default([...SCHEDULE_WEEKDAYS]),
    /** It dials nothing before this instant. */
    startsAt: instantSchema('schedule.startsAt').optional(),
    /** It dials nothing at or after this instant, and becomes final (stopped) then. */
    endsAt: instantSchema('schedule.endsAt').optional(),
  })
  .superRefine((schedule, ctx) => {
    const { dailyStart, dailyStop } = schedule
    if ((dailyStart === undefined) !== (dailyStop === undefined)) {
      const missing = dailyStart === undefined ? 'dailyStart' : 'dailyStop'
      ctx.addIssue({
        code: 'custom',
        path: [missing],
        message: `schedule.${missing} is missing: daily dialing hours need both a start and a stop`,
      })
    }
    // Zod runs this even when a time failed its format; only well-formed times are compared.
    if (
      dailyStart !== undefined &&
      dailyStop !== undefined &&
      LOCAL_START.test(dailyStart) &&
      LOCAL_STOP.test(dailyStop) &&
      minutesOf(dailyStop) - minutesOf(dailyStart) < SCHEDULE_DAILY_MINUTES_MIN
    )
      ctx.addIssue({
        code: 'custom',
        path: ['dailyStop'],
        message: `schedule.dailyStop ${dailyStop} must be after dailyStart ${dailyStart} (hours do not cross midnight; 24:00 is midnight)`,
      })
    addDuplicateIssues(ctx, schedule.days, (day) => day, {
      basePath: ['days'],
      keyPath: [],
      what: 'weekday',
      why: 'a day is listed once',
    })
    const startsAtMs = instantMs(schedule.startsAt)
    const endsAtMs = instantMs(schedule.endsAt)
    if (startsAtMs !== null && endsAtMs !== null && endsAtMs <= startsAtMs)
      ctx.addIssue({
        code: 'custom',
        path: ['endsAt'],
        message: `schedule.endsAt ${schedule.endsAt} must be after schedule.startsAt ${schedule.startsAt}`,
      })
  })
export type CampaignSchedule = z.infer<typeof campaignScheduleSchema>
export type CampaignScheduleInput = z.input<typeof campaignScheduleSchema>

/** The UTC milliseconds of a schedule instant (ISO 8601 with offset); null when absent or invalid. */
export function instantMs(iso: string | undefined): number | null {
  if (iso === undefined) return null
  const parsed = DateTime.fromISO(iso, { setZone: true })
  return parsed.isValid ? parsed.toMillis() : null
}

/** luxon's weekday (1 = Monday … 7 = Sunday) of a schedule weekday. */
export function isoWeekdayOf(day: ScheduleWeekday): number {
  return SCHEDULE_WEEKDAYS.indexOf(day) + 1
}
