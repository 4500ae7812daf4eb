// The fixed-best baseline of docs/benchmarks.md: on one seed, the constant dial ratio (steps of
// 0.05) with the highest occupancy whose whole-run abandon rate stays ≤ the target, found in
// hindsight.
//
// A full sweep is ~100 simulated days per seed. Occupancy and abandon rate both grow with the ratio
// (more lines per ready agent: shorter waits, more over-connects), so the feasible ratios form a
// prefix of the grid and the largest feasible one can be bracketed: exponential steps from 1.0,
// then bisection, O(log n) days. The growth is only approximately monotone (each ratio draws the
// seed's random streams differently), so the two grid ratios just below the boundary are simulated
// too and the best occupancy among every feasible ratio simulated wins. The harness reports how
// often the simulated samples broke monotonicity (docs/benchmarks.md, "How fixed-best is found").
import { FIXED_RATIO_MAX } from '../../src/pacing/fixed.ts'
import type { RatioSample } from './types.ts'

/** Grid steps per unit of ratio: a step of 0.05. Ratios are handled as grid indices k = 20·r. */
export const GRID_STEPS_PER_UNIT = 20
export const RATIO_MIN = 0.5
export const RATIO_START = 1.0
/** The fixed policy's own upper bound: the grid ends where the policy refuses ratios. */
export const RATIO_MAX = FIXED_RATIO_MAX
/** Grid ratios simulated below the boundary, to absorb small non-monotone noise. */
export const NEIGHBOURS_BELOW = 2

const K_MIN = Math.round(RATIO_MIN * GRID_STEPS_PER_UNIT)
const K_MAX = Math.round(RATIO_MAX * GRID_STEPS_PER_UNIT)

/** The ratio of grid index k, rounded to two decimals so that 0.05·k prints and compares exactly. */
export function gridRatio(k: number): number {
  return Math.round((k * 100) / GRID_STEPS_PER_UNIT) / 100
}

export function isOnGrid(ratio: number): boolean {
  const k = ratio * GRID_STEPS_PER_UNIT
  return Math.abs(k - Math.round(k)) < 1e-9 && ratio >= RATIO_MIN - 1e-9 && ratio <= RATIO_MAX
}

export interface FixedBestChoice<T extends RatioSample> {
  best: T
  /** Even RATIO_MIN broke the target: `best` is RATIO_MIN's figures. */
  infeasible: boolean
  /** Every ratio simulated, by ratio. */
  samples: T[]
}

type Feasible = (k: number) => Promise<boolean>
/** lo is feasible; hi is infeasible, or K_MAX + 1 when the whole grid above lo is feasible. */
type Bracket = { lo: number; hi: number }

/** From a feasible start: double the step until a ratio breaks the target or the grid ends. */
async function bracketUp(feasible: Feasible, start: number): Promise<Bracket> {
  let lo = start
  for (let step = 1; ; step *= 2) {
    const next = Math.min(K_MAX, lo + step)
    if (next === lo) return { lo, hi: K_MAX + 1 }
    if (!(await feasible(next))) return { lo, hi: next }
    lo = next
  }
}

/** From an infeasible start: double the step down until one is feasible; null if none is. */
async function bracketDown(feasible: Feasible, start: number): Promise<Bracket | null> {
  let hi = start
  for (let step = 1; ; step *= 2) {
    const next = Math.max(K_MIN, hi - step)
    if (await feasible(next)) return { lo: next, hi }
    if (next === K_MIN) return null
    hi = next
  }
}

async function bisect(bracket: Bracket, feasible: Feasible): Promise<number> {
  let { lo, hi } = bracket
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2)
    if (await feasible(mid)) lo = mid
    else hi = mid
  }
  return lo
}

/** Highest occupancy; on a tie the lower ratio (fewer abandons for the same talk time). */
function bestOf<T extends RatioSample>(samples: readonly T[]): T {
  return samples.reduce((best, s) => (s.occupancyPct > best.occupancyPct ? s : best))
}

/**
 * Searches the grid with `evaluate` (one simulated day per call, same seed each time). Calls are
 * sequential by nature: each ratio tried depends on the previous verdict. The search starts at
 * `startRatio` (RATIO_START; the oracle's search, oracle-best.ts, starts near a ratio it found).
 */
export async function findFixedBest<T extends RatioSample>(
  evaluate: (ratio: number) => Promise<T>,
  targetPct: number,
  startRatio: number = RATIO_START,
): Promise<FixedBestChoice<T>> {
  const start = Math.min(K_MAX, Math.max(K_MIN, Math.round(startRatio * GRID_STEPS_PER_UNIT)))
  const cache = new Map<number, T>()
  const sampleAt = async (k: number): Promise<T> => {
    let sample = cache.get(k)
    if (sample === undefined) {
      sample = await evaluate(gridRatio(k))
      cache.set(k, sample)
    }
    return sample
  }
  const feasible: Feasible = async (k) => (await sampleAt(k)).abandonRatePct <= targetPct
  const bracket = (await feasible(start))
    ? await bracketUp(feasible, start)
    : await bracketDown(feasible, start)
  const samples = (): T[] => [...cache.values()].sort((a, b) => a.ratio - b.ratio)
  if (bracket === null) {
    return { best: await sampleAt(K_MIN), infeasible: true, samples: samples() }
  }
  const boundary = await bisect(bracket, feasible)
  for (let k = boundary - 1; k >= Math.max(K_MIN, boundary - NEIGHBOURS_BELOW); k--) {
    await sampleAt(k)
  }
  const feasibleSamples = samples().filter((s) => s.abandonRatePct <= targetPct)
  return { best: bestOf(feasibleSamples), infeasible: false, samples: samples() }
}
