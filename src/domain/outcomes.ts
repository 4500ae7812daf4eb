// Attempt outcomes and CPA results, named exactly as in Appendix A of the requirements (R2.1).
import { z } from 'zod'

export const ATTEMPT_OUTCOMES = [
  'LIVE_VOICE',
  'AMD',
  'FAX',
  'ABANDONED',
  'SYSTEM_ABANDONED',
  'CUSTOMER_BUSY',
  'NO_ANSWER_CUSTOMER',
  'INVALID_NUMBER',
  'CUSTOMER_UNAVAILABLE',
  'CUSTOMER_LEFT',
  'UNKNOWN',
] as const
export const attemptOutcomeSchema = z.enum(ATTEMPT_OUTCOMES)
export type AttemptOutcome = z.infer<typeof attemptOutcomeSchema>

/** What the OutboundCampaignCallResult flow event carries as `CPAResult` (R3.3). */
export const CPA_RESULTS = ['LIVE_VOICE', 'AMD', 'ABANDONED'] as const
export type CpaResult = (typeof CPA_RESULTS)[number]

/** Who ended a connected call (R2.1: recorded after a LIVE_VOICE connect). */
export type HangupParty = 'agent' | 'customer' | 'system'

export function emptyOutcomeCounts(): Record<AttemptOutcome, number> {
  const counts = {} as Record<AttemptOutcome, number>
  for (const outcome of ATTEMPT_OUTCOMES) counts[outcome] = 0
  return counts
}
