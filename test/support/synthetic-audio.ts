// Seeded synthetic call audio for the call progress analyzer's tests and bench (issue 14): a
// person's short "hello?" and a machine's long greeting built from voiced, formant-shaped syllables
// under a syllable envelope, line noise, and the network and fax tones. 16-bit PCM at 8 kHz.
// Deterministic: the same seed gives the same samples.
import { concatPcm, silence, sine } from '../../src/media/tone-gen.ts'

const RATE = 8000

/** mulberry32: a small seeded generator, enough for test audio. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function between(random: () => number, lo: number, hi: number): number {
  return lo + (hi - lo) * random()
}

function gaussian(random: () => number): number {
  const u = Math.max(random(), 1e-12)
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random())
}

/** Two-pole resonator (a formant) run in place over `x`. */
function resonate(x: Float64Array, hz: number, bandwidthHz: number): void {
  const r = Math.exp((-Math.PI * bandwidthHz) / RATE)
  const a1 = 2 * r * Math.cos((2 * Math.PI * hz) / RATE)
  const a2 = -r * r
  let y1 = 0
  let y2 = 0
  for (let i = 0; i < x.length; i++) {
    const y = x[i]! + a1 * y1 + a2 * y2
    y2 = y1
    y1 = y
    x[i] = y
  }
}

/** One voiced syllable: a glottal pulse train through two formants, under a raised-cosine envelope. */
function syllable(random: () => number, ms: number, peak: number, f0: number): Float64Array {
  const n = Math.round((ms * RATE) / 1000)
  const x = new Float64Array(n)
  const pitch = f0 * between(random, 0.9, 1.1)
  let phase = 0
  for (let i = 0; i < n; i++) {
    const hz = pitch * (1 + 0.03 * Math.sin((2 * Math.PI * 5 * i) / RATE))
    phase += hz / RATE
    if (phase >= 1) {
      phase -= 1
      x[i] = 1
    }
    x[i]! += 0.02 * gaussian(random)
  }
  resonate(x, between(random, 350, 800), 90)
  resonate(x, between(random, 1000, 2200), 140)
  const attack = Math.min(n / 3, 0.025 * RATE)
  const release = Math.min(n / 3, 0.035 * RATE)
  let max = 0
  for (let i = 0; i < n; i++) {
    let env = 1
    if (i < attack) env = 0.5 - 0.5 * Math.cos((Math.PI * i) / attack)
    else if (i > n - release) env = 0.5 - 0.5 * Math.cos((Math.PI * (n - i)) / release)
    x[i]! *= env
    max = Math.max(max, Math.abs(x[i]!))
  }
  const gain = max > 0 ? (peak * between(random, 0.6, 1)) / max : 0
  for (let i = 0; i < n; i++) x[i]! *= gain
  return x
}

export interface SpeechSpec {
  /** Total length, from the first syllable's start to the last one's end. */
  ms: number
  /** Peak amplitude in 16-bit units. */
  peak?: number
  /** Syllable lengths and the gaps between them, ms. */
  syllableMs?: [number, number]
  gapMs?: [number, number]
}

/** Speech-like audio of exactly `ms`: syllables with short gaps, starting and ending on a syllable. */
export function speechLike(random: () => number, spec: SpeechSpec): Int16Array {
  const peak = spec.peak ?? 12_000
  const [sylLo, sylHi] = spec.syllableMs ?? [140, 260]
  const [gapLo, gapHi] = spec.gapMs ?? [30, 70]
  const f0 = between(random, 100, 220)
  const total = Math.round((spec.ms * RATE) / 1000)
  const out = new Float64Array(total)
  let at = 0
  while (at < total) {
    let len = Math.round((between(random, sylLo, sylHi) * RATE) / 1000)
    const gap = Math.round((between(random, gapLo, gapHi) * RATE) / 1000)
    // Never leave a tail too short to be a syllable: the last one takes the rest.
    if (total - (at + len + gap) < (sylLo * RATE) / 1000) len = total - at
    out.set(syllable(random, (len * 1000) / RATE, peak, f0), at)
    at += len + gap
  }
  return Int16Array.from(out, (v) => Math.max(-32768, Math.min(32767, Math.round(v))))
}

/** White line noise at `dbfs` RMS (0 length gives an empty array). */
export function lineNoise(random: () => number, ms: number, dbfs: number): Int16Array {
  const rms = 32768 * 10 ** (dbfs / 20)
  const n = Math.round((ms * RATE) / 1000)
  return Int16Array.from({ length: n }, () =>
    Math.max(-32768, Math.min(32767, Math.round(rms * gaussian(random)))),
  )
}

/** `pcm` with line noise added at `dbfs` (null for a clean line). */
export function withNoise(random: () => number, pcm: Int16Array, dbfs: number | null): Int16Array {
  if (dbfs === null) return pcm
  const noise = lineNoise(random, (pcm.length * 1000) / RATE, dbfs)
  return Int16Array.from(pcm, (s, i) => Math.max(-32768, Math.min(32767, s + noise[i]!)))
}

export function silenceMs(ms: number): Int16Array {
  return new Int16Array(Math.round((ms * RATE) / 1000))
}

/** A tone switched on and off: `onMs` of `hz`, `offMs` of silence, `cycles` times. */
export function cadence(spec: {
  hz: number
  onMs: number
  offMs: number
  cycles: number
  amplitude: number
}): Int16Array {
  const parts: Int16Array[] = []
  for (let i = 0; i < spec.cycles; i++) {
    parts.push(sine({ hz: spec.hz, ms: spec.onMs, amplitude: spec.amplitude }))
    parts.push(silence(spec.offMs))
  }
  return concatPcm(parts)
}

/** Fax calling tone (T.30 CNG): 1100 Hz, 0.5 s on, 3 s off. */
export function faxCng(cycles = 2): Int16Array {
  return cadence({ hz: 1100, onMs: 500, offMs: 3000, cycles, amplitude: 6000 })
}

/** Answer tone (V.25 CED / modem answer): 2100 Hz for 3.3 s with phase reversals every 450 ms. */
export function answerTone(): Int16Array {
  const parts: Int16Array[] = []
  for (let i = 0; i < 7; i++)
    parts.push(sine({ hz: 2100, ms: 450, amplitude: 6000, phase: (i % 2) * Math.PI }))
  parts.push(sine({ hz: 2100, ms: 150, amplitude: 6000, phase: Math.PI }))
  return concatPcm(parts)
}

/** Special information tone: 913.8, 1370.6, 1776.7 Hz (segments 274, 274, 380 ms) then silence. */
export function sitTone(): Int16Array {
  return concatPcm([
    sine({ hz: 913.8, ms: 274, amplitude: 6000 }),
    sine({ hz: 1370.6, ms: 274, amplitude: 6000 }),
    sine({ hz: 1776.7, ms: 380, amplitude: 6000 }),
  ])
}

/** Splits PCM into consecutive 20 ms frames of 160 samples (the last one zero-padded). */
export function frames(pcm: Int16Array, size = 160): Int16Array[] {
  const out: Int16Array[] = []
  for (let at = 0; at < pcm.length; at += size) {
    const frame = new Int16Array(size)
    frame.set(pcm.subarray(at, Math.min(pcm.length, at + size)))
    out.push(frame)
  }
  return out
}
