// RTP for one call (RFC 3550): a UDP socket from the configured port range, 20 ms G.711 packets
// out with one SSRC, sequence numbers and timestamps that advance by a packet each, and packets in
// counted and decoded to PCM for whoever listens (call progress analysis). The RTP header code is
// kept minimal here until src/media/rtp-packet.ts lands (issue 14's media part).
import { randomInt } from 'node:crypto'
import { createSocket, type Socket } from 'node:dgram'
import type { Clock, TimerId } from '../../dialer/ports/clock.ts'
import { decodeG711, type G711Law } from '../../media/g711.ts'

export const RTP_HEADER_BYTES = 12
/** Samples in one 20 ms packet at 8 kHz. */
export const SAMPLES_PER_PACKET = 160
export const PACKET_MS = 20
/** Largest RTP datagram read; anything longer is dropped as malformed. */
const RTP_PACKET_BYTES_MAX = 1500

export interface RtpHeader {
  payloadType: number
  marker: boolean
  sequence: number
  timestamp: number
  ssrc: number
}

export function writeRtp(header: RtpHeader, payload: Uint8Array): Buffer {
  const packet = Buffer.alloc(RTP_HEADER_BYTES + payload.length)
  packet[0] = 0x80
  packet[1] = (header.marker ? 0x80 : 0) | (header.payloadType & 0x7f)
  packet.writeUInt16BE(header.sequence & 0xffff, 2)
  packet.writeUInt32BE(header.timestamp >>> 0, 4)
  packet.writeUInt32BE(header.ssrc >>> 0, 8)
  packet.set(payload, RTP_HEADER_BYTES)
  return packet
}

/** Reads an RTP packet (version 2, CSRCs and extension skipped); null when it is not one. */
export function readRtp(packet: Uint8Array): { header: RtpHeader; payload: Uint8Array } | null {
  if (packet.length < RTP_HEADER_BYTES || packet.length > RTP_PACKET_BYTES_MAX) return null
  if (packet[0]! >> 6 !== 2) return null
  const view = new DataView(packet.buffer, packet.byteOffset, packet.byteLength)
  let offset = RTP_HEADER_BYTES + (packet[0]! & 0x0f) * 4
  if (packet[0]! & 0x10) {
    if (packet.length < offset + 4) return null
    offset += 4 + view.getUint16(offset + 2) * 4
  }
  let end = packet.length
  if (packet[0]! & 0x20) end -= packet[end - 1]!
  if (offset > end) return null
  return {
    header: {
      payloadType: packet[1]! & 0x7f,
      marker: (packet[1]! & 0x80) !== 0,
      sequence: view.getUint16(2),
      timestamp: view.getUint32(4),
      ssrc: view.getUint32(8),
    },
    payload: packet.subarray(offset, end),
  }
}

/** Cuts PCM of any packet length (10, 20, 30 ms …) into 20 ms frames of 160 samples. */
export class PcmFramer {
  private readonly pending = new Int16Array(SAMPLES_PER_PACKET)
  private filled = 0

  push(pcm: Int16Array): Int16Array[] {
    const out: Int16Array[] = []
    for (let i = 0; i < pcm.length; ) {
      const take = Math.min(SAMPLES_PER_PACKET - this.filled, pcm.length - i)
      this.pending.set(pcm.subarray(i, i + take), this.filled)
      this.filled += take
      i += take
      if (this.filled === SAMPLES_PER_PACKET) {
        out.push(this.pending.slice())
        this.filled = 0
      }
    }
    return out
  }
}

/** The RTP port range (even ports; RTCP would take the odd one above). */
export interface RtpPortRange {
  min: number
  max: number
}

export interface RtpStats {
  sent: number
  received: number
  /** Sequence numbers of the packets received, in arrival order (the first RTP_SEQ_KEPT). */
  receivedSequences: number[]
  malformed: number
}
const RTP_SEQ_KEPT = 10_000

/** The ports in use by this process's calls, so two calls never share one. */
const portsInUse = new Set<number>()

