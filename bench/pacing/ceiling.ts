// The ceiling goal of issue 15: on the stationary agent days, predictive closes at least half of
// the gap from fixed-best to the oracle, share = (predictive − fixed-best) / (oracle − fixed-best)
// of the mean occupancies over the seeds.
//
// A stationary agent day is an agent scenario (not IVR) whose customers answer alike all day: no
// schedule of contact-rate changes. Of the public scenarios that is large-stationary, blended (its
// inbound calls arrive at a constant rate), heavy-tail, small-team, tiny-team and
// progressive-analytic; drift is not (its contact rate changes), ivr-predictive has no agents.
import type { BenchReport } from './harness.ts'
import type { BenchRow, PolicyName, ScenarioInfo } from './types.ts'

/** The share of the fixed-best → oracle gap predictive must close on every stationary agent day. */
export const CEILING_SHARE_GOAL = 0.5

export function isStationaryAgentDay(info: ScenarioInfo): boolean {
  return info.serverLabel === 'agents' && info.scenario.schedule.length === 0
}

export interface CeilingSummary {
  scenario: string
  stationary: boolean
  predictive: number
  fixedBest: number
  oracle: number
  /** (predictive − fixed-best) / (oracle − fixed-best); null when the oracle is not above fixed-best. */
  share: number | null
  /** Every seed's oracle day held the target over the run and its worst window. */
  oracleCapHeld: boolean
}

function meanOccupancy(rows: readonly BenchRow[], scenario: string, policy: PolicyName): number {
  const mine = rows.filter((r) => r.scenario === scenario && r.policy === policy)
  if (mine.length === 0) return Number.NaN
  return mine.reduce((sum, r) => sum + r.occupancyPct, 0) / mine.length
}

export function ceilingSummary(rows: readonly BenchRow[], info: ScenarioInfo): CeilingSummary {
  const predictive = meanOccupancy(rows, info.name, 'predictive')
  const fixedBest = meanOccupancy(rows, info.name, 'fixed-best')
  const oracle = meanOccupancy(rows, info.name, 'oracle')
  const gap = oracle - fixedBest
  const target = info.scenario.abandonTargetPct
  const oracleRows = rows.filter((r) => r.scenario === info.name && r.policy === 'oracle')
  return {
    scenario: info.name,
    stationary: isStationaryAgentDay(info),
    predictive,
    fixedBest,
    oracle,
    share: gap > 0 ? (predictive - fixedBest) / gap : null,
    oracleCapHeld: oracleRows.every(
      (r) => r.abandonRatePct <= target && r.worstWindowAbandonPct <= target,
    ),
  }
}

/** Met when no gap is left (oracle ≤ fixed-best, predictive ≥ fixed-best) or the share is reached. */
export function ceilingGoalMet(s: CeilingSummary): boolean {
  if (s.share === null) return s.predictive >= s.fixedBest
  return s.share >= CEILING_SHARE_GOAL
}

export interface CeilingVerdict {
  summaries: CeilingSummary[]
  /** The stationary agent days that fall short of the goal. */
  shortOf: string[]
  /** Whether any stationary agent day was run. */
  judged: boolean
}

export function ceilingVerdict(report: Pick<BenchReport, 'rows' | 'scenarios'>): CeilingVerdict {
  const agentDays = report.scenarios.filter((info) => info.serverLabel === 'agents')
  const summaries = agentDays.map((info) => ceilingSummary(report.rows, info))
  const stationary = summaries.filter((s) => s.stationary)
  return {
    summaries,
    shortOf: stationary.filter((s) => !ceilingGoalMet(s)).map((s) => s.scenario),
    judged: stationary.length > 0,
  }
}
