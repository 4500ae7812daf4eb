// Running estimates of a campaign's contact rate and timings from its own recent attempts, with a
// prior for the first minutes (a real dialer knows nothing else). Pure: fed with observations.
// The windows are short enough to follow an hour's drift (docs/pacing.md §5).

import { LiveRate } from './live-rate.ts'
import { buildPacingModel, type PacingModel } from './model.ts'
import { RecentSamples } from './samples.ts'
import type { PacingEstimates } from './types.ts'

/** How many recent resolved dials the live-probability estimate looks at. */
export const LIVE_WINDOW_DIALS_MAX = 400
/** A shorter window over the latest dials notices a rising contact rate sooner… */
export const LIVE_RECENT_DIALS = 100
/** …and is believed once its lower bound, this many standard errors down, is above the long one. */
const LIVE_RECENT_Z = 2
/** A dial counts for the live rate once this quantile of recent resolution times has passed… */
const SETTLE_QUANTILE = 0.99
/** …taken as this before the first samples (a 20-second ring limit plus CPA). */
const SETTLE_SEC_PRIOR = 25
/** Weight of the prior, in pseudo-dials, fading as real dials arrive. */
const PRIOR_DIALS = 30
const PRIOR_LIVE_PROBABILITY = 0.25
/** The forecast tables are rebuilt at most this often (in simulated or real seconds)… */
export const MODEL_REFRESH_SEC = 15
/** …or after this many new observations, whichever comes first (first minutes: fast learning). */
const MODEL_REFRESH_OBSERVATIONS = 1000

const spread = (count: number, from: number, to: number): number[] =>
  Array.from({ length: count }, (_, i) => from + ((to - from) * (i + 0.5)) / count)
const exponentialQuantiles = (count: number, mean: number): number[] =>
  Array.from({ length: count }, (_, i) => -mean * Math.log(1 - (i + 0.5) / count))

export class CampaignEstimator {
  private readonly liveRate = new LiveRate()
  /** Seconds after which a dial has resolved (nearly) surely: the slowest recent resolutions. */
  private settleSec = SETTLE_SEC_PRIOR
  private readonly liveTimes = new RecentSamples(300, spread(20, 6, 14))
  private readonly otherTimes = new RecentSamples(600, [...spread(8, 2, 4), ...spread(12, 10, 25)])
  private readonly talk = new RecentSamples(400, exponentialQuantiles(20, 120))
  private readonly wrap = new RecentSamples(400, spread(20, 8, 22))
  private model: PacingModel | null = null
  private modelBuiltAtMs = Number.NEGATIVE_INFINITY
  private observationsSinceModel = 0

  /**
   * A dial resolved: `live` when the dialer saw a live person (CPA live), `dialToResolveSec`
   * after it was placed, at `resolvedAtMs`.
   */
  observeResolution(live: boolean, dialToResolveSec: number, resolvedAtMs: number): void {
    this.liveRate.record(live, resolvedAtMs - dialToResolveSec * 1000)
    if (live) {
      this.liveTimes.add(dialToResolveSec)
    } else {
      this.otherTimes.add(dialToResolveSec)
    }
    this.observationsSinceModel += 1
  }

  observeTalk(talkSec: number): void {
    this.talk.add(talkSec)
    this.observationsSinceModel += 1
  }

  observeWrap(wrapSec: number): void {
    this.wrap.add(wrapSec)
  }

  /**
   * The live share of the latest settled dials (by dial time: see live-rate.ts). A rise shows in
   * the short window first; over-estimating the rate only opens fewer lines, so the larger of
   * the two is the safe side (docs/pacing.md §5).
   */
  private liveProbability(nowMs: number): number {
    const longCounts = this.liveRate.settled(nowMs, this.settleSec, LIVE_WINDOW_DIALS_MAX)
    const long =
      (longCounts.live + PRIOR_LIVE_PROBABILITY * PRIOR_DIALS) / (longCounts.total + PRIOR_DIALS)
    const recentCounts = this.liveRate.settled(nowMs, this.settleSec, LIVE_RECENT_DIALS)
    if (recentCounts.total < LIVE_RECENT_DIALS) return long
    const recent = recentCounts.live / recentCounts.total
    const spread = LIVE_RECENT_Z * Math.sqrt((recent * (1 - recent)) / recentCounts.total)
    return Math.max(long, recent - spread)
  }

  /** The forecast model, rebuilt when stale (time or observations). */
  modelAt(nowMs: number): PacingModel {
    const stale =
      this.model === null ||
      nowMs - this.modelBuiltAtMs >= MODEL_REFRESH_SEC * 1000 ||
      this.observationsSinceModel >= MODEL_REFRESH_OBSERVATIONS
    if (stale) {
      const liveTimes = this.liveTimes.frozen()
      const otherTimes = this.otherTimes.frozen()
      this.settleSec =
        Math.max(liveTimes.quantile(SETTLE_QUANTILE), otherTimes.quantile(SETTLE_QUANTILE)) + 1
      this.model = buildPacingModel({
        liveProbability: this.liveProbability(nowMs),
        liveTimes,
        otherTimes,
        talk: this.talk.frozen(),
        wrap: this.wrap.frozen(),
      })
      this.modelBuiltAtMs = nowMs
      this.observationsSinceModel = 0
    }
    return this.model!
  }

  snapshot(nowMs: number): PacingEstimates {
    const model = this.modelAt(nowMs)
    const liveProbability = this.liveProbability(nowMs)
    return {
      liveProbability,
      dialToLiveSec: this.liveTimes.mean(),
      dialToResolveSec:
        liveProbability * this.liveTimes.mean() + (1 - liveProbability) * this.otherTimes.mean(),
      talkSec: this.talk.mean(),
      wrapSec: this.wrap.mean(),
      liveSamples: this.liveTimes.observed,
      model,
      settleSec: this.settleSec,
      unsettledDials: this.liveRate.unsettled(nowMs, this.settleSec),
    }
  }
}
