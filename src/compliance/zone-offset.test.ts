// The memoised zone offset agrees with luxon at every instant, across DST transitions (issue 15).
import fc from 'fast-check'
import { DateTime } from 'luxon'
import { describe, expect, it } from 'vitest'
import { localDayOf, localTimeOf, zoneOffsetMin } from './zone-offset.ts'

const ZONES = [
  'America/New_York',
  'Europe/Warsaw',
  'America/St_Johns',
  'Australia/Lord_Howe',
  'Asia/Kathmandu',
  'America/Santiago',
  'UTC',
]

describe('zoneOffsetMin (memoised per hour)', () => {
  it('equals luxon at random instants, visited in and out of order', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.array(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }), {
          minLength: 1,
          maxLength: 30,
        }),
        (zone, instants) => {
          for (const ms of instants) {
            const local = DateTime.fromMillis(ms, { zone })
            expect(zoneOffsetMin(zone, ms)).toBe(local.offset)
            expect(localTimeOf(zone, ms).weekday).toBe(local.weekday)
            const msOfDay =
              ((local.hour * 60 + local.minute) * 60 + local.second) * 1000 + local.millisecond
            expect(localTimeOf(zone, ms).msOfDay).toBe(msOfDay)
          }
        },
      ),
      { seed: 15_016, numRuns: 300 },
    )
  })

  it('is exact on every minute around a spring-forward and a fall-back', () => {
    const around = [Date.UTC(2026, 2, 8, 7, 0), Date.UTC(2026, 10, 1, 6, 0)] // New York
    for (const centre of around) {
      for (let ms = centre - 90 * 60_000; ms <= centre + 90 * 60_000; ms += 60_000) {
        expect(zoneOffsetMin('America/New_York', ms)).toBe(
          DateTime.fromMillis(ms, { zone: 'America/New_York' }).offset,
        )
        expect(zoneOffsetMin('America/New_York', ms - 1)).toBe(
          DateTime.fromMillis(ms - 1, { zone: 'America/New_York' }).offset,
        )
      }
    }
  })

  it('numbers local days so that a local date is one number', () => {
    const a = Date.UTC(2026, 5, 1, 3, 59) // 23:59 in New York on 31 May
    const b = Date.UTC(2026, 5, 1, 4, 0) // 00:00 on 1 June
    expect(localDayOf('America/New_York', b) - localDayOf('America/New_York', a)).toBe(1)
  })

  it('refuses an unknown zone', () => {
    expect(() => zoneOffsetMin('Mars/Olympus', 0)).toThrow(/unknown IANA zone/)
  })
})
