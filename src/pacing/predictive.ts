// Predictive pacing (R1.3). A forward model on a 1-second grid (docs/pacing.md §1–§3):
// - demand: each line in flight turns live within k s with a probability that depends on how long
//   it has rung already (a line ringing for 15 s is most likely a no-answer);
// - supply: ready agents (or free IVR ports) now, plus each busy one freeing within k s given its
//   phase and time in it, from the observed talk and wrap-up distributions;
// - a new line's live answer at time k is abandoned when the other live answers up to k already
//   use every agent free by k + 2 s (the connect rule). With both sides sums of Bernoulli events,
//   that chance is a normal tail.
// The policy opens the most new lines whose marginal abandon chance stays under a threshold: the
// visible abandon budget (target − the AMD false positives it cannot see), scaled by a slow
// feedback every `correctionPace` live connects with `gain` (docs/pacing.md §2: feedback only as a
// slow correction). `maxDialingRate` caps lines per agent; the engine's cap guard stays last.
import { invariant } from '../domain/invariant.ts'
import { type Forecast, ForecastScratch, forecast } from './forecast.ts'
import { CONNECT_MARGIN_SEC } from './model.ts'
import { normalCdf } from './normal.ts'
import type { PacingDecision, PacingSnapshot, PoolPacingPolicy } from './types.ts'
import { varianceFloor } from './variance-floor.ts'
import {
  aimShare,
  remainingAbandons,
  roomTaper,
  type WindowState,
  wholeRunConnects,
} from './window-budget.ts'

export interface PredictiveParams {
  /** Live connects between feedback corrections (Appendix A predictiveCorrectionPace). */
  correctionPace: number
  /** How strongly each correction moves the threshold (Appendix A predictiveGain). */
  gain: number
}

/**
 * The marginal line's abandon chance may be this share of the visible budget at first. The model's
 * chance comes from independent normal tails and runs low (measured: about 4× on the public
 * scenarios), so the start is cautious and the feedback finds the level (docs/pacing.md §2).
 */
export const THRESHOLD_PER_BUDGET_START = 0.25
/** The feedback's step per correction (times the gain and the relative error)… */
const FEEDBACK_STEP = 0.1
/**
 * …or larger on a whole run of few corrections: enough for the scale to move by e^FEEDBACK_RANGE
 * over the run (from the start 0.25 to about 3)…
 */
const FEEDBACK_RANGE = 2.5
/** …at most this step… */
const FEEDBACK_STEP_MAX = 0.3
/** …and only where the run holds at least this many corrections to undo an overshoot. */
const FAST_FEEDBACK_CORRECTIONS_MIN = 5
/** Above this share of capped decisions in a correction period, the threshold is not raised. */
const CAPPED_SHARE_MAX = 0.5
/** A contact rate this many times higher or lower than where the scale was learnt resets it. */
export const REGIME_CHANGE_FACTOR = 1.5
/** How much of the feedback's error comes from the whole regulatory window (the rest: recent). */
const WINDOW_WEIGHT = 0.5
/** The recent rate remembers about this many correction periods (less noise than one period). */
const RECENT_PERIODS = 10
const SCALE_MIN = 0.05
const SCALE_MAX = 4
export const NEW_LINES_PER_DECISION_MAX = 5000
/** The lines out must fit the window's room even at this many times the estimated contact rate. */
const WORST_RISE = 1.5
/** Standard deviations of the answers and the servers freeing the worst-rate shortfall keeps. */
const WORST_SCATTER_Z = 2
/** The early-answer check needs this many live answers expected of the newest dials… */
const EARLY_EXPECTED_MIN = 4
/** …and counts the observed ones this many standard deviations down (a Poisson count). */
const EARLY_RISE_Z = 2
/** A rise is believed up to this factor (the stress days change the rate by up to 6×). */
const EARLY_RISE_MAX = 8

