// Tone generators: the zip tone an agent hears as a call is bridged to them (R7.3) and the beep,
// played by the product; the same sine builder makes the fax, modem and SIT tones the analyzer's
// tests listen to (test/support/synthetic-audio.ts). 16-bit PCM at 8 kHz unless told otherwise; pure, deterministic.
import { MediaFormatError } from './media-error.ts'

export const SAMPLE_RATE_HZ = 8000
/** Longest tone one call builds: a guard against a unit slip (seconds passed as ms). */
export const TONE_MS_MAX = 600_000

export interface SineSpec {
  hz: number
  ms: number
  /** Peak amplitude in 16-bit units (0–32767). */
  amplitude: number
  sampleRate?: number
  /** Start phase in radians. */
  phase?: number
}

function sampleCount(ms: number, sampleRate: number): number {
  if (!Number.isFinite(ms) || ms < 0 || ms > TONE_MS_MAX)
    throw new MediaFormatError('option', 'ms', `${ms} is outside 0–${TONE_MS_MAX} ms`)
  return Math.round((ms * sampleRate) / 1000)
}

/** A steady sine. */
export function sine(spec: SineSpec): Int16Array {
  const rate = spec.sampleRate ?? SAMPLE_RATE_HZ
  const out = new Int16Array(sampleCount(spec.ms, rate))
  const step = (2 * Math.PI * spec.hz) / rate
  const phase = spec.phase ?? 0
  for (let i = 0; i < out.length; i++)
    out[i] = Math.round(spec.amplitude * Math.sin(phase + step * i))
  return out
}

/** Digital silence. */
export function silence(ms: number, sampleRate = SAMPLE_RATE_HZ): Int16Array {
  return new Int16Array(sampleCount(ms, sampleRate))
}

/** Pieces one after the other. */
export function concatPcm(parts: readonly Int16Array[]): Int16Array {
  const out = new Int16Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const part of parts) {
    out.set(part, at)
    at += part.length
  }
  return out
}

/** -12 dBFS: loud enough to hear, far from clipping after G.711. */
const PROMPT_AMPLITUDE = 8231

/** Zip tone (R7.3): two 100 ms beeps at 440 Hz 50 ms apart, so the agent knows a customer is there. */
export function zipTone(): Int16Array {
  const beat = () => sine({ hz: 440, ms: 100, amplitude: PROMPT_AMPLITUDE })
  return concatPcm([beat(), silence(50), beat()])
}

/** A beep: one steady tone, 1000 Hz for 250 ms unless told. */
export function beep(hz = 1000, ms = 250, amplitude = PROMPT_AMPLITUDE): Int16Array {
  return sine({ hz, ms, amplitude })
}
