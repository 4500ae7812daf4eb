// Goal: the fixed-ratio baseline keeps round(ratio × ready) lines and refuses bad ratios.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { InvariantError } from '../domain/invariant.ts'
import { FIXED_RATIO_MAX, fixedRatioPolicy } from './fixed.ts'
import type { BusyServer } from './model.ts'
import { buildPacingModel } from './model.ts'
import { SampleDistribution } from './samples.ts'
import { testSnapshot } from './test-kit-snapshot.ts'
import type { PacingSnapshot } from './types.ts'

const one = new SampleDistribution(Float64Array.of(10))
const MODEL = buildPacingModel({
  liveProbability: 0.3,
  liveTimes: one,
  otherTimes: one,
  talk: one,
  wrap: one,
})

function snapshot(readyServers: number, extra: Partial<PacingSnapshot> = {}): PacingSnapshot {
  return testSnapshot(MODEL, { readyServers, ...extra })
}

describe('fixedRatioPolicy (R1.3 predictive baseline)', () => {
  it('targets round(ratio × ready) lines', () => {
    const cases: [number, number, number][] = [
      [1, 7, 7],
      [2, 5, 10],
      [1.5, 3, 5], // 4.5 rounds up
      [1.3, 4, 5], // 5.2
      [1.2, 3, 4], // 3.6
      [2.5, 0, 0],
      [0.5, 1, 1], // 0.5 rounds up
      [0.4, 1, 0],
      [FIXED_RATIO_MAX, 2, 2 * FIXED_RATIO_MAX],
    ]
    for (const [ratio, ready, target] of cases) {
      expect(fixedRatioPolicy(ratio).decide(snapshot(ready)).targetLinesInFlight).toBe(target)
    }
  })

  it('target = round(ratio × ready), whatever else the snapshot says (property)', () => {
    const busy = fc.array(
      fc.record({
        phase: fc.constantFrom<BusyServer['phase']>('reserving', 'talking', 'wrapUp'),
        elapsedSec: fc.integer({ min: 0, max: 600 }),
        count: fc.integer({ min: 1, max: 5 }),
      }),
      { maxLength: 10 },
    )
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: FIXED_RATIO_MAX, noNaN: true }),
        fc.integer({ min: 0, max: 1000 }),
        busy,
        fc.array(
          fc.record({
            ageSec: fc.integer({ min: 0, max: 60 }),
            count: fc.integer({ min: 1, max: 5 }),
          }),
          { maxLength: 20 },
        ),
        fc.boolean(),
        (ratio, ready, busyServers, lineAges, capGuardActive) => {
          const s = snapshot(ready, {
            busyServers,
            lineAges,
            linesInFlight: lineAges.reduce((sum, group) => sum + group.count, 0),
            capGuardActive,
            staffedServers: ready + busyServers.reduce((sum, group) => sum + group.count, 0),
          })
          const decision = fixedRatioPolicy(ratio).decide(s)
          expect(decision.targetLinesInFlight).toBe(Math.round(ratio * ready))
          expect(Number.isInteger(decision.targetLinesInFlight)).toBe(true)
          expect(Math.abs(decision.targetLinesInFlight - ratio * ready)).toBeLessThanOrEqual(0.5)
        },
      ),
    )
  })

  it('is stateless: the same snapshot gets the same decision, feedback or not', () => {
    const policy = fixedRatioPolicy(1.7)
    const first = policy.decide(snapshot(9))
    expect(policy.observe).toBeUndefined()
    expect(policy.decide(snapshot(9))).toEqual(first)
    expect(first.reason).toBe('fixed 1.7 × 9')
    expect(policy.name).toBe('fixed:1.7')
  })

  it('refuses a ratio that is not in (0, FIXED_RATIO_MAX]', () => {
    for (const ratio of [
      0,
      -1,
      -0.0001,
      FIXED_RATIO_MAX + 0.01,
      1000,
      Number.NaN,
      Number.POSITIVE_INFINITY,
    ]) {
      expect(() => fixedRatioPolicy(ratio), `ratio ${ratio}`).toThrow(InvariantError)
    }
    expect(() => fixedRatioPolicy(FIXED_RATIO_MAX)).not.toThrow()
    expect(() => fixedRatioPolicy(0.001)).not.toThrow()
  })
})