export function predictivePolicy(params: PredictiveParams): PoolPacingPolicy {
  invariant(params.correctionPace >= 1, 'correctionPace must be ≥ 1')
  let scale = THRESHOLD_PER_BUDGET_START
  let budgetPct = 2
  let since = { connected: 0, abandoned: 0 }
  const recent = { connected: 0, abandoned: 0 }
  let lastNew = 0
  /** Decisions since the last correction, and how many of them the dial-rate cap decided. */
  let decisions = 0
  let cappedDecisions = 0
  let guardActive = false
  let windowPct = 0
  let aim = 0.85
  let step = FEEDBACK_STEP
  let startedAtMs: number | null = null
  /** The contact rate's estimates since the scale was last reset: their sum and count. */
  let anchorSum = 0
  let anchorCount = 0
  /** The highest contact rate seen since the campaign started pacing. */
  let peakLive = 0
  const scratch = new ForecastScratch()
  return {
    name: 'predictive',
    decide(snapshot) {
      guardActive = snapshot.capGuardActive
      windowPct = snapshot.windowAbandonPct
      budgetPct = Math.max(0.1, snapshot.abandonTargetPct - snapshot.hiddenAbandonPct)
      startedAtMs ??= snapshot.nowMs
      const window: WindowState = {
        visibleBudgetPct: budgetPct,
        abandonTargetPct: snapshot.abandonTargetPct,
        hiddenAbandonPct: snapshot.hiddenAbandonPct,
        windowSec: snapshot.windowSec,
        filledSec: Math.min(snapshot.windowSec, (snapshot.nowMs - startedAtMs) / 1000),
        windowConnects: snapshot.windowConnects,
        windowAbandons: snapshot.windowAbandons,
        ...(snapshot.windowsHeld === undefined ? {} : { held: snapshot.windowsHeld }),
      }
      aim = aimShare(window)
      const runConnects = wholeRunConnects(window)
      step =
        runConnects === null ? FEEDBACK_STEP : feedbackStep(runConnects / params.correctionPace)
      // The feedback's scale was learnt at one contact rate; it says little at a very different
      // one (docs/pacing.md §5): when the rate moves by a factor, start again from the cautious
      // level instead of carrying a scale learnt where the threshold barely mattered. The rate it
      // was learnt at is the mean of the decisions' estimates since the last reset.
      const live = snapshot.estimates.liveProbability
      const anchor = anchorCount > 0 ? anchorSum / anchorCount : live
      if (Math.abs(Math.log(live / anchor)) > Math.log(REGIME_CHANGE_FACTOR)) {
        scale = Math.min(scale, THRESHOLD_PER_BUDGET_START)
        anchorSum = 0
        anchorCount = 0
      }
      anchorSum += live
      anchorCount += 1
      const threshold = Math.min(0.5, (budgetPct * scale) / 100) * roomTaper(window, aim)
      peakLive = Math.max(live, peakLive)
      // The worst plausible contact rate for the lines out: the highest seen since the start (a
      // rate that comes back after a long collapse), and at least WORST_RISE × the current one.
      const worst = Math.min(1, Math.max(peakLive, WORST_RISE * live))
      const decision = decidePredictive(snapshot, threshold, lastNew, { window, worst }, scratch)
      // What the feedback aims at, in the reason: a whole run's aim comes from the guard's room at
      // its end (window-budget.ts `aimShare`), a sliding window's from its own scatter.
      const wholeRun = window.held?.some((held) => held.wholeRun) === true
      decision.reason += ` aim=${(aim * budgetPct).toFixed(2)}%${wholeRun ? ' of the run' : ''}`
      lastNew = decision.targetLinesInFlight - snapshot.linesInFlight
      decisions += 1
      if (decision.capped) cappedDecisions += 1
      return decision
    },
    observe(event) {
      since[event.kind] += 1
      if (since.connected < params.correctionPace) return
      // Blend the recent rate with the regulatory window's: the window is what must hold.
      const keep = 1 - 1 / RECENT_PERIODS
      recent.connected = keep * recent.connected + since.connected
      recent.abandoned = keep * recent.abandoned + since.abandoned
      const recentPct = (100 * recent.abandoned) / (recent.connected + recent.abandoned)
      const observedPct = WINDOW_WEIGHT * windowPct + (1 - WINDOW_WEIGHT) * recentPct
      const aimPct = aim * budgetPct
      let error = Math.max(-1, Math.min(1, (aimPct - observedPct) / aimPct))
      // Under the guard the abandon rate says nothing about this policy's own level: only lower.
      if (guardActive) error = Math.min(0, error)
      // Nor while the dial-rate cap, not the threshold, decided most lines: raising the threshold
      // would change nothing now and overshoot once the cap stops binding (wind-up).
      if (cappedDecisions > CAPPED_SHARE_MAX * decisions) error = Math.min(0, error)
      decisions = 0
      cappedDecisions = 0
      scale = Math.min(SCALE_MAX, Math.max(SCALE_MIN, scale * Math.exp(params.gain * step * error)))
      since = { connected: 0, abandoned: 0 }
    },
  }
}

