// Property test of call progress analysis on the audio (R2, issue 14): random campaign timings,
// greetings either side of analysisPeriod, random lead-in, line noise levels and G.711 laws. The
// classification must follow the rule (docs/decisions.md, CPA timings): speech no longer than
// analysisPeriod then minSilencePeriod of silence is live, decided minSilencePeriod (+ two frames:
// the one holding the voice's last sample, and minSilencePeriod rounded up to whole frames) after
// the voice ends; longer speech is a machine, decided analysisPeriod (+ the onset's slack)
// after it starts. Synthetic syllables pause under 70 ms, so minSilencePeriod is drawn from 250 ms;
// the line is open at least 100 ms before the first word, as on a real answer (the analyzer learns
// the line's noise there; speech from the very first frame of a noisy line is in src/media/dsp/vad.test.ts).
// With terminatingToneDetect, a beep of any frequency in 400–2000 Hz, length and level after a long
// greeting is reported with its start (± a frame) once it ends.
// A failure prints the fast-check seed and path (replay with FC_SEED=… FC_PATH=…).
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { cpaSchema } from '../../src/domain/campaign/cpa.ts'
import { createCallProgressAnalyzer } from '../../src/media/cpa/analyzer.ts'
import { BEEP_HZ_MAX, BEEP_HZ_MIN, BEEP_MIN_MS } from '../../src/media/dsp/tones.ts'
import { decodeG711, encodeG711 } from '../../src/media/g711.ts'
import { beep, concatPcm } from '../../src/media/tone-gen.ts'
import {
  frames,
  seededRandom,
  silenceMs,
  speechLike,
  withNoise,
} from '../support/synthetic-audio.ts'
import { fcParams } from './arbitraries.ts'

/** How far from analysisPeriod a greeting is drawn: onset and tail of a syllable blur ~100 ms. */
const MARGIN_MS = 150
const FRAME_MS = 20

const caseArbitrary = fc
  .record({
    seed: fc.nat(),
    minSilencePeriod: fc.integer({ min: 250, max: 1000 }),
    analysisPeriod: fc.integer({ min: 1000, max: 4000 }),
    minimumValidSpeech: fc.integer({ min: 50, max: 100 }),
    leadMs: fc.integer({ min: 100, max: 800 }),
    long: fc.boolean(),
    lengthFraction: fc.double({ min: 0, max: 1, noNaN: true }),
    noiseDbfs: fc.option(fc.integer({ min: -75, max: -45 }), { nil: null }),
    law: fc.constantFrom('none', 'mu', 'a'),
  })
  .map((c) => {
    const greetingMs = c.long
      ? Math.round(c.analysisPeriod + MARGIN_MS + c.lengthFraction * 3000)
      : Math.round(300 + c.lengthFraction * (c.analysisPeriod - MARGIN_MS - 300))
    return { ...c, greetingMs }
  })

describe('call progress analysis properties (R2)', () => {
  it('greetings either side of analysisPeriod, any noise floor and G.711 law: live or machine by the rule, on time', () => {
    let live = 0
    let machine = 0
    fc.assert(
      fc.property(caseArbitrary, (c) => {
        const params = cpaSchema.parse({
          cpaEnabled: true,
          amdEnabled: true,
          minSilencePeriod: c.minSilencePeriod,
          analysisPeriod: c.analysisPeriod,
          minimumValidSpeech: c.minimumValidSpeech,
          maxTimeAnalysis: 10_000,
        })
        const random = seededRandom(c.seed)
        let pcm = concatPcm([
          silenceMs(c.leadMs),
          speechLike(random, { ms: c.greetingMs }),
          silenceMs(c.minSilencePeriod + 1000),
        ])
        pcm = withNoise(random, pcm, c.noiseDbfs)
        if (c.law !== 'none') pcm = decodeG711(encodeG711(pcm, c.law), c.law)
        const analyzer = createCallProgressAnalyzer(params)
        let outcome = null
        for (const frame of frames(pcm)) if ((outcome = analyzer.push(frame))) break
        outcome ??= analyzer.finish()
        const end = c.leadMs + c.greetingMs
        if (c.long) {
          machine++
          expect(outcome.decision).toBe('machine')
          expect(outcome.atMs).toBeGreaterThan(c.leadMs + c.analysisPeriod - FRAME_MS)
          expect(outcome.atMs).toBeLessThanOrEqual(c.leadMs + c.analysisPeriod + MARGIN_MS)
        } else {
          live++
          expect(outcome.decision).toBe('live')
          expect(outcome.atMs).toBeGreaterThan(end - MARGIN_MS + c.minSilencePeriod)
          expect(outcome.atMs).toBeLessThanOrEqual(end + c.minSilencePeriod + 2 * FRAME_MS)
        }
      }),
      fcParams(80),
    )
    expect(live).toBeGreaterThan(0)
    expect(machine).toBeGreaterThan(0)
  })

  it('terminatingToneDetect: any beep of 400–2000 Hz after a long greeting is found, on time', () => {
    fc.assert(
      fc.property(
        fc.record({
          seed: fc.nat(),
          greetingMs: fc.integer({ min: 1500, max: 6000 }),
          pauseMs: fc.integer({ min: 0, max: 1500 }),
          beepHz: fc.integer({ min: BEEP_HZ_MIN + 10, max: BEEP_HZ_MAX - 10 }),
          beepMs: fc.integer({ min: BEEP_MIN_MS + 40, max: 1000 }),
          beepAmplitude: fc.integer({ min: 2000, max: 16_000 }),
          noiseDbfs: fc.option(fc.integer({ min: -75, max: -50 }), { nil: null }),
          law: fc.constantFrom('none', 'mu', 'a'),
        }),
        (c) => {
          const params = cpaSchema.parse({
            cpaEnabled: true,
            amdEnabled: true,
            terminatingToneDetect: true,
          })
          const random = seededRandom(c.seed)
          let pcm = concatPcm([
            silenceMs(200),
            speechLike(random, { ms: c.greetingMs }),
            silenceMs(c.pauseMs),
            beep(c.beepHz, c.beepMs, c.beepAmplitude),
            silenceMs(1000),
          ])
          pcm = withNoise(random, pcm, c.noiseDbfs)
          if (c.law !== 'none') pcm = decodeG711(encodeG711(pcm, c.law), c.law)
          const analyzer = createCallProgressAnalyzer(params)
          let outcome = null
          for (const frame of frames(pcm)) if ((outcome = analyzer.push(frame))) break
          outcome ??= analyzer.finish()
          const beepStart = 200 + c.greetingMs + c.pauseMs
          expect(outcome.decision).toBe('machine')
          expect(Math.abs(outcome.beepAtMs! - beepStart)).toBeLessThanOrEqual(FRAME_MS)
          expect(outcome.atMs).toBeGreaterThanOrEqual(beepStart + c.beepMs)
          expect(outcome.atMs).toBeLessThanOrEqual(beepStart + c.beepMs + 3 * FRAME_MS)
        },
      ),
      fcParams(60),
    )
  })
})
