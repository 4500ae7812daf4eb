// Goal: the estimator's contact rate and timings follow observations; its model is cached.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  CampaignEstimator,
  LIVE_RECENT_DIALS,
  LIVE_WINDOW_DIALS_MAX,
  MODEL_REFRESH_SEC,
} from './estimates.ts'

/**
 * Each estimator's dials are placed half a second apart, from well before 0 on: by the snapshots
 * at 0 and after, every one of them has settled (the live rate counts dials by dial time).
 */
const dialTimes = new WeakMap<CampaignEstimator, number>()
const TIMELINE_START_MS = -7_000_000
const DIAL_SPACING_MS = 500

function observe(estimator: CampaignEstimator, live: boolean, sec: number): void {
  const dialedAtMs = dialTimes.get(estimator) ?? TIMELINE_START_MS
  dialTimes.set(estimator, dialedAtMs + DIAL_SPACING_MS)
  estimator.observeResolution(live, sec, dialedAtMs + sec * 1000)
}

/** Feed `count` resolutions, `liveShare` of them live, spread evenly. */
function feed(estimator: CampaignEstimator, count: number, liveShare: number): void {
  let credit = 0
  for (let i = 0; i < count; i++) {
    credit += liveShare
    const live = credit >= 1 - 1e-9
    if (live) credit -= 1
    observe(estimator, live, live ? 10 : 20)
  }
}

describe('CampaignEstimator live probability (R1.3 predictive, R5.5 abandon cap inputs)', () => {
  it('starts from a prior: a plausible contact rate, no live samples', () => {
    const estimates = new CampaignEstimator().snapshot(0)
    expect(estimates.liveProbability).toBeGreaterThan(0.05)
    expect(estimates.liveProbability).toBeLessThan(0.5)
    expect(estimates.liveSamples).toBe(0)
  })

  it('after 400 resolutions at 10 % live it is near 0.1', () => {
    const estimator = new CampaignEstimator()
    feed(estimator, 400, 0.1)
    const p = estimator.snapshot(0).liveProbability
    expect(p).toBeGreaterThanOrEqual(0.1)
    expect(p).toBeLessThan(0.12)
    expect(estimator.snapshot(0).liveSamples).toBe(40)
  })

  it('follows a drift: 10 % then 40 % live, the window forgets the old phase', () => {
    const estimator = new CampaignEstimator()
    feed(estimator, 2000, 0.1)
    expect(Math.abs(estimator.snapshot(0).liveProbability - 0.1)).toBeLessThan(0.02)
    feed(estimator, LIVE_WINDOW_DIALS_MAX, 0.4)
    expect(Math.abs(estimator.snapshot(0).liveProbability - 0.4)).toBeLessThan(0.02)
    feed(estimator, LIVE_WINDOW_DIALS_MAX, 0.12)
    expect(Math.abs(estimator.snapshot(0).liveProbability - 0.12)).toBeLessThan(0.02)
  })

  it('stays within a few points of the rate over the last LIVE_WINDOW_DIALS_MAX dials (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.boolean(), {
          minLength: LIVE_WINDOW_DIALS_MAX,
          maxLength: 3 * LIVE_WINDOW_DIALS_MAX,
        }),
        (outcomes) => {
          const estimator = new CampaignEstimator()
          for (const live of outcomes) observe(estimator, live, 10)
          const share = (xs: boolean[]) => xs.filter(Boolean).length / xs.length
          const rate = share(outcomes.slice(-LIVE_WINDOW_DIALS_MAX))
          const recentRate = share(outcomes.slice(-LIVE_RECENT_DIALS))
          const p = estimator.snapshot(0).liveProbability
          expect(p).toBeGreaterThan(0)
          expect(p).toBeLessThan(1)
          // Only the prior's small weight separates p from the long window's rate, unless the
          // latest dials show a higher one (then p is at most that, never above both).
          expect(p).toBeGreaterThan(rate - 0.06)
          expect(p).toBeLessThan(Math.max(rate, recentRate) + 0.06)
        },
      ),
      { numRuns: 50 },
    )
  })
})

describe('CampaignEstimator: a rising contact rate is seen fast, a falling one slowly (docs/pacing.md §5)', () => {
  it(`a rise from 10 % to 30 % shows within ${LIVE_RECENT_DIALS} dials`, () => {
    const estimator = new CampaignEstimator()
    feed(estimator, 2000, 0.1)
    feed(estimator, LIVE_RECENT_DIALS, 0.3)
    // The long window alone would say 0.15; the recent window's lower bound is above 0.2.
    expect(estimator.snapshot(0).liveProbability).toBeGreaterThan(0.2)
  })

  it('a fall from 30 % to 10 % is followed by the long window only (the cautious side)', () => {
    const estimator = new CampaignEstimator()
    feed(estimator, 2000, 0.3)
    feed(estimator, LIVE_RECENT_DIALS, 0.1)
    expect(estimator.snapshot(0).liveProbability).toBeGreaterThan(0.24)
    feed(estimator, LIVE_WINDOW_DIALS_MAX, 0.1)
    expect(estimator.snapshot(0).liveProbability).toBeLessThan(0.12)
  })

  it('at a steady rate the recent window does not push the estimate up', () => {
    const estimator = new CampaignEstimator()
    feed(estimator, 2000, 0.2)
    expect(estimator.snapshot(0).liveProbability).toBeLessThan(0.21)
  })
})

