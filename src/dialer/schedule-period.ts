// A campaign's dialing periods (issue 15): the schedule's daily hours on its weekdays, in the
// campaign's time zone, clipped to its start and end instants (src/domain/campaign/schedule.ts).
// The engine asks for the period at an instant once and keeps it until the period ends, so zone
// arithmetic (luxon, tzdb's DST rules) runs once per period, not at every decision.
import { DateTime, IANAZone } from 'luxon'
import { minutesOf } from '../domain/calling-window.ts'
import { type CampaignSchedule, instantMs, isoWeekdayOf } from '../domain/campaign/schedule.ts'
import { invariant } from '../domain/invariant.ts'

const MINUTES_PER_DAY = 24 * 60
/**
 * Local dates searched for the next period: a weekly schedule dials within 7 dates of any instant,
 * one more either side for the dates a DST shift or a period merged across midnight can reach.
 */
export const PERIOD_SEARCH_DAYS = 9

/** The schedule as the engine applies it: minutes of the local day, luxon weekdays, UTC ms. */
export interface EngineSchedule {
  /** IANA zone of the daily hours (the campaign's). */
  zone: string
  /** Daily hours in minutes of the local day, [start, stop): 0 and 1440 when none are set. */
  dailyStartMin: number
  dailyStopMin: number
  /** luxon weekdays (1 = Monday … 7 = Sunday) it dials on. */
  weekdays: readonly number[]
  /** It dials nothing before this instant (null: no start). */
  startsAtMs: number | null
  /** It dials nothing at or after this instant (null: no end). */
  endsAtMs: number | null
}

/** A span the campaign dials in, [startMs, endMs): ±Infinity where it is unbounded. */
export interface DialingPeriod {
  startMs: number
  endMs: number
}

/** The engine's schedule of a validated campaign schedule in the campaign's zone. */
export function engineScheduleOf(schedule: CampaignSchedule, zone: string): EngineSchedule {
  return {
    zone,
    dailyStartMin: schedule.dailyStart === undefined ? 0 : minutesOf(schedule.dailyStart),
    dailyStopMin:
      schedule.dailyStop === undefined ? MINUTES_PER_DAY : minutesOf(schedule.dailyStop),
    weekdays: [...new Set(schedule.days.map(isoWeekdayOf))].sort((a, b) => a - b),
    startsAtMs: instantMs(schedule.startsAt),
    endsAtMs: instantMs(schedule.endsAt),
  }
}

/**
 * The dialing period that holds `nowMs`, else the next one to come; null when none is left (the
 * end passed). Periods that touch (a day dialled until 24:00 and the next from 00:00) are one.
 */
export function dialingPeriodAt(schedule: EngineSchedule, nowMs: number): DialingPeriod | null {
  const startsAtMs = schedule.startsAtMs ?? Number.NEGATIVE_INFINITY
  const endsAtMs = schedule.endsAtMs ?? Number.POSITIVE_INFINITY
  const fromMs = Math.max(nowMs, startsAtMs)
  if (fromMs >= endsAtMs) return null
  const allDay = schedule.dailyStartMin === 0 && schedule.dailyStopMin === MINUTES_PER_DAY
  if (allDay && schedule.weekdays.length === 7) return { startMs: startsAtMs, endMs: endsAtMs }
  const zone = IANAZone.create(schedule.zone)
  invariant(zone.isValid, `unknown IANA zone ${schedule.zone}`)
  const firstDate = DateTime.fromMillis(fromMs, { zone }).startOf('day')
  let found: DialingPeriod | null = null
  for (let day = -1; day <= PERIOD_SEARCH_DAYS; day++) {
    const date = firstDate.plus({ days: day })
    if (!schedule.weekdays.includes(date.weekday)) {
      if (found !== null) break
      continue
    }
    const startMs = Math.max(wallClockMs(date, schedule.dailyStartMin), startsAtMs)
    const endMs = Math.min(wallClockMs(date, schedule.dailyStopMin), endsAtMs)
    if (found !== null) {
      // The period goes on only into a day whose hours begin where it ends.
      if (startMs !== found.endMs || endMs <= startMs) break
      found.endMs = endMs
      continue
    }
    if (endMs <= fromMs || startMs >= endMs) continue
    found = { startMs, endMs }
  }
  return found
}

/**
 * The instant a local date's wall clock reads `minutes` after midnight (1440: the next date's
 * midnight). In a spring-forward gap luxon moves the time forward by the gap; in a fall-back
 * overlap it takes the earlier instant.
 */
function wallClockMs(date: DateTime, minutes: number): number {
  if (minutes >= MINUTES_PER_DAY) return date.plus({ days: 1 }).startOf('day').toMillis()
  const local = date.set({ hour: Math.floor(minutes / 60), minute: minutes % 60 })
  invariant(local.isValid, 'schedule time of day is not a valid local time')
  return local.toMillis()
}
