// The pacing benchmark as a library (issue 4): every selected scenario × seed × policy, with the
// fixed-best search, run on a bounded pool of worker threads. The CLI (bench/pacing.ts) and the test
// call this; it prints and writes nothing.
//
// Results do not depend on scheduling: every simulated day is a pure function of (scenario, seed,
// policy), each fixed-best or oracle search is a chain of such days whose ratios depend only on
// earlier verdicts and its start (on a scenario's other seeds, from the first seed's choices), and
// the rows are sorted before they are returned. With `speculate`, while a search
// waits for a day, the one or two ratios it may ask for next are queued below every other job: an
// otherwise idle worker starts them, a verdict withdraws the one no longer wanted if it has not
// started, and a day the search never asks for is left out of every figure.
import { availableParallelism } from 'node:os'
import type { SimPolicy } from '../../src/sim/policy.ts'
import type { SimResult } from '../../src/sim/run.ts'
import { type FixedBestChoice, findFixedBest, RATIO_START } from './fixed-best.ts'
import {
  findOracleBest,
  horizonStartsOf,
  type OracleChoice,
  type OracleSample,
  oracleHorizonsSec,
} from './oracle-best.ts'
import { type PoolTicket, WorkerPool } from './pool.ts'
import { costEstimate, type ScenarioSelection, selectScenarios } from './scenarios.ts'
import {
  type BenchRow,
  type DayTrace,
  POLICY_NAMES,
  type PolicyName,
  type RatioSample,
  type ScenarioInfo,
  type SearchRecord,
  type SimJob,
  type SimJobOutput,
} from './types.ts'

/** A day of the largest public scenario takes well under a minute; this only catches a hang. */
export const JOB_TIMEOUT_MS_DEFAULT = 20 * 60_000
export const SEEDS_DEFAULT = 5
/** The scenario charted in docs/pacing-drift.svg, on its base seed. */
export const CHART_SCENARIO = 'drift'

export interface BenchOptions {
  scenarioDir: string
  selection: ScenarioSelection
  /** Seeds per scenario: the scenario's seed + 0 … seeds − 1. */
  seeds: number
  /** Record the drift chart's series (only when drift is selected). */
  chart: boolean
  /** Worker threads; bounded by os.availableParallelism(). */
  workers?: number
  jobTimeoutMs?: number
  /** Called after every simulated day (progress display). */
  onDayDone?: (daysDone: number) => void
  /**
   * Start the fixed-best searches' possible next ratios on idle workers (default false): a single
   * search then runs about twice as fast on two idle cores; on a busy machine, or with more searches
   * than workers, it only adds work.
   */
  speculate?: boolean
}

/** Where the workers' time went: the days of one scenario, and their wall time in the workers. */
export interface ScenarioTiming {
  scenario: string
  /** Days whose figures the report uses. */
  days: number
  /** Speculative days simulated that the search did not ask for. */
  unusedDays: number
  /** Wall time of its days in the workers, which the machine's other load inflates. */
  workerSec: number
  /** CPU time of its days' worker threads; null when a day's could not be read (thread-cpu.ts). */
  workerCpuSec: number | null
}

export interface ChartData {
  info: ScenarioInfo
  seed: number
  ratio: number
  predictive: DayTrace
  fixedBest: DayTrace
  predictiveResult: SimResult
  fixedBestResult: SimResult
}

export interface BenchReport {
  scenarios: ScenarioInfo[]
  seeds: number
  rows: BenchRow[]
  searches: SearchRecord[]
  chart: ChartData | null
  /** Simulated days the figures use. */
  days: number
  /** Speculative days simulated and not used (an idle worker's time; no figure depends on them). */
  unusedDays: number
  timing: ScenarioTiming[]
  workers: number
}

/** Speculative days queue this far below the scenario's own priority: after every needed day. */
const SPECULATIVE_PRIORITY_OFFSET = 1e12

type Sample = RatioSample & { output: SimJobOutput }

