// The forecast behind predictive pacing (docs/pacing.md §1, §2): the live answers the lines in
// flight will bring at each second ahead (demand) and the servers free by then (supply), with
// their variances, from the model's tables and the snapshot's grouped counts.
import { type BusyServerGroup, CONNECT_MARGIN_SEC, type PacingModel } from './model.ts'
import type { PacingSnapshot } from './types.ts'

export interface Forecast {
  demand: Float64Array
  demandVar: Float64Array
  supply: Float64Array
  supplyVar: Float64Array
  newLineCdf: Float64Array
  /** The steps k at which a new line's live answer can arrive (the only ones the chance reads). */
  arrivals: Int32Array
}

/**
 * Demand and supply at the steps the marginal chance reads (a new line's arrival steps k, supply
 * at k + CONNECT_MARGIN_SEC) and at the horizon; the steps nothing reads are left out. The snapshot
 * lists lines and busy servers as grouped counts, so each group's chance is added once, times its
 * count (neighbouring server groups that share a model table are added together): the work is per
 * group, not per line or server (issue 15, engine speed).
 */
export function forecast(
  snapshot: PacingSnapshot,
  rise: number,
  scratch: ForecastScratch,
): Forecast {
  const model = snapshot.estimates.model
  const horizon = model.horizonSec
  const modelCdf = model.lineLiveCdf(0)
  const newLineCdf = rise === 1 ? modelCdf : scratch.scaled(modelCdf, rise)
  const { arrivals, supplySteps: steps } = stepsOf(modelCdf, horizon + CONNECT_MARGIN_SEC)
  const length = horizon + CONNECT_MARGIN_SEC + 1
  const { demand, demandVar, supply, supplyVar } = scratch.rowsOf(horizon + 1, length)
  const free = snapshot.readyServers - snapshot.liveWaiting
  if (!scratch.supplyHolds(model, free, snapshot.busyServers)) {
    // Supply and its variance: `free` servers now, then each run of busy groups' chance times its
    // count, run after run.
    const runCount = scratch.runsOf(model, free, snapshot.busyServers)
    supply.fill(free)
    supplyVar.fill(0)
    addSums(free, 1, scratch.runs, runCount, supply, supplyVar, steps)
  }
  const lines = scratch.lines
  let lineCount = 0
  for (const { ageSec, count } of snapshot.lineAges) {
    lines.add(model.lineLiveCdf(ageSec), count, lineCount)
    lineCount += 1
  }
  addSums(0, rise, lines, lineCount, demand, demandVar, arrivals)
  return { demand, demandVar, supply, supplyVar, newLineCdf, arrivals }
}

/**
 * The first `runCount` rows' sums at `steps`: `start` plus each row's count times its table's chance
 * (`rise` times the table's, at most 1), and their variance, row after row. Each step's sum goes row
 * after row, as one step at a time would, but four steps are summed at once (one pass over the rows
 * reads the four chances of each table), so the four sums' additions overlap instead of each
 * waiting on the one before (issue 15, engine speed: about 2× faster than a pass per row). A pass
 * with fewer than four steps left repeats the last one (the same sum, written twice). Supply passes
 * `rise` 1: its tables' chances are at most 1, so they are added as they are.
 */
function addSums(
  start: number,
  rise: number,
  rows: Runs,
  rowCount: number,
  sum: Float64Array,
  sumVar: Float64Array,
  steps: Int32Array,
): void {
  const { tables, counts } = rows
  const last = steps.length - 1
  for (let i = 0; i <= last; i += 4) {
    const k0 = steps[i]!
    const k1 = steps[Math.min(i + 1, last)]!
    const k2 = steps[Math.min(i + 2, last)]!
    const k3 = steps[Math.min(i + 3, last)]!
    let s0 = start
    let s1 = start
    let s2 = start
    let s3 = start
    let v0 = 0
    let v1 = 0
    let v2 = 0
    let v3 = 0
    for (let r = 0; r < rowCount; r++) {
      const cdf = tables[r]!
      const count = counts[r]!
      const q0 = Math.min(1, rise * cdf[k0]!)
      const q1 = Math.min(1, rise * cdf[k1]!)
      const q2 = Math.min(1, rise * cdf[k2]!)
      const q3 = Math.min(1, rise * cdf[k3]!)
      s0 = s0 + count * q0
      v0 = v0 + count * q0 * (1 - q0)
      s1 = s1 + count * q1
      v1 = v1 + count * q1 * (1 - q1)
      s2 = s2 + count * q2
      v2 = v2 + count * q2 * (1 - q2)
      s3 = s3 + count * q3
      v3 = v3 + count * q3 * (1 - q3)
    }
    sum[k0] = s0
    sumVar[k0] = v0
    sum[k1] = s1
    sumVar[k1] = v1
    sum[k2] = s2
    sumVar[k2] = v2
    sum[k3] = s3
    sumVar[k3] = v3
  }
}

/**
 * Tables with a count each, in reused rows: the runs of busy servers that share a table (supply), or
 * the line groups (demand).
 */
class Runs {
  readonly tables: Float64Array[] = []
  counts = new Float64Array(64)

  /** Sets run `index` (the runs before it set already). */
  add(table: Float64Array, count: number, index: number): void {
    if (index === this.counts.length) {
      const counts = new Float64Array(2 * index)
      counts.set(this.counts)
      this.counts = counts
    }
    this.tables[index] = table
    this.counts[index] = count
  }
}

