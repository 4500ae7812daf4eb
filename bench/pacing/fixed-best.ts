// The fixed-best baseline of docs/benchmarks.md: on one seed, the constant dial ratio (steps of
// 0.05) with the highest occupancy whose whole-run abandon rate stays ≤ the target, found in
// hindsight.
//
// A full sweep is ~100 simulated days per seed. Occupancy and abandon rate both grow with the ratio
// (more lines per ready agent: shorter waits, more over-connects), so the feasible ratios form a
// prefix of the grid and the largest feasible one can be bracketed: exponential steps from 1.0,
// then bisection, O(log n) days (bench/pacing/grid-search.ts). The growth is only approximately
// monotone (each ratio draws the seed's random streams differently), so the two grid ratios just
// below the boundary are simulated too and the best occupancy among every feasible ratio simulated
// wins. The harness reports how
// often the simulated samples broke monotonicity (docs/benchmarks.md, "How fixed-best is found").
import { FIXED_RATIO_MAX } from '../../src/pacing/fixed.ts'
import { type Grid, searchMonotoneGrid } from './grid-search.ts'
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

const GRID: Grid = { min: K_MIN, start: Math.round(RATIO_START * GRID_STEPS_PER_UNIT), max: K_MAX }

/** Highest occupancy; on a tie the lower ratio (fewer abandons for the same talk time). */
function bestOf<T extends RatioSample>(samples: readonly T[]): T {
  return samples.reduce((best, s) => (s.occupancyPct > best.occupancyPct ? s : best))
}

export interface FixedBestOptions {
  /**
   * Called with the ratios the search may simulate next, before each wait (the harness starts
   * them on idle workers). The ratios simulated, and so the choice, do not depend on it.
   */
  hint?: (ratios: number[]) => void
  /** The ratio the search starts from (RATIO_START when absent). */
  startRatio?: number
}

/**
 * Searches the grid with `evaluate` (one simulated day per call, same seed each time, at most one
 * call per ratio). Each ratio tried depends on the previous verdict; only the ratios just below
 * the boundary are evaluated together. The search starts at `options.startRatio` (RATIO_START by default; the
 * oracle's search, oracle-best.ts, starts near a ratio it found).
 */
export async function findFixedBest<T extends RatioSample>(
  evaluate: (ratio: number) => Promise<T>,
  targetPct: number,
  options: FixedBestOptions = {},
): Promise<FixedBestChoice<T>> {
  const { hint, startRatio = RATIO_START } = options
  const start = Math.min(K_MAX, Math.max(K_MIN, Math.round(startRatio * GRID_STEPS_PER_UNIT)))
  const found = await searchMonotoneGrid<T>({
    grid: { ...GRID, start },
    evaluate: (k) => evaluate(gridRatio(k)),
    feasible: (sample) => sample.abandonRatePct <= targetPct,
    below: NEIGHBOURS_BELOW,
    ...(hint ? { hint: (ks: number[]) => hint(ks.map(gridRatio)) } : {}),
  })
  const samples = found.samples.map((s) => s.sample)
  if (found.boundary === null) {
    const lowest = found.samples.find((s) => s.k === K_MIN)
    if (lowest === undefined) throw new Error('the search ended without the lowest ratio')
    return { best: lowest.sample, infeasible: true, samples }
  }
  const feasibleSamples = samples.filter((s) => s.abandonRatePct <= targetPct)
  return { best: bestOf(feasibleSamples), infeasible: false, samples }
}
