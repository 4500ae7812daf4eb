// Tone detection for call progress analysis: which steady tone, if any, fills a 20 ms frame (a
// zero-crossing estimate refined by Goertzel), and the cadence rules over frames that name it —
// fax CNG (T.30: 1100 Hz, 0.5 s on), answer tones (V.25 CED 2100 Hz, Bell 2225 Hz), the special
// information tone (three rising segments, Telcordia SR-2275 / ITU-T E.180) and an answering
// machine's beep (any steady tone 400–2000 Hz). Pure: the caller feeds frames in time order.
import { blockEnergy, toneShare } from './goertzel.ts'
import { zeroCrossings } from './vad.ts'

/** A frame is tonal when this share of its energy sits at one frequency. */
export const TONE_SHARE_MIN = 0.9
/** Quieter frames are never tones (RMS level, dBFS). */
export const TONE_LEVEL_MIN_DBFS = -45
/** The refinement grid around the zero-crossing estimate, Hz, and how many steps each side. */
const REFINE_STEP_HZ = 12.5
const REFINE_STEPS = 4
/** Tones outside this band are not looked for. */
const TONE_HZ_MIN = 300
const TONE_HZ_MAX = 2300

/** Fax calling tone, T.30: 1100 Hz ± 38 Hz. */
export const CNG_HZ = 1100
export const CNG_TOLERANCE_HZ = 38
/** Answer tones: V.25 CED 2100 Hz ± 15 Hz and the Bell 103 answer tone 2225 Hz ± 10 Hz; the estimate's own error is added. */
export const ANSWER_TONES_HZ = [2100, 2225] as const
export const ANSWER_TOLERANCE_HZ = 25
/** A fax or answer tone is declared once it has lasted this long (CNG bursts are 500 ms). */
export const FAX_TONE_MIN_MS = 400
/** SIT segment frequencies: first (913.8 or 985.2), second (1370.6 or 1428.5), third (1776.7). */
export const SIT_SEGMENTS_HZ = [[913.8, 985.2], [1370.6, 1428.5], [1776.7]] as const
export const SIT_TOLERANCE_HZ = 25
/** SIT segments are 276 ms (short) or 380 ms (long); measured on 20 ms frames, with slack. */
export const SIT_SEGMENT_MS_MIN = 200
export const SIT_SEGMENT_MS_MAX = 460
/** The most silence between two SIT segments. */
export const SIT_GAP_MS_MAX = 40
/** Answering-machine beeps: a steady tone in this band, at least this long. */
export const BEEP_HZ_MIN = 400
export const BEEP_HZ_MAX = 2000
export const BEEP_MIN_MS = 120
/** How far a steady tone's frequency may wander from its running mean. */
export const STEADY_HZ = 25
/** Non-tonal frames a tone may skip and still be one tone (a phase reversal, a boundary frame). */
export const TONE_GAP_FRAMES_MAX = 1

export interface FrameTone {
  hz: number
  /** Share of the frame's energy at `hz` (0–1). */
  share: number
}

/** The steady tone filling this frame, or null when none does. */
export function dominantTone(frame: ArrayLike<number>, sampleRate = 8000): FrameTone | null {
  const n = frame.length
  if (n < 2) return null
  const energy = blockEnergy(frame)
  const meanSquare = energy / n
  if (meanSquare <= 0) return null
  if (10 * Math.log10(meanSquare / (32768 * 32768)) < TONE_LEVEL_MIN_DBFS) return null
  const estimate = (zeroCrossings(frame) * sampleRate) / (2 * n)
  if (estimate < TONE_HZ_MIN - 100 || estimate > TONE_HZ_MAX + 100) return null
  let best: FrameTone = { hz: estimate, share: 0 }
  for (let k = -REFINE_STEPS; k <= REFINE_STEPS; k++) {
    const hz = estimate + k * REFINE_STEP_HZ
    const share = toneShare(frame, hz, sampleRate, energy)
    if (share > best.share) best = { hz, share }
  }
  if (best.share < TONE_SHARE_MIN || best.hz < TONE_HZ_MIN || best.hz > TONE_HZ_MAX) return null
  return best
}

export type ToneEvent =
  | { kind: 'fax'; tone: 'cng' | 'answer'; hz: number; startMs: number; atMs: number }
  | { kind: 'sit'; segmentsHz: [number, number, number]; startMs: number; atMs: number }
  | { kind: 'beep'; hz: number; startMs: number; endMs: number; atMs: number }

