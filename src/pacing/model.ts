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

function elapsedBucket(elapsedSec: number): number {
  if (elapsedSec < 60) return Math.floor(elapsedSec)
  if (elapsedSec < 600) return 60 + Math.floor((elapsedSec - 60) / 5) * 5
  return 600 + Math.floor((elapsedSec - 600) / 30) * 30
}

export function buildPacingModel(samples: ModelSamples): PacingModel {
  const p = samples.liveProbability
  const horizonSec = Math.min(
    HORIZON_SEC_MAX,
    Math.max(10, Math.ceil(samples.liveTimes.quantile(0.99)) + 1),
  )
  const supplyLength = horizonSec + CONNECT_MARGIN_SEC + 1
  const wrapQuantiles = WRAP_QUANTILES.map((q) => samples.wrap.quantile(q))
  const lineCache = new Map<number, Float64Array>()
  const serverCache = new Map<number, Float64Array>()
  let lastKey = Number.NaN
  let lastTable: Float64Array | null = null

  function lineLiveCdf(ageSec: number): Float64Array {
    const age = Math.max(0, Math.floor(ageSec))
    let table = lineCache.get(age)
    if (table) return table
    table = new Float64Array(horizonSec + 1)
    const liveAtAge = samples.liveTimes.cdf(age)
    const unresolved = p * (1 - liveAtAge) + (1 - p) * (1 - samples.otherTimes.cdf(age))
    if (unresolved > 1e-9) {
      for (let k = 1; k <= horizonSec; k++) {
        table[k] = (p * (samples.liveTimes.cdf(age + k) - liveAtAge)) / unresolved
      }
    }
    lineCache.set(age, table)
    return table
  }

  function serverFreeCdf(server: BusyServer): Float64Array {
    const bucket = elapsedBucket(server.elapsedSec)
    // A number, not a string: this runs for every busy server at every decision.
    const key = bucket * PHASES + PHASE_INDEX[server.phase]
    // Busy servers come in runs of the same bucket (ports in dial order): no lookup for those.
    if (key === lastKey) return lastTable!
    let table = serverCache.get(key)
    if (table) {
      lastKey = key
      lastTable = table
      return table
    }
    table = new Float64Array(supplyLength)
    for (let k = 1; k < supplyLength; k++) table[k] = freeWithin(server.phase, bucket, k)
    serverCache.set(key, table)
    lastKey = key
    lastTable = table
    return table
  }

  function freeWithin(phase: BusyServer['phase'], elapsedSec: number, k: number): number {
    if (phase === 'reserving') return 1
    if (phase === 'wrapUp') return samples.wrap.conditionalCdf(elapsedSec, k)
    // Talking: the rest of the talk, then a wrap-up drawn from its distribution.
    let total = 0
    for (const wrapSec of wrapQuantiles) {
      if (k >= wrapSec) total += samples.talk.conditionalCdf(elapsedSec, k - wrapSec)
    }
    return total / wrapQuantiles.length
  }

  return { horizonSec, liveProbability: p, lineLiveCdf, serverFreeCdf }
}
