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

/** How many standard deviations of a window's abandon count the aim keeps below the allowance. */
export const WINDOW_SCATTER_Z = 2.5
/** Variance of a window's abandon count over its mean (1 for Poisson; bursts make it larger). */
export const WINDOW_OVERDISPERSION = 3
/** The share of the allowance aimed at, however large the window (some room for the unforeseen). */
export const WINDOW_AIM_SHARE_MAX = 0.85
/** Below this width (in abandons) there is no taper. */
const TAPER_WIDTH_ABANDONS_MIN = 1
/** The engine's guard keeps room for this many abandons from lines already in flight. */
export const TAPER_GUARD_ROOM = 4
/** Connect rate estimates use at least this much elapsed time (the first seconds say nothing). */
const ELAPSED_SEC_MIN = 300

export interface WindowState {
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

/** The share of the visible budget the feedback aims at, for a window of this size. */
export function aimShare(state: WindowState): number {
  const elapsed = Math.max(ELAPSED_SEC_MIN, state.filledSec)
  const connectsPerWindow = (state.windowConnects / elapsed) * state.windowSec
  const allowance = (state.visibleBudgetPct / 100) * connectsPerWindow
  if (allowance <= 0) return WINDOW_AIM_SHARE_MAX
  const hidden = (state.hiddenAbandonPct / 100) * connectsPerWindow
  return Math.min(WINDOW_AIM_SHARE_MAX, safeMeanAbandons(allowance, hidden) / allowance)
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
  const hiddenShare = state.hiddenAbandonPct / 100
  const hidden = hiddenShare * (state.windowConnects + expectedAnswers)
  const calls = state.windowConnects + state.windowAbandons + expectedAnswers + hidden
  const margin = HIDDEN_SCATTER_Z * Math.sqrt(hidden + 1)
  return Math.max(0, cap * calls - state.windowAbandons - hidden - margin)
}
