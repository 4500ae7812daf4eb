// RTP for one call (RFC 3550) through src/media: a UDP socket from the configured port range;
// packets out through rtp-sender.ts (one SSRC, sequence and timestamp advancing, the marker on each
// talkspurt) paced at 20 ms on the clock; packets in parsed by rtp-packet.ts. Audio in goes through
// the jitter buffer (reordered, duplicates and late packets dropped, losses concealed) and the
// framer, so whoever listens (the CPA analyzer, the bridge to an agent) gets 20 ms frames in order,
// one every 20 ms once the stream started. RFC 4733 telephone-events go to dtmf.ts.
import { randomInt } from 'node:crypto'
import { createSocket, type Socket } from 'node:dgram'
import type { Clock, TimerId } from '../../dialer/ports/clock.ts'
import { createDtmfReceiver, type DtmfDigit, type DtmfReceiver } from '../../media/dtmf.ts'
import { createFramer, type Framer } from '../../media/framer.ts'
import { decodeG711, type G711Law } from '../../media/g711.ts'
import {
  createJitterBuffer,
  type JitterBuffer,
  PACKET_MS_DEFAULT,
  PACKET_MS_MAX,
  PACKET_MS_MIN,
} from '../../media/jitter-buffer.ts'
import { MediaFormatError } from '../../media/media-error.ts'
import { parseRtp } from '../../media/rtp-packet.ts'
import { createRtpSender, type RtpSender } from '../../media/rtp-sender.ts'
import { PAYLOAD_PCMA, PAYLOAD_PCMU, PAYLOAD_TELEPHONE_EVENT } from './sdp.ts'

/** Samples in one 20 ms packet at 8 kHz. */
export const SAMPLES_PER_PACKET = 160
export const PACKET_MS = 20
/** Audio held in the jitter buffer before the first frame leaves, ms (decisions: issue 14). */
export const JITTER_DEPTH_MS = 60

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
  /** Frames the jitter buffer concealed, and packets it dropped as late or duplicate. */
  lost: number
  late: number
  duplicates: number
  /** DTMF digits received (RFC 4733). */
  digits: number
}
const RTP_SEQ_KEPT = 10_000

/** The ports in use by this process's calls, so two calls never share one. */
const portsInUse = new Set<number>()

/** The next 20 ms of G.711 codes to send, or null when the source is over. */
export type FrameSource = () => Uint8Array | null

interface Playing {
  timer: TimerId | null
  done: () => void
}

