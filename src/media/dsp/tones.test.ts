// Goal: the tone detectors name fax CNG, answer tones, the three-segment SIT and a machine's beep on
// generated audio (also through G.711), at the documented durations, and stay quiet for speech,
// noise, a too-short tone or a SIT out of order.
import { describe, expect, it } from 'vitest'
import {
  answerTone,
  faxCng,
  frames,
  lineNoise,
  seededRandom,
  silenceMs,
  sitTone,
  speechLike,
} from '../../../test/support/synthetic-audio.ts'
import { decodeG711, encodeG711 } from '../g711.ts'
import { beep, concatPcm, sine } from '../tone-gen.ts'
import {
  BEEP_MIN_MS,
  createToneDetector,
  dominantTone,
  FAX_TONE_MIN_MS,
  type ToneEvent,
} from './tones.ts'

function detect(pcm: Int16Array): ToneEvent[] {
  const detector = createToneDetector()
  return frames(pcm).flatMap((frame, i) => detector.step(i * 20, dominantTone(frame)))
}

describe('dominant tone of a frame', () => {
  it('finds a tone within a few Hz, on or off the 50 Hz grid', () => {
    for (const hz of [440, 913.8, 1000, 1100, 1370.6, 1776.7, 2100, 2225]) {
      const tone = dominantTone(sine({ hz, ms: 20, amplitude: 5000, phase: 0.3 }))
      expect(tone).not.toBeNull()
      expect(Math.abs(tone!.hz - hz)).toBeLessThanOrEqual(7)
      expect(tone!.share).toBeGreaterThan(0.9)
    }
  })

  it('speech, noise, silence and a quiet tone are not tones', () => {
    const random = seededRandom(11)
    const speech = frames(speechLike(random, { ms: 3000 }))
    const tonal = speech.filter((f) => dominantTone(f) !== null).length
    expect(tonal / speech.length).toBeLessThan(0.05)
    expect(frames(lineNoise(random, 1000, -20)).some((f) => dominantTone(f))).toBe(false)
    expect(dominantTone(new Int16Array(160))).toBeNull()
    expect(dominantTone(sine({ hz: 1000, ms: 20, amplitude: 100 }))).toBeNull()
  })
})

describe('tone cadences', () => {
  it('fax CNG is declared FAX_TONE_MIN_MS into its first burst', () => {
    const events = detect(faxCng())
    const fax = events.filter((e) => e.kind === 'fax')
    expect(fax[0]).toMatchObject({ kind: 'fax', tone: 'cng', hz: 1100, startMs: 0 })
    expect(fax[0]!.atMs).toBe(FAX_TONE_MIN_MS)
    expect(fax).toHaveLength(2)
  })

  it('the 2100 Hz answer tone with phase reversals is one tone, declared once', () => {
    const events = detect(answerTone()).filter((e) => e.kind === 'fax')
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({ tone: 'answer', hz: 2100, atMs: FAX_TONE_MIN_MS })
    const bell = detect(sine({ hz: 2225, ms: 1000, amplitude: 5000 })).filter(
      (e) => e.kind === 'fax',
    )
    expect(bell[0]).toMatchObject({ tone: 'answer', hz: 2225 })
  })

  it('SIT is declared 200 ms into its third segment, also through µ-law', () => {
    for (const pcm of [sitTone(), decodeG711(encodeG711(sitTone(), 'mu'), 'mu')]) {
      const sit = detect(concatPcm([silenceMs(300), pcm, silenceMs(500)])).filter(
        (e) => e.kind === 'sit',
      )
      expect(sit).toHaveLength(1)
      const found = sit[0] as Extract<ToneEvent, { kind: 'sit' }>
      expect(found.startMs).toBe(300)
      const errorsHz = found.segmentsHz.map((hz, i) => Math.abs(hz - [913.8, 1370.6, 1776.7][i]!))
      expect(Math.max(...errorsHz)).toBeLessThanOrEqual(7)
      // 300 + 274 + 274 = 848 ms when the third segment starts; 200 ms of it, on a frame edge.
      expect(sit[0]!.atMs).toBeGreaterThanOrEqual(1040)
      expect(sit[0]!.atMs).toBeLessThanOrEqual(1080)
    }
  })

  it('SIT segments out of order, or too long, are not SIT', () => {
    const reversed = concatPcm([
      sine({ hz: 1776.7, ms: 380, amplitude: 6000 }),
      sine({ hz: 1370.6, ms: 274, amplitude: 6000 }),
      sine({ hz: 913.8, ms: 274, amplitude: 6000 }),
    ])
    expect(detect(reversed).some((e) => e.kind === 'sit')).toBe(false)
    const slow = concatPcm([
      sine({ hz: 913.8, ms: 800, amplitude: 6000 }),
      sine({ hz: 1370.6, ms: 274, amplitude: 6000 }),
      sine({ hz: 1776.7, ms: 380, amplitude: 6000 }),
    ])
    expect(detect(slow).some((e) => e.kind === 'sit')).toBe(false)
  })

  it('a beep is reported when it ends, with its start, end and frequency', () => {
    for (const hz of [450, 1000, 1400, 1950]) {
      const events = detect(concatPcm([silenceMs(100), beep(hz, 400), silenceMs(200)]))
      const beeps = events.filter((e) => e.kind === 'beep')
      expect(beeps).toHaveLength(1)
      expect(beeps[0]).toMatchObject({ hz: expect.closeTo(hz, -1), startMs: 100, endMs: 500 })
      expect(beeps[0]!.atMs).toBe(540)
    }
    const short = detect(concatPcm([beep(1000, BEEP_MIN_MS - 40), silenceMs(100)]))
    expect(short.some((e) => e.kind === 'beep')).toBe(false)
  })
})
