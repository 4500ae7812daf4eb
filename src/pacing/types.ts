// What a pacing strategy sees: a snapshot of one campaign's pool built from what a real dialer
// sees (agent states, lines in flight, observed timings), never the simulator's hidden truth.
import type { RecentDials } from './live-rate.ts'
import type { BusyServerGroup, PacingModel } from './model.ts'

export interface PacingEstimates {
  /** Probability that one dial becomes a live connect the dialer sees (CPA live). */
  liveProbability: number
  /** Mean time from dial to the live decision (answer + CPA). */
  dialToLiveSec: number
  /** Mean time a dial occupies a line before it resolves in any way. */
  dialToResolveSec: number
  talkSec: number
  wrapSec: number
  /** Live connects observed so far (how much the estimates are worth). */
  liveSamples: number
  /** The forecast tables built from the recent samples. */
  model: PacingModel
  /** Seconds after which a dial has (nearly surely) resolved: the live rate counts only those. */
  settleSec: number
  /**
   * The dials younger than `settleSec`, per dial second, as far as they resolved: live answers come
   * in within seconds, so a rising contact rate shows here long before it shows in the settled rate.
   */
  unsettledDials: RecentDials[]
}

/** How many lines in flight are `ageSec` whole seconds past their dial. */
export interface LineAgeGroup {
  ageSec: number
  count: number
}

export interface PacingSnapshot {
  nowMs: number
  /** Agents reserved, connected and waiting for a customer (or free IVR ports). */
  readyServers: number
  /** Busy servers grouped by phase and whole seconds in it (a group per pair, with its count). */
  busyServers: readonly BusyServerGroup[]
  /** Staffed agents (or configured ports) of the campaign's pool. */
  staffedServers: number
  /** Dialled and not yet resolved (no CPA decision, no failure). */
  linesInFlight: number
  /**
   * The lines in flight grouped by whole seconds since their dial (a group per age, with its
   * count; the counts add up to linesInFlight).
   */
  lineAges: readonly LineAgeGroup[]
  /**
   * The lines in flight are already more than the engine's abandon-cap guard allows (R5.5: the
   * window's room for abandons, should every answer beyond the ready servers find no one). A
   * policy's feedback must not read the low abandon rate the guard causes as room to dial more.
   */
  capGuardActive: boolean
  /** Live customers waiting for an agent now (inside their 2 seconds). */
  liveWaiting: number
  /** Upper bound on lines per server (maxDialingRate, or the dial rate). */
  maxLinesPerServer: number
  abandonTargetPct: number
  /** Share of live people that AMD wrongly hangs up on (configured estimate, in %). */
  hiddenAbandonPct: number
  /** Observed abandon rate over the regulatory window so far (visible abandons only). */
  windowAbandonPct: number
  windowConnects: number
  /** Visible abandons in the regulatory window so far. */
  windowAbandons: number
  /** Length of the regulatory window (abandonWindowSec). */
  windowSec: number
  /**
   * The regulatory windows the abandons made now will count in, when the campaign's end is known
   * (`windowsHeld` in window-budget.ts); absent when it is not: then the window ending now only.
   */
  windowsHeld?: readonly WindowHeld[]
  estimates: PacingEstimates
}

/**
 * A regulatory window that will hold the abandons made now: the calls of its part already past,
 * and the connects expected in its part still to come (never past the campaign's end).
 */
export interface WindowHeld {
  connects: number
  abandons: number
  /** Connects expected before the window's end (and the campaign's), at the rate so far. */
  futureConnects: number
  /**
   * The campaign ends before its first window is full: this window is its whole run, measured
   * once, at the campaign's end (docs/pacing.md §3).
   */
  wholeRun?: true
}

export interface PacingDecision {
  /** How many lines should be in flight after this decision. */
  targetLinesInFlight: number
  /** A short reason, kept for the supervisor's explanation of the decision. */
  reason: string
}

/** A pacing policy for pooled lines (predictive, fixed ratio, adaptive reference). */
export interface PoolPacingPolicy {
  readonly name: string
  decide(snapshot: PacingSnapshot): PacingDecision
  /** Feedback after every live connect or abandon the dialer sees. */
  observe?(event: { kind: 'connected' | 'abandoned'; nowMs: number }): void
}