interface Run {
  hz: number
  frames: number
  startMs: number
  endMs: number
  gap: number
  faxReported: boolean
  sitReported: boolean
}

function near(hz: number, targets: readonly number[], tolerance: number): boolean {
  return targets.some((t) => Math.abs(hz - t) <= tolerance)
}

function isSitSegment(run: Run, index: 0 | 1 | 2): boolean {
  const ms = run.endMs - run.startMs
  return near(run.hz, SIT_SEGMENTS_HZ[index], SIT_TOLERANCE_HZ) && ms >= SIT_SEGMENT_MS_MIN
}

export interface ToneDetector {
  /** The frame starting at `startMs` (lasting `frameMs`) had `tone` (or none): what that completes. */
  step(startMs: number, tone: FrameTone | null): ToneEvent[]
  /** Whether a steady tone is sounding now (started, not yet ended). */
  readonly sounding: boolean
  /** When the tone sounding now began, or null. */
  readonly soundingSinceMs: number | null
}

export function createToneDetector(frameMs = 20): ToneDetector {
  let run: Run | null = null
  /** The runs closed most recently, newest last (for the SIT sequence). */
  const closed: Run[] = []

  function close(current: Run, atMs: number, events: ToneEvent[]): void {
    closed.push(current)
    if (closed.length > 2) closed.shift()
    const ms = current.endMs - current.startMs
    if (current.hz >= BEEP_HZ_MIN && current.hz <= BEEP_HZ_MAX && ms >= BEEP_MIN_MS)
      events.push({
        kind: 'beep',
        hz: Math.round(current.hz),
        startMs: current.startMs,
        endMs: current.endMs,
        atMs,
      })
  }

  function judge(current: Run, atMs: number, events: ToneEvent[]): void {
    const ms = current.endMs - current.startMs
    if (!current.faxReported && ms >= FAX_TONE_MIN_MS) {
      const cng = Math.abs(current.hz - CNG_HZ) <= CNG_TOLERANCE_HZ
      if (cng || near(current.hz, ANSWER_TONES_HZ, ANSWER_TOLERANCE_HZ)) {
        current.faxReported = true
        const tone = cng ? 'cng' : 'answer'
        events.push({
          kind: 'fax',
          tone,
          hz: Math.round(current.hz),
          startMs: current.startMs,
          atMs,
        })
      }
    }
    const [first, second] = closed
    if (
      !current.sitReported &&
      first &&
      second &&
      isSitSegment(current, 2) &&
      isSitSegment(second, 1) &&
      isSitSegment(first, 0) &&
      first.endMs - first.startMs <= SIT_SEGMENT_MS_MAX &&
      second.endMs - second.startMs <= SIT_SEGMENT_MS_MAX &&
      second.startMs - first.endMs <= SIT_GAP_MS_MAX &&
      current.startMs - second.endMs <= SIT_GAP_MS_MAX
    ) {
      current.sitReported = true
      const segmentsHz: [number, number, number] = [first.hz, second.hz, current.hz].map((hz) =>
        Math.round(hz),
      ) as [number, number, number]
      events.push({ kind: 'sit', segmentsHz, startMs: first.startMs, atMs })
    }
  }

  return {
    get sounding() {
      return run !== null && run.gap === 0
    },
    get soundingSinceMs() {
      return run !== null && run.gap === 0 ? run.startMs : null
    },
    step(startMs, tone) {
      const events: ToneEvent[] = []
      const endMs = startMs + frameMs
      if (run && tone && Math.abs(tone.hz - run.hz) <= STEADY_HZ) {
        run.hz = (run.hz * run.frames + tone.hz) / (run.frames + 1)
        run.frames++
        run.endMs = endMs
        run.gap = 0
      } else if (run && !tone && run.gap < TONE_GAP_FRAMES_MAX) {
        run.gap++
      } else {
        if (run) close(run, endMs, events)
        run = tone
          ? {
              hz: tone.hz,
              frames: 1,
              startMs,
              endMs,
              gap: 0,
              faxReported: false,
              sitReported: false,
            }
          : null
      }
      if (run && run.gap === 0) judge(run, endMs, events)
      return events
    },
  }
}