/**
 * The feedback's step for a whole run of `corrections` corrections: the base
 * step, or FEEDBACK_RANGE spread over those corrections where that is larger (at most
 * FEEDBACK_STEP_MAX), from FAST_FEEDBACK_CORRECTIONS_MIN corrections on.
 */
function feedbackStep(corrections: number): number {
  if (!(corrections >= FAST_FEEDBACK_CORRECTIONS_MIN)) return FEEDBACK_STEP
  return Math.min(FEEDBACK_STEP_MAX, Math.max(FEEDBACK_STEP, FEEDBACK_RANGE / corrections))
}

/**
 * How many times more live answers the newest dials brought than the model expects of them
 * (1 when not significantly more): each dial of the last settle time, resolved or still ringing,
 * would have turned live by its age with the new-line chance; the live answers counted are a lower
 * bound EARLY_RISE_Z standard deviations down. Live answers come within seconds of the answer, so a
 * contact rate that comes back after a collapse shows here before the lines opened meanwhile answer
 * (docs/pacing.md §5); a fall is left to the settled rate (it errs on the safe side).
 */
export function earlyRise(snapshot: PacingSnapshot): number {
  const { model, unsettledDials, settleSec } = snapshot.estimates
  const cdf = model.lineLiveCdf(0)
  const last = Math.min(cdf.length - 1, Math.floor(settleSec))
  let expected = 0
  let observed = 0
  for (const { ageSec, count } of snapshot.lineAges)
    if (ageSec <= last) expected += count * cdf[ageSec]!
  for (const dials of unsettledDials) {
    if (dials.ageSec > last) continue
    expected += dials.resolved * cdf[dials.ageSec]!
    observed += dials.live
  }
  if (expected < EARLY_EXPECTED_MIN) return 1
  const lower = observed - EARLY_RISE_Z * Math.sqrt(observed)
  return Math.min(EARLY_RISE_MAX, Math.max(1, lower / expected))
}

/** The chance that one more new line's live answer finds no agent, with `others` new lines too. */
function marginalAbandonChance(f: Forecast, others: number, floor: number): number {
  const cdf = f.newLineCdf
  let weighted = 0
  for (let i = 0; i < f.arrivals.length; i++) {
    const k = f.arrivals[i]!
    const arriving = cdf[k]! - cdf[k - 1]!
    const short = f.demand[k]! + others * cdf[k]! - f.supply[k + CONNECT_MARGIN_SEC]!
    const variance =
      f.demandVar[k]! +
      others * cdf[k]! * (1 - cdf[k]!) +
      f.supplyVar[k + CONNECT_MARGIN_SEC]! +
      floor
    weighted += arriving * normalCdf((short + 0.5) / Math.sqrt(variance))
  }
  const live = cdf[cdf.length - 1]!
  return live > 0 ? weighted / live : 1
}

/** What the window's budget allows beyond the marginal chance (absent: nothing beyond it). */
export interface BudgetLimit {
  window: WindowState
  /** The worst plausible contact rate (a probability). */
  worst: number
}

/**
 * The abandons the lines out (and `extra` new ones) would make if they turned live at `worst` ×
 * the forecast rate: the largest shortfall of agents over the horizon's steps, plus its scatter
 * (the window's room is spent on a count, not on a mean).
 */
