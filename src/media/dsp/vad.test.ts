// Goal: the voice activity detector marks speech-like audio as speech and silence, line noise and
// tones as not, holds speech through a frame's dip (hysteresis), and learns a noisy line's floor.
import { describe, expect, it } from 'vitest'
import {
  frames,
  lineNoise,
  seededRandom,
  silenceMs,
  speechLike,
  withNoise,
} from '../../../test/support/synthetic-audio.ts'
import { sine } from '../tone-gen.ts'
import {
  createVad,
  levelDbfs,
  OFF_MARGIN_DB,
  ON_MARGIN_DB,
  SILENCE_DBFS,
  UNVOICED_FRAMES_MAX,
  zeroCrossingRate,
} from './vad.ts'

function speechFrames(pcm: Int16Array, vad = createVad()): boolean[] {
  return frames(pcm).map((f) => vad.step(f).speech)
}

describe('voice activity', () => {
  it('levels and zero crossings: full-scale sine, silence, a 1 kHz tone', () => {
    expect(levelDbfs(sine({ hz: 1000, ms: 20, amplitude: 32767 }))).toBeCloseTo(-3.01, 1)
    expect(levelDbfs(new Int16Array(160))).toBe(SILENCE_DBFS)
    expect(
      zeroCrossingRate(sine({ hz: 1000, ms: 20, amplitude: 1000, phase: 0.1 })),
    ).toBeGreaterThan(0.24)
    expect(zeroCrossingRate(new Int16Array(160))).toBe(0)
  })

  it('speech is speech, and the silence after it is not', () => {
    const random = seededRandom(7)
    const marks = speechFrames(
      new Int16Array([...silenceMs(200), ...speechLike(random, { ms: 800 }), ...silenceMs(600)]),
    )
    const speechMs = marks.filter(Boolean).length * 20
    expect(marks.slice(0, 10).some(Boolean)).toBe(false)
    expect(speechMs).toBeGreaterThan(600)
    expect(marks.slice(52).some(Boolean)).toBe(false)
  })

  it('white line noise is never speech, at any level, and the floor learns it', () => {
    for (const dbfs of [-60, -45, -30, -20]) {
      const vad = createVad()
      const marks = speechFrames(lineNoise(seededRandom(dbfs), 2000, dbfs), vad)
      expect(marks.some(Boolean)).toBe(false)
      expect(Math.abs(vad.floorDbfs - dbfs)).toBeLessThan(3)
    }
  })

  it('speech over line noise 20 dB down is still found', () => {
    const random = seededRandom(3)
    const pcm = withNoise(
      random,
      new Int16Array([...silenceMs(500), ...speechLike(random, { ms: 1000 })]),
      -45,
    )
    const marks = speechFrames(pcm)
    expect(marks.slice(0, 25).some(Boolean)).toBe(false)
    expect(marks.slice(25).filter(Boolean).length).toBeGreaterThan(35)
  })

  it('the line heard before the first word is the floor at once', () => {
    const vad = createVad()
    for (const f of frames(lineNoise(seededRandom(2), 100, -40))) vad.step(f)
    expect(Math.abs(vad.floorDbfs + 40)).toBeLessThan(1.5)
  })

  it('speech from the first frame of a noisy line is let go once only noise remains', () => {
    const random = seededRandom(9)
    const pcm = withNoise(
      random,
      new Int16Array([...speechLike(random, { ms: 400 }), ...silenceMs(2000)]),
      -45,
    )
    const marks = speechFrames(pcm)
    const lastSpeech = marks.lastIndexOf(true)
    expect(lastSpeech).toBeGreaterThanOrEqual(15)
    expect(lastSpeech).toBeLessThan(20 + UNVOICED_FRAMES_MAX + 1)
  })

  it('a tonal frame is not speech; hysteresis holds speech through a shallow dip', () => {
    const atDbfs = (dbfs: number) =>
      sine({ hz: 200, ms: 20, amplitude: Math.round(32768 * Math.SQRT2 * 10 ** (dbfs / 20)) })
    const learnt = () => {
      const vad = createVad()
      for (const f of frames(lineNoise(seededRandom(1), 2000, -45))) vad.step(f)
      return vad
    }
    const vad = learnt()
    expect(Math.abs(vad.floorDbfs + 45)).toBeLessThan(1.5)
    expect(vad.step(atDbfs(-20), true).speech).toBe(false)
    expect(vad.step(atDbfs(-20)).speech).toBe(true)
    // Between the OFF and ON margins above the floor: keeps speech, cannot start it.
    const dip = atDbfs(-45 + (ON_MARGIN_DB + OFF_MARGIN_DB) / 2)
    expect(vad.step(dip).speech).toBe(true)
    expect(learnt().step(dip).speech).toBe(false)
  })
})