interface Rows {
  demand: Float64Array
  demandVar: Float64Array
  supply: Float64Array
  supplyVar: Float64Array
}

/**
 * One campaign's forecast rows, reused by its next forecast of the same lengths: a forecast lives
 * only for the decision that reads it, and four typed arrays per decision were most of the
 * decision's garbage (issue 15, engine speed). Each pacing policy owns one, so two campaigns (or
 * two engines in one process) never read each other's rows. Demand and its variance come zeroed;
 * the supply rows keep what they hold, and `last…` says what they were computed from: the model
 * (its tables, steps and lengths), the free servers and the busy groups, copied (the snapshot's
 * groups are reused objects). The busy servers often stand still between two decisions (a quarter
 * second apart, in whole seconds: measured, over half of the decisions of a 1000-port IVR day, a
 * third of a 500-agent day's), and the rows then already hold what the same sums would give again,
 * to the bit.
 */
export class ForecastScratch {
  private rows: Rows | null = null
  private lastModel: PacingModel | null = null
  private lastFree = 0
  private lastGroups = 0
  private readonly lastPhases: BusyServerGroup['phase'][] = []
  private lastElapsedSec = new Float64Array(64)
  private lastCounts = new Float64Array(64)
  private scaledRow: Float64Array | null = null
  /** The busy servers' runs of the last supply sum (rows reused from one sum to the next). */
  readonly runs = new Runs()
  /** The line groups' tables and counts of the last demand sum (reused likewise). */
  readonly lines = new Runs()

  /** A live-answer table with every chance `factor` times larger (at most 1), in a reused row. */
  scaled(cdf: Float64Array, factor: number): Float64Array {
    if (this.scaledRow === null || this.scaledRow.length !== cdf.length)
      this.scaledRow = new Float64Array(cdf.length)
    const row = this.scaledRow
    for (let k = 0; k < cdf.length; k++) row[k] = Math.min(1, cdf[k]! * factor)
    return row
  }

  rowsOf(demandLength: number, supplyLength: number): Rows {
    const rows = this.rows
    if (
      rows === null ||
      rows.demand.length !== demandLength ||
      rows.supply.length !== supplyLength
    ) {
      this.rows = {
        demand: new Float64Array(demandLength),
        demandVar: new Float64Array(demandLength),
        supply: new Float64Array(supplyLength),
        supplyVar: new Float64Array(supplyLength),
      }
      this.lastModel = null
      return this.rows
    }
    rows.demand.fill(0)
    rows.demandVar.fill(0)
    return rows
  }

  supplyHolds(model: PacingModel, free: number, busyServers: readonly BusyServerGroup[]): boolean {
    if (
      this.lastModel !== model ||
      this.lastFree !== free ||
      this.lastGroups !== busyServers.length
    )
      return false
    for (let i = 0; i < busyServers.length; i++) {
      const group = busyServers[i]!
      if (
        group.elapsedSec !== this.lastElapsedSec[i] ||
        group.count !== this.lastCounts[i] ||
        group.phase !== this.lastPhases[i]
      )
        return false
    }
    return true
  }

  /**
   * The busy groups as runs in `runs` (neighbouring groups that share a table as one run, their
   * counts added), remembering the groups and what else the supply is computed from as it goes
   * (one walk for both); returns the number of runs.
   */
  runsOf(model: PacingModel, free: number, busyServers: readonly BusyServerGroup[]): number {
    if (this.lastElapsedSec.length < busyServers.length) {
      this.lastElapsedSec = new Float64Array(2 * busyServers.length)
      this.lastCounts = new Float64Array(2 * busyServers.length)
    }
    this.lastModel = model
    this.lastFree = free
    this.lastGroups = busyServers.length
    const runs = this.runs
    let table: Float64Array | null = null
    let runCount = 0
    for (let i = 0; i < busyServers.length; i++) {
      const group = busyServers[i]!
      this.lastElapsedSec[i] = group.elapsedSec
      this.lastCounts[i] = group.count
      this.lastPhases[i] = group.phase
      const cdf = model.serverFreeCdf(group)
      if (cdf === table) {
        runs.counts[runCount - 1]! += group.count
        continue
      }
      table = cdf
      runs.add(cdf, group.count, runCount)
      runCount += 1
    }
    return runCount
  }
}

interface Steps {
  arrivals: Int32Array
  supplySteps: Int32Array
}

/** Per new-line table (the model caches it until its next refresh): the steps, found once. */
const stepsCache = new WeakMap<Float64Array, Steps>()

/**
 * The arrival steps of a new line's live answer, and the supply steps read: each arrival step plus
 * the connect margin, and the horizon's last step (`last`).
 */
function stepsOf(cdf: Float64Array, last: number): Steps {
  const cached = stepsCache.get(cdf)
  if (cached !== undefined) return cached
  const arrivals: number[] = []
  for (let k = 1; k < cdf.length; k++) if (!(cdf[k]! - cdf[k - 1]! <= 0)) arrivals.push(k)
  const supply = arrivals.map((k) => k + CONNECT_MARGIN_SEC)
  if (supply.at(-1) !== last) supply.push(last)
  const steps = { arrivals: Int32Array.from(arrivals), supplySteps: Int32Array.from(supply) }
  stepsCache.set(cdf, steps)
  return steps
}
