// From per-seed rows to the figures the tables print: means over the seeds (with min/max where
// the spread matters), predictive against each baseline, and the fixed-best monotonicity check.
import {
  type BenchRow,
  POLICY_NAMES,
  type PolicyName,
  type ScenarioInfo,
  type SearchRecord,
} from './types.ts'

export interface Spread {
  mean: number
  min: number
  max: number
}

export interface PolicyStats {
  policy: PolicyName
  seeds: number
  occupancy: Spread
  abandon: Spread
  worstWindow: Spread
  connectsPerAgentHour: number
  meanAgentWaitSec: number
  /** fixed-best and oracle: mean chosen ratio, and the seeds where no ratio met the target. */
  ratio?: number
  infeasibleSeeds?: number
  /** oracle: mean chosen horizon, in seconds. */
  horizonSec?: number
}

export interface Comparison {
  /** Occupancy of the baseline, mean over the seeds. */
  baseline: number
  /** predictive / baseline occupancy on the same seed: mean and worst over the seeds. */
  ratio: Spread
}

export interface ScenarioSummary {
  scenario: string
  predictive: number
  fixedBest: Comparison
  fixedBestRatio: number
  adaptive: Comparison
  progressive: Comparison
  /** Predictive's abandon rate ≤ target over the run and in the worst window, on every seed. */
  capHeld: boolean
  maxAbandon: number
  maxWorstWindow: number
}

export function spread(values: readonly number[]): Spread {
  if (values.length === 0) return { mean: Number.NaN, min: Number.NaN, max: Number.NaN }
  const sum = values.reduce((a, b) => a + b, 0)
  return { mean: sum / values.length, min: Math.min(...values), max: Math.max(...values) }
}

const mean = (values: readonly number[]) => spread(values).mean

function rowsOf(rows: readonly BenchRow[], scenario: string, policy: PolicyName): BenchRow[] {
  return rows.filter((r) => r.scenario === scenario && r.policy === policy)
}

/** The policies that ran on the scenario (the oracle runs agent scenarios only). */
export function policyStats(rows: readonly BenchRow[], scenario: string): PolicyStats[] {
  return POLICY_NAMES.flatMap((policy) => {
    const mine = rowsOf(rows, scenario, policy)
    if (mine.length === 0 && policy === 'oracle') return []
    const stats: PolicyStats = {
      policy,
      seeds: mine.length,
      occupancy: spread(mine.map((r) => r.occupancyPct)),
      abandon: spread(mine.map((r) => r.abandonRatePct)),
      worstWindow: spread(mine.map((r) => r.worstWindowAbandonPct)),
      connectsPerAgentHour: mean(mine.map((r) => r.connectsPerAgentHour)),
      meanAgentWaitSec: mean(mine.map((r) => r.meanAgentWaitSec)),
    }
    if (policy === 'fixed-best' || policy === 'oracle') {
      stats.ratio = mean(mine.map((r) => r.ratio ?? Number.NaN))
      stats.infeasibleSeeds = mine.filter((r) => r.infeasible).length
    }
    if (policy === 'oracle') stats.horizonSec = mean(mine.map((r) => r.horizonSec ?? Number.NaN))
    return [stats]
  })
}

/** Paired by seed: the same customers met by both policies, so seed noise mostly cancels. */
function compare(predictive: readonly BenchRow[], baseline: readonly BenchRow[]): Comparison {
  const ratios = predictive.flatMap((p) => {
    const b = baseline.find((r) => r.seed === p.seed)
    return b && b.occupancyPct > 0 ? [p.occupancyPct / b.occupancyPct] : []
  })
  return { baseline: mean(baseline.map((r) => r.occupancyPct)), ratio: spread(ratios) }
}

export function scenarioSummary(rows: readonly BenchRow[], info: ScenarioInfo): ScenarioSummary {
  const predictive = rowsOf(rows, info.name, 'predictive')
  const target = info.scenario.abandonTargetPct
  const fixedBest = rowsOf(rows, info.name, 'fixed-best')
  return {
    scenario: info.name,
    predictive: mean(predictive.map((r) => r.occupancyPct)),
    fixedBest: compare(predictive, fixedBest),
    fixedBestRatio: mean(fixedBest.map((r) => r.ratio ?? Number.NaN)),
    adaptive: compare(predictive, rowsOf(rows, info.name, 'adaptive-reference')),
    progressive: compare(predictive, rowsOf(rows, info.name, 'progressive')),
    capHeld: predictive.every(
      (r) => r.abandonRatePct <= target && r.worstWindowAbandonPct <= target,
    ),
    maxAbandon: spread(predictive.map((r) => r.abandonRatePct)).max,
    maxWorstWindow: spread(predictive.map((r) => r.worstWindowAbandonPct)).max,
  }
}

export interface MonotonicityCheck {
  scenario: string
  /** Pairs of consecutive simulated ratios (same seed), over all seeds. */
  pairs: number
  occupancyReversals: number
  /** Largest occupancy drop (points) from a ratio to the next higher one simulated. */
  worstOccupancyDrop: number
  abandonReversals: number
  worstAbandonDrop: number
}

/**
 * Does occupancy and abandon rate grow with the ratio, as the search assumes? Every pair of
 * consecutive ratios the search simulated on one seed is a test; a reversal is a drop.
 */
export function monotonicity(searches: readonly SearchRecord[], scenario: string) {
  const check: MonotonicityCheck = {
    scenario,
    pairs: 0,
    occupancyReversals: 0,
    worstOccupancyDrop: 0,
    abandonReversals: 0,
    worstAbandonDrop: 0,
  }
  for (const search of searches.filter((s) => s.scenario === scenario)) {
    for (let i = 1; i < search.samples.length; i++) {
      const lower = search.samples[i - 1]!
      const higher = search.samples[i]!
      check.pairs += 1
      const occupancyDrop = lower.occupancyPct - higher.occupancyPct
      const abandonDrop = lower.abandonRatePct - higher.abandonRatePct
      if (occupancyDrop > 0) check.occupancyReversals += 1
      if (abandonDrop > 0) check.abandonReversals += 1
      check.worstOccupancyDrop = Math.max(check.worstOccupancyDrop, occupancyDrop)
      check.worstAbandonDrop = Math.max(check.worstAbandonDrop, abandonDrop)
    }
  }
  return check
}
