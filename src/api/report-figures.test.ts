// Goal: report rows sum the store's tallies into the R9.1 figures (connects, abandon rate as the
// compliance ledger counts it, talk seconds, dispositions) and place 15-minute tallies in the
// requested zone's 15-minute, hourly and daily intervals, including a half-hour-offset zone.
import { describe, expect, it } from 'vitest'
import { figuresBy, intervalStart } from './report-figures.ts'

describe('report figures (R9.1)', () => {
  it('sums tallies per row with rates, talk seconds and dispositions', () => {
    const rows = figuresBy(
      {
        outcomes: [
          { key: 'a', outcome: 'LIVE_VOICE', attempts: 3, talkMs: 90_400 },
          { key: 'b', outcome: 'ABANDONED', attempts: 1, talkMs: 0 },
          { key: 'a', outcome: 'ABANDONED', attempts: 1, talkMs: 0 },
          { key: 'a', outcome: 'NO_ANSWER_CUSTOMER', attempts: 4, talkMs: 0 },
        ],
        dispositions: [{ key: 'a', code: 'SALE', attempts: 2 }],
      },
      (key) => (key === 'b' ? 'a' : key),
    )
    expect([...rows.keys()]).toEqual(['a'])
    expect(rows.get('a')).toEqual({
      attempts: 9,
      outcomes: { LIVE_VOICE: 3, ABANDONED: 2, NO_ANSWER_CUSTOMER: 4 },
      connects: 3,
      abandons: 2,
      connectRatePct: 33.33,
      abandonRatePct: 40,
      talkSec: 90,
      dispositions: { SALE: 2 },
    })
  })

  it('places a quarter in its zone interval', () => {
    const q = Date.UTC(2026, 10, 24, 23, 45)
    expect(intervalStart(q, '15m', 'UTC')).toBe('2026-11-24T23:45:00Z')
    expect(intervalStart(q, '1h', 'America/New_York')).toBe('2026-11-24T18:00:00-05:00')
    expect(intervalStart(q, '1d', 'America/New_York')).toBe('2026-11-24T00:00:00-05:00')
    expect(intervalStart(q, '1d', 'Europe/Paris')).toBe('2026-11-25T00:00:00+01:00')
    expect(intervalStart(q, '1h', 'Asia/Kolkata')).toBe('2026-11-25T05:00:00+05:30')
    // A quarter-hour offset: the UTC quarters compose into its hours and days exactly.
    expect(intervalStart(q, '1h', 'Asia/Kathmandu')).toBe('2026-11-25T05:00:00+05:45')
    expect(intervalStart(q + 15 * 60_000, '1h', 'Asia/Kathmandu')).toBe('2026-11-25T05:00:00+05:45')
    expect(intervalStart(q + 30 * 60_000, '1h', 'Asia/Kathmandu')).toBe('2026-11-25T06:00:00+05:45')
    expect(intervalStart(q, '1d', 'Asia/Kathmandu')).toBe('2026-11-25T00:00:00+05:45')
  })
})
