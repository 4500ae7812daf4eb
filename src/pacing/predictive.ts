// Predictive pacing (R1.3), first version: a forward model. Forecast the servers (agents or IVR
// ports) free within the dial-to-live horizon from each one's phase and time in it, then open the
// most lines whose expected over-connects stay within the abandon budget; a slow feedback term
// corrects the budget every `correctionPace` connects, scaled by `gain` (pacing-notes.md §2).
import { invariant } from '../domain/invariant.ts'
import { BINOMIAL_TRIALS_MAX, expectedExcess } from './binomial.ts'
import type { BusyServer, PacingDecision, PacingSnapshot, PoolPacingPolicy } from './types.ts'

export interface PredictiveParams {
  /** Live connects between feedback corrections (Appendix A predictiveCorrectionPace). */
  correctionPace: number
  /** How strongly each correction moves the budget (Appendix A predictiveGain). */
  gain: number
}

/** The budget multiplier's bounds: the feedback may halve or double the model's budget. */
const BUDGET_SCALE_MIN = 0.25
const BUDGET_SCALE_MAX = 2

/** Probability that a busy server is free for a new customer within `horizonSec`. */
export function freeWithinProbability(
  server: BusyServer,
  horizonSec: number,
  talkSec: number,
  wrapSec: number,
): number {
  // Memoryless approximation of the remaining time in the phase, then the phases after it.
  if (server.phase === 'reserving') return 1 - Math.exp(-horizonSec / 2)
  if (server.phase === 'wrapUp') return 1 - Math.exp(-horizonSec / Math.max(wrapSec, 1))
  return 1 - Math.exp(-horizonSec / Math.max(talkSec + wrapSec, 1))
}

export function expectedFreeServers(snapshot: PacingSnapshot, horizonSec: number): number {
  const { talkSec, wrapSec } = snapshot.estimates
  let free = snapshot.readyServers - snapshot.liveWaiting
  // The first version's forecast depends on the phase only, so count phases once each.
  const perPhase = new Map<BusyServer['phase'], number>()
  for (const server of snapshot.busyServers) {
    let p = perPhase.get(server.phase)
    if (p === undefined) {
      p = freeWithinProbability(server, horizonSec, talkSec, wrapSec)
      perPhase.set(server.phase, p)
    }
    free += p
  }
  return Math.max(0, free)
}

export function predictivePolicy(params: PredictiveParams): PoolPacingPolicy {
  invariant(params.correctionPace >= 1, 'correctionPace must be ≥ 1')
  let budgetScale = 1
  let sinceCorrection = { connected: 0, abandoned: 0 }
  // The feedback compares the visible abandons with the visible budget (target − hidden room).
  let lastTargetPct = 3
  let lastTarget = 0
  return {
    name: 'predictive',
    decide(snapshot) {
      lastTargetPct = Math.max(0.1, snapshot.abandonTargetPct - snapshot.hiddenAbandonPct)
      const decision = decidePredictive(snapshot, budgetScale, lastTarget)
      lastTarget = decision.targetLinesInFlight
      return decision
    },
    observe(event) {
      sinceCorrection[event.kind] += 1
      if (sinceCorrection.connected < params.correctionPace) return
      const total = sinceCorrection.connected + sinceCorrection.abandoned
      const observedPct = (100 * sinceCorrection.abandoned) / total
      const error = (lastTargetPct - observedPct) / lastTargetPct
      budgetScale *= Math.exp(params.gain * 0.5 * Math.max(-1, Math.min(1, error)))
      budgetScale = Math.min(BUDGET_SCALE_MAX, Math.max(BUDGET_SCALE_MIN, budgetScale))
      sinceCorrection = { connected: 0, abandoned: 0 }
    },
  }
}

function decidePredictive(
  snapshot: PacingSnapshot,
  budgetScale: number,
  hint: number,
): PacingDecision {
  const { liveProbability, dialToLiveSec } = snapshot.estimates
  const free = expectedFreeServers(snapshot, dialToLiveSec)
  const floor = Math.max(0, snapshot.readyServers - snapshot.liveWaiting)
  const cap = Math.min(
    BINOMIAL_TRIALS_MAX,
    Math.ceil(snapshot.maxLinesPerServer * Math.max(free, floor, 1)),
  )
  // The share of connects we may lose, after the room kept for AMD's invisible abandons.
  const allowedPct = Math.max(0, snapshot.abandonTargetPct - snapshot.hiddenAbandonPct)
  const allowed = (allowedPct / 100) * budgetScale
  const freeWhole = Math.floor(free)
  const fits = (lines: number): boolean => {
    const { excess, served } = expectedExcess(lines, liveProbability, freeWhole)
    return excess <= allowed * (served + excess)
  }
  // The over-connect share grows with the number of lines: find the largest count that fits,
  // galloping from the last decision (it rarely moves far), then bisecting.
  let best = Math.min(floor, cap)
  const low = Math.max(best, snapshot.linesInFlight)
  if (low <= cap && fits(low)) best = largestFitting(fits, low, cap, hint)
  return {
    targetLinesInFlight: best,
    reason: `free≈${free.toFixed(2)} p=${liveProbability.toFixed(3)} budget=${(allowed * 100).toFixed(2)}%`,
  }
}

/** The largest n in [low, high] with fits(n), given fits(low); `hint` is where to start looking. */
export function largestFitting(
  fits: (n: number) => boolean,
  low: number,
  high: number,
  hint: number,
): number {
  let lo = low
  let hi = high
  let step = 1
  let probe = Math.min(hi, Math.max(lo, hint))
  // Gallop from the hint to bracket the answer between a fitting lo and a failing hi + 1.
  if (fits(probe)) {
    lo = probe
    while (lo < hi) {
      probe = Math.min(hi, lo + step)
      if (!fits(probe)) {
        hi = probe - 1
        break
      }
      lo = probe
      step *= 2
    }
  } else {
    hi = probe - 1
  }
  while (lo < hi) {
    const middle = Math.ceil((lo + hi) / 2)
    if (fits(middle)) lo = middle
    else hi = middle - 1
  }
  return lo
}
