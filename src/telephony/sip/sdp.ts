// SDP offer and answer for a call's audio (RFC 3264, written and read with sdp-transform): the
// dialer offers PCMU (0) and PCMA (8) with RFC 4733 telephone-event (101), 20 ms packets, and
// takes the first G.711 codec the answer keeps, with the address and port to send RTP to.
import { parse, write } from 'sdp-transform'
import type { G711Law } from '../../media/g711.ts'

export const PAYLOAD_PCMU = 0
export const PAYLOAD_PCMA = 8
export const PAYLOAD_TELEPHONE_EVENT = 101
/** Packet length offered and sent (ptime), in milliseconds. */
export const PTIME_MS = 20

export interface SdpAnswer {
  host: string
  port: number
  payloadType: number
  law: G711Law
  /** a=sendonly / inactive / 0.0.0.0: the far end holds the call. */
  held: boolean
}

/** The dialer's offer (or its answer to a re-INVITE) for an RTP port on `host`. */
export function writeOffer(host: string, port: number, sessionId: number, version = 1): string {
  return write({
    version: 0,
    origin: {
      username: 'outdial',
      sessionId,
      sessionVersion: version,
      netType: 'IN',
      ipVer: 4,
      address: host,
    },
    name: 'outdial',
    connection: { version: 4, ip: host },
    timing: { start: 0, stop: 0 },
    media: [
      {
        type: 'audio',
        port,
        protocol: 'RTP/AVP',
        payloads: `${PAYLOAD_PCMU} ${PAYLOAD_PCMA} ${PAYLOAD_TELEPHONE_EVENT}`,
        rtp: [
          { payload: PAYLOAD_PCMU, codec: 'PCMU', rate: 8000 },
          { payload: PAYLOAD_PCMA, codec: 'PCMA', rate: 8000 },
          { payload: PAYLOAD_TELEPHONE_EVENT, codec: 'telephone-event', rate: 8000 },
        ],
        fmtp: [{ payload: PAYLOAD_TELEPHONE_EVENT, config: '0-16' }],
        ptime: PTIME_MS,
        direction: 'sendrecv',
      },
    ],
  })
}

/** Reads the far end's answer (or offer); null when it has no G.711 audio we can use. */
export function readAnswer(text: string): SdpAnswer | null {
  let session: ReturnType<typeof parse>
  try {
    session = parse(text)
  } catch {
    return null
  }
  const audio = session.media.find((m) => m.type === 'audio' && m.port > 0)
  if (!audio) return null
  const offered = String(audio.payloads ?? '')
    .split(/\s+/)
    .map(Number)
  const payloadType = offered.find((p) => p === PAYLOAD_PCMU || p === PAYLOAD_PCMA)
  if (payloadType === undefined) return null
  const host = audio.connection?.ip ?? session.connection?.ip
  if (!host) return null
  const direction = audio.direction ?? session.direction ?? 'sendrecv'
  return {
    host,
    port: audio.port,
    payloadType,
    law: payloadType === PAYLOAD_PCMU ? 'mu' : 'a',
    held: direction === 'sendonly' || direction === 'inactive' || host === '0.0.0.0',
  }
}
