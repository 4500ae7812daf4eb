// Calling hours in the contact's local time (R5.5): whether an instant is inside a window (its
// schema is src/domain/calling-window.ts) and when it next opens; every zone conversion goes
// through luxon so DST and zone-rule changes come from tzdb.
import { DateTime, IANAZone } from 'luxon'
import { type CallingWindow, minutesOf } from '../domain/calling-window.ts'
import { invariant } from '../domain/invariant.ts'
import { localTimeOf } from './zone-offset.ts'

const MS_PER_MINUTE = 60_000
const MS_PER_DAY = 24 * 3600 * 1000
/**
 * How far ahead nextWindowOpenMs searches. A weekly window opens within 8 local days unless a DST
 * gap swallows its only range that week; two weeks covers that, since gaps are months apart.
 */
export const NEXT_OPEN_SEARCH_DAYS_MAX = 15
/** First, cheaper pass: most closed windows open again the next morning. */
const NEXT_OPEN_SHORT_SEARCH_DAYS = 2
/**
 * Offsets are sampled at this step to find DST transitions. tzdb never has two transitions of one
 * zone this close together, so none is skipped.
 */
const TRANSITION_SCAN_STEP_MS = 6 * 3600 * 1000

function zoneOf(zone: string): IANAZone {
  const ianaZone = IANAZone.create(zone)
  invariant(ianaZone.isValid, `unknown IANA zone ${zone}`)
  return ianaZone
}

/** True when every weekday is open all day: no local time needs computing (a hot-path shortcut). */
export function isAlwaysOpen(window: CallingWindow): boolean {
  const fullDays = new Set(
    window.filter((s) => s.startLocal === '00:00' && s.endLocal === '24:00').map((s) => s.day),
  )
  return fullDays.size === 7
}

/** A window's ranges in milliseconds of the local day, read once from its "HH:MM" texts. */
interface WindowRanges {
  alwaysOpen: boolean
  ranges: { day: number; startMs: number; endMs: number }[]
}

/**
 * Each window's ranges, kept per window object: every dial checks the contact's calling hours, and
 * reading the texts again each time built arrays and strings per dial (issue 15, engine speed).
 */
const rangesCache = new WeakMap<CallingWindow, WindowRanges>()

function rangesOf(window: CallingWindow): WindowRanges {
  let ranges = rangesCache.get(window)
  if (ranges === undefined) {
    ranges = {
      alwaysOpen: isAlwaysOpen(window),
      ranges: window.map((segment) => ({
        day: segment.day,
        startMs: minutesOf(segment.startLocal) * MS_PER_MINUTE,
        endMs: minutesOf(segment.endLocal) * MS_PER_MINUTE,
      })),
    }
    rangesCache.set(window, ranges)
  }
  return ranges
}

export function isWithinCallingWindow(nowMs: number, zone: string, window: CallingWindow): boolean {
  const { alwaysOpen, ranges } = rangesOf(window)
  if (alwaysOpen) return true
  const local = localTimeOf(zone, nowMs)
  const msOfDay = local.msOfDay
  for (const range of ranges) {
    if (range.day === local.weekday && range.startMs <= msOfDay && msOfDay < range.endMs)
      return true
  }
  return false
}

/**
 * The first instant ≥ nowMs at which the window is open. The window can only turn from closed to
 * open at a range's local start time or at a DST transition (a gap can jump straight into a range),
 * so those are the only candidates; the earliest candidate that is open is the answer. Most windows
 * open within a day or two, so a short horizon is searched first.
 */
export function nextWindowOpenMs(nowMs: number, zone: string, window: CallingWindow): number {
  if (isWithinCallingWindow(nowMs, zone, window)) return nowMs
  const ianaZone = zoneOf(zone)
  const openMs =
    firstOpeningWithinDays(nowMs, ianaZone, window, NEXT_OPEN_SHORT_SEARCH_DAYS) ??
    firstOpeningWithinDays(nowMs, ianaZone, window, NEXT_OPEN_SEARCH_DAYS_MAX)
  invariant(openMs !== null, `calling window never opens within the search horizon (${zone})`)
  invariant(openMs > nowMs, 'next opening is not after nowMs')
  return openMs
}

