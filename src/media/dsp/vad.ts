// Voice activity from energy and zero crossings, with hysteresis and an adaptive noise floor.
// A frame starts speech when it stands ON_MARGIN_DB above the line's noise floor, is louder than
// SPEECH_MIN_DBFS and crosses zero seldom enough to be voiced (line noise and hiss cross zero on
// most samples; vowels far less); speech then holds while frames stay OFF_MARGIN_DB above the floor.
// The floor follows quiet frames down at once and up slowly, so steady line noise is learnt within
// a few hundred ms and never counted as a voice; in the first FLOOR_LEARN_FRAMES of a call it takes
// the level of a frame that is clearly noise (NOISE_ZCR_MIN) or quiet at once (the line before
// anyone speaks). Held speech whose frames cross zero like noise for UNVOICED_FRAMES_MAX in a row
// (longer than any fricative) is let go: it was line noise held by a floor learnt too low (speech
// from the first frame of a noisy line). Pure: the caller feeds frames in order.

/** Level of a frame of digital silence (log of zero). */
export const SILENCE_DBFS = -120
/** A frame must be this far above the noise floor to start speech. */
export const ON_MARGIN_DB = 12
/** Speech holds while frames stay this far above the floor (the hysteresis). */
export const OFF_MARGIN_DB = 6
/** Quieter than this is never a voice, whatever the floor. */
export const SPEECH_MIN_DBFS = -50
/** Zero crossings a sample above which a frame cannot start speech (voiced speech is below ~0.25). */
export const VOICED_ZCR_MAX = 0.3
/** The floor's first guess before any frame. */
export const FLOOR_START_DBFS = -70
/** How far the floor moves up towards a quieter-than-speech frame, per frame (fraction of the gap). */
export const FLOOR_RISE_FRACTION = 0.08
/** Frames (20 ms) at the start whose non-speech level becomes the floor at once. */
export const FLOOR_LEARN_FRAMES = 5
/** Zero crossings a sample above which a frame is clearly noise, not a voice (white noise: ~0.5). */
export const NOISE_ZCR_MIN = 0.4
/** Consecutive noise-like frames (zero-crossing rate above VOICED_ZCR_MAX) that end held speech. */
export const UNVOICED_FRAMES_MAX = 15

const FULL_SCALE = 32768

/** The RMS level of a frame in dB relative to full scale; SILENCE_DBFS for all zeros. */
export function levelDbfs(frame: ArrayLike<number>): number {
  if (frame.length === 0) return SILENCE_DBFS
  let sum = 0
  for (let i = 0; i < frame.length; i++) sum += frame[i]! * frame[i]!
  if (sum === 0) return SILENCE_DBFS
  return Math.max(SILENCE_DBFS, 10 * Math.log10(sum / frame.length / (FULL_SCALE * FULL_SCALE)))
}

/** Sign changes a sample: 0 for DC, about 2f/fs for a tone of f Hz, about 0.5 for white noise. */
export function zeroCrossingRate(frame: ArrayLike<number>): number {
  if (frame.length < 2) return 0
  return zeroCrossings(frame) / (frame.length - 1)
}

/** How many times the signal changes sign in the frame (zero counts as positive). */
export function zeroCrossings(frame: ArrayLike<number>): number {
  let count = 0
  let negative = frame.length > 0 && frame[0]! < 0
  for (let i = 1; i < frame.length; i++) {
    const now = frame[i]! < 0
    if (now !== negative) count++
    negative = now
  }
  return count
}

export interface VadFrame {
  speech: boolean
  levelDbfs: number
  zcr: number
  /** The noise floor after this frame. */
  floorDbfs: number
}

export interface Vad {
  /** Classifies the next frame. `tonal` frames (a steady tone) are never speech and never noise. */
  step(frame: ArrayLike<number>, tonal?: boolean): VadFrame
  readonly floorDbfs: number
}

export function createVad(): Vad {
  let floor = FLOOR_START_DBFS
  let inSpeech = false
  let frames = 0
  let unvoiced = 0
  return {
    get floorDbfs() {
      return floor
    },
    step(frame, tonal = false) {
      const level = levelDbfs(frame)
      const zcr = zeroCrossingRate(frame)
      frames++
      unvoiced = zcr > VOICED_ZCR_MAX ? unvoiced + 1 : 0
      if (tonal) {
        inSpeech = false
      } else if (inSpeech) {
        inSpeech =
          level >= floor + OFF_MARGIN_DB &&
          level >= SPEECH_MIN_DBFS - OFF_MARGIN_DB &&
          unvoiced < UNVOICED_FRAMES_MAX
      } else {
        inSpeech =
          level >= floor + ON_MARGIN_DB && level >= SPEECH_MIN_DBFS && zcr <= VOICED_ZCR_MAX
      }
      if (!inSpeech && !tonal) {
        const learning =
          frames <= FLOOR_LEARN_FRAMES && (zcr > NOISE_ZCR_MIN || level < SPEECH_MIN_DBFS)
        if (level < floor || learning) floor = Math.max(SILENCE_DBFS, level)
        else floor += (level - floor) * FLOOR_RISE_FRACTION
      }
      return { speech: inSpeech, levelDbfs: level, zcr, floorDbfs: floor }
    },
  }
}
