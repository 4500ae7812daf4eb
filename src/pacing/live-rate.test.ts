// Goal: the live rate counts dials by dial second, only settled ones, newest first (R1.3).
import { describe, expect, it } from 'vitest'
import { LIVE_RATE_HISTORY_SEC, LiveRate } from './live-rate.ts'

describe('LiveRate (R1.3 predictive)', () => {
  it('counts only dials placed settleSec or more before now, newest seconds first', () => {
    const rate = new LiveRate()
    for (let second = 0; second < 100; second++) rate.record(second >= 90, second * 1000)
    // At 100 s with 5 s to settle: seconds ≤ 95 count; the newest 6 seconds hold every live one.
    expect(rate.settled(100_000, 5, 6)).toEqual({ live: 6, total: 6 })
    expect(rate.settled(100_000, 5, 1000)).toEqual({ live: 6, total: 96 })
    expect(rate.settled(100_000, 20, 1000)).toEqual({ live: 0, total: 81 })
  })

  it('takes whole seconds until it has the dials it asked for', () => {
    const rate = new LiveRate()
    for (let i = 0; i < 30; i++) rate.record(i % 3 === 0, 50_000 + i * 10) // 30 dials in 1 s
    rate.record(true, 49_500)
    expect(rate.settled(60_000, 0, 10)).toEqual({ live: 10, total: 30 })
    expect(rate.settled(60_000, 0, 31)).toEqual({ live: 11, total: 31 })
  })

  it('forgets dials older than its history and ignores late resolutions of them', () => {
    const rate = new LiveRate()
    rate.record(true, 0)
    rate.record(false, LIVE_RATE_HISTORY_SEC * 1000) // reuses the slot of second 0
    rate.record(true, 0) // too old now: dropped
    expect(rate.settled((LIVE_RATE_HISTORY_SEC + 1) * 1000, 0, 100)).toEqual({ live: 0, total: 1 })
  })

  it('lists the unsettled dials per second of age, as far as they resolved (issue 15)', () => {
    const rate = new LiveRate()
    rate.record(true, 97_200) // dialled 2 s before 99.5 s
    rate.record(false, 97_900)
    rate.record(true, 95_000) // 4 s
    rate.record(true, 60_000) // older than the 10 s asked for
    expect(rate.unsettled(99_500, 10)).toEqual([
      { ageSec: 2, live: 1, resolved: 2 },
      { ageSec: 4, live: 1, resolved: 1 },
    ])
  })
})
