// The regulatory window's abandon budget, as pacing should spend it (R5.5,
// docs/pacing.md §3, §5).
// The cap holds over every window of `windowSec`, not only on average: abandons are rare events,
// so a window's count scatters around its mean, and bursts (a contact rate that rises faster than
// the estimate follows) make it scatter more than a Poisson count. Two consequences:
// - aim: the mean visible abandons per window must sit low enough that the count plus its scatter
//   stays under the window's allowance — a smaller share of it when the window holds few calls;
// - taper: as the window's remaining room runs out, the marginal line's allowed abandon chance
//   shrinks smoothly to zero, so the engine's hard cap guard (one line per ready agent) is rarely
//   what stops the dialing; each time it does, agents wait for minutes.

import type { WindowHeld } from './types.ts'

/** How many standard deviations of a window's abandon count the aim keeps below the allowance. */
export const WINDOW_SCATTER_Z = 2.5
/** Variance of a window's abandon count over its mean (1 for Poisson; bursts make it larger). */
export const WINDOW_OVERDISPERSION = 3
/**
 * The share of the connects expected in a window ahead that the worst-rate room counts on: a burst
 * at the worst rate is a change of regime, after which the connects a second can differ a lot
 * (after a collapse, short machine connects gave way to long talks: bench:pacing-stress seed 304).
 */
export const BURST_FUTURE_SHARE = 0.25
/** The windows ending between now and a window ahead are checked at this many steps. */
export const WINDOWS_HELD_STEPS = 8
/** The connect rate credited to the future needs at least this much pacing behind it. */
const CREDIT_ELAPSED_SEC_MIN = 60
/** The share of the allowance aimed at, however large the window (some room for the unforeseen). */
export const WINDOW_AIM_SHARE_MAX = 0.85
/** Below this width (in abandons) there is no taper. */
const TAPER_WIDTH_ABANDONS_MIN = 1
/** The engine's guard keeps room for this many abandons from lines already in flight. */
export const TAPER_GUARD_ROOM = 4
/** Connect rate estimates use at least this much elapsed time (the first seconds say nothing). */
const ELAPSED_SEC_MIN = 300

export interface WindowState {
  /** The windows the abandons made now will count in (absent: the window ending now only). */
  held?: readonly WindowHeld[]
  /** Allowed visible abandon rate: the cap less the AMD abandons the dialer cannot see, in %. */
  visibleBudgetPct: number
  abandonTargetPct: number
  hiddenAbandonPct: number
  windowSec: number
  /** Seconds the window has been filling (time since the campaign started pacing, at most W). */
  filledSec: number
  windowConnects: number
  windowAbandons: number
}

/**
 * The largest mean m of a window's visible abandons with m + z·√(φ·m + h) ≤ allowance, where h is
 * the mean count of the abandons AMD makes unseen (a Poisson count of its own, whose scatter the
 * window's total carries too): z standard deviations to spare under the allowance.
 */
export function safeMeanAbandons(allowance: number, hidden = 0): number {
  if (allowance <= 0) return 0
  const z = WINDOW_SCATTER_Z
  const phi = WINDOW_OVERDISPERSION
  // With u = φm + h: u + zφ√u − (φ·allowance + h) = 0, a quadratic in √u.
  const rootU = (-z * phi + Math.sqrt(z * z * phi * phi + 4 * (phi * allowance + hidden))) / 2
  return Math.max(0, (rootU * rootU - hidden) / phi)
}

/** The share aimed at is at least this (the feedback's error is relative to the aim). */
export const WINDOW_AIM_SHARE_MIN = 0.05

/**
 * The share of the visible budget the feedback aims at, for a window of this size. A campaign's
 * whole run (it ends before its first window is full) is measured once, at its end: its visible
 * abandons are counted as they come, and the feedback and the engine's guard act on that count, so
 * the sliding windows' scatter margin does not apply. Its aim is what the guard leaves at the end:
 * the cap over the run's expected calls (made and to come) less the unseen AMD abandons, their
 * scatter (HIDDEN_SCATTER_Z standard deviations) and the guard's room (TAPER_GUARD_ROOM).
 */
