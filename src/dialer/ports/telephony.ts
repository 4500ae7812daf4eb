// The Telephony port (docs/design.md "One core, two clocks"): what the engine can ask of a phone
// network, and what the network reports back. The engine sees only call progress and CPA results,
// never who really answered.
import type { CpaParams } from '../../domain/campaign/cpa.ts'

export interface DialRequest {
  callId: string
  toNumber: string
  callerId: string
  /** Whether call progress analysis runs on answer; false means every answer counts as live. */
  cpaEnabled: boolean
  amdEnabled: boolean
  /** The campaign's CPA parameters (Appendix A: timings, terminatingToneDetect) that a network
   * analysing real audio applies; null when the campaign runs no CPA. The simulator draws its
   * outcomes instead and does not read them. */
  cpa: CpaParams | null
}

export interface PlayRequest {
  callId: string
  promptId: string
  music: boolean
  durationSec?: number
  /** The prompt of an IVR menu (CollectDigits): the customer may press keys meanwhile. */
  collectsDigits?: boolean
}

/** A key of the phone keypad (RFC 4733 events 0-11). */
export type Digit = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | '*' | '#'

/** Whether `key` is a keypad key the port reports (not the A-D events of RFC 4733). */
export function isDigit(key: string): key is Digit {
  return key.length === 1 && '0123456789*#'.includes(key)
}

export interface Telephony {
  dial(request: DialRequest): void
  /** The dialer ends a call (ring limit, disconnect activity, abandon after the message). */
  hangup(callId: string): void
  /** Connects a customer call to an agent's reservation leg (zip tone, R7.3). */
  bridge(callId: string, agentId: string): void
  play(request: PlayRequest): void
  startVirtualAgent(callId: string, botId: string, maxDurationSec: number): void
  /** Rings an agent's device for a reservation (R7.2) or an inbound call. */
  callAgent(agentId: string, purpose: 'reservation' | 'inbound' | 'preview'): void
  /** Drops an agent's reservation leg (reservation withdrawn or agent going idle). */
  releaseAgent(agentId: string): void
}

export type CpaDecision = 'live' | 'machine' | 'fax'
/** Why a dial failed: busy; SIT tone; invalid number (SIP 404/484/604); unavailable; the dialer's own
 * error; unknown (a network answer outside the table, its code kept). */
export type DialFailure = 'busy' | 'sit' | 'invalid' | 'unavailable' | 'error' | 'unknown'

export type TelephonyEvent =
  | { kind: 'ringing'; callId: string }
  | { kind: 'answered'; callId: string }
  | { kind: 'cpa'; callId: string; decision: CpaDecision }
  /** `code`: the network's own answer (a SIP status), kept on the attempt record. */
  | { kind: 'failed'; callId: string; reason: DialFailure; code?: number }
  | { kind: 'customerHangup'; callId: string }
  | { kind: 'playDone'; callId: string }
  /** The customer pressed a key (an RFC 4733 event, reported once when it ends). */
  | { kind: 'digit'; callId: string; digit: Digit; atMs: number }
  | { kind: 'virtualAgentDone'; callId: string }
  | { kind: 'agentAnswered'; agentId: string }
  /** The agent put down their leg: the customer call they are on, or the reservation (R7.5). */
  | { kind: 'agentHangup'; agentId: string }
  /** An inbound customer call arriving at an entry point (R4.6). */
  | { kind: 'inboundCall'; callId: string; entryPointId: string; fromNumber: string }
