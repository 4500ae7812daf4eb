// Running estimates of a campaign's contact rate and timings from its own recent attempts, with a
// prior for the first minutes (a real dialer knows nothing else). Pure: fed with observations.
import type { PacingEstimates } from './types.ts'

/** How many recent resolved dials the live-probability estimate looks at. */
export const LIVE_WINDOW_DIALS_MAX = 400
/** Weight of the prior, in pseudo-dials, fading as real dials arrive. */
const PRIOR_DIALS = 30
const PRIOR_LIVE_PROBABILITY = 0.25
const PRIOR_DIAL_TO_LIVE_SEC = 10
const PRIOR_DIAL_TO_RESOLVE_SEC = 15
const PRIOR_TALK_SEC = 120
const PRIOR_WRAP_SEC = 15
/** Smoothing of the timing means: the weight of each new sample once warmed up. */
const TIMING_SMOOTHING_MIN = 0.02

class RunningMean {
  private count = 0
  value: number
  constructor(prior: number) {
    this.value = prior
  }
  add(sample: number): void {
    this.count += 1
    const weight = Math.max(1 / (this.count + 1), TIMING_SMOOTHING_MIN)
    this.value += weight * (sample - this.value)
  }
  get samples(): number {
    return this.count
  }
}

export class CampaignEstimator {
  private readonly outcomes: boolean[] = []
  private cursor = 0
  private liveInWindow = 0
  private readonly dialToLive = new RunningMean(PRIOR_DIAL_TO_LIVE_SEC)
  private readonly dialToResolve = new RunningMean(PRIOR_DIAL_TO_RESOLVE_SEC)
  private readonly talk = new RunningMean(PRIOR_TALK_SEC)
  private readonly wrap = new RunningMean(PRIOR_WRAP_SEC)

  /** A dial resolved: `live` when the dialer saw a live person (CPA live). */
  observeResolution(live: boolean, dialToResolveSec: number): void {
    if (this.outcomes.length < LIVE_WINDOW_DIALS_MAX) {
      this.outcomes.push(live)
    } else {
      if (this.outcomes[this.cursor]) this.liveInWindow -= 1
      this.outcomes[this.cursor] = live
      this.cursor = (this.cursor + 1) % LIVE_WINDOW_DIALS_MAX
    }
    if (live) {
      this.liveInWindow += 1
      this.dialToLive.add(dialToResolveSec)
    }
    this.dialToResolve.add(dialToResolveSec)
  }

  observeTalk(talkSec: number): void {
    this.talk.add(talkSec)
  }

  observeWrap(wrapSec: number): void {
    this.wrap.add(wrapSec)
  }

  snapshot(): PacingEstimates {
    const n = this.outcomes.length
    const liveProbability =
      (this.liveInWindow + PRIOR_LIVE_PROBABILITY * PRIOR_DIALS) / (n + PRIOR_DIALS)
    return {
      liveProbability,
      dialToLiveSec: this.dialToLive.value,
      dialToResolveSec: this.dialToResolve.value,
      talkSec: this.talk.value,
      wrapSec: this.wrap.value,
      liveSamples: this.dialToLive.samples,
    }
  }
}
