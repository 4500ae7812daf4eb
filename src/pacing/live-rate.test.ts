// Goal: the live rate counts dials by dial second, only settled ones, newest first (R1.3).
import fc from 'fast-check'
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

/** The walk `settled` answered with before its running sums (the reference). */
class WalkedLiveRate {
  private readonly seconds = new Map<number, { live: number; total: number }>()
  private latest = Number.NEGATIVE_INFINITY
  private oldest = Number.POSITIVE_INFINITY

  record(live: boolean, dialedAtMs: number): void {
    const second = Math.floor(dialedAtMs / 1000)
    // The ring keeps the newest second per slot: an older one than the slot's is dropped.
    const slotHolder = [...this.seconds.keys()].find(
      (s) => s !== second && (s - second) % LIVE_RATE_HISTORY_SEC === 0,
    )
    if (slotHolder !== undefined) {
      if (slotHolder > second) return
      this.seconds.delete(slotHolder)
    }
    const counts = this.seconds.get(second) ?? { live: 0, total: 0 }
    counts.total += 1
    if (live) counts.live += 1
    this.seconds.set(second, counts)
    this.latest = Math.max(this.latest, second)
    this.oldest = Math.min(this.oldest, second)
  }

  settled(nowMs: number, settleSec: number, dials: number) {
    const frontier = Math.floor(nowMs / 1000) - Math.ceil(settleSec)
    let live = 0
    let total = 0
    const span = Math.min(LIVE_RATE_HISTORY_SEC, frontier - this.oldest + 1)
    for (let k = 0; k < span && total < dials; k++) {
      const counts = this.seconds.get(frontier - k)
      if (counts === undefined) continue
      live += counts.live
      total += counts.total
    }
    return { live, total }
  }
}

describe('settled from running sums (issue 15, bench speed)', () => {
  it('forgets a summed second whose slot a second a whole ring later takes', () => {
    const rate = new LiveRate()
    const t = 9_000_000
    rate.record(true, t - 10_000)
    expect(rate.settled(t, 0, 400)).toEqual({ live: 1, total: 1 })
    const later = t + (LIVE_RATE_HISTORY_SEC - 1) * 1000
    rate.record(false, later - 9_000) // the slot of t − 10 s, one ring on
    expect(rate.settled(later, 0, 400)).toEqual({ live: 0, total: 1 })
  })

  it('counts as the walk back does, through leaps, late resolutions, a wrapped ring and settle times going up and down', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.record({
              kind: fc.constant('dial' as const),
              live: fc.boolean(),
              backSec: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 120 })),
            }),
            fc.record({
              kind: fc.constant('ask' as const),
              settleSec: fc.integer({ min: 0, max: 60 }),
              dials: fc.constantFrom(1, 5, 100, 400),
            }),
            fc.record({
              kind: fc.constant('wait' as const),
              sec: fc.oneof(
                fc.integer({ min: 0, max: 30 }),
                fc.integer({ min: 1000, max: 20_000 }),
                // A whole ring on: the next dials land in the slots of the first ones.
                fc.constantFrom(
                  LIVE_RATE_HISTORY_SEC - 1,
                  LIVE_RATE_HISTORY_SEC,
                  LIVE_RATE_HISTORY_SEC + 1,
                  2 * LIVE_RATE_HISTORY_SEC,
                ),
              ),
            }),
          ),
          { maxLength: 300 },
        ),
        (steps) => {
          const rate = new LiveRate()
          const walked = new WalkedLiveRate()
          let nowMs = 5_000_000
          for (const step of steps) {
            if (step.kind === 'wait') nowMs += step.sec * 1000
            else if (step.kind === 'dial') {
              const atMs = nowMs - step.backSec * 1000
              rate.record(step.live, atMs)
              walked.record(step.live, atMs)
            } else {
              expect(rate.settled(nowMs, step.settleSec, step.dials)).toEqual(
                walked.settled(nowMs, step.settleSec, step.dials),
              )
            }
          }
        },
      ),
      { seed: 15_018, numRuns: 300 },
    )
  })
})
