// The one table from what a SIP trunk answers to what the engine hears (issue 14, Appendix A),
// copied into docs/telephony.md. A final response to the INVITE becomes a `failed` event whose
// reason the engine maps to its outcome (src/dialer/lifecycle.ts); the ring limit and the
// customer's BYE are the engine's own events (its ring-limit timer; customerHangup).
import type { DialFailure } from '../../dialer/ports/telephony.ts'

export interface SipFailure {
  reason: DialFailure
  /** The SIP status, kept on the attempt record (details.networkCode). */
  code: number
}

/** Final statuses by the engine's reason (→ outcome): busy → CUSTOMER_BUSY, invalid →
 * INVALID_NUMBER, unavailable → CUSTOMER_UNAVAILABLE. Other 5xx are unavailable too. */
export const SIP_FAILURE_TABLE: Readonly<Record<number, DialFailure>> = {
  486: 'busy',
  600: 'busy',
  404: 'invalid',
  484: 'invalid',
  604: 'invalid',
  408: 'unavailable',
  480: 'unavailable',
}

/** What the engine hears for a final non-2xx response to an INVITE. */
export function sipFailure(status: number): SipFailure {
  const listed = SIP_FAILURE_TABLE[status]
  if (listed) return { reason: listed, code: status }
  if (status >= 500 && status < 600) return { reason: 'unavailable', code: status }
  return { reason: 'unknown', code: status }
}

/** No final response before timer B, or the datagram could not be sent. */
export const SIP_TRANSPORT_FAILURE: SipFailure = { reason: 'unavailable', code: 408 }