/** The first opening in (nowMs, nowMs + days), or null if the window stays shut that long. */
function firstOpeningWithinDays(
  nowMs: number,
  zone: IANAZone,
  window: CallingWindow,
  days: number,
): number | null {
  const horizonEndMs = nowMs + days * MS_PER_DAY
  const candidatesMs = [
    ...rangeStartInstantsMs(nowMs, zone, window, days),
    ...transitionInstantsMs(nowMs, horizonEndMs, zone),
  ]
    .filter((candidateMs) => candidateMs > nowMs && candidateMs < horizonEndMs)
    .sort((a, b) => a - b)
  const openMs = candidatesMs.find((candidateMs) =>
    isWithinCallingWindow(candidateMs, zone.name, window),
  )
  return openMs ?? null
}

/**
 * Every instant at which some range starts (0, 1 or 2 per local date), on the local dates that can
 * hold an instant of (nowMs, nowMs + days): one date either side of the span, since DST shifts move
 * wall clocks by hours and a fall-back can bring yesterday's date back.
 */
function rangeStartInstantsMs(
  nowMs: number,
  zone: IANAZone,
  window: CallingWindow,
  days: number,
): number[] {
  const today = DateTime.fromMillis(nowMs, { zone }).setZone('utc', { keepLocalTime: true })
  const localMidnightUtcMs = today.startOf('day').toMillis()
  const instantsMs: number[] = []
  for (let dayOffset = -1; dayOffset <= days + 1; dayOffset++) {
    const dateUtcMs = localMidnightUtcMs + dayOffset * MS_PER_DAY
    const weekday = DateTime.fromMillis(dateUtcMs, { zone: 'utc' }).weekday
    for (const segment of window) {
      if (segment.day !== weekday) continue
      const wallClockMs = dateUtcMs + minutesOf(segment.startLocal) * MS_PER_MINUTE
      instantsMs.push(...instantsOfWallClock(wallClockMs, zone))
    }
  }
  return instantsMs
}

/**
 * The instants whose local wall clock reads `wallClockMs` (a local time written as if it were UTC):
 * none in a spring-forward gap, two in a fall-back overlap, one otherwise.
 */
export function instantsOfWallClock(wallClockMs: number, zone: IANAZone): number[] {
  const offsetsMin = new Set([
    zone.offset(wallClockMs - MS_PER_DAY),
    zone.offset(wallClockMs),
    zone.offset(wallClockMs + MS_PER_DAY),
  ])
  const instantsMs: number[] = []
  for (const offsetMin of offsetsMin) {
    const instantMs = wallClockMs - offsetMin * MS_PER_MINUTE
    if (zone.offset(instantMs) === offsetMin) instantsMs.push(instantMs)
  }
  return instantsMs.sort((a, b) => a - b)
}

/** The first millisecond of each offset change in (fromMs, endMs]. */
function transitionInstantsMs(startMs: number, endMs: number, zone: IANAZone): number[] {
  const instantsMs: number[] = []
  for (let fromMs = startMs; fromMs < endMs; fromMs += TRANSITION_SCAN_STEP_MS) {
    const toMs = fromMs + TRANSITION_SCAN_STEP_MS
    const offsetBeforeMin = zone.offset(fromMs)
    if (zone.offset(toMs) === offsetBeforeMin) continue
    // Invariant of the search: offset(lowMs) is the old offset, offset(highMs) is not.
    let lowMs = fromMs
    let highMs = toMs
    while (highMs - lowMs > 1) {
      const middleMs = Math.floor((lowMs + highMs) / 2)
      if (zone.offset(middleMs) === offsetBeforeMin) lowMs = middleMs
      else highMs = middleMs
    }
    instantsMs.push(highMs)
  }
  return instantsMs
}