export class RtpSession {
  readonly ssrc = randomInt(1, 0xffff_ffff)
  private sequence = randomInt(0, 0xffff)
  private timestamp = randomInt(0, 0xffff_ffff)
  private remote: { host: string; port: number } | null = null
  private payloadType = 0
  private law: G711Law = 'mu'
  private playing: { timer: TimerId | null; done: () => void } | null = null
  private first = true
  readonly stats: RtpStats = { sent: 0, received: 0, receivedSequences: [], malformed: 0 }
  /** Decoded audio of each packet received (160 samples at 8 kHz for 20 ms). */
  onAudio: ((pcm: Int16Array) => void) | null = null

  private constructor(
    private readonly socket: Socket,
    readonly port: number,
    private readonly clock: Clock,
  ) {
    socket.on('message', (packet) => this.receive(packet))
    socket.on('error', () => {})
  }

  /** Binds the first free even port of the range on `host`; throws when the range is used up. */
  static async open(host: string, range: RtpPortRange, clock: Clock): Promise<RtpSession> {
    for (let port = range.min + (range.min % 2); port <= range.max; port += 2) {
      if (portsInUse.has(port)) continue
      portsInUse.add(port)
      const socket = createSocket('udp4')
      const bound = await new Promise<boolean>((resolve) => {
        socket.once('error', () => resolve(false))
        socket.bind(port, host, () => resolve(true))
      })
      if (bound) return new RtpSession(socket, port, clock)
      portsInUse.delete(port)
      socket.close()
    }
    throw new Error(`no free RTP port in ${range.min}–${range.max}`)
  }

  /** Where to send (from the SDP answer), and the codec agreed. */
  connect(host: string, port: number, payloadType: number, law: G711Law): void {
    this.remote = { host, port }
    this.payloadType = payloadType
    this.law = law
  }

  get codec(): G711Law {
    return this.law
  }

  private receive(packet: Buffer): void {
    const rtp = readRtp(packet)
    if (!rtp) {
      this.stats.malformed += 1
      return
    }
    this.stats.received += 1
    if (this.stats.receivedSequences.length < RTP_SEQ_KEPT)
      this.stats.receivedSequences.push(rtp.header.sequence)
    if (this.onAudio && (rtp.header.payloadType === 0 || rtp.header.payloadType === 8))
      this.onAudio(decodeG711(rtp.payload, rtp.header.payloadType === 0 ? 'mu' : 'a'))
  }

  /** Sends G.711 codes (already in this call's law) as 20 ms packets, paced on the clock. */
  play(codes: Uint8Array, done: () => void): void {
    this.stop()
    const packets = Math.ceil(codes.length / SAMPLES_PER_PACKET)
    const startMs = this.clock.nowMs()
    const playing: { timer: TimerId | null; done: () => void } = { timer: null, done }
    this.playing = playing
    const sendAt = (index: number) => {
      playing.timer = null
      if (this.playing !== playing) return
      if (index >= packets) {
        this.playing = null
        return done()
      }
      const chunk = codes.subarray(index * SAMPLES_PER_PACKET, (index + 1) * SAMPLES_PER_PACKET)
      this.send(chunk)
      playing.timer = this.clock.setTimerAt(startMs + (index + 1) * PACKET_MS, () =>
        sendAt(index + 1),
      )
    }
    sendAt(0)
  }

  /** Stops what is playing (its done callback is not called). */
  stop(): void {
    if (this.playing?.timer != null) this.clock.cancelTimer(this.playing.timer)
    this.playing = null
  }

  /** Sends one packet of G.711 codes; the timestamp advances by its samples. */
  send(codes: Uint8Array): void {
    if (!this.remote) return
    const packet = writeRtp(
      {
        payloadType: this.payloadType,
        marker: this.first,
        sequence: this.sequence,
        timestamp: this.timestamp,
        ssrc: this.ssrc,
      },
      codes,
    )
    this.first = false
    this.sequence = (this.sequence + 1) & 0xffff
    this.timestamp = (this.timestamp + codes.length) >>> 0
    this.stats.sent += 1
    this.socket.send(packet, this.remote.port, this.remote.host)
  }

  close(): void {
    this.stop()
    this.onAudio = null
    portsInUse.delete(this.port)
    try {
      this.socket.close()
    } catch {
      // already closed
    }
  }
}