/** Rows name the scenario by its file (what --scenarios selects), not by its `name` field. */
function toRow(scenario: string, result: SimResult, policy: PolicyName): BenchRow {
  return {
    scenario,
    seed: result.seed,
    policy,
    occupancyPct: result.occupancyPct,
    abandonRatePct: result.abandonRatePct,
    worstWindowAbandonPct: result.worstWindowAbandonPct,
    connectsPerAgentHour: result.connectsPerAgentHour,
    meanAgentWaitSec: result.meanAgentWaitSec,
    dialsPerConnect: result.dialsPerConnect,
    dials: result.dials,
    hiddenAbandons: result.hiddenAbandons,
  }
}

/** Scenario by name, then the tables' policy order, then seed. */
export function sortRows(rows: BenchRow[]): BenchRow[] {
  const rank = (p: PolicyName) => POLICY_NAMES.indexOf(p)
  return [...rows].sort(
    (a, b) =>
      a.scenario.localeCompare(b.scenario) || rank(a.policy) - rank(b.policy) || a.seed - b.seed,
  )
}

const FIXED_POLICIES: Record<Exclude<PolicyName, 'fixed-best' | 'oracle'>, SimPolicy> = {
  predictive: { kind: 'predictive' },
  'adaptive-reference': { kind: 'adaptive-reference' },
  progressive: { kind: 'progressive', linesPerServer: 1 },
}

interface FixedDay {
  ticket: PoolTicket<SimJobOutput>
  output: Promise<SimJobOutput>
  speculative: boolean
}

class BenchRun {
  readonly rows: BenchRow[] = []
  readonly searches: SearchRecord[] = []
  readonly traces = new Map<string, { trace: DayTrace; result: SimResult; ratio: number }>()
  readonly timing = new Map<string, ScenarioTiming>()
  /** Days simulated so far, speculative ones included (the progress display). */
  simulated = 0

  constructor(
    private readonly pool: WorkerPool<SimJob, SimJobOutput>,
    private readonly options: BenchOptions,
  ) {}

  private timingOf(scenario: string): ScenarioTiming {
    let timing = this.timing.get(scenario)
    if (timing === undefined) {
      timing = { scenario, days: 0, unusedDays: 0, workerSec: 0, workerCpuSec: 0 }
      this.timing.set(scenario, timing)
    }
    return timing
  }

  /** Queues one day; the output promise settles when it is done. */
  private submit(info: ScenarioInfo, seed: number, policy: SimPolicy, priority: number) {
    // The chart compares predictive with fixed-best: only their days on the chart's seed trace.
    const charted = policy.kind === 'predictive' || policy.kind === 'fixed'
    const trace =
      this.options.chart && charted && info.name === CHART_SCENARIO && seed === info.scenario.seed
    const job: SimJob = { scenario: info.scenario, seed, policy, trace }
    const ticket = this.pool.submit(job, priority)
    const output = ticket.result.then((out) => {
      this.simulated += 1
      const timing = this.timingOf(info.name)
      timing.workerSec += out.workerMs / 1000
      timing.workerCpuSec =
        timing.workerCpuSec === null || out.workerCpuMs === null
          ? null
          : timing.workerCpuSec + out.workerCpuMs / 1000
      this.options.onDayDone?.(this.simulated)
      return out
    })
    return { ticket, output }
  }

  /** One day at the scenario's priority, counted in its timing once done. */
  private async day(info: ScenarioInfo, seed: number, policy: SimPolicy): Promise<SimJobOutput> {
    const output = await this.submit(info, seed, policy, costEstimate(info)).output
    this.timingOf(info.name).days += 1
    return output
  }

  async simple(info: ScenarioInfo, seed: number, name: keyof typeof FIXED_POLICIES) {
    const { result, trace } = await this.day(info, seed, FIXED_POLICIES[name])
    this.rows.push(toRow(info.name, result, name))
    if (trace) this.traces.set(name, { trace, result, ratio: 0 })
  }

