// Goal: the forecast tables are cumulative probabilities that follow their sample distributions.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { BusyServer } from './model.ts'
import { buildPacingModel, CONNECT_MARGIN_SEC, HORIZON_SEC_MAX } from './model.ts'
import { SampleDistribution } from './samples.ts'

const distribution = (values: readonly number[]): SampleDistribution =>
  new SampleDistribution(Float64Array.from(values).sort())
/** `count` evenly spaced values from `from` to `to` inclusive. */
const evenly = (count: number, from: number, to: number): number[] =>
  Array.from({ length: count }, (_, i) => from + ((to - from) * i) / (count - 1))
const exponentialQuantiles = (count: number, mean: number): number[] =>
  Array.from({ length: count }, (_, i) => -mean * Math.log(1 - (i + 0.5) / count))

const LIVE = distribution(Array.from({ length: 41 }, (_, i) => (80 + i) / 10)) // 8 … 12 s
const OTHER = distribution(evenly(69, 3, 20))
const TALK = distribution(exponentialQuantiles(200, 120))
const WRAP_CONSTANT = distribution(evenly(41, 14.5, 15.5))
const OTHER_ABOVE_10 = evenly(69, 3, 20).filter((v) => v > 10).length

const model = (
  liveProbability = 0.3,
  overrides: Partial<Parameters<typeof buildPacingModel>[0]> = {},
) =>
  buildPacingModel({
    liveProbability,
    liveTimes: LIVE,
    otherTimes: OTHER,
    talk: TALK,
    wrap: WRAP_CONSTANT,
    ...overrides,
  })

function expectNonDecreasing(table: Float64Array): void {
  for (let k = 1; k < table.length; k++)
    expect(table[k]!).toBeGreaterThanOrEqual(table[k - 1]! - 1e-12)
}
function expectProbabilities(table: Float64Array): void {
  for (const value of table) {
    expect(value).toBeGreaterThanOrEqual(0)
    expect(value).toBeLessThanOrEqual(1 + 1e-12)
  }
}

describe('buildPacingModel horizon (R1.3 predictive)', () => {
  it('covers the 99th percentile of the live time plus a second', () => {
    expect(model().horizonSec).toBe(13)
    expect(model().liveProbability).toBe(0.3)
  })

  it('is never under 10 s nor over HORIZON_SEC_MAX', () => {
    expect(model(0.3, { liveTimes: distribution([1, 2, 3]) }).horizonSec).toBe(10)
    expect(model(0.3, { liveTimes: distribution([500, 600]) }).horizonSec).toBe(HORIZON_SEC_MAX)
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1000, noNaN: true }), { minLength: 1, maxLength: 50 }),
        (live) => {
          const horizon = model(0.3, { liveTimes: distribution(live) }).horizonSec
          expect(Number.isInteger(horizon)).toBe(true)
          expect(horizon).toBeGreaterThanOrEqual(10)
          expect(horizon).toBeLessThanOrEqual(HORIZON_SEC_MAX)
        },
      ),
    )
  })
})

describe('lineLiveCdf: a line in flight turning live (R1.3 predictive demand)', () => {
  it('is a cumulative probability over k = 0 … horizonSec, 0 at k = 0', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 120, noNaN: true }),
        (p, age) => {
          const m = model(p)
          const table = m.lineLiveCdf(age)
          expect(table.length).toBe(m.horizonSec + 1)
          expect(table[0]).toBe(0)
          expectProbabilities(table)
          expectNonDecreasing(table)
        },
      ),
    )
  })

  it('for a new line, tops out at the live probability (every live answer falls in the horizon)', () => {
    for (const p of [0, 0.05, 0.3, 0.8, 1]) {
      const table = model(p).lineLiveCdf(0)
      expect(table[table.length - 1]!).toBeLessThanOrEqual(p + 1e-12)
      expect(table[table.length - 1]!).toBeCloseTo(p, 12)
    }
    // No live answer before the first live-time sample (8 s).
    const table = model(0.3).lineLiveCdf(0)
    expect(table[7]).toBe(0)
    expect(table[8]!).toBeGreaterThan(0)
  })

  it('conditions on the time rung: half the live answers are gone at 10 s', () => {
    const p = 0.3
    const table = model(p).lineLiveCdf(10)
    // Live still possible: p × 20/41 of the live mass (samples 10.1 … 12); unresolved others: those > 10.
    const liveLeft = p * (20 / 41)
    const otherLeft = (1 - p) * (OTHER_ABOVE_10 / 69)
    expect(table[table.length - 1]!).toBeCloseTo(liveLeft / (liveLeft + otherLeft), 12)
  })

  it('a line that has rung past every live-time sample has ~0 chance to turn live', () => {
    for (const age of [12.5, 13, 15, 19, 25, 60, 500]) {
      const table = model(0.5).lineLiveCdf(age)
      expect(Math.max(...table)).toBeLessThan(1e-9)
    }
  })

  it('ages share a 1-second table (cached)', () => {
    const m = model()
    expect(m.lineLiveCdf(3.2)).toBe(m.lineLiveCdf(3.9))
    expect(m.lineLiveCdf(-2)).toBe(m.lineLiveCdf(0))
  })
})

