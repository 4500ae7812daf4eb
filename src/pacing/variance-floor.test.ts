// Goal: a team of 3 dials ahead of an agent who surely frees in seconds (issue 15, small teams;
// docs/pacing.md §4): the marginal chance's variance floor grows with the pool.
import { describe, expect, it } from 'vitest'
import { buildPacingModel } from './model.ts'
import { decidePredictive } from './predictive.ts'
import { SampleDistribution } from './samples.ts'
import { testSnapshot } from './test-kit-snapshot.ts'
import type { PacingSnapshot } from './types.ts'
import { VARIANCE_FLOOR_MAX, VARIANCE_FLOOR_PER_SERVER, varianceFloor } from './variance-floor.ts'

const evenly = (count: number, from: number, to: number): SampleDistribution =>
  new SampleDistribution(
    Float64Array.from({ length: count }, (_, i) => from + ((to - from) * i) / (count - 1)),
  )

/** Live answers at 8–12 s, talk 100–200 s, wrap-up 10–20 s. */
const MODEL = buildPacingModel({
  liveProbability: 0.3,
  liveTimes: evenly(41, 8, 12),
  otherTimes: evenly(69, 3, 20),
  talk: evenly(101, 100, 200),
  wrap: evenly(21, 10, 20),
})

/** No agent ready; `wrapping` agents 19.5 s into a wrap-up of at most 20 s, `talking` just started. */
function team(wrapping: number, talking: number): PacingSnapshot {
  const busyServers = [
    { phase: 'wrapUp' as const, elapsedSec: 19.5, count: wrapping },
    { phase: 'talking' as const, elapsedSec: 1, count: talking },
  ].filter((group) => group.count > 0)
  return testSnapshot(MODEL, {
    busyServers,
    staffedServers: wrapping + talking,
    windowConnects: 500,
    estimates: { talkSec: 150, liveSamples: 500 },
  })
}

describe('variance floor of the marginal chance (issue 15, small teams)', () => {
  it('is a share of each staffed server (one at least), at most VARIANCE_FLOOR_MAX', () => {
    expect(varianceFloor(3)).toBeCloseTo(3 * VARIANCE_FLOOR_PER_SERVER, 12)
    expect(varianceFloor(0)).toBe(VARIANCE_FLOOR_PER_SERVER)
    expect(varianceFloor(20)).toBeCloseTo(VARIANCE_FLOOR_MAX, 12)
    expect(varianceFloor(1000)).toBe(VARIANCE_FLOOR_MAX)
  })

  it('a team of 3 dials a line ahead of the agent who frees within a second (1 % threshold)', () => {
    const s = team(1, 2)
    expect(decidePredictive(s, 0.01, 0).targetLinesInFlight).toBeGreaterThanOrEqual(1)
  })

  it('a team of 3 with everyone just started talking dials nothing', () => {
    expect(decidePredictive(team(0, 3), 0.01, 0).targetLinesInFlight).toBe(0)
  })
})
