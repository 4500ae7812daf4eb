// Goal: calling hours are judged in the contact's local time and nextWindowOpenMs finds the true next
// opening, including across DST gaps and overlaps (New York, London) and with half-hour DST
// (Lord Howe). Requirements: R5.5 (calling hours in the contact's local time).
import fc from 'fast-check'
import { DateTime, IANAZone } from 'luxon'
import { describe, expect, it } from 'vitest'
import {
  ALWAYS_OPEN_WINDOW,
  type CallingWindow,
  callingWindowSchema,
  dailyWindow,
} from '../domain/calling-window.ts'
import { instantsOfWallClock, isWithinCallingWindow, nextWindowOpenMs } from './calling-window.ts'
import {
  beforeTransitionArbitrary,
  QUARTER_HOUR_MIN,
  smallHoursWindowArbitrary,
  windowArbitrary,
  zonedNowArbitrary,
} from './test-arbitraries.ts'

const NEW_YORK = 'America/New_York'
const LONDON = 'Europe/London'
const US_HOURS = dailyWindow('08:00', '21:00')

function at(isoLocal: string, zone: string): number {
  const local = DateTime.fromISO(isoLocal, { zone })
  expect(local.isValid).toBe(true)
  return local.toMillis()
}
const utc = (iso: string): number => DateTime.fromISO(iso, { zone: 'utc' }).toMillis()
const sundayOnly = (startLocal: string, endLocal: string): CallingWindow => [
  { day: 7, startLocal, endLocal },
]

describe('isWithinCallingWindow', () => {
  it('opens at the start minute and closes at the exclusive end', () => {
    expect(isWithinCallingWindow(at('2025-06-02T07:59:59.999', NEW_YORK), NEW_YORK, US_HOURS)).toBe(
      false,
    )
    expect(isWithinCallingWindow(at('2025-06-02T08:00', NEW_YORK), NEW_YORK, US_HOURS)).toBe(true)
    expect(isWithinCallingWindow(at('2025-06-02T20:59:59.999', NEW_YORK), NEW_YORK, US_HOURS)).toBe(
      true,
    )
    expect(isWithinCallingWindow(at('2025-06-02T21:00', NEW_YORK), NEW_YORK, US_HOURS)).toBe(false)
  })

  it('uses the contact zone, not UTC: 13:00Z is 09:00 in New York but 06:00 in Los Angeles', () => {
    const nowMs = utc('2025-06-02T13:00')
    expect(isWithinCallingWindow(nowMs, NEW_YORK, US_HOURS)).toBe(true)
    expect(isWithinCallingWindow(nowMs, 'America/Los_Angeles', US_HOURS)).toBe(false)
  })

  it('picks the range of the local weekday', () => {
    const mondayOnly: CallingWindow = [{ day: 1, startLocal: '00:00', endLocal: '24:00' }]
    // Monday 02:00 in Tokyo is still Sunday in UTC.
    expect(isWithinCallingWindow(utc('2025-06-01T17:00'), 'Asia/Tokyo', mondayOnly)).toBe(true)
    expect(isWithinCallingWindow(utc('2025-06-01T17:00'), 'UTC', mondayOnly)).toBe(false)
  })

  it('is always open with ALWAYS_OPEN_WINDOW', () => {
    for (const iso of ['2025-03-09T02:30', '2025-11-02T01:30', '2025-12-31T23:59:59.999']) {
      const nowMs = utc(iso)
      expect(isWithinCallingWindow(nowMs, NEW_YORK, ALWAYS_OPEN_WINDOW)).toBe(true)
      expect(nextWindowOpenMs(nowMs, NEW_YORK, ALWAYS_OPEN_WINDOW)).toBe(nowMs)
    }
  })
})

