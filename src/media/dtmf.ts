// DTMF received as RFC 4733 telephone events (payload type negotiated in SDP, usually 101), for IVR
// menus: each event is sent as several packets sharing one RTP timestamp, its duration growing,
// and the last ones with the E (end) bit, usually three times. A digit is reported once, on its
// first end packet; repeated end packets are dropped. If every end packet is lost, the digit is
// reported when the next event starts (or on `flush`, at the end of the call).
import { MediaFormatError } from './media-error.ts'

export const DTMF_PAYLOAD_BYTES = 4
const DIGITS = '0123456789*#ABCD'

export interface TelephoneEvent {
  /** Event code 0–255 (0–15 are the DTMF digits). */
  event: number
  end: boolean
  /** Power level, −dBm0 (0–63). */
  volume: number
  /** In RTP timestamp units since the event's timestamp. */
  duration: number
}

/** Parses the 4-byte telephone-event payload (RFC 4733 §2.3); redundant blocks after it are ignored. */
export function parseTelephoneEvent(payload: Uint8Array): TelephoneEvent {
  if (payload.byteLength < DTMF_PAYLOAD_BYTES)
    throw new MediaFormatError(
      'dtmf',
      'payload',
      `${payload.byteLength} bytes, needs ${DTMF_PAYLOAD_BYTES}`,
    )
  return {
    event: payload[0]!,
    end: (payload[1]! & 0x80) !== 0,
    volume: payload[1]! & 0x3f,
    duration: (payload[2]! << 8) | payload[3]!,
  }
}

export interface DtmfDigit {
  digit: string
  /** The RTP timestamp the event started at. */
  timestamp: number
  durationMs: number
  /** False when its end packets were lost and the digit was inferred from the next event. */
  ended: boolean
}

export interface DtmfReceiver {
  /** One telephone-event packet: the digit it completes, if any. */
  push(packet: { timestamp: number; payload: Uint8Array }): DtmfDigit | null
  /** The call ended: a digit still sounding whose end never came. */
  flush(): DtmfDigit | null
}

export function createDtmfReceiver(options: { clockRate?: number } = {}): DtmfReceiver {
  const clockRate = options.clockRate ?? 8000
  let current: { timestamp: number; event: number; duration: number; reported: boolean } | null =
    null

  function digitOf(ended: boolean): DtmfDigit | null {
    if (!current || current.reported || current.event >= DIGITS.length) return null
    current.reported = true
    return {
      digit: DIGITS[current.event]!,
      timestamp: current.timestamp,
      durationMs: Math.round((current.duration * 1000) / clockRate),
      ended,
    }
  }

  return {
    push({ timestamp, payload }) {
      const event = parseTelephoneEvent(payload)
      let unfinished: DtmfDigit | null = null
      if (!current || current.timestamp !== timestamp) {
        unfinished = digitOf(false)
        current = { timestamp, event: event.event, duration: event.duration, reported: false }
      }
      current.duration = Math.max(current.duration, event.duration)
      if (event.end) {
        const digit = digitOf(true)
        if (digit) return digit
      }
      return unfinished
    },
    flush() {
      return digitOf(false)
    },
  }
}
