// WAV files for prompts (the abandon message R5.5, IVR messages, music on hold) and test audio:
// RIFF/WAVE with PCM 8- or 16-bit, µ-law or A-law (also inside WAVE_FORMAT_EXTENSIBLE). Bad input
// throws only MediaFormatError naming the chunk and the fault. `toNarrowbandMono` makes any of them
// what a G.711 call carries: 8 kHz mono 16-bit (resample.ts).
import { decodeG711, encodeG711 } from './g711.ts'
import { MediaFormatError } from './media-error.ts'

/** Largest WAV accepted: an hour of 16-bit 8 kHz stereo is 115 MB; prompts are far shorter. */
export const WAV_BYTES_MAX = 128 * 1024 * 1024
export const WAV_CHANNELS_MAX = 8
export const WAV_SAMPLE_RATE_MIN_HZ = 8000
export const WAV_SAMPLE_RATE_MAX_HZ = 192_000

export type WavEncoding = 'pcm8' | 'pcm16' | 'mulaw' | 'alaw'

export interface Wav {
  sampleRate: number
  channels: number
  encoding: WavEncoding
  /** Samples, interleaved by channel, as 16-bit linear PCM. */
  pcm: Int16Array
}

const FORMAT_PCM = 1
const FORMAT_ALAW = 6
const FORMAT_MULAW = 7
const FORMAT_EXTENSIBLE = 0xfffe

function fail(where: string, message: string): never {
  throw new MediaFormatError('wav', where, message)
}

function fourCc(view: DataView, at: number): string {
  return String.fromCharCode(
    view.getUint8(at),
    view.getUint8(at + 1),
    view.getUint8(at + 2),
    view.getUint8(at + 3),
  )
}

interface Fmt {
  format: number
  channels: number
  sampleRate: number
  blockAlign: number
  bits: number
}

function readFmt(view: DataView, at: number, size: number): Fmt {
  if (size < 16) fail('chunk "fmt "', `is ${size} bytes, needs at least 16`)
  let format = view.getUint16(at, true)
  const channels = view.getUint16(at + 2, true)
  const sampleRate = view.getUint32(at + 4, true)
  const blockAlign = view.getUint16(at + 12, true)
  const bits = view.getUint16(at + 14, true)
  if (format === FORMAT_EXTENSIBLE) {
    if (size < 40) fail('chunk "fmt "', `WAVE_FORMAT_EXTENSIBLE needs 40 bytes, has ${size}`)
    format = view.getUint16(at + 24, true)
  }
  if (channels < 1 || channels > WAV_CHANNELS_MAX)
    fail('chunk "fmt " channels', `${channels}; expected 1–${WAV_CHANNELS_MAX}`)
  if (sampleRate < WAV_SAMPLE_RATE_MIN_HZ || sampleRate > WAV_SAMPLE_RATE_MAX_HZ)
    fail(
      'chunk "fmt " sampleRate',
      `${sampleRate} Hz; expected ${WAV_SAMPLE_RATE_MIN_HZ}–${WAV_SAMPLE_RATE_MAX_HZ}`,
    )
  return { format, channels, sampleRate, blockAlign, bits }
}

function encodingOf(fmt: Fmt): WavEncoding {
  if (fmt.format === FORMAT_PCM && fmt.bits === 16) return 'pcm16'
  if (fmt.format === FORMAT_PCM && fmt.bits === 8) return 'pcm8'
  if (fmt.format === FORMAT_MULAW && fmt.bits === 8) return 'mulaw'
  if (fmt.format === FORMAT_ALAW && fmt.bits === 8) return 'alaw'
  return fail(
    'chunk "fmt " format',
    `format ${fmt.format} with ${fmt.bits} bits is not supported (PCM 8/16-bit, µ-law, A-law)`,
  )
}

function decodeSamples(bytes: Uint8Array, encoding: WavEncoding): Int16Array {
  if (encoding === 'mulaw') return decodeG711(bytes, 'mu')
  if (encoding === 'alaw') return decodeG711(bytes, 'a')
  if (encoding === 'pcm8') return Int16Array.from(bytes, (b) => (b - 128) << 8)
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const out = new Int16Array(bytes.byteLength >> 1)
  for (let i = 0; i < out.length; i++) out[i] = view.getInt16(i * 2, true)
  return out
}