function worstShortfall(f: Forecast, extra: number, worst: number): number {
  let shortfall = 0
  for (let i = 0; i < f.arrivals.length; i++) {
    const k = f.arrivals[i]!
    const answers = worst * (f.demand[k]! + extra * f.newLineCdf[k]!)
    const supply = f.supply[k + CONNECT_MARGIN_SEC]!
    // A shortfall the mean already expects is a count that scatters (the answers about a Poisson
    // count, the servers freeing about their forecast): the room is spent on the count, not on the
    // mean. The scatter counts up to the expected shortfall itself, so it grows from 0 with it:
    // where the mean expects none, the lines up to the agents' supply are left as they were.
    const excess = answers - supply
    const sd = Math.sqrt(answers + f.supplyVar[k + CONNECT_MARGIN_SEC]!)
    shortfall = Math.max(shortfall, excess + Math.min(Math.max(0, excess), WORST_SCATTER_Z * sd))
  }
  return shortfall
}

export function decidePredictive(
  snapshot: PacingSnapshot,
  threshold: number,
  hint: number,
  limit: BudgetLimit | null = null,
  scratch: ForecastScratch = new ForecastScratch(),
): PacingDecision & { capped: boolean; rise: number; room: number } {
  // The tables are rebuilt every few seconds; the live estimate is fresher: a rise since the last
  // rebuild, or one the newest dials' early answers show, scales the tables' live chances.
  const tableLive = snapshot.estimates.model.liveProbability
  const fresh = tableLive > 0 ? snapshot.estimates.liveProbability / tableLive : 1
  const rise = Math.min(EARLY_RISE_MAX, Math.max(1, fresh, earlyRise(snapshot)))
  const f = forecast(snapshot, rise, scratch)
  const lastArrival = f.arrivals.length > 0 ? f.arrivals[f.arrivals.length - 1]! : 0
  // The window's remaining abandons, counting the live answers the lines out will bring in.
  const budgetRoom =
    limit === null
      ? Number.POSITIVE_INFINITY
      : remainingAbandons(limit.window, f.demand[lastArrival] ?? 0)
  const horizonSupply = f.supply[f.supply.length - 1]! + snapshot.liveWaiting
  // A whole number of lines at most the rate × servers (1e-9: 1.1 × 100 is 110.00000000000001).
  const cap = Math.floor(snapshot.maxLinesPerServer * Math.max(1, horizonSupply) + 1e-9)
  const room = Math.min(NEW_LINES_PER_DECISION_MAX, Math.max(0, cap - snapshot.linesInFlight))
  // Lines up to the ready agents not yet spoken for can never over-connect (progressive 1:1 is
  // the floor: docs/pacing.md §4); beyond them, the marginal chance decides.
  const safe = Math.min(
    room,
    Math.max(0, snapshot.readyServers - snapshot.liveWaiting - snapshot.linesInFlight),
  )
  // Beyond the safe lines, a line must pass the marginal chance, and the lines out with it must
  // not make more abandons than the window has left should they turn live at the worst rate
  // (lines opened while few answered can all answer at once when the rate comes back).
  const worst = limit === null ? 1 : Math.max(1, limit.worst / Math.max(1e-9, rise * tableLive))
  const floor = varianceFloor(snapshot.staffedServers)
  // The test is an unnamed argument, not a named closure: under tsx (which keeps functions' names)
  // a named one costs a property definition at every decision (issue 15, engine speed).
  const opened =
    room === 0
      ? 0
      : largestFitting(
          (n) =>
            n <= safe ||
            (marginalAbandonChance(f, n - 1, floor) <= threshold &&
              worstShortfall(f, n, worst) <= budgetRoom),
          safe,
          room,
          Math.max(safe, hint),
        )
  return {
    targetLinesInFlight: snapshot.linesInFlight + opened,
    capped: opened === room,
    rise,
    room: budgetRoom,
    reason:
      `+${opened} lines: supply≈${horizonSupply.toFixed(1)} p=${snapshot.estimates.liveProbability.toFixed(3)}` +
      `${rise > 1 ? ` rise ×${rise.toFixed(2)}` : ''} θ=${(threshold * 100).toFixed(2)}%` +
      `${Number.isFinite(budgetRoom) ? ` room≈${budgetRoom.toFixed(0)} worst ×${worst.toFixed(2)}` : ''}`,
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
