// The stress benchmark as a library (issue 15): predictive on every random day of the run, and on an
// evenly spread sample progressive 1:1 and the fixed-ratio sweep (bench/pacing/fixed-best.ts) on
// the same seed, on the benchmark's worker pool. Pure of the wall clock and the disk: the CLI
// (bench/pacing-stress.ts) prints and writes.
import { availableParallelism } from 'node:os'
import type { SimPolicy } from '../../src/sim/policy.ts'
import type { SimResult } from '../../src/sim/run.ts'
import { findFixedBest } from './fixed-best.ts'
import { WorkerPool } from './pool.ts'
import { type StressShape, stressDay } from './stress-scenarios.ts'
import type { SimJob, SimJobOutput } from './types.ts'

/** A stress day is at most two hours of at most 1000 ports: this only catches a hang. */
const JOB_TIMEOUT_MS = 10 * 60_000

export interface StressDayFigures {
  occupancyPct: number
  abandonRatePct: number
  /** Worst regulatory window, counting the people AMD hung up on. */
  worstWindowAbandonPct: number
  hiddenAbandons: number
  abandoned: number
  connects: number
}

export interface StressRow {
  seed: number
  shape: StressShape
  summary: string
  servers: number
  abandonTargetPct: number
  abandonWindowSec: number
  predictive: StressDayFigures
  /** Sampled days only. */
  progressive?: StressDayFigures
  fixedBest?: StressDayFigures & { ratio: number; infeasible: boolean }
}

export interface StressReport {
  rows: StressRow[]
  days: number
  simulatedDays: number
  workers: number
}

export interface StressRunOptions {
  seeds: number[]
  sample: number
  workers?: number
  onDayDone?: (simulatedDays: number) => void
  /** Called with each random day's row as soon as its predictive day is done. */
  onRow?: (row: StressRow) => void
}

function figures(result: SimResult): StressDayFigures {
  return {
    occupancyPct: result.occupancyPct,
    abandonRatePct: result.abandonRatePct,
    worstWindowAbandonPct: result.worstWindowAbandonPct,
    hiddenAbandons: result.hiddenAbandons,
    abandoned: result.abandoned,
    connects: result.connects,
  }
}

/** Every ⌈n / k⌉-th seed of the run, so the sample spreads over it. */
export function sampledSeeds(seeds: readonly number[], sample: number): Set<number> {
  if (sample <= 0) return new Set()
  const every = Math.max(1, Math.ceil(seeds.length / sample))
  return new Set(seeds.filter((_, i) => i % every === 0))
}

export async function runStressBenchmark(options: StressRunOptions): Promise<StressReport> {
  const cores = availableParallelism()
  const workers = Math.max(1, Math.min(options.workers ?? cores, cores))
  const pool = new WorkerPool<SimJob, SimJobOutput>({
    workerUrl: new URL('./worker.ts', import.meta.url),
    size: workers,
    timeoutMs: JOB_TIMEOUT_MS,
  })
  let simulated = 0
  const sampled = sampledSeeds(options.seeds, options.sample)
  const dayOf = async (seed: number): Promise<StressRow> => {
    const day = stressDay(seed)
    const { scenario } = day
    const run = async (policy: SimPolicy, priority: number) => {
      const job: SimJob = { scenario, seed, policy, trace: false }
      const { result } = await pool.run(job, priority)
      simulated += 1
      options.onDayDone?.(simulated)
      return result
    }
    const servers = 'agents' in scenario ? scenario.agents : scenario.ivrPorts
    const row: StressRow = {
      seed,
      shape: day.shape,
      summary: day.summary,
      servers,
      abandonTargetPct: scenario.abandonTargetPct,
      abandonWindowSec: scenario.abandonWindowSec,
      predictive: figures(await run({ kind: 'predictive' }, 0)),
    }
    options.onRow?.(row)
    if (sampled.has(seed)) {
      // The sweep is a sequential chain: it goes first so it does not finish last.
      row.progressive = figures(await run({ kind: 'progressive', linesPerServer: 1 }, 1))
      const choice = await findFixedBest(async (ratio) => {
        const result = await run({ kind: 'fixed', ratio }, 1)
        return {
          ratio,
          occupancyPct: result.occupancyPct,
          abandonRatePct: result.abandonRatePct,
          result,
        }
      }, scenario.abandonTargetPct)
      row.fixedBest = {
        ...figures(choice.best.result),
        ratio: choice.best.ratio,
        infeasible: choice.infeasible,
      }
    }
    return row
  }
  try {
    const rows = await Promise.all(options.seeds.map(dayOf))
    return {
      rows: rows.sort((a, b) => a.seed - b.seed),
      days: rows.length,
      simulatedDays: simulated,
      workers,
    }
  } finally {
    await pool.close()
  }
}
