// Goal (issue 14): one call's RTP session runs on src/media — packets sent through the RTP sender
// (consecutive sequence numbers, timestamps up 160, marker on the first), packets received in the
// wrong order leave the jitter buffer in order as 20 ms frames, an RFC 4733 telephone-event is one
// DTMF digit, and a malformed datagram is counted, not thrown.
import { createSocket } from 'node:dgram'
import { afterAll, describe, expect, it } from 'vitest'
import type { Clock } from '../../dialer/ports/clock.ts'
import { encodeG711 } from '../../media/g711.ts'
import { parseRtp, serializeRtp } from '../../media/rtp-packet.ts'
import { RtpSession } from './rtp.ts'

/** Real time for real sockets (the runtime's RealClock is a layer above telephony). */
const timers = new Map<number, NodeJS.Timeout>()
let nextTimer = 1
const clock: Clock & { stopAll(): void } = {
  nowMs: () => Date.now(),
  setTimerAt(atMs, callback) {
    const id = nextTimer++
    timers.set(
      id,
      setTimeout(
        () => {
          timers.delete(id)
          callback()
        },
        Math.max(0, atMs - Date.now()),
      ),
    )
    return id
  },
  cancelTimer(id) {
    clearTimeout(timers.get(id))
    timers.delete(id)
  },
  stopAll() {
    for (const timer of timers.values()) clearTimeout(timer)
    timers.clear()
  },
}
const peer = createSocket('udp4')
afterAll(() => {
  peer.close()
  clock.stopAll()
})

async function until(check: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

const packet = (
  payloadType: number,
  sequenceNumber: number,
  timestamp: number,
  payload: Uint8Array,
) =>
  serializeRtp({
    marker: false,
    payloadType,
    sequenceNumber,
    timestamp,
    ssrc: 7,
    csrc: [],
    payload,
    paddingBytes: 0,
  })

describe('RtpSession on src/media', () => {
  it('sends through the RTP sender, reorders what it receives, decodes DTMF, counts junk', async () => {
    await new Promise<void>((resolve) => peer.bind(0, '127.0.0.1', resolve))
    const session = await RtpSession.open('127.0.0.1', { min: 41_000, max: 41_100 }, clock)
    const received: Uint8Array[] = []
    peer.on('message', (data) => received.push(new Uint8Array(data)))
    session.connect('127.0.0.1', peer.address().port, 0, 'mu')
    session.send(new Uint8Array(160).fill(0xff))
    session.send(new Uint8Array(160).fill(0xff))
    await until(() => received.length === 2)
    const [a, b] = received.map((bytes) => parseRtp(bytes))
    expect(a!.marker).toBe(true)
    expect(b!.marker).toBe(false)
    expect((b!.sequenceNumber - a!.sequenceNumber + 0x10000) & 0xffff).toBe(1)
    expect((b!.timestamp - a!.timestamp) >>> 0).toBe(160)

    // Frames carry their sequence number as a constant sample value, so order is visible.
    const frames: number[] = []
    session.onAudio = (pcm) => frames.push(pcm[0]!)
    const digits: string[] = []
    session.onDigit = (digit) => digits.push(digit.digit)
    const send = (bytes: Uint8Array) => peer.send(bytes, session.port, '127.0.0.1')
    for (const seq of [10, 12, 11, 14, 13, 13])
      send(packet(0, seq, seq * 160, encodeG711(new Int16Array(160).fill(seq * 100), 'mu')))
    send(new Uint8Array([1, 2, 3]))
    // "5": three packets of one event, the last two with the end bit.
    for (const [end, duration] of [
      [0, 400],
      [0x80, 800],
      [0x80, 800],
    ] as const)
      send(packet(101, 20, 9000, new Uint8Array([5, end | 10, duration >> 8, duration & 0xff])))
    await until(() => frames.length >= 5 && digits.length === 1)
    const decoded = frames.slice(0, 5).map((v) => Math.round(v / 100))
    expect(decoded).toEqual([10, 11, 12, 13, 14])
    expect(digits).toEqual(['5'])
    expect(session.stats.malformed).toBe(1)
    expect(session.stats.duplicates).toBe(1)
    session.close()
  })
})