export function aimShare(state: WindowState): number {
  const runConnects = wholeRunConnects(state)
  if (runConnects !== null) return wholeRunAim(state, runConnects)
  const elapsed = Math.max(ELAPSED_SEC_MIN, state.filledSec)
  const connectsPerWindow = (state.windowConnects / elapsed) * state.windowSec
  const allowance = (state.visibleBudgetPct / 100) * connectsPerWindow
  if (allowance <= 0) return WINDOW_AIM_SHARE_MAX
  const hidden = (state.hiddenAbandonPct / 100) * connectsPerWindow
  return Math.min(WINDOW_AIM_SHARE_MAX, safeMeanAbandons(allowance, hidden) / allowance)
}

/**
 * The connects a whole run (it ends before its first window is full) is expected to make: those
 * made and those to come, at least those made. Null when the cap is measured over sliding windows.
 */
export function wholeRunConnects(state: WindowState): number | null {
  const run = state.held?.find((window) => window.wholeRun)
  if (run === undefined) return null
  return Math.max(run.connects + run.futureConnects, state.windowConnects)
}

/** A whole run's aim for the `connects` it is expected to make (wholeRunConnects). */
function wholeRunAim(state: WindowState, connects: number): number {
  const allowance = (state.visibleBudgetPct / 100) * connects
  if (allowance <= 0) return WINDOW_AIM_SHARE_MAX
  const hidden = (state.hiddenAbandonPct / 100) * connects
  const spare =
    (state.abandonTargetPct / 100) * connects -
    hidden -
    HIDDEN_SCATTER_Z * Math.sqrt(hidden) -
    TAPER_GUARD_ROOM
  return Math.min(WINDOW_AIM_SHARE_MAX, Math.max(WINDOW_AIM_SHARE_MIN, spare / allowance))
}

/**
 * How much of the marginal-line threshold is left, from the window's own count: 1 while its
 * visible abandons are at most the aim's share of its allowance, falling linearly to 0 where the
 * engine's guard would engage. A burst is answered at once, not after the slow feedback.
 */
export function roomTaper(state: WindowState, share: number): number {
  const calls = state.windowConnects + state.windowAbandons
  const guardCount =
    (state.abandonTargetPct / 100) * calls -
    (state.hiddenAbandonPct / 100) * state.windowConnects -
    TAPER_GUARD_ROOM
  const aimCount = share * (state.visibleBudgetPct / 100) * state.windowConnects
  const width = guardCount - aimCount
  // A window that allows only a few abandons is left to the guard: a taper narrower than one
  // abandon is no smoother than the guard, and would only hold the dialing back longer.
  if (width < TAPER_WIDTH_ABANDONS_MIN) return 1
  return Math.min(1, Math.max(0, (guardCount - state.windowAbandons) / width))
}

/** Standard deviations of the unseen AMD abandons kept aside from the room. */
export const HIDDEN_SCATTER_Z = 2

/**
 * How many more abandons the regulatory window can take now: the cap over its calls (live connects,
 * visible abandons, and the people AMD hangs up on unseen, from the configured estimate), with the
 * `expectedAnswers` the lines out will bring counted as calls too, less the abandons already in
 * it, less a scatter margin for the unseen ones (their count is only estimated).
 */
export function remainingAbandons(state: WindowState, expectedAnswers: number): number {
  const cap = state.abandonTargetPct / 100
  // A cap of 100 % allows every call to be abandoned: no window can be over it.
  if (cap >= 1) return Number.POSITIVE_INFINITY
  // The window ending now, whose calls are already made, and the windows the abandons will count
  // in: a burst at a rate higher than the worst foreseen is paid for by calls already made, never
  // by the connects credited to the future alone. Walked in place: no list of them per decision.
  const hiddenShare = state.hiddenAbandonPct / 100
  let least = windowRoom(
    cap,
    hiddenShare,
    state.windowConnects,
    state.windowAbandons,
    expectedAnswers,
  )
  if (state.held !== undefined) {
    for (const window of state.held) {
      const connects = window.connects + BURST_FUTURE_SHARE * window.futureConnects
      least = Math.min(
        least,
        windowRoom(cap, hiddenShare, connects, window.abandons, expectedAnswers),
      )
    }
  }
  return Math.max(0, least)
}