export class RtpSession {
  readonly ssrc = randomInt(1, 0xffff_ffff)
  private sender: RtpSender | null = null
  private remote: { host: string; port: number } | null = null
  private payloadType = PAYLOAD_PCMU
  private law: G711Law = 'mu'
  private playing: Playing | null = null
  readonly stats: RtpStats = {
    sent: 0,
    received: 0,
    receivedSequences: [],
    malformed: 0,
    lost: 0,
    late: 0,
    duplicates: 0,
    digits: 0,
  }
  private listener: ((pcm: Int16Array) => void) | null = null
  private jitter: JitterBuffer | null = null
  private framer: Framer = createFramer(SAMPLES_PER_PACKET)
  private tick: TimerId | null = null
  private readonly dtmf: DtmfReceiver = createDtmfReceiver()
  /** A DTMF digit the far end sent (RFC 4733), once per key press. */
  onDigit: ((digit: DtmfDigit) => void) | null = null
  /** A malformed packet (for the log; counted in stats.malformed either way). */
  onMalformed: ((error: MediaFormatError) => void) | null = null

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
    if (!this.sender || payloadType !== this.payloadType)
      this.sender = createRtpSender({
        ssrc: this.ssrc,
        payloadType,
        firstSequenceNumber: randomInt(0, 0x10000),
        firstTimestamp: randomInt(0, 0xffff_ffff),
      })
    this.payloadType = payloadType
    this.law = law
  }

  get codec(): G711Law {
    return this.law
  }

  /** Who hears the far end's audio, in 20 ms frames out of the jitter buffer (null: nobody, and
   * incoming audio is dropped). A new listener starts a fresh buffer. */
  set onAudio(listener: ((pcm: Int16Array) => void) | null) {
    this.listener = listener
    this.jitter = null
    this.framer = createFramer(SAMPLES_PER_PACKET)
    if (this.tick !== null) this.clock.cancelTimer(this.tick)
    this.tick = null
  }

  get onAudio(): ((pcm: Int16Array) => void) | null {
    return this.listener
  }

  private receive(packet: Buffer): void {
    let rtp: ReturnType<typeof parseRtp>
    try {
      rtp = parseRtp(packet)
    } catch (error) {
      if (!(error instanceof MediaFormatError)) throw error
      this.stats.malformed += 1
      this.onMalformed?.(error)
      return
    }
    this.stats.received += 1
    if (this.stats.receivedSequences.length < RTP_SEQ_KEPT)
      this.stats.receivedSequences.push(rtp.sequenceNumber)
    if (rtp.payloadType === PAYLOAD_TELEPHONE_EVENT) return this.telephoneEvent(rtp)
    if (rtp.payloadType !== PAYLOAD_PCMU && rtp.payloadType !== PAYLOAD_PCMA) return
    if (!this.listener || rtp.payload.length === 0) return
    const pcm = decodeG711(rtp.payload, rtp.payloadType === PAYLOAD_PCMU ? 'mu' : 'a')
    const nowMs = this.clock.nowMs()
    if (!this.jitter) {
      const ms = pcm.length / 8
      const packetMs =
        Number.isInteger(ms) && ms >= PACKET_MS_MIN && ms <= PACKET_MS_MAX ? ms : PACKET_MS_DEFAULT
      this.jitter = createJitterBuffer({ depthMs: JITTER_DEPTH_MS, packetMs })
      this.scheduleTick(nowMs + JITTER_DEPTH_MS)
    }
    this.jitter.push(rtp.sequenceNumber, pcm, nowMs)
  }

  private telephoneEvent(rtp: ReturnType<typeof parseRtp>): void {
    let digit: DtmfDigit | null
    try {
      digit = this.dtmf.push({ timestamp: rtp.timestamp, payload: rtp.payload })
    } catch (error) {
      if (!(error instanceof MediaFormatError)) throw error
      this.stats.malformed += 1
      this.onMalformed?.(error)
      return
    }
    if (!digit) return
    this.stats.digits += 1
    this.onDigit?.(digit)
  }

  /** Every PACKET_MS: the frames due leave the jitter buffer for the listener. */
  private scheduleTick(atMs: number): void {
    this.tick = this.clock.setTimerAt(atMs, () => {
      this.tick = null
      const jitter = this.jitter
      const listener = this.listener
      if (!jitter || !listener) return
      for (const frame of jitter.pull(this.clock.nowMs()))
        for (const pcm of this.framer.push(frame.pcm)) {
          if (this.listener !== listener) return
          listener(pcm)
        }
      const { lost, late, duplicates } = jitter.stats
      Object.assign(this.stats, { lost, late, duplicates })
      if (this.jitter === jitter && this.listener === listener) this.scheduleTick(atMs + PACKET_MS)
    })
  }

  /** Sends G.711 codes (already in this call's law) as 20 ms packets, paced on the clock. */
  play(codes: Uint8Array, done: () => void): void {
    let at = 0
    this.playFrames(() => {
      if (at >= codes.length) return null
      const chunk = codes.subarray(at, at + SAMPLES_PER_PACKET)
      at += SAMPLES_PER_PACKET
      return chunk
    }, done)
  }

  /** Sends what `next` gives, one 20 ms packet every PACKET_MS of the clock, starting a talkspurt;
   * `done` once it gives null. Whatever was playing stops. */
  playFrames(next: FrameSource, done: () => void): void {
    this.stop()
    this.sender?.startTalkspurt()
    const startMs = this.clock.nowMs()
    const playing: Playing = { timer: null, done }
    this.playing = playing
    const sendAt = (index: number) => {
      playing.timer = null
      if (this.playing !== playing) return
      const chunk = next()
      if (chunk === null) {
        this.playing = null
        return done()
      }
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
    if (!this.remote || !this.sender) return
    const packet = this.sender.packet(codes, codes.length)
    this.stats.sent += 1
    this.socket.send(packet, this.remote.port, this.remote.host)
  }

  close(): void {
    this.stop()
    this.onAudio = null
    this.onDigit = null
    this.onMalformed = null
    portsInUse.delete(this.port)
    try {
      this.socket.close()
    } catch {
      // already closed
    }
  }
}