describe('nextWindowOpenMs', () => {
  it('returns nowMs while open and the next local morning after hours', () => {
    const openMs = at('2025-06-02T12:00', NEW_YORK)
    expect(nextWindowOpenMs(openMs, NEW_YORK, US_HOURS)).toBe(openMs)
    const lateMs = at('2025-06-02T21:00', NEW_YORK)
    expect(nextWindowOpenMs(lateMs, NEW_YORK, US_HOURS)).toBe(at('2025-06-03T08:00', NEW_YORK))
  })

  it('opens at 08:00 EDT (12:00Z) on the New York spring-forward Sunday', () => {
    const saturdayNightMs = at('2025-03-08T22:00', NEW_YORK)
    expect(nextWindowOpenMs(saturdayNightMs, NEW_YORK, US_HOURS)).toBe(utc('2025-03-09T12:00'))
  })

  it('opens at the jump itself when the gap leads into a range (02:00–04:00, 2025-03-09)', () => {
    const window = sundayOnly('02:00', '04:00')
    // 01:30 EST; 02:00 never happens, the clock jumps to 03:00 EDT at 07:00Z.
    expect(nextWindowOpenMs(utc('2025-03-09T06:30'), NEW_YORK, window)).toBe(
      utc('2025-03-09T07:00'),
    )
    expect(isWithinCallingWindow(utc('2025-03-09T06:59:59.999'), NEW_YORK, window)).toBe(false)
  })

  it('skips a range that falls wholly in the spring-forward gap', () => {
    const window = sundayOnly('02:00', '02:30')
    expect(nextWindowOpenMs(utc('2025-03-08T12:00'), NEW_YORK, window)).toBe(
      at('2025-03-16T02:00', NEW_YORK),
    )
  })

  it('finds both occurrences of a repeated hour on the New York fall-back Sunday', () => {
    const window = sundayOnly('01:00', '01:30')
    // 00:30 EDT → 01:00 EDT (05:00Z); 01:45 EDT → 01:00 EST (06:00Z), the second occurrence.
    expect(nextWindowOpenMs(utc('2025-11-02T04:30'), NEW_YORK, window)).toBe(
      utc('2025-11-02T05:00'),
    )
    expect(nextWindowOpenMs(utc('2025-11-02T05:45'), NEW_YORK, window)).toBe(
      utc('2025-11-02T06:00'),
    )
    expect(isWithinCallingWindow(utc('2025-11-02T06:15'), NEW_YORK, window)).toBe(true)
    expect(nextWindowOpenMs(utc('2025-11-02T06:30'), NEW_YORK, window)).toBe(
      at('2025-11-09T01:00', NEW_YORK),
    )
  })

  it('opens at 08:00 EST (13:00Z) on the New York fall-back Sunday', () => {
    expect(nextWindowOpenMs(at('2025-11-01T22:00', NEW_YORK), NEW_YORK, US_HOURS)).toBe(
      utc('2025-11-02T13:00'),
    )
  })

  it('follows Europe/London across both changes', () => {
    const ukSunday = sundayOnly('09:00', '21:00')
    expect(nextWindowOpenMs(at('2025-03-29T21:30', LONDON), LONDON, ukSunday)).toBe(
      utc('2025-03-30T08:00'),
    )
    expect(nextWindowOpenMs(at('2025-10-25T21:30', LONDON), LONDON, ukSunday)).toBe(
      utc('2025-10-26T09:00'),
    )
    // 01:00–01:30 does not exist on 2025-03-30 in London: the next one is a week later (BST).
    expect(nextWindowOpenMs(utc('2025-03-29T12:00'), LONDON, sundayOnly('01:00', '01:30'))).toBe(
      utc('2025-04-06T00:00'),
    )
  })

  it('handles half-hour DST (Australia/Lord_Howe, 2025-10-05 02:00 → 02:30)', () => {
    const zone = 'Australia/Lord_Howe'
    const window = sundayOnly('02:00', '03:00')
    const beforeMs = at('2025-10-05T01:00', zone)
    const openMs = nextWindowOpenMs(beforeMs, zone, window)
    expect(DateTime.fromMillis(openMs, { zone }).toFormat('HH:mm')).toBe('02:30')
    expect(isWithinCallingWindow(openMs - 1, zone, window)).toBe(false)
  })
})

