// Goal: the tone generators give exact lengths, the asked frequency and level, and refuse a length
// outside the guard; the zip tone and beep the product plays have their documented shape.
import { describe, expect, it } from 'vitest'
import { cadence } from '../../test/support/synthetic-audio.ts'
import { toneShare } from './dsp/goertzel.ts'
import { MediaFormatError } from './media-error.ts'
import { beep, concatPcm, silence, sine, TONE_MS_MAX, zipTone } from './tone-gen.ts'

function peak(pcm: Int16Array): number {
  return pcm.reduce((m, s) => Math.max(m, Math.abs(s)), 0)
}

describe('tone generators', () => {
  it('a sine has the asked length, frequency and peak', () => {
    const tone = sine({ hz: 1100, ms: 500, amplitude: 10_000 })
    expect(tone.length).toBe(4000)
    expect(peak(tone)).toBeGreaterThan(9990)
    expect(peak(tone)).toBeLessThanOrEqual(10_000)
    expect(toneShare(tone.subarray(0, 160), 1100, 8000)).toBeGreaterThan(0.97)
    expect(sine({ hz: 1000, ms: 10, amplitude: 1, sampleRate: 16_000 }).length).toBe(160)
  })

  it('silence is zeros; concatenation keeps order', () => {
    expect(peak(silence(20))).toBe(0)
    const joined = concatPcm([Int16Array.of(1, 2), Int16Array.of(3)])
    expect([...joined]).toEqual([1, 2, 3])
  })

  it('a cadence alternates tone and silence', () => {
    const cng = cadence({ hz: 1100, onMs: 500, offMs: 3000, cycles: 2, amplitude: 5000 })
    expect(cng.length).toBe(2 * 3500 * 8)
    expect(peak(cng.subarray(0, 4000))).toBeGreaterThan(4900)
    expect(peak(cng.subarray(4000, 28_000))).toBe(0)
    expect(peak(cng.subarray(28_000, 32_000))).toBeGreaterThan(4900)
  })

  it('the zip tone is two 100 ms beeps at 440 Hz, 50 ms apart; the beep is 1000 Hz 250 ms', () => {
    const zip = zipTone()
    expect(zip.length).toBe(250 * 8)
    expect(toneShare(zip.subarray(0, 800), 440, 8000)).toBeGreaterThan(0.97)
    expect(peak(zip.subarray(800, 1200))).toBe(0)
    expect(toneShare(zip.subarray(1200, 2000), 440, 8000)).toBeGreaterThan(0.97)
    const b = beep()
    expect(b.length).toBe(2000)
    expect(toneShare(b, 1000, 8000)).toBeGreaterThan(0.97)
  })

  it('refuses a length outside 0–TONE_MS_MAX with a MediaFormatError', () => {
    expect(() => silence(-1)).toThrow(MediaFormatError)
    expect(() => sine({ hz: 1, ms: TONE_MS_MAX + 1, amplitude: 1 })).toThrow(/outside/)
    expect(() => silence(Number.NaN)).toThrow(MediaFormatError)
  })
})
