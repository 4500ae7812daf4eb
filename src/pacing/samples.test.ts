// Goal: the sample window keeps its last `capacity` values and answers cdf/quantile/tail queries.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { InvariantError } from '../domain/invariant.ts'
import { RecentSamples, SampleDistribution } from './samples.ts'

const distribution = (values: readonly number[]): SampleDistribution =>
  new SampleDistribution(Float64Array.from(values).sort())

/** 1, 2, …, n */
const oneTo = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1)

const sampleArrays = fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 1, maxLength: 60 })

describe('RecentSamples window (R1.3 predictive inputs)', () => {
  it('keeps at most `capacity` samples: older ones, prior included, are pushed out', () => {
    const samples = new RecentSamples(5, [100, 100, 100])
    for (const value of oneTo(10)) samples.add(value)
    // Only 6…10 remain.
    expect(samples.mean()).toBe(8)
    const view = samples.frozen()
    expect(view.cdf(5.5)).toBe(0)
    expect(view.cdf(10)).toBe(1)
    expect(view.quantile(0)).toBe(6)
    expect(view.quantile(0.99)).toBe(10)
  })

  it('before the window fills, the mean mixes the prior with the real samples', () => {
    const samples = new RecentSamples(10, [10, 20])
    expect(samples.mean()).toBe(15)
    samples.add(30)
    expect(samples.mean()).toBe(20)
  })

  it('the mean is the mean of the last `capacity` values (prior then real samples)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.array(fc.integer({ min: 0, max: 1000 }), { maxLength: 30 }),
        fc.array(fc.integer({ min: 0, max: 1000 }), { maxLength: 80 }),
        (capacity, prior, added) => {
          fc.pre(prior.length + added.length > 0)
          const samples = new RecentSamples(capacity, prior)
          for (const value of added) samples.add(value)
          const window = [...prior, ...added].slice(-capacity)
          const mean = window.reduce((a, b) => a + b, 0) / window.length
          expect(samples.mean()).toBeCloseTo(mean, 9)
          const view = samples.frozen()
          for (const value of window) {
            const expected = window.filter((w) => w <= value).length / window.length
            expect(view.cdf(value)).toBeCloseTo(expected, 12)
          }
        },
      ),
    )
  })

  it('`observed` counts only real samples, not the prior', () => {
    const samples = new RecentSamples(4, [1, 2, 3, 4, 5, 6])
    expect(samples.observed).toBe(0)
    samples.add(7)
    samples.add(8)
    expect(samples.observed).toBe(2)
    // It keeps counting past the capacity (it is a count of observations, not of the window).
    for (const value of oneTo(10)) samples.add(value)
    expect(samples.observed).toBe(12)
  })

  it('negative durations are recorded as 0', () => {
    const samples = new RecentSamples(3, [])
    samples.add(-5)
    samples.add(3)
    expect(samples.mean()).toBe(1.5)
    expect(samples.frozen().quantile(0)).toBe(0)
  })

  it('frozen() is a snapshot: later adds do not change it, and it is cached until an add', () => {
    const samples = new RecentSamples(4, [1, 2, 3, 4])
    const before = samples.frozen()
    expect(samples.frozen()).toBe(before)
    samples.add(100)
    samples.add(100)
    expect(before.cdf(4)).toBe(1)
    expect(before.quantile(0.99)).toBe(4)
    const after = samples.frozen()
    expect(after).not.toBe(before)
    expect(after.cdf(4)).toBe(0.5)
    expect(after.quantile(0.99)).toBe(100)
  })

  it('frozen() sorts numerically (not as strings)', () => {
    const samples = new RecentSamples(5, [100, 9, 20, 3, 1000])
    const view = samples.frozen()
    expect([0, 0.2, 0.4, 0.6, 0.8].map((q) => view.quantile(q))).toEqual([3, 9, 20, 100, 1000])
  })

  it('frozen() holds the last `capacity` values in order as samples come and go (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 80 }),
        (capacity, values) => {
          const prior = [5, 1, 5, 9].slice(0, capacity)
          const samples = new RecentSamples(capacity, prior)
          const all = [...prior]
          for (const value of values) {
            samples.add(value)
            all.push(value)
            const kept = Float64Array.from(all.slice(-capacity)).sort()
            const view = samples.frozen()
            const n = kept.length
            expect(Array.from(kept, (_, i) => view.quantile((i + 0.5) / n))).toEqual([...kept])
          }
        },
      ),
    )
  })

  it('refuses an empty window', () => {
    expect(() => new RecentSamples(0, [])).toThrow(InvariantError)
    expect(() => new SampleDistribution(new Float64Array(0))).toThrow(InvariantError)
  })
})

