// A fixed-depth jitter buffer for the audio coming in (issue 14): packets arrive out of order,
// twice or late; frames leave in sequence order, one every `packetMs` (20 by default; the sender's
// ptime) of the caller's time, `depthMs` after the first packet arrived. Sequence numbers are 16-bit and wrap (RFC 3550 A.1): each is
// placed by its shortest distance from the next frame due. Duplicates and packets whose turn has
// passed are dropped (before the first frame plays, an earlier packet becomes the start); a missing frame is concealed by repeating the last one (at most
// REPEAT_FRAMES_MAX times, then silence) or by silence. A jump of more than RESYNC_PACKETS ahead or
// behind is a new stream: the buffer starts over from it. Pure: time is the caller's `nowMs`.
import { MediaFormatError } from './media-error.ts'

/** Packet durations accepted (SDP ptime), ms: G.711 is sent in 10–60 ms packets. */
export const PACKET_MS_DEFAULT = 20
export const PACKET_MS_MIN = 10
export const PACKET_MS_MAX = 60
export const JITTER_DEPTH_MS_DEFAULT = 60
export const JITTER_DEPTH_MS_MAX = 1000
/** Consecutive lost frames filled by repeating the last good one before falling to silence. */
export const REPEAT_FRAMES_MAX = 2
/** A sequence jump larger than this (either way) restarts the stream. */
export const RESYNC_PACKETS = 100

export type Concealment = 'silence' | 'repeat'

export interface JitterFrame {
  sequenceNumber: number
  pcm: Int16Array
  /** True when the packet never came in time and `pcm` is concealment. */
  lost: boolean
}

export type PushResult = 'queued' | 'duplicate' | 'late' | 'resync'

export interface JitterStats {
  queued: number
  duplicates: number
  late: number
  lost: number
  resyncs: number
}

export interface JitterBuffer {
  /** A packet's decoded audio (`packetMs` of it), by its RTP sequence number, arriving at `nowMs`. */
  push(sequenceNumber: number, pcm: Int16Array, nowMs: number): PushResult
  /** Every frame due by `nowMs`, in order (empty before the first packet). */
  pull(nowMs: number): JitterFrame[]
  readonly stats: Readonly<JitterStats>
}

export function createJitterBuffer(
  options: { depthMs?: number; concealment?: Concealment; packetMs?: number } = {},
): JitterBuffer {
  const depthMs = options.depthMs ?? JITTER_DEPTH_MS_DEFAULT
  if (!Number.isInteger(depthMs) || depthMs < 0 || depthMs > JITTER_DEPTH_MS_MAX)
    throw new MediaFormatError(
      'option',
      'depthMs',
      `${depthMs} is outside 0–${JITTER_DEPTH_MS_MAX} ms`,
    )
  const concealment = options.concealment ?? 'repeat'
  const packetMs = options.packetMs ?? PACKET_MS_DEFAULT
  if (!Number.isInteger(packetMs) || packetMs < PACKET_MS_MIN || packetMs > PACKET_MS_MAX)
    throw new MediaFormatError(
      'option',
      'packetMs',
      `${packetMs} is outside ${PACKET_MS_MIN}–${PACKET_MS_MAX} ms`,
    )
  /** Samples in a concealment frame (8 kHz). */
  const frameSamples = packetMs * 8
  const stats: JitterStats = { queued: 0, duplicates: 0, late: 0, lost: 0, resyncs: 0 }
  /** Extended sequence number of the next frame to play, and when it plays. */
  let nextSeq = 0
  let nextAtMs = 0
  let started = false
  /** Whether a frame has been played since the stream (re)started. */
  let playing = false
  const waiting = new Map<number, Int16Array>()
  let last: Int16Array | null = null
  let repeats = 0

  function start(seq: number, nowMs: number): void {
    waiting.clear()
    nextSeq = seq
    nextAtMs = nowMs + depthMs
    started = true
    playing = false
  }

  /** The extended number of a 16-bit sequence number nearest to the next frame due. */
  function extend(seq: number): number {
    const delta = ((seq - (nextSeq & 0xffff) + 0x18000) & 0xffff) - 0x8000
    return nextSeq + delta
  }

  return {
    stats,
    push(sequenceNumber, pcm, nowMs) {
      if (!Number.isInteger(sequenceNumber) || sequenceNumber < 0 || sequenceNumber > 0xffff)
        throw new MediaFormatError('rtp', 'sequenceNumber', `${sequenceNumber} is outside 0–65535`)
      if (!started) {
        start(sequenceNumber, nowMs)
        waiting.set(sequenceNumber, pcm)
        stats.queued++
        return 'queued'
      }
      const ext = extend(sequenceNumber)
      if (Math.abs(ext - nextSeq) > RESYNC_PACKETS) {
        stats.resyncs++
        start(sequenceNumber, nowMs)
        waiting.set(sequenceNumber, pcm)
        return 'resync'
      }
      if (ext < nextSeq && !playing) {
        // Nothing has played yet: an earlier packet becomes the start, at the same start time.
        nextSeq = ext
        waiting.set(ext, pcm)
        stats.queued++
        return 'queued'
      }
      if (ext < nextSeq) {
        stats.late++
        return 'late'
      }
      if (waiting.has(ext)) {
        stats.duplicates++
        return 'duplicate'
      }
      waiting.set(ext, pcm)
      stats.queued++
      return 'queued'
    },
    pull(nowMs) {
      const out: JitterFrame[] = []
      if (!started) return out
      while (nextAtMs <= nowMs) {
        playing = true
        const pcm = waiting.get(nextSeq)
        if (pcm) {
          waiting.delete(nextSeq)
          last = pcm
          repeats = 0
          out.push({ sequenceNumber: nextSeq & 0xffff, pcm, lost: false })
        } else {
          stats.lost++
          const repeat = concealment === 'repeat' && last !== null && repeats < REPEAT_FRAMES_MAX
          if (repeat) repeats++
          out.push({
            sequenceNumber: nextSeq & 0xffff,
            pcm: repeat ? last!.slice() : new Int16Array(frameSamples),
            lost: true,
          })
        }
        nextSeq++
        nextAtMs += packetMs
      }
      return out
    },
  }
}
