// The sending side of one RTP stream (RFC 3550 §5.1): consecutive packets of one SSRC with the
// sequence number up by one and the timestamp up by the samples sent, both wrapping, and the marker
// on the first packet of a talkspurt. The random starting values RFC 3550 asks for come from the
// caller (the core draws no random numbers).
import { MediaFormatError } from './media-error.ts'
import { serializeRtp } from './rtp-packet.ts'

export interface RtpSenderOptions {
  ssrc: number
  payloadType: number
  firstSequenceNumber: number
  firstTimestamp: number
}

export interface RtpSender {
  /** The next packet carrying `payload`, which holds `samples` samples (160 for 20 ms of G.711). */
  packet(payload: Uint8Array, samples: number): Uint8Array
  /** The next packet starts a talkspurt (after a pause or a new prompt): it carries the marker. */
  startTalkspurt(): void
  /** Advances the timestamp over `samples` not sent (a pause), without using a sequence number. */
  skip(samples: number): void
}

function checkSamples(samples: number): void {
  if (!Number.isInteger(samples) || samples < 0 || samples > 0xffff)
    throw new MediaFormatError('rtp', 'samples', `${samples} is outside 0–65535`)
}

export function createRtpSender(options: RtpSenderOptions): RtpSender {
  let sequenceNumber = options.firstSequenceNumber
  let timestamp = options.firstTimestamp
  let marker = true
  return {
    packet(payload, samples) {
      checkSamples(samples)
      const bytes = serializeRtp({
        marker,
        payloadType: options.payloadType,
        sequenceNumber,
        timestamp,
        ssrc: options.ssrc,
        csrc: [],
        payload,
        paddingBytes: 0,
      })
      marker = false
      sequenceNumber = (sequenceNumber + 1) & 0xffff
      timestamp = (timestamp + samples) >>> 0
      return bytes
    },
    startTalkspurt() {
      marker = true
    },
    skip(samples) {
      checkSamples(samples)
      timestamp = (timestamp + samples) >>> 0
    },
  }
}
