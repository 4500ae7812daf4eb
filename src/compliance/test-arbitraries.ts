// fast-check generators shared by the compliance tests (test support only; no production import).
// Times are biased to the hours around real DST changes so the properties meet gaps and overlaps.
import fc from 'fast-check'
import { DateTime } from 'luxon'
import type { CallingWindow } from '../domain/calling-window.ts'

/** Zones with 1 h, 30 min and no DST, odd offsets (+05:30, +12:45) and a DST change at midnight. */
export const PROPERTY_ZONES = [
  'America/New_York',
  'America/Los_Angeles',
  'America/Santiago',
  'Europe/London',
  'Europe/Berlin',
  'Asia/Kolkata',
  'Australia/Lord_Howe',
  'Pacific/Auckland',
  'Pacific/Chatham',
] as const

/** Real 2025 DST changes of PROPERTY_ZONES (UTC instants), paired with their zone. */
const TRANSITIONS: readonly { zone: string; atIso: string }[] = [
  { zone: 'America/New_York', atIso: '2025-03-09T07:00Z' },
  { zone: 'America/New_York', atIso: '2025-11-02T06:00Z' },
  { zone: 'America/Los_Angeles', atIso: '2025-03-09T10:00Z' },
  { zone: 'America/Santiago', atIso: '2025-04-06T03:00Z' },
  { zone: 'America/Santiago', atIso: '2025-09-07T04:00Z' },
  { zone: 'Europe/London', atIso: '2025-03-30T01:00Z' },
  { zone: 'Europe/London', atIso: '2025-10-26T01:00Z' },
  { zone: 'Europe/Berlin', atIso: '2025-03-30T01:00Z' },
  { zone: 'Australia/Lord_Howe', atIso: '2025-04-05T15:00Z' },
  { zone: 'Australia/Lord_Howe', atIso: '2025-10-04T15:30Z' },
  { zone: 'Pacific/Auckland', atIso: '2025-04-05T14:00Z' },
  { zone: 'Pacific/Auckland', atIso: '2025-09-27T14:00Z' },
  { zone: 'Pacific/Chatham', atIso: '2025-09-27T14:00Z' },
]

const DAY_MS = 24 * 3600 * 1000
export const QUARTER_HOUR_MIN = 15
const QUARTERS_PER_DAY = 96
const utcMs = (iso: string): number => DateTime.fromISO(iso, { zone: 'utc' }).toMillis()

const transitionArbitrary = fc
  .constantFrom(...TRANSITIONS)
  .map(({ zone, atIso }) => ({ zone, atMs: utcMs(atIso) }))

/** Any time in 2020–2030 in any zone, or within a day of one of the zone's DST changes. */
export const zonedNowArbitrary: fc.Arbitrary<{ nowMs: number; zone: string }> = fc.oneof(
  fc.record({
    nowMs: fc.integer({ min: utcMs('2020-01-01T00:00'), max: utcMs('2030-01-01T00:00') }),
    zone: fc.constantFrom(...PROPERTY_ZONES),
  }),
  fc
    .tuple(transitionArbitrary, fc.integer({ min: -DAY_MS, max: DAY_MS }))
    .map(([{ zone, atMs }, deltaMs]) => ({ zone, nowMs: atMs + deltaMs })),
)

/** Up to a day before one of the zone's DST changes. */
export const beforeTransitionArbitrary: fc.Arbitrary<{ nowMs: number; zone: string }> = fc
  .tuple(transitionArbitrary, fc.integer({ min: 0, max: DAY_MS }))
  .map(([{ zone, atMs }, deltaMs]) => ({ zone, nowMs: atMs - deltaMs }))

export const hhmm = (minutes: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`

function rangeArbitrary(startQuarterMax: number, lengthQuartersMax: number) {
  return fc
    .record({
      day: fc.integer({ min: 1, max: 7 }),
      startQuarter: fc.integer({ min: 0, max: startQuarterMax }),
      lengthQuarters: fc.integer({ min: 1, max: lengthQuartersMax }),
    })
    .map(({ day, startQuarter, lengthQuarters }) => ({
      day,
      startLocal: hhmm(startQuarter * QUARTER_HOUR_MIN),
      endLocal: hhmm(Math.min(QUARTERS_PER_DAY, startQuarter + lengthQuarters) * QUARTER_HOUR_MIN),
    }))
}

/** Ranges on quarter hours anywhere in the day, half of them short and in the small hours. */
export const windowArbitrary: fc.Arbitrary<CallingWindow> = fc.array(
  fc.oneof(rangeArbitrary(QUARTERS_PER_DAY - 1, QUARTERS_PER_DAY), rangeArbitrary(16, 8)),
  { minLength: 1, maxLength: 6 },
)

/** Short ranges between 00:00 and 05:00, where DST changes happen. */
export const smallHoursWindowArbitrary: fc.Arbitrary<CallingWindow> = fc.array(
  rangeArbitrary(14, 6),
  { minLength: 1, maxLength: 7 },
)
