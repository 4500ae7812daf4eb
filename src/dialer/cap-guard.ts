// The abandon-cap guard (R5.5): the engine's last line of defence under pooled pacing. It bounds
// the lines a pooled campaign may have out by the regulatory window's room, whatever the policy
// asks (docs/pacing.md §3).

import { linesWithinJointTail } from '../pacing/joint-tail.ts'
import type { PacingSnapshot } from '../pacing/types.ts'
import { HIDDEN_SCATTER_Z } from '../pacing/window-budget.ts'
import type { CampaignRuntime } from './context.ts'
import { dialingEndsAt } from './context.ts'

/**
 * The most abandons the guard keeps aside for the scatter of the lines out beyond the free servers
 * about their expected live answers: those lines can turn live more often than the live rate says.
 * On a whole run a line can abandon at most once, so n such lines never need more than n − n·live
 * of margin: a run with little room (a small team's day) gets the lines' own worst case instead.
 */
export const GUARD_MARGIN_ABANDONS = 3

/**
 * The most lines pooled pacing may have out (R5.5): should every live answer beyond the free
 * servers find no one, the regulatory window must still have room for those abandons, for the
 * people AMD hangs up on unseen (the configured estimate, with its scatter) and for the scatter of
 * those answers. The free servers' lines are always allowed (a line per free server cannot
 * over-connect). Bounding the target, not only the lines already out, keeps one decision from
 * opening more lines than the window can take the moment the guard lets go.
 */
export function guardLineLimit(campaign: CampaignRuntime, snapshot: PacingSnapshot): number {
  const free = Math.max(0, snapshot.readyServers - snapshot.liveWaiting)
  const capPct = campaign.config.compliance.abandonRatePctMax
  const ledgerRoom = campaign.ledger.abandonRoom(snapshot.nowMs, capPct)
  const room = ledgerRoom - hiddenAllowance(snapshot.hiddenAbandonPct, snapshot.windowConnects)
  const live = snapshot.estimates.liveProbability
  const held = snapshot.windowsHeld
  if (held === undefined) return free + linesWithMargin(room, live)
  let heldRoom = Number.POSITIVE_INFINITY
  for (const window of held) {
    const connects = window.connects + window.futureConnects
    heldRoom = Math.min(
      heldRoom,
      capRoom(connects, window.abandons, capPct) -
        hiddenAllowance(snapshot.hiddenAbandonPct, connects),
    )
  }
  const startedAtMs = campaign.pacingStartedAtMs ?? snapshot.nowMs
  const wholeRun =
    (dialingEndsAt(campaign, snapshot.nowMs) ?? Number.POSITIVE_INFINITY) <=
    startedAtMs + snapshot.windowSec * 1000
  // A window that fills before the campaign's end: the abandons made while it fills count in the
  // sliding windows after it, whose calls to come are only expected (a logout wave took most of
  // them on stress seed 369), and the room of the window ending now loses its oldest calls while an
  // abandon stays: the fixed margin stays whole.
  if (!wholeRun) return free + linesWithMargin(Math.min(heldRoom, room), live)
  // A campaign that ends before its first window is full has its whole run as the one window that
  // measures it, counted once, at its end, over every call it made: an abandon made now stays in
  // that count, so the lines out are held to their own worst case (`extraLinesWithin`), with the
  // live customers already waiting beyond the ready servers counted as abandons to come. Its room
  // goes up to what the calls already made support, less the unseen AMD abandons among them (the
  // connects to come before the end pay the margins), never beyond.
  const waitingBeyond = Math.max(0, snapshot.liveWaiting - snapshot.readyServers)
  const made =
    ledgerRoom -
    Math.ceil((snapshot.hiddenAbandonPct / 100) * snapshot.windowConnects) -
    waitingBeyond
  const finalRoom = heldRoom - waitingBeyond
  if (made < 0 || finalRoom < 0) return free
  if (!(live > 0) || !Number.isFinite(finalRoom)) return Number.POSITIVE_INFINITY
  // Where the final count's room is small enough for the lines to count whole, they count whole
  // against the calls made too: one accounting per decision (stress seed 91 went over when two
  // lines fit the final room whole while the calls made had room for one).
  if (finalRoom > wholeLinesRoom(live))
    return free + Math.min(Math.floor(made / live + 1e-9), extraLinesWithin(finalRoom, live))
  // A room of a few abandons: the lines count whole, or by their live chance where the joint tail
  // of their answers and the unseen abandons is no more than the unseen margin's own risk
  // (src/pacing/joint-tail.ts), against the calls made and the final count alike.
  const madeHidden = (snapshot.hiddenAbandonPct / 100) * snapshot.windowConnects
  const madeLines = Math.max(
    Math.floor(made + 1e-9),
    linesWithinJointTail(ledgerRoom - waitingBeyond, madeHidden, live),
  )
  let finalLines = Math.max(0, Math.floor(finalRoom + 1e-9))
  let jointLines = Number.POSITIVE_INFINITY
  for (const window of held) {
    const connects = window.connects + window.futureConnects
    const windowRoom = capRoom(connects, window.abandons, capPct) - waitingBeyond
    const hidden = (snapshot.hiddenAbandonPct / 100) * connects
    jointLines = Math.min(jointLines, linesWithinJointTail(windowRoom, hidden, live))
  }
  finalLines = Math.max(finalLines, jointLines)
  return free + Math.min(madeLines, finalLines)
}

/** The lines beyond the free servers a sliding window's room allows, less the fixed margin. */
function linesWithMargin(room: number, live: number): number {
  const spare = room - GUARD_MARGIN_ABANDONS
  if (spare < 0) return 0
  if (!(live > 0) || !Number.isFinite(spare)) return Number.POSITIVE_INFINITY
  return Math.floor(spare / live + 1e-9)
}

/** Below this room (in abandons) the fixed margin would be more than the lines' own worst case. */
function wholeLinesRoom(live: number): number {
  return GUARD_MARGIN_ABANDONS / (1 - Math.min(live, 1 - 1e-9))
}

/**
 * The most lines beyond the free servers whose abandons fit `room`: n lines at live rate p bring
 * n·p live answers, plus a margin for their scatter of GUARD_MARGIN_ABANDONS, but never more than
 * n in all (a line abandons at most once), so the margin is min(GUARD_MARGIN_ABANDONS, n·(1 − p)).
 * Where the room is under GUARD_MARGIN_ABANDONS / (1 − p), every line counts whole (n ≤ room).
 */
export function extraLinesWithin(room: number, live: number): number {
  if (room < 0) return 0
  if (room <= wholeLinesRoom(live)) return Math.floor(room + 1e-9)
  return Math.floor((room - GUARD_MARGIN_ABANDONS) / live + 1e-9)
}

/** The unseen AMD abandons of `connects` from the configured estimate, with their scatter. */
function hiddenAllowance(hiddenAbandonPct: number, connects: number): number {
  const hidden = (hiddenAbandonPct / 100) * connects
  return Math.ceil(hidden + (hidden > 0 ? HIDDEN_SCATTER_Z * Math.sqrt(hidden) : 0))
}

/**
 * The most abandons a window of `connects` (some of them credited, so not whole) and `abandons`
 * can take: the ledger's abandonRoom for a window ahead (−1 when over the cap already).
 */
function capRoom(connects: number, abandons: number, capPct: number): number {
  const cap = capPct / 100
  if (cap >= 1) return Number.POSITIVE_INFINITY
  const spare = cap * (connects + abandons) - abandons
  return spare < 0 ? -1 : Math.floor(spare / (1 - cap) + 1e-9)
}
