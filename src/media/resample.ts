// Any WAV's audio to what a G.711 call carries: 8 kHz, mono, 16-bit. Channels are averaged; the
// rate is changed by band-limited interpolation — each output sample is the input convolved with a
// Hann-windowed sinc low-pass at 0.45 × the lower of the two rates (3.6 kHz when going to 8 kHz),
// evaluated at the output instant, ZERO_CROSSINGS lobes each side (widened by the rate ratio when
// going down, so the filter's cut-off follows the output rate). Simple, exact at any ratio, and
// cheap enough for prompts converted once at load.
import type { Wav } from './wav.ts'

export const NARROWBAND_RATE_HZ = 8000
/** Sinc lobes each side of the output instant (more: sharper cut-off, more work). */
const ZERO_CROSSINGS = 8
const CUTOFF_FRACTION = 0.45

/** Average the interleaved channels into one. */
export function downmix(pcm: Int16Array, channels: number): Int16Array {
  if (channels === 1) return pcm
  const frames = Math.floor(pcm.length / channels)
  const out = new Int16Array(frames)
  for (let i = 0; i < frames; i++) {
    let sum = 0
    for (let c = 0; c < channels; c++) sum += pcm[i * channels + c]!
    out[i] = Math.round(sum / channels)
  }
  return out
}

/** Mono 16-bit PCM from `fromHz` to `toHz`. */
export function resample(mono: Int16Array, fromHz: number, toHz: number): Int16Array {
  if (fromHz === toHz) return mono
  const ratio = fromHz / toHz
  const outLength = Math.floor((mono.length * toHz) / fromHz)
  const out = new Int16Array(outLength)
  // Cut-off in cycles per input sample, and the kernel's half-width in input samples.
  const cutoff = (CUTOFF_FRACTION * Math.min(fromHz, toHz)) / fromHz
  const half = Math.ceil(ZERO_CROSSINGS / (2 * cutoff))
  for (let n = 0; n < outLength; n++) {
    const t = n * ratio
    const first = Math.max(0, Math.ceil(t - half))
    const last = Math.min(mono.length - 1, Math.floor(t + half))
    let sum = 0
    for (let k = first; k <= last; k++) {
      const tau = t - k
      const x = 2 * cutoff * tau
      const sinc = x === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x)
      const window = 0.5 + 0.5 * Math.cos((Math.PI * tau) / half)
      sum += mono[k]! * 2 * cutoff * sinc * window
    }
    out[n] = Math.max(-32768, Math.min(32767, Math.round(sum)))
  }
  return out
}

/** A WAV's audio as 8 kHz mono 16-bit PCM. */
export function toNarrowbandMono(wav: Pick<Wav, 'sampleRate' | 'channels' | 'pcm'>): Int16Array {
  return resample(downmix(wav.pcm, wav.channels), wav.sampleRate, NARROWBAND_RATE_HZ)
}
