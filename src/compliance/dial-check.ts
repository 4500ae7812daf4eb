// The one compliance gate the dialer calls right before every dial (R5.4, R5.5). Checks run in a
// fixed order: internal DNC, national DNC of the profile's regions (membership, then each copy's
// age against its region's rule), repeat-after-abandon,
// calling window; the first refusal is returned, so a blocked number is never reported as merely
// "outside the window" and left to be retried at opening time.
import { invariant } from '../domain/invariant.ts'
import { isWithinCallingWindow, nextWindowOpenMs } from './calling-window.ts'
import type { DncRegistry } from './dnc.ts'
import type { ResolvedCompliance } from './profiles.ts'
import type { NumberHistory } from './repeat-call.ts'

export type DialCheckResult =
  | { kind: 'ok' }
  | { kind: 'dncBlocked'; list: string }
  | { kind: 'ndncBlocked' }
  /** The national copy is older than the region allows: the campaign must not dial (R5.4). */
  | { kind: 'ndncStale'; ageSec: number }
  /** NDNC scrubbing is on but no national copy was ever loaded: as unsafe as a stale one. */
  | { kind: 'ndncMissing' }
  | { kind: 'repeatAfterAbandon'; untilMs: number }
  | { kind: 'outsideWindow'; nextOpenMs: number }

/** The answer of every dial that may go, shared and frozen: no object per dial (issue 15). */
const DIAL_OK: DialCheckResult = Object.freeze({ kind: 'ok' })

/**
 * `number`: the E.164 number about to be dialled; `zone`: the contact's IANA zone (its own, else
 * the campaign's: R5.2, R5.3); `dncListNames`: the campaign's internal DNC lists. Arguments, not
 * one input object: this runs on every dial (issue 15, engine speed).
 */
export function checkDial(
  nowMs: number,
  number: string,
  zone: string,
  compliance: ResolvedCompliance,
  dnc: DncRegistry,
  history: NumberHistory,
  dncListNames: readonly string[],
): DialCheckResult {
  invariant(Number.isFinite(nowMs), 'dial check time is not finite')

  const membership = dnc.checkDncOf(
    number,
    compliance.dncEnabled,
    compliance.ndncEnabled,
    dncListNames,
    compliance.nationalDncRegions,
  )
  if (membership.kind !== 'ok') return membership

  if (compliance.ndncEnabled) {
    // Each region the profile names: a list loaded, and every list of it young enough (R5.4).
    const freshness = dnc.nationalFreshnessFor(nowMs, compliance.nationalDncAgeRules)
    if (freshness.kind === 'missing') return { kind: 'ndncMissing' }
    if (freshness.kind === 'stale') return { kind: 'ndncStale', ageSec: freshness.ageSec }
  }

  const blockedUntilMs = history.repeatBlockedUntilMs(number, compliance.repeatAfterAbandonSec)
  if (blockedUntilMs !== null && nowMs < blockedUntilMs) {
    return { kind: 'repeatAfterAbandon', untilMs: blockedUntilMs }
  }

  if (!isWithinCallingWindow(nowMs, zone, compliance.callingWindow)) {
    const nextOpenMs = nextWindowOpenMs(nowMs, zone, compliance.callingWindow)
    invariant(nextOpenMs > nowMs, 'closed window reported open now')
    return { kind: 'outsideWindow', nextOpenMs }
  }
  return DIAL_OK
}
