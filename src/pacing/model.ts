// The forecast behind predictive pacing (docs/pacing.md §1, §2): from the campaign's own recent
// attempts, how likely a line already ringing for `age` seconds is to become a live connect within
// the next k seconds, and how likely a busy agent (or port), `elapsed` into its talk or wrap-up,
// is to be free within k seconds. Tables on a 1-second grid, cached until the next refresh.
import type { SampleDistribution } from './samples.ts'

/** An agent (or IVR port) that is busy now and will be free for the campaign later. */
export interface BusyServer {
  phase: 'reserving' | 'talking' | 'wrapUp'
  /** Time already spent in this phase. */
  elapsedSec: number
}

/**
 * Busy servers of one phase that are the same whole seconds into it (`elapsedSec` a whole number):
 * what the pacing snapshot lists, so the forecast works per group, not per server (issue 15).
 */
export interface BusyServerGroup extends BusyServer {
  count: number
}

/** The longest look ahead, in seconds (lines resolve within the ring limit plus CPA). */
export const HORIZON_SEC_MAX = 90
/** Extra seconds of agent supply after a live answer: the 2-second connect rule (R5.5). */
export const CONNECT_MARGIN_SEC = 2
/** Wrap-up quantiles that stand for the wrap-up distribution after a call. */
const WRAP_QUANTILES = [0.1, 0.3, 0.5, 0.7, 0.9]

export interface PacingModel {
  /** Seconds ahead the tables cover for demand; supply tables go CONNECT_MARGIN_SEC further. */
  readonly horizonSec: number
  readonly liveProbability: number
  /** Cumulative P(a line unresolved at `ageSec` turns live within k s), k = 0 … horizonSec. */
  lineLiveCdf(ageSec: number): Float64Array
  /** Cumulative P(a busy server is free within k s), k = 0 … horizonSec + CONNECT_MARGIN_SEC. */
  serverFreeCdf(server: BusyServer): Float64Array
}

export interface ModelSamples {
  liveProbability: number
  liveTimes: SampleDistribution
  otherTimes: SampleDistribution
  talk: SampleDistribution
  wrap: SampleDistribution
}

const PHASE_INDEX: Record<BusyServer['phase'], number> = { reserving: 0, talking: 1, wrapUp: 2 }
const PHASES = 3

/**
 * The first second of the bucket holding `elapsedSec`: each second below a minute, then 5-second
 * buckets up to 10 minutes, then 30-second ones. From the whole second, so the bucket holds exactly
 * the times from it up to bucketEnd (any time, a whole number of seconds or not).
 */
function elapsedBucket(elapsedSec: number): number {
  const second = Math.floor(elapsedSec)
  if (second < 60) return second
  if (second < 600) return 60 + Math.floor((second - 60) / 5) * 5
  return 600 + Math.floor((second - 600) / 30) * 30
}

/** The first second after the bucket that starts at `bucket`. */
function bucketEnd(bucket: number): number {
  if (bucket < 60) return bucket + 1
  if (bucket < 600) return bucket + 5
  return bucket + 30
}

/** The bucket's place in a dense row (0, 1, … in bucket order): the tables' cache index. */
function bucketIndex(bucket: number): number {
  if (bucket < 60) return bucket
  if (bucket < 600) return 60 + (bucket - 60) / 5
  return 168 + (bucket - 600) / 30
}

/** Tables' rows are cut from blocks of this many rows (TableModel.zeroRow). */
const TABLE_BLOCK_ROWS = 64

/** `tables[index]`, growing the row with holes first so it stays a dense array. */
function cacheAt(tables: (Float64Array | undefined)[], index: number): Float64Array | undefined {
  while (tables.length <= index) tables.push(undefined)
  return tables[index]
}

export function buildPacingModel(samples: ModelSamples): PacingModel {
  return new TableModel(samples)
}

/**
 * The model's tables, built as they are first asked for. A class, not closures per model: every
 * model shares the same methods, so the forecast's calls stay direct however many models a day
 * builds (issue 15, engine speed).
 */