describe('SampleDistribution (R1.3 predictive forecast)', () => {
  const tenths = distribution(oneTo(10))

  it('cdf matches known data', () => {
    expect(tenths.cdf(0)).toBe(0)
    expect(tenths.cdf(0.999)).toBe(0)
    expect(tenths.cdf(1)).toBeCloseTo(0.1, 12)
    expect(tenths.cdf(5.5)).toBeCloseTo(0.5, 12)
    expect(tenths.cdf(10)).toBe(1)
    expect(tenths.cdf(1e9)).toBe(1)
  })

  it('cdf counts ties', () => {
    const ties = distribution([1, 2, 2, 2, 3])
    expect(ties.cdf(1.5)).toBeCloseTo(0.2, 12)
    expect(ties.cdf(2)).toBeCloseTo(0.8, 12)
  })

  it('quantile matches known data (sorted[floor(q·n)], clamped)', () => {
    expect(tenths.quantile(0)).toBe(1)
    expect(tenths.quantile(0.05)).toBe(1)
    expect(tenths.quantile(0.1)).toBe(2)
    expect(tenths.quantile(0.5)).toBe(6)
    expect(tenths.quantile(0.95)).toBe(10)
    expect(tenths.quantile(1)).toBe(10)
    expect(tenths.quantile(-1)).toBe(1)
    expect(tenths.quantile(2)).toBe(10)
  })

  it('quantile and cdf agree: cdf(quantile(q)) > q, and every smaller sample has cdf ≤ q', () => {
    fc.assert(
      fc.property(
        sampleArrays,
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (values, q) => {
          const d = distribution(values)
          const x = d.quantile(q)
          expect(values).toContain(x)
          expect(d.cdf(x)).toBeGreaterThan(q)
          for (const v of values) if (v < x) expect(d.cdf(v)).toBeLessThanOrEqual(q + 1e-12)
        },
      ),
    )
  })

  it('cdf is non-decreasing and within [0, 1]', () => {
    fc.assert(
      fc.property(
        sampleArrays,
        fc.double({ min: -10, max: 400, noNaN: true }),
        fc.double({ min: 0, max: 400, noNaN: true }),
        (values, x, dx) => {
          const d = distribution(values)
          expect(d.cdf(x)).toBeGreaterThanOrEqual(0)
          expect(d.cdf(x + dx)).toBeLessThanOrEqual(1)
          expect(d.cdf(x + dx)).toBeGreaterThanOrEqual(d.cdf(x))
        },
      ),
    )
  })

  it('conditionalCdf is the empirical conditional probability while enough survivors remain', () => {
    const hundred = distribution(oneTo(100))
    // P(X ≤ 50 | X > 30) = 20 / 70
    expect(hundred.conditionalCdf(30, 20)).toBeCloseTo(20 / 70, 12)
    expect(hundred.conditionalCdf(0, 100)).toBe(1)
    expect(hundred.conditionalCdf(30, 0)).toBe(0)
    // 8 survivors (93 … 100) are still enough.
    expect(hundred.conditionalCdf(92, 4)).toBeCloseTo(4 / 8, 12)
  })

  it('conditionalCdf equals brute-force counting whenever ≥ 8 samples exceed `elapsed` (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 200 }), { minLength: 8, maxLength: 80 }),
        fc.double({ min: 0, max: 200, noNaN: true }),
        fc.double({ min: 0, max: 200, noNaN: true }),
        (values, elapsed, x) => {
          const survivors = values.filter((v) => v > elapsed)
          fc.pre(survivors.length >= 8)
          const expected = survivors.filter((v) => v <= elapsed + x).length / survivors.length
          expect(distribution(values).conditionalCdf(elapsed, x)).toBeCloseTo(expected, 12)
        },
      ),
    )
  })

  it('addConditionalCdfs adds exactly what conditionalCdf gives at each step, in both regimes (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 120, noNaN: true }), { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 0, max: 130 }),
        fc.double({ min: 0, max: 30, noNaN: true }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 40 }),
        (values, elapsed, shift, start) => {
          const samples = distribution(values)
          const out = Float64Array.from(start)
          samples.addConditionalCdfs(elapsed, shift, out)
          for (let k = 1; k < out.length; k++) {
            const expected =
              k >= shift ? start[k]! + samples.conditionalCdf(elapsed, k - shift) : start[k]!
            expect(out[k]).toBe(expected)
          }
          expect(out[0]).toBe(start[0])
        },
      ),
    )
  })

  it('past the samples, conditionalCdf falls back to an exponential tail with the top samples’ mean excess', () => {
    const hundred = distribution(oneTo(100))
    // Top 8 samples: 93 … 100, mean excess over 93 = (0 + 1 + … + 7) / 8 = 3.5.
    expect(hundred.conditionalCdf(200, 3.5)).toBeCloseTo(1 - Math.exp(-1), 12)
    expect(hundred.conditionalCdf(1000, 7)).toBeCloseTo(1 - Math.exp(-2), 12)
    // Still below 1 for any finite x: a long call can always last longer.
    expect(hundred.conditionalCdf(200, 30)).toBeLessThan(1)
    expect(hundred.conditionalCdf(200, 0)).toBe(0)
    // The mean excess is at least 1 s (a constant distribution does not give a step at 0).
    expect(distribution([15, 15, 15]).conditionalCdf(20, 1)).toBeCloseTo(1 - Math.exp(-1), 12)
  })

  it('conditionalCdf is within [0, 1] and non-decreasing in x, in the empirical and tail regimes', () => {
    fc.assert(
      fc.property(
        sampleArrays,
        fc.double({ min: 0, max: 600, noNaN: true }),
        fc.double({ min: 0, max: 600, noNaN: true }),
        fc.double({ min: 0, max: 600, noNaN: true }),
        (values, elapsed, x, dx) => {
          const d = distribution(values)
          const lower = d.conditionalCdf(elapsed, x)
          const upper = d.conditionalCdf(elapsed, x + dx)
          expect(lower).toBeGreaterThanOrEqual(0)
          expect(upper).toBeLessThanOrEqual(1)
          expect(upper).toBeGreaterThanOrEqual(lower)
        },
      ),
    )
  })
})