  /**
   * Resolves to the choice (the oracle's search starts there). The search starts from
   * `startRatio`: the scenario's first seed from RATIO_START, the others from its choice.
   */
  async fixedBest(
    info: ScenarioInfo,
    seed: number,
    startRatio: number,
  ): Promise<FixedBestChoice<Sample>> {
    const priority = costEstimate(info)
    const days = new Map<number, FixedDay>()
    const start = (ratio: number, speculative: boolean): FixedDay => {
      const offset = speculative ? SPECULATIVE_PRIORITY_OFFSET : 0
      const day = this.submit(info, seed, { kind: 'fixed', ratio }, priority - offset)
      // A speculative day may still run when the pool closes: its failure is nobody's.
      day.output.catch(() => {})
      const entry: FixedDay = { ...day, speculative }
      days.set(ratio, entry)
      return entry
    }
    const evaluate = async (ratio: number): Promise<Sample> => {
      let entry = days.get(ratio)
      if (entry === undefined) entry = start(ratio, false)
      else if (entry.speculative) {
        entry.speculative = false
        entry.ticket.setPriority(priority)
      }
      const output = await entry.output
      this.timingOf(info.name).days += 1
      const { occupancyPct, abandonRatePct } = output.result
      return { ratio, occupancyPct, abandonRatePct, output }
    }
    const hint = (ratios: number[]) => {
      for (const [ratio, entry] of days) {
        if (entry.speculative && !ratios.includes(ratio) && entry.ticket.withdraw()) {
          days.delete(ratio)
        }
      }
      for (const ratio of ratios) if (!days.has(ratio)) start(ratio, true)
    }
    const speculate = this.options.speculate ?? false
    const choice = await findFixedBest(evaluate, info.scenario.abandonTargetPct, {
      startRatio,
      ...(speculate ? { hint } : {}),
    })
    for (const entry of days.values()) {
      if (entry.speculative && !entry.ticket.withdraw()) {
        // Counted once it finishes; a day the closing pool fails is nobody's (no rejection).
        entry.output.then(
          () => {
            this.timingOf(info.name).unusedDays += 1
          },
          () => {},
        )
      }
    }
    const { result, trace } = choice.best.output
    this.rows.push({
      ...toRow(info.name, result, 'fixed-best'),
      ratio: choice.best.ratio,
      infeasible: choice.infeasible,
      evaluations: choice.samples.length,
    })
    const samples = choice.samples.map(({ ratio, occupancyPct, abandonRatePct }) => ({
      ratio,
      occupancyPct,
      abandonRatePct,
    }))
    this.searches.push({ scenario: info.name, seed, samples })
    if (trace) this.traces.set('fixed-best', { trace, result, ratio: choice.best.ratio })
    return choice
  }

  /**
   * The oracle ceiling (agent scenarios): held to the target over the run and its worst window.
   * Horizon 0 is the fixed ratio: fixed-best's choice stands for it (oracle-best.ts). Resolves to
   * the choice: the scenario's other seeds may start a horizon's search from the first seed's
   * (`horizonStarts`, from horizonStartsOf).
   */
  async oracle(
    info: ScenarioInfo,
    seed: number,
    fixedBest: FixedBestChoice<Sample>,
    horizonStarts: ReadonlyMap<number, number> = new Map(),
  ): Promise<OracleChoice<OracleSample>> {
    const evaluate = async (ratio: number, horizonSec: number) => {
      const output = await this.day(info, seed, { kind: 'oracle', ratio, horizonSec })
      const { occupancyPct, abandonRatePct, worstWindowAbandonPct } = output.result
      const held = Math.max(abandonRatePct, worstWindowAbandonPct)
      return { ratio, horizonSec, occupancyPct, abandonRatePct: held, output }
    }
    const { output } = fixedBest.best
    const { result } = output
    const target = info.scenario.abandonTargetPct
    const held = Math.max(result.abandonRatePct, result.worstWindowAbandonPct)
    const zeroHorizon = {
      sample: { ...fixedBest.best, horizonSec: 0, abandonRatePct: held },
      infeasible: fixedBest.infeasible || held > target,
    }
    const choice = await findOracleBest<OracleSample & { output: SimJobOutput }>(
      evaluate,
      target,
      oracleHorizonsSec(info.scenario),
      fixedBest.best.ratio,
      zeroHorizon,
      horizonStarts,
    )
    this.rows.push({
      ...toRow(info.name, choice.best.output.result, 'oracle'),
      ratio: choice.best.ratio,
      horizonSec: choice.best.horizonSec,
      infeasible: choice.infeasible,
      evaluations: choice.evaluations,
    })
    return choice
  }
}