/** One window's room: the cap over its calls less its abandons, the unseen ones and their margin. */
function windowRoom(
  cap: number,
  hiddenShare: number,
  connects: number,
  abandons: number,
  expectedAnswers: number,
): number {
  const hidden = hiddenShare * (connects + expectedAnswers)
  const calls = connects + abandons + expectedAnswers + hidden
  const margin = HIDDEN_SCATTER_Z * Math.sqrt(hidden + 1)
  return cap * calls - abandons - hidden - margin
}

export interface WindowsHeldInput {
  nowMs: number
  /** When the campaign started pacing. */
  startedAtMs: number
  /** When the campaign stops dialing (its schedule); null: unknown. */
  endsAtMs: number | null
  windowSec: number
  /**
   * The connects a second the servers could take should every one of them be busy for the mean
   * talk (and wrap-up): short connects (machines taken for people, quick hang-ups) can make the
   * past rate higher than the servers will take once more people answer.
   */
  capacityConnectsPerSec: number
  /** The window's calls after each instant, as of `nowMs` (the campaign's AbandonLedger). */
  ledger: {
    countsAfter(
      nowMs: number,
      afters: readonly number[],
    ): readonly { connected: number; abandoned: number }[]
  }
}

/**
 * The regulatory windows that will hold an abandon made now (R5.5): every full window that ends
 * between now and a window ahead, before the campaign's end (a window ending before the first full
 * one is not a measure of its own; when the campaign ends before its first window is full, its
 * whole run is the one window). Each holds the calls of its part already past, which the ledger
 * has, and the connects of its part to come, at the rate of the window so far (at most what the
 * servers take at the mean talk) and only until the campaign's end. So a burst is held to the windows it will be
 * counted in, not only to the one ending now, whose oldest calls leave it first; and a window still
 * filling counts the calls the campaign will still make before its end. Null when the end is
 * unknown: the calls to come are not counted on, and the window ending now is the check.
 */
export function windowsHeld(input: WindowsHeldInput): WindowHeld[] | null {
  const { nowMs, startedAtMs, endsAtMs } = input
  if (endsAtMs === null || nowMs >= endsAtMs) return null
  const windowMs = input.windowSec * 1000
  const firstFullMs = startedAtMs + windowMs
  const ends: number[] = []
  if (firstFullMs >= endsAtMs) ends.push(endsAtMs)
  else {
    const from = Math.max(nowMs, firstFullMs)
    const to = Math.min(endsAtMs, nowMs + windowMs)
    for (let k = 0; k <= WINDOWS_HELD_STEPS; k++) {
      const endMs = nowMs + (k * windowMs) / WINDOWS_HELD_STEPS
      if (endMs >= from && endMs <= to) ends.push(endMs)
    }
    if (!ends.includes(from)) ends.push(from)
    if (!ends.includes(to)) ends.push(to)
  }
  const afters = [nowMs - windowMs]
  for (const endMs of ends) afters.push(endMs - windowMs)
  const counts = input.ledger.countsAfter(nowMs, afters)
  const elapsedSec = (nowMs - startedAtMs) / 1000
  const rate =
    elapsedSec >= CREDIT_ELAPSED_SEC_MIN
      ? Math.min(
          input.capacityConnectsPerSec,
          counts[0]!.connected / Math.min(input.windowSec, elapsedSec),
        )
      : 0
  const wholeRun = firstFullMs >= endsAtMs
  return ends.map((endMs, i) => ({
    connects: counts[i + 1]!.connected,
    abandons: counts[i + 1]!.abandoned,
    futureConnects: (rate * (Math.min(endMs, endsAtMs) - nowMs)) / 1000,
    ...(wholeRun ? { wholeRun: true as const } : {}),
  }))
}
