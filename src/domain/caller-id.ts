// Caller ID precedence (R6.1): campaign CLID < the record's CLID < PreDial SetCallerID.
// A bad candidate never reaches the trunk: it is reported and the next lower one is used
// (Appendix A: an empty or invalid caller ID falls back to the default, and is reported).
import { invariant } from './invariant.ts'

import { isE164 } from './phone.ts'

export { E164_PATTERN } from './phone.ts'

/** Lowest precedence first, so the order of this list is R6.1 itself. */
export const CALLER_ID_SOURCES = ['campaign', 'record', 'preDial'] as const
export type CallerIdSource = (typeof CALLER_ID_SOURCES)[number]

export type CallerIdRejectionReason = 'empty' | 'notE164'

export interface CallerIdRejection {
  source: CallerIdSource
  value: string
  reason: CallerIdRejectionReason
}

export interface CallerIdInput {
  /** The campaign's CLID: the final default, so it must itself be valid E.164. */
  campaignCallerId: string
  /** Per-record CLID from the contact list (R5.3), if the record carries one. */
  recordCallerId?: string
  /** What the PreDial flow's SetCallerID produced, if the flow ran one. */
  preDialCallerId?: string
}

export interface CallerIdResolution {
  callerId: string
  source: CallerIdSource
  /** Candidates above the chosen one that were refused, highest precedence first. */
  rejected: readonly CallerIdRejection[]
}

/** The candidates above the campaign's, highest precedence first. */
const ABOVE_CAMPAIGN = ['preDial', 'record'] as const

/** What nearly every dial refuses: nothing (one shared list, not one per dial: issue 15). */
const NONE_REJECTED: readonly CallerIdRejection[] = Object.freeze([])

function rejectionReason(value: string): CallerIdRejectionReason | null {
  if (value.trim() === '') return 'empty'
  if (!isE164(value)) return 'notE164'
  return null
}

/**
 * Picks the highest-precedence valid caller ID. An absent candidate (undefined) is simply not
 * offered; an empty or malformed one is refused and reported. Candidates below the chosen one
 * are not examined, so `rejected` lists only what was tried and refused.
 */
export function resolveCallerId(input: CallerIdInput): CallerIdResolution {
  // The campaign CLID is validated when the campaign is saved; a bad one here is a bug upstream.
  invariant(isE164(input.campaignCallerId), 'campaign caller ID is not E.164')
  let rejected: CallerIdRejection[] | null = null
  for (const source of ABOVE_CAMPAIGN) {
    const value = source === 'preDial' ? input.preDialCallerId : input.recordCallerId
    if (value === undefined) continue
    const reason = rejectionReason(value)
    if (reason === null) return { callerId: value, source, rejected: rejected ?? NONE_REJECTED }
    rejected ??= []
    rejected.push({ source, value, reason })
  }
  return {
    callerId: input.campaignCallerId,
    source: 'campaign',
    rejected: rejected ?? NONE_REJECTED,
  }
}