describe('instantsOfWallClock', () => {
  const zone = IANAZone.create(NEW_YORK)
  it('finds none in a gap, two in an overlap, one otherwise', () => {
    expect(instantsOfWallClock(utc('2025-03-09T02:30'), zone)).toEqual([])
    expect(instantsOfWallClock(utc('2025-11-02T01:30'), zone)).toEqual([
      utc('2025-11-02T05:30'),
      utc('2025-11-02T06:30'),
    ])
    expect(instantsOfWallClock(utc('2025-06-02T12:00'), zone)).toEqual([utc('2025-06-02T16:00')])
  })
})

describe('callingWindowSchema', () => {
  it('accepts 24:00 as an end and refuses it as a start', () => {
    expect(callingWindowSchema.safeParse(ALWAYS_OPEN_WINDOW).success).toBe(true)
    const bad = [{ day: 1, startLocal: '24:00', endLocal: '24:00' }]
    expect(callingWindowSchema.safeParse(bad).success).toBe(false)
  })

  it('refuses empty windows, ranges that cross midnight, and weekdays outside 1..7', () => {
    expect(callingWindowSchema.safeParse([]).success).toBe(false)
    const crossing = [{ day: 5, startLocal: '22:00', endLocal: '02:00' }]
    expect(callingWindowSchema.safeParse(crossing).success).toBe(false)
    const day0 = [{ day: 0, startLocal: '08:00', endLocal: '09:00' }]
    expect(callingWindowSchema.safeParse(day0).success).toBe(false)
    const badTime = [{ day: 1, startLocal: '8:00', endLocal: '09:00' }]
    expect(callingWindowSchema.safeParse(badTime).success).toBe(false)
  })
})

// ---- properties ---------------------------------------------------------------------------------

describe('nextWindowOpenMs properties', () => {
  it('when closed: the answer is later, open, and closed one millisecond before', () => {
    fc.assert(
      fc.property(zonedNowArbitrary, windowArbitrary, ({ nowMs, zone }, window) => {
        const nextMs = nextWindowOpenMs(nowMs, zone, window)
        if (isWithinCallingWindow(nowMs, zone, window)) return nextMs === nowMs
        return (
          nextMs > nowMs &&
          isWithinCallingWindow(nextMs, zone, window) &&
          !isWithinCallingWindow(nextMs - 1, zone, window)
        )
      }),
      { numRuns: 1000 },
    )
  })

  it('matches a brute-force scan over quarter hours (no earlier opening is missed)', () => {
    checkAgainstScan(zonedNowArbitrary, windowArbitrary, 200)
  })

  it('matches the scan in the day before a DST change, with ranges in the small hours', () => {
    checkAgainstScan(beforeTransitionArbitrary, smallHoursWindowArbitrary, 300)
  })
})

/**
 * Every range edge, zone offset and tzdb change of PROPERTY_ZONES falls on a UTC quarter hour, so
 * the first open quarter hour after nowMs is the true next opening: an independent oracle.
 */
function checkAgainstScan(
  nowArbitrary: fc.Arbitrary<{ nowMs: number; zone: string }>,
  windowArb: fc.Arbitrary<CallingWindow>,
  numRuns: number,
): void {
  const quarterMs = QUARTER_HOUR_MIN * 60_000
  fc.assert(
    fc.property(nowArbitrary, windowArb, ({ nowMs, zone }, window) => {
      if (isWithinCallingWindow(nowMs, zone, window)) return true
      let scanMs = Math.ceil(nowMs / quarterMs) * quarterMs
      while (!isWithinCallingWindow(scanMs, zone, window)) scanMs += quarterMs
      return nextWindowOpenMs(nowMs, zone, window) === scanMs
    }),
    { numRuns },
  )
}