describe('CampaignEstimator timings (R1.3 predictive)', () => {
  it('means follow the observations once the prior is pushed out', () => {
    const estimator = new CampaignEstimator()
    for (let i = 0; i < 1000; i++) {
      observe(estimator, true, 5)
      observe(estimator, false, 30)
      estimator.observeTalk(60)
      estimator.observeWrap(4)
    }
    const estimates = estimator.snapshot(0)
    // (The windows keep running sums: exact up to rounding.)
    expect(estimates.dialToLiveSec).toBeCloseTo(5, 9)
    expect(estimates.talkSec).toBeCloseTo(60, 9)
    expect(estimates.wrapSec).toBeCloseTo(4, 9)
    expect(estimates.dialToResolveSec).toBeCloseTo(
      estimates.liveProbability * 5 + (1 - estimates.liveProbability) * 30,
      9,
    )
    expect(estimates.liveSamples).toBe(1000)
  })
})

describe('CampaignEstimator model refresh (R1.3 predictive)', () => {
  const refreshMs = MODEL_REFRESH_SEC * 1000

  it('is built on first use and cached until MODEL_REFRESH_SEC have passed', () => {
    const estimator = new CampaignEstimator()
    const first = estimator.modelAt(1_000)
    expect(estimator.modelAt(1_000)).toBe(first)
    feed(estimator, 100, 0.9)
    expect(estimator.modelAt(1_000 + refreshMs - 1)).toBe(first)
    expect(estimator.snapshot(1_000 + refreshMs - 1).model).toBe(first)
    const second = estimator.modelAt(1_000 + refreshMs)
    expect(second).not.toBe(first)
    // The rebuilt model carries the new contact rate; the cached one the old.
    expect(second.liveProbability).toBeCloseTo(
      estimator.snapshot(1_000 + refreshMs).liveProbability,
      12,
    )
    expect(second.liveProbability).toBeGreaterThan(first.liveProbability + 0.3)
    // And the clock restarts from the rebuild.
    expect(estimator.modelAt(1_000 + 2 * refreshMs - 1)).toBe(second)
    expect(estimator.modelAt(1_000 + 2 * refreshMs)).not.toBe(second)
  })

  it('the rebuilt model reflects new timings (live answers now arrive at 3 s)', () => {
    const estimator = new CampaignEstimator()
    const before = estimator.modelAt(0)
    for (let i = 0; i < 400; i++) observe(estimator, true, 3)
    const after = estimator.modelAt(refreshMs)
    expect(before.lineLiveCdf(0)[4]).toBe(0)
    expect(after.lineLiveCdf(0)[4]!).toBeGreaterThan(0.5)
  })

  it('is rebuilt early after a large burst of observations', () => {
    const estimator = new CampaignEstimator()
    const first = estimator.modelAt(0)
    feed(estimator, 10, 0.5)
    expect(estimator.modelAt(1)).toBe(first)
    feed(estimator, 5000, 0.5)
    expect(estimator.modelAt(2)).not.toBe(first)
  })
})

describe('CampaignEstimator counts dials by dial time, once settled (live-rate.ts)', () => {
  it('a burst of 1000 dials whose quick non-live outcomes come back first does not read as a low rate', () => {
    const estimator = new CampaignEstimator()
    // 1000 dials at 0; 25 % are live at 11 s, 10 % busy at 3 s, the rest no-answer at 20 s.
    const outcomes = Array.from({ length: 1000 }, (_, i) =>
      i % 20 < 5
        ? { live: true, sec: 11 }
        : i % 20 < 7
          ? { live: false, sec: 3 }
          : { live: false, sec: 20 },
    )
    for (const o of [...outcomes].sort((a, b) => a.sec - b.sec)) {
      if (o.sec <= 11) estimator.observeResolution(o.live, o.sec, o.sec * 1000)
    }
    // At 12 s only the busy tones and the live answers are back: a naive rate would read 0.71 or,
    // before the answers, 0; the settled rate is still the prior.
    const early = estimator.snapshot(12_000).liveProbability
    expect(early).toBeGreaterThan(0.15)
    expect(early).toBeLessThan(0.35)
    for (const o of outcomes)
      if (o.sec > 11) estimator.observeResolution(o.live, o.sec, o.sec * 1000)
    // Once the dials of that second have settled, the rate is the true 25 %.
    const settled = estimator.snapshot(120_000).liveProbability
    expect(Math.abs(settled - 0.25)).toBeLessThan(0.01)
  })
})