describe('serverFreeCdf: a busy agent or IVR port freeing (R1.3 predictive, R1.4 IVR supply)', () => {
  const supplyLength = (m: ReturnType<typeof model>) => m.horizonSec + CONNECT_MARGIN_SEC + 1

  it("'reserving' is free from k ≥ 1 (the reserved agent is about to be ready)", () => {
    const m = model()
    const table = m.serverFreeCdf({ phase: 'reserving', elapsedSec: 3 })
    expect(table.length).toBe(supplyLength(m))
    expect(table[0]).toBe(0)
    for (let k = 1; k < table.length; k++) expect(table[k]).toBe(1)
  })

  it("'wrapUp' with a near-constant 15 s wrap-up: frees at about 15 s of wrap, later in the wrap → sooner", () => {
    const m = model()
    const early = m.serverFreeCdf({ phase: 'wrapUp', elapsedSec: 2 })
    const late = m.serverFreeCdf({ phase: 'wrapUp', elapsedSec: 12 })
    expect(early.length).toBe(supplyLength(m))
    // 2 s in: done after 12.5 … 13.5 more seconds.
    expect(early[12]).toBe(0)
    expect(early[14]).toBe(1)
    // 12 s in: done after 2.5 … 3.5 more seconds.
    expect(late[2]).toBe(0)
    expect(late[4]).toBe(1)
  })

  it("'wrapUp' freeing chance increases with elapsed time in the wrap-up (near-constant wrap-up)", () => {
    const m = model()
    for (let elapsed = 0; elapsed < 14; elapsed++) {
      const now = m.serverFreeCdf({ phase: 'wrapUp', elapsedSec: elapsed })
      const later = m.serverFreeCdf({ phase: 'wrapUp', elapsedSec: elapsed + 1 })
      expectProbabilities(now)
      expectNonDecreasing(now)
      for (let k = 0; k < now.length; k++) expect(later[k]!).toBeGreaterThanOrEqual(now[k]!)
      // Strictly: the second it frees in moves one second earlier.
      const firstFree = (t: Float64Array) => t.findIndex((v) => v > 0)
      expect(firstFree(later)).toBe(firstFree(now) - 1)
    }
  })

  it("'talking' is a cumulative probability, zero until the shortest wrap-up has passed", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 2000, noNaN: true }), (elapsedSec) => {
        const m = model()
        const table = m.serverFreeCdf({ phase: 'talking', elapsedSec })
        expect(table.length).toBe(supplyLength(m))
        expectProbabilities(table)
        expectNonDecreasing(table)
        // Wrap-up takes ≥ 14.5 s after the talk: not free within 14 s whatever the talk does.
        expect(table[14]).toBe(0)
      }),
    )
  })

  it("'talking' with short IVR messages (20–40 s, no wrap-up) frees near the message end (R1.4 IVR)", () => {
    const m = model(0.3, { talk: distribution(evenly(81, 20, 40)), wrap: distribution([0]) })
    const justStarted = m.serverFreeCdf({ phase: 'talking', elapsedSec: 1 })
    const nearEnd = m.serverFreeCdf({ phase: 'talking', elapsedSec: 30 })
    expectNonDecreasing(justStarted)
    expectNonDecreasing(nearEnd)
    expect(justStarted[justStarted.length - 1]).toBe(0)
    // 30 s in: half the remaining messages end within 5 s, all within 10 s.
    expect(nearEnd[5]!).toBeCloseTo(20 / 40, 12)
    expect(nearEnd[10]).toBe(1)
  })

  it('elapsed times share buckets (cached tables)', () => {
    const m = model()
    const a: BusyServer = { phase: 'talking', elapsedSec: 61 }
    const b: BusyServer = { phase: 'talking', elapsedSec: 64.9 }
    expect(m.serverFreeCdf(a)).toBe(m.serverFreeCdf(b))
    expect(m.serverFreeCdf({ phase: 'wrapUp', elapsedSec: 3.1 })).toBe(
      m.serverFreeCdf({ phase: 'wrapUp', elapsedSec: 3.8 }),
    )
    expect(m.serverFreeCdf({ phase: 'wrapUp', elapsedSec: 3 })).not.toBe(
      m.serverFreeCdf({ phase: 'talking', elapsedSec: 3 }),
    )
  })
})
