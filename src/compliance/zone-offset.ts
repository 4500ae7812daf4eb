// A zone's UTC offset at an instant, from tzdb through luxon, remembered per zone for each hour
// asked about (issue 15, engine speed: every dial checks the contact's calling hours, every retry
// decision the local days of the contact's attempts, and luxon's offset lookup formats the instant
// through Intl each time). An hour whose two ends have the same offset has no transition inside it
// (tzdb never puts two transitions of a zone within an hour), so every instant of it has that
// offset; an hour with a transition is asked of luxon per instant. Pure and deterministic: the
// memo only saves work.
import { IANAZone } from 'luxon'
import { invariant } from '../domain/invariant.ts'

const MS_PER_HOUR = 3_600_000
const MS_PER_MINUTE = 60_000
const MS_PER_DAY = 24 * MS_PER_HOUR

/** Hours remembered per zone (about 170 days); the memo starts afresh when it is full. */
export const ZONE_HOURS_MEMO_MAX = 4096

interface ZoneMemo {
  zone: IANAZone
  /** The hour asked about last and its offset: the calling-hours check asks of the same in a row. */
  hour: number
  offsetMin: number | null
  /**
   * Every hour asked about: its offset over the whole hour, or null when it changes inside it.
   * A retry decision asks of the hours of the contact's earlier attempts too (its daily quota).
   */
  hours: Map<number, number | null>
}

const memos = new Map<string, ZoneMemo>()

function hourOffsetMin(memo: ZoneMemo, hour: number): number | null {
  let offsetMin = memo.hours.get(hour)
  if (offsetMin === undefined) {
    const startMin = memo.zone.offset(hour * MS_PER_HOUR)
    const endMin = memo.zone.offset((hour + 1) * MS_PER_HOUR - 1)
    offsetMin = startMin === endMin ? startMin : null
    if (memo.hours.size >= ZONE_HOURS_MEMO_MAX) memo.hours.clear()
    memo.hours.set(hour, offsetMin)
  }
  return offsetMin
}

function memoOf(zone: string): ZoneMemo {
  let memo = memos.get(zone)
  if (memo === undefined) {
    const iana = IANAZone.create(zone)
    invariant(iana.isValid, `unknown IANA zone ${zone}`)
    memo = { zone: iana, hour: Number.NaN, offsetMin: null, hours: new Map() }
    memos.set(zone, memo)
  }
  return memo
}

/** The offset (minutes east of UTC) of `zone` at `ms`. Throws on an unknown zone. */
export function zoneOffsetMin(zone: string, ms: number): number {
  const memo = memoOf(zone)
  const hour = Math.floor(ms / MS_PER_HOUR)
  if (memo.hour !== hour) {
    memo.offsetMin = hourOffsetMin(memo, hour)
    memo.hour = hour
  }
  return memo.offsetMin ?? memo.zone.offset(ms)
}

export interface LocalTime {
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: number
  /** Milliseconds since local midnight. */
  msOfDay: number
}

/** The local calendar day of `ms` in `zone`, as days since 1970-01-01 (a local date's number). */
export function localDayOf(zone: string, ms: number): number {
  return Math.floor((ms + zoneOffsetMin(zone, ms) * MS_PER_MINUTE) / MS_PER_DAY)
}

/** The local weekday and time of day of `ms` in `zone`. */
export function localTimeOf(zone: string, ms: number): LocalTime {
  const localMs = ms + zoneOffsetMin(zone, ms) * MS_PER_MINUTE
  const day = Math.floor(localMs / MS_PER_DAY)
  // 1970-01-01 was a Thursday (ISO weekday 4).
  const weekday = ((((day + 3) % 7) + 7) % 7) + 1
  return { weekday, msOfDay: localMs - day * MS_PER_DAY }
}
