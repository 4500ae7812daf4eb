// Prompts as the 20 ms frames an RTP sender sends: the abandon message (R5.5), IVR messages, the
// zip tone play once; music on hold loops until stopped. Made from a WAV file's bytes (any rate or
// channel count, converted to 8 kHz mono) or from PCM already at 8 kHz. Pure: the sender's clock
// asks for the next frame.
import { toNarrowbandMono } from './resample.ts'
import { readWav } from './wav.ts'

export const PROMPT_FRAME_SAMPLES = 160

export interface PromptPlayer {
  /** The next 20 ms frame (the last one padded with silence), or null when a one-shot prompt is over. */
  next(): Int16Array | null
  readonly done: boolean
  /** How long one pass of the prompt lasts, ms. */
  readonly durationMs: number
}

/** A player over 8 kHz mono PCM; `loop` repeats it without a gap (music on hold). */
export function createPromptPlayer(
  pcm: Int16Array,
  options: { loop?: boolean } = {},
): PromptPlayer {
  const loop = options.loop === true && pcm.length > 0
  let at = 0
  return {
    get done() {
      return !loop && at >= pcm.length
    },
    durationMs: (pcm.length * 1000) / 8000,
    next() {
      if (!loop && at >= pcm.length) return null
      const frame = new Int16Array(PROMPT_FRAME_SAMPLES)
      for (let i = 0; i < PROMPT_FRAME_SAMPLES; i++) {
        if (at >= pcm.length) {
          if (!loop) break
          at = 0
        }
        frame[i] = pcm[at++]!
      }
      return frame
    },
  }
}

/** A WAV file's bytes as the 8 kHz mono PCM a player takes (MediaFormatError when they are not a
 * supported WAV). */
export function promptPcmFromWav(bytes: Uint8Array): Int16Array {
  return toNarrowbandMono(readWav(bytes))
}
