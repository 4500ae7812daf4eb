// Goal: WAV files of every supported encoding read back to the samples written (G.711 within its
// quantisation), odd and unknown chunks are skipped, and every malformed file fails with a
// MediaFormatError that names the chunk, never another exception.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MediaFormatError } from './media-error.ts'
import { toNarrowbandMono } from './resample.ts'
import { sine } from './tone-gen.ts'
import { readWav, writeWav } from './wav.ts'

function withChunkBeforeData(wav: Uint8Array, id: string, body: Uint8Array): Uint8Array {
  const padded = body.length + (body.length & 1)
  const out = new Uint8Array(wav.length + 8 + padded)
  out.set(wav.subarray(0, 36))
  for (let i = 0; i < 4; i++) out[36 + i] = id.charCodeAt(i)
  new DataView(out.buffer).setUint32(40, body.length, true)
  out.set(body, 44)
  out.set(wav.subarray(36), 44 + padded)
  new DataView(out.buffer).setUint32(4, out.length - 8, true)
  return out
}

/** The 16 bytes of a "fmt " chunk. */
function fmtBody(format: number, channels: number, rate: number, blockAlign: number, bits: number) {
  const body = new Uint8Array(16)
  const view = new DataView(body.buffer)
  view.setUint16(0, format, true)
  view.setUint16(2, channels, true)
  view.setUint32(4, rate, true)
  view.setUint32(8, rate * blockAlign, true)
  view.setUint16(12, blockAlign, true)
  view.setUint16(14, bits, true)
  return body
}

/** A RIFF/WAVE file of a "fmt " chunk and a "data" chunk. */
function rawWav(fmt: Uint8Array, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + 8 + fmt.length + 8 + data.length)
  const view = new DataView(out.buffer)
  const text = (at: number, s: string) => {
    for (let i = 0; i < 4; i++) out[at + i] = s.charCodeAt(i)
  }
  text(0, 'RIFF')
  view.setUint32(4, out.length - 8, true)
  text(8, 'WAVE')
  text(12, 'fmt ')
  view.setUint32(16, fmt.length, true)
  out.set(fmt, 20)
  text(20 + fmt.length, 'data')
  view.setUint32(24 + fmt.length, data.length, true)
  out.set(data, 28 + fmt.length)
  return out
}

describe('readWav / writeWav', () => {
  it('16-bit PCM round-trips exactly, mono and stereo', () => {
    const pcm = Int16Array.of(0, 1, -1, 32767, -32768, 1234)
    expect(readWav(writeWav(pcm, 8000))).toEqual({
      sampleRate: 8000,
      channels: 1,
      encoding: 'pcm16',
      pcm,
    })
    const stereo = readWav(writeWav(pcm, 44_100, { channels: 2 }))
    expect(stereo).toMatchObject({ sampleRate: 44_100, channels: 2 })
    expect([...stereo.pcm]).toEqual([...pcm])
  })

  it('µ-law and A-law files decode within the codec step', () => {
    const tone = sine({ hz: 1000, ms: 20, amplitude: 8000 })
    for (const encoding of ['mulaw', 'alaw'] as const) {
      const wav = readWav(writeWav(tone, 8000, { encoding }))
      expect(wav.encoding).toBe(encoding)
      const worst = wav.pcm.reduce((m, s, i) => Math.max(m, Math.abs(s - tone[i]!)), 0)
      expect(worst).toBeLessThanOrEqual(260)
    }
  })

  it('reads 8-bit PCM and WAVE_FORMAT_EXTENSIBLE (µ-law inside)', () => {
    const pcm8 = rawWav(fmtBody(1, 1, 8000, 1, 8), Uint8Array.of(128, 255, 0))
    expect(readWav(pcm8)).toMatchObject({ encoding: 'pcm8', sampleRate: 8000, channels: 1 })
    expect([...readWav(pcm8).pcm]).toEqual([0, 127 << 8, -128 << 8])
    const extensible = new Uint8Array(40)
    extensible.set(fmtBody(0xfffe, 1, 8000, 1, 8))
    const view = new DataView(extensible.buffer)
    view.setUint16(16, 22, true) // cbSize
    view.setUint16(24, 7, true) // sub-format: µ-law
    const wav = readWav(rawWav(extensible, Uint8Array.of(0xff, 0x80)))
    expect(wav.encoding).toBe('mulaw')
    expect([...wav.pcm]).toEqual([0, 32124])
    expect(() => readWav(rawWav(fmtBody(0xfffe, 1, 8000, 1, 8), new Uint8Array(2)))).toThrow(
      /WAVE_FORMAT_EXTENSIBLE needs 40 bytes/,
    )
  })

  it('skips unknown chunks (odd sizes padded) before the data', () => {
    const pcm = Int16Array.of(5, 6, 7)
    const wav = withChunkBeforeData(writeWav(pcm, 8000), 'LIST', Uint8Array.of(1, 2, 3))
    expect([...readWav(wav).pcm]).toEqual([5, 6, 7])
  })

  it('a 44.1 kHz stereo prompt becomes 8 kHz mono', () => {
    const left = sine({ hz: 500, ms: 100, amplitude: 6000, sampleRate: 44_100 })
    const interleaved = new Int16Array(left.length * 2)
    left.forEach((s, i) => {
      interleaved[2 * i] = s
      interleaved[2 * i + 1] = s
    })
    const pcm = toNarrowbandMono(readWav(writeWav(interleaved, 44_100, { channels: 2 })))
    expect(pcm.length).toBe(800)
  })

  it('malformed files say what is wrong and where', () => {
    const good = writeWav(Int16Array.of(1, 2), 8000)
    const cases: [Uint8Array, RegExp][] = [
      [new Uint8Array(4), /RIFF header: file is 4 bytes/],
      [Uint8Array.from(good, (b, i) => (i === 0 ? 0x58 : b)), /starts "XIFF"/],
      [Uint8Array.from(good, (b, i) => (i === 8 ? 0x58 : b)), /form type "XAVE"/],
      [Uint8Array.from(good, (b, i) => (i === 20 ? 3 : b)), /chunk "fmt " format: format 3/],
      [Uint8Array.from(good, (b, i) => (i === 22 ? 0 : b)), /channels: 0/],
      [Uint8Array.from(good, (b, i) => (i === 32 ? 4 : b)), /blockAlign: 4/],
      [
        Uint8Array.from(good, (b, i) => (i === 40 ? 99 : b)),
        /chunk "data" at byte 36: says 99 bytes/,
      ],
      [good.subarray(0, 36), /chunk "data": is missing/],
      [good.subarray(0, 12), /chunk "fmt ": is missing/],
    ]
    for (const [bytes, message] of cases) {
      expect(() => readWav(bytes)).toThrow(MediaFormatError)
      expect(() => readWav(bytes)).toThrow(message)
    }
  })

  it('random bytes and random corruptions only ever throw MediaFormatError', () => {
    const good = writeWav(sine({ hz: 400, ms: 5, amplitude: 3000 }), 8000)
    const onlyTyped = (bytes: Uint8Array) => {
      try {
        readWav(bytes)
      } catch (error) {
        expect(error).toBeInstanceOf(MediaFormatError)
      }
    }
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), onlyTyped), { seed: 14, numRuns: 300 })
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(good.length - 1), fc.integer({ min: 0, max: 255 })), {
          maxLength: 6,
        }),
        fc.nat(good.length),
        (edits, cut) => {
          const bytes = good.slice(0, cut)
          for (const [at, value] of edits) if (at < bytes.length) bytes[at] = value
          onlyTyped(bytes)
        },
      ),
      { seed: 14, numRuns: 500 },
    )
  })
})