/** Parses a WAV file. */
export function readWav(bytes: Uint8Array): Wav {
  if (bytes.byteLength > WAV_BYTES_MAX)
    fail('file', `${bytes.byteLength} bytes; the limit is WAV_BYTES_MAX = ${WAV_BYTES_MAX}`)
  if (bytes.byteLength < 12) fail('RIFF header', `file is ${bytes.byteLength} bytes, needs 12`)
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (fourCc(view, 0) !== 'RIFF') fail('RIFF header', `starts "${fourCc(view, 0)}", not "RIFF"`)
  if (fourCc(view, 8) !== 'WAVE') fail('RIFF header', `form type "${fourCc(view, 8)}", not "WAVE"`)
  let fmt: Fmt | null = null
  let data: Uint8Array | null = null
  let at = 12
  while (at + 8 <= bytes.byteLength) {
    const id = fourCc(view, at)
    const size = view.getUint32(at + 4, true)
    const body = at + 8
    if (size > bytes.byteLength - body)
      fail(
        `chunk "${id}" at byte ${at}`,
        `says ${size} bytes, only ${bytes.byteLength - body} remain`,
      )
    if (id === 'fmt ') fmt = readFmt(view, body, size)
    else if (id === 'data') {
      if (!fmt) fail('chunk "data"', 'comes before the "fmt " chunk')
      data = bytes.subarray(body, body + size)
      break
    }
    at = body + size + (size & 1)
  }
  if (!fmt) fail('chunk "fmt "', 'is missing')
  if (!data) fail('chunk "data"', 'is missing')
  const encoding = encodingOf(fmt)
  const bytesPerFrame = fmt.channels * (encoding === 'pcm16' ? 2 : 1)
  if (fmt.blockAlign !== bytesPerFrame)
    fail(
      'chunk "fmt " blockAlign',
      `${fmt.blockAlign}; ${encoding} × ${fmt.channels} needs ${bytesPerFrame}`,
    )
  const whole = data.byteLength - (data.byteLength % bytesPerFrame)
  return {
    sampleRate: fmt.sampleRate,
    channels: fmt.channels,
    encoding,
    pcm: decodeSamples(data.subarray(0, whole), encoding),
  }
}

/** A WAV file of `pcm` (interleaved when channels > 1): 16-bit PCM unless told µ-law or A-law. */
export function writeWav(
  pcm: Int16Array,
  sampleRate: number,
  options: { encoding?: 'pcm16' | 'mulaw' | 'alaw'; channels?: number } = {},
): Uint8Array {
  const encoding = options.encoding ?? 'pcm16'
  const channels = options.channels ?? 1
  const width = encoding === 'pcm16' ? 2 : 1
  const dataBytes = pcm.length * width
  const out = new Uint8Array(44 + dataBytes + (dataBytes & 1))
  const view = new DataView(out.buffer)
  const text = (at: number, s: string) => {
    for (let i = 0; i < 4; i++) out[at + i] = s.charCodeAt(i)
  }
  text(0, 'RIFF')
  view.setUint32(4, out.byteLength - 8, true)
  text(8, 'WAVE')
  text(12, 'fmt ')
  view.setUint32(16, 16, true)
  const format =
    encoding === 'pcm16' ? FORMAT_PCM : encoding === 'mulaw' ? FORMAT_MULAW : FORMAT_ALAW
  view.setUint16(20, format, true)
  view.setUint16(22, channels, true)
  view.setUint32(24, sampleRate, true)
  view.setUint32(28, sampleRate * channels * width, true)
  view.setUint16(32, channels * width, true)
  view.setUint16(34, width * 8, true)
  text(36, 'data')
  view.setUint32(40, dataBytes, true)
  if (encoding === 'pcm16')
    for (let i = 0; i < pcm.length; i++) view.setInt16(44 + i * 2, pcm[i]!, true)
  else out.set(encodeG711(pcm, encoding === 'mulaw' ? 'mu' : 'a'), 44)
  return out
}