function chartData(run: BenchRun, scenarios: ScenarioInfo[]): ChartData | null {
  const info = scenarios.find((s) => s.name === CHART_SCENARIO)
  const predictive = run.traces.get('predictive')
  const fixedBest = run.traces.get('fixed-best')
  if (!info || !predictive || !fixedBest) return null
  return {
    info,
    seed: info.scenario.seed,
    ratio: fixedBest.ratio,
    predictive: predictive.trace,
    fixedBest: fixedBest.trace,
    predictiveResult: predictive.result,
    fixedBestResult: fixedBest.result,
  }
}

export async function runPacingBenchmark(options: BenchOptions): Promise<BenchReport> {
  if (!(Number.isInteger(options.seeds) && options.seeds >= 1)) {
    throw new Error('seeds must be a positive integer')
  }
  const scenarios = selectScenarios(options.scenarioDir, options.selection)
  if (scenarios.length === 0) throw new Error('no scenario selected')
  const cores = availableParallelism()
  const workers = Math.max(1, Math.min(options.workers ?? cores, cores))
  const pool = new WorkerPool<SimJob, SimJobOutput>({
    workerUrl: new URL('./worker.ts', import.meta.url),
    size: workers,
    timeoutMs: options.jobTimeoutMs ?? JOB_TIMEOUT_MS_DEFAULT,
  })
  const run = new BenchRun(pool, options)
  try {
    const tasks: Promise<void>[] = []
    // Slowest scenarios first (the pool's priority): their searches are the longest chains.
    const bySize = [...scenarios].sort((a, b) => costEstimate(b) - costEstimate(a))
    for (const info of bySize) {
      // Seeds of one scenario have nearly the same best ratio: the first seed's search starts
      // from RATIO_START, the others from its choice (a few days each instead of a long bracket).
      // The oracle's horizons too, where their usual start proved far off on the first seed.
      let first: Promise<FixedBestChoice<Sample>> | null = null
      let firstOracle: Promise<OracleChoice<OracleSample>> | null = null
      for (let i = 0; i < options.seeds; i++) {
        const seed = info.scenario.seed + i
        const fixedBest: Promise<FixedBestChoice<Sample>> =
          first === null
            ? run.fixedBest(info, seed, RATIO_START)
            : first.then((choice) => run.fixedBest(info, seed, choice.best.ratio))
        first ??= fixedBest
        if (info.serverLabel === 'agents') {
          const leader = firstOracle
          const oracle: Promise<OracleChoice<OracleSample>> =
            leader === null
              ? fixedBest.then((choice) => run.oracle(info, seed, choice))
              : Promise.all([fixedBest, leader]).then(([choice, lead]) =>
                  run.oracle(info, seed, choice, horizonStartsOf(lead)),
                )
          firstOracle ??= oracle
          tasks.push(oracle.then(() => undefined))
        } else tasks.push(fixedBest.then(() => undefined))
        for (const name of Object.keys(FIXED_POLICIES) as (keyof typeof FIXED_POLICIES)[]) {
          tasks.push(run.simple(info, seed, name))
        }
      }
    }
    await Promise.all(tasks)
  } finally {
    await pool.close()
  }
  const timing = scenarios.flatMap((info) => run.timing.get(info.name) ?? [])
  return {
    scenarios,
    seeds: options.seeds,
    rows: sortRows(run.rows),
    searches: [...run.searches].sort(
      (a, b) => a.scenario.localeCompare(b.scenario) || a.seed - b.seed,
    ),
    chart: chartData(run, scenarios),
    days: timing.reduce((sum, t) => sum + t.days, 0),
    unusedDays: timing.reduce((sum, t) => sum + t.unusedDays, 0),
    timing,
    workers,
  }
}
