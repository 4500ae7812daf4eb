// Shared shapes of the pacing benchmark (bench/pacing.ts): the jobs the workers run, the rows the
// harness reports and the traces the drift chart is drawn from.
import type { SimPolicy } from '../../src/sim/policy.ts'
import type { SimResult } from '../../src/sim/run.ts'
import type { Scenario } from '../../src/sim/scenario.ts'

/**
 * The four policies of issue 4 and the oracle ceiling of issue 15 (agent scenarios only), in the
 * order the tables list them.
 */
export const POLICY_NAMES = [
  'predictive',
  'fixed-best',
  'oracle',
  'adaptive-reference',
  'progressive',
] as const
export type PolicyName = (typeof POLICY_NAMES)[number]

/** One simulated day: what a worker receives (structured-cloned, so plain data only). */
export interface SimJob {
  scenario: Scenario
  seed: number
  policy: SimPolicy
  /** Record the per-minute series of the drift chart while the day runs. */
  trace: boolean
}

/** Per-minute series over one day, reduced inside the worker so little crosses the thread. */
export interface DayTrace {
  binSec: number
  windowSec: number
  servers: number
  /** Time-weighted mean of lines in flight per agent (or port), per bin. */
  linesPerServer: number[]
  /** Visible abandons / (abandons + live connects) over the window ending at each bin, in %. */
  rollingAbandonPct: (number | null)[]
}

export interface SimJobOutput {
  result: SimResult
  trace: DayTrace | null
  /** Wall time of the day in the worker, in ms (where the benchmark's time goes). */
  workerMs: number
  /** CPU time of the worker's thread over the day, in ms; null where it cannot be read. */
  workerCpuMs: number | null
}

/** One scenario × seed × policy: the figures the tables and `--json` print. */
export interface BenchRow {
  scenario: string
  seed: number
  policy: PolicyName
  occupancyPct: number
  abandonRatePct: number
  worstWindowAbandonPct: number
  connectsPerAgentHour: number
  meanAgentWaitSec: number
  dialsPerConnect: number
  dials: number
  hiddenAbandons: number
  /** fixed-best and oracle: the chosen ratio (on the 0.05 grid). */
  ratio?: number
  /** oracle only: the chosen look-ahead, in seconds. */
  horizonSec?: number
  /** fixed-best and oracle: nothing searched met the target; the figures are the lowest ratio's. */
  infeasible?: boolean
  /** fixed-best and oracle: how many days the search simulated. */
  evaluations?: number
}

/** A fixed ratio the fixed-best search simulated, kept for the monotonicity check. */
export interface RatioSample {
  ratio: number
  occupancyPct: number
  abandonRatePct: number
}

export interface SearchRecord {
  scenario: string
  seed: number
  samples: RatioSample[]
}

/** What a scenario is, for table headings. */
export interface ScenarioInfo {
  name: string
  file: string
  scenario: Scenario
  servers: number
  serverLabel: 'agents' | 'IVR ports'
}
