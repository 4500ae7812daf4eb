// How an analyzer outcome reaches the engine: the one table the telephony adapter reads
// (src/telephony/sip), kept here as data because the media layer may not import the dialer's port.
// The names match the port's (src/dialer/ports/telephony.ts: CpaDecision 'live' | 'machine' | 'fax',
// DialFailure 'sit'); test/media/telephony-map.test.ts checks the table against the port's types.
//   live → cpa live (the engine connects an agent or port, or abandons after 2 s: R5);
//   machine → cpa machine (AMD: OutboundCampaignCallResult with AMD, R3.3);
//   fax → cpa fax (FAX);
//   sit → failed sit (INVALID_NUMBER) — the engine takes a failure while the call is still dialing,
//     so the adapter reports it from early media, before it reports the answer;
//   deadAir → cpa live: silence may be a person waiting for the caller to speak, and treating it as
//     live keeps the 2-second abandon rule (R5) on their side (docs/decisions.md).
import type { CpaOutcomeDecision } from './analyzer.ts'

export type CpaTelephonyEvent =
  | { kind: 'cpa'; decision: 'live' | 'machine' | 'fax' }
  | { kind: 'failed'; reason: 'sit' }

export const CPA_OUTCOME_EVENTS: Readonly<Record<CpaOutcomeDecision, CpaTelephonyEvent>> =
  Object.freeze({
    live: { kind: 'cpa', decision: 'live' },
    machine: { kind: 'cpa', decision: 'machine' },
    fax: { kind: 'cpa', decision: 'fax' },
    sit: { kind: 'failed', reason: 'sit' },
    deadAir: { kind: 'cpa', decision: 'live' },
  })