class TableModel implements PacingModel {
  readonly horizonSec: number
  readonly liveProbability: number
  private readonly supplyLength: number
  private readonly wrapQuantiles: number[]
  // Dense rows, not maps: they are read for every line-age group and busy-server group at every
  // decision (issue 15, engine speed).
  private readonly lineCache: (Float64Array | undefined)[] = []
  private readonly serverCache: (Float64Array | undefined)[] = []
  /** The last table serverFreeCdf handed out: its phase and its bucket's times [from, to). */
  private lastPhase: BusyServer['phase'] | null = null
  private lastFrom = Number.NaN
  private lastTo = Number.NaN
  private lastTable: Float64Array | null = null
  /** The block new tables are cut from, and how much of it they took. */
  private block: Float64Array | null = null
  private blockUsed = 0

  constructor(private readonly samples: ModelSamples) {
    this.liveProbability = samples.liveProbability
    this.horizonSec = Math.min(
      HORIZON_SEC_MAX,
      Math.max(10, Math.ceil(samples.liveTimes.quantile(0.99)) + 1),
    )
    this.supplyLength = this.horizonSec + CONNECT_MARGIN_SEC + 1
    this.wrapQuantiles = WRAP_QUANTILES.map((q) => samples.wrap.quantile(q))
  }

  lineLiveCdf(ageSec: number): Float64Array {
    const age = Math.max(0, Math.floor(ageSec))
    let table = cacheAt(this.lineCache, age)
    if (table) return table
    const samples = this.samples
    const horizonSec = this.horizonSec
    const p = this.liveProbability
    table = this.zeroRow(horizonSec + 1)
    const liveAtAge = samples.liveTimes.cdf(age)
    const unresolved = p * (1 - liveAtAge) + (1 - p) * (1 - samples.otherTimes.cdf(age))
    if (unresolved > 1e-9) {
      for (let k = 1; k <= horizonSec; k++) {
        table[k] = (p * (samples.liveTimes.cdf(age + k) - liveAtAge)) / unresolved
      }
    }
    this.lineCache[age] = table
    return table
  }

  serverFreeCdf(server: BusyServer): Float64Array {
    const elapsed = server.elapsedSec
    // Busy servers come in runs of the same bucket (oldest first, phase by phase): two comparisons
    // for those, no bucket computed and no lookup (issue 15, engine speed).
    if (server.phase === this.lastPhase && elapsed >= this.lastFrom && elapsed < this.lastTo)
      return this.lastTable!
    const bucket = elapsedBucket(elapsed)
    // A number, not a string: this runs for every busy server group at every decision.
    const key = bucketIndex(bucket) * PHASES + PHASE_INDEX[server.phase]
    let table = cacheAt(this.serverCache, key)
    if (table === undefined) {
      table = this.freeTable(server.phase, bucket)
      this.serverCache[key] = table
    }
    this.lastPhase = server.phase
    this.lastFrom = bucket
    this.lastTo = bucketEnd(bucket)
    this.lastTable = table
    return table
  }

  /**
   * A row of `length` zeros for a new table, cut from a block of TABLE_BLOCK_ROWS rows: a typed
   * array of its own per table was a third of the tables' cost (each has its own buffer), and a
   * day builds some 50,000 of them (issue 15, engine speed).
   */
  private zeroRow(length: number): Float64Array {
    if (this.block === null || this.blockUsed + length > this.block.length) {
      this.block = new Float64Array(length * TABLE_BLOCK_ROWS)
      this.blockUsed = 0
    }
    const row = this.block.subarray(this.blockUsed, this.blockUsed + length)
    this.blockUsed += length
    return row
  }

  /** P(free within k s) for k = 1 … supplyLength − 1 of a server `elapsedSec` into `phase`. */
  private freeTable(phase: BusyServer['phase'], elapsedSec: number): Float64Array {
    const supplyLength = this.supplyLength
    const wrapQuantiles = this.wrapQuantiles
    const samples = this.samples
    const table = this.zeroRow(supplyLength)
    if (phase === 'reserving') {
      for (let k = 1; k < supplyLength; k++) table[k] = 1
    } else if (phase === 'wrapUp') {
      samples.wrap.addConditionalCdfs(elapsedSec, 0, table)
    } else {
      // Talking: the rest of the talk, then a wrap-up drawn from its distribution (each quantile
      // added in turn at every k, then their mean).
      for (const wrapSec of wrapQuantiles)
        samples.talk.addConditionalCdfs(elapsedSec, wrapSec, table)
      for (let k = 1; k < supplyLength; k++) table[k] = table[k]! / wrapQuantiles.length
    }
    return table
  }
}
