// Goal: the call progress analyzer, fed 20 ms frames of generated call audio (clean, noisy and
// through G.711), decides live, machine (waiting for the beep when asked), fax, SIT and dead air
// with the campaign's CPA timings, at decision times the timings allow, and rejects bad frames.
import { describe, expect, it } from 'vitest'
import {
  answerTone,
  faxCng,
  frames,
  seededRandom,
  silenceMs,
  sitTone,
  speechLike,
  withNoise,
} from '../../../test/support/synthetic-audio.ts'
import { type CpaParams, cpaSchema } from '../../domain/campaign/cpa.ts'
import { decodeG711, encodeG711 } from '../g711.ts'
import { MediaFormatError } from '../media-error.ts'
import { beep, concatPcm } from '../tone-gen.ts'
import {
  type CpaOutcome,
  createCallProgressAnalyzer,
  TONE_AFTER_SPEECH_MS_MAX,
} from './analyzer.ts'

const AMD: CpaParams = cpaSchema.parse({ cpaEnabled: true, amdEnabled: true })
const BEEP: CpaParams = { ...AMD, terminatingToneDetect: true }
const FRAME = 20

function analyse(params: CpaParams, pcm: Int16Array): CpaOutcome {
  const analyzer = createCallProgressAnalyzer(params)
  for (const frame of frames(pcm)) {
    const outcome = analyzer.push(frame)
    if (outcome) return outcome
  }
  return analyzer.finish()
}

/** A person: `leadMs` of quiet, a `helloMs` "hello?", then silence. */
function person(seed: number, helloMs: number, leadMs = 300, noiseDbfs: number | null = null) {
  const random = seededRandom(seed)
  const pcm = concatPcm([silenceMs(leadMs), speechLike(random, { ms: helloMs }), silenceMs(4000)])
  return withNoise(random, pcm, noiseDbfs)
}

/** A machine: a long greeting, a pause, the beep, then silence. */
function machine(seed: number, greetingMs: number, beepHz = 1000, pauseMs = 400) {
  const random = seededRandom(seed)
  return concatPcm([
    silenceMs(200),
    speechLike(random, { ms: greetingMs }),
    silenceMs(pauseMs),
    beep(beepHz, 500),
    silenceMs(3000),
  ])
}

describe('call progress analysis: people and machines', () => {
  it('a short hello then silence is live, minSilencePeriod (+ a frame) after it ends', () => {
    for (const [seed, helloMs] of [
      [1, 500],
      [2, 700],
      [3, 900],
    ] as const) {
      const outcome = analyse(AMD, person(seed, helloMs))
      expect(outcome.decision).toBe('live')
      const helloEnd = 300 + helloMs
      expect(outcome.atMs).toBeGreaterThanOrEqual(helloEnd + AMD.minSilencePeriod - 3 * FRAME)
      expect(outcome.atMs).toBeLessThanOrEqual(helloEnd + AMD.minSilencePeriod + FRAME)
      expect(outcome.evidence.speechOnsetMs).toBeGreaterThanOrEqual(300)
      expect(outcome.evidence.speechOnsetMs).toBeLessThanOrEqual(380)
      expect(outcome.evidence.trailingSilenceMs).toBeGreaterThanOrEqual(AMD.minSilencePeriod)
    }
  })

  it('a 1.2 s hello is live when analysisPeriod allows it, machine when it does not', () => {
    const long = { ...AMD, analysisPeriod: 2000 }
    expect(analyse(long, person(4, 1200)).decision).toBe('live')
    const outcome = analyse(AMD, person(4, 1200))
    expect(outcome.decision).toBe('machine')
    expect(outcome.atMs - outcome.evidence.speechOnsetMs!).toBeGreaterThan(AMD.analysisPeriod)
    expect(outcome.atMs - outcome.evidence.speechOnsetMs!).toBeLessThanOrEqual(
      AMD.analysisPeriod + FRAME,
    )
  })

  it('a long greeting is a machine analysisPeriod after the speech starts', () => {
    for (const seed of [5, 6, 7]) {
      const outcome = analyse(AMD, machine(seed, 3000 + seed * 400))
      expect(outcome.decision).toBe('machine')
      expect(outcome.beepAtMs).toBeUndefined()
      expect(outcome.atMs).toBeGreaterThan(200 + AMD.analysisPeriod)
      expect(outcome.atMs).toBeLessThanOrEqual(260 + AMD.analysisPeriod + FRAME)
    }
  })

  it('with terminatingToneDetect a machine waits for the beep and says when it sounded', () => {
    for (const [seed, greetingMs, hz] of [
      [8, 3000, 1000],
      [9, 4500, 850],
      [10, 6000, 1400],
    ] as const) {
      const outcome = analyse(BEEP, machine(seed, greetingMs, hz))
      const beepStart = 200 + greetingMs + 400
      expect(outcome.decision).toBe('machine')
      expect(outcome.beepAtMs).toBe(beepStart)
      expect(outcome.atMs).toBe(beepStart + 500 + 2 * FRAME)
      expect(outcome.evidence.tone).toMatchObject({ kind: 'beep', endMs: beepStart + 500 })
    }
  })

  it('a steady tone that goes on after short speech is a machine, TONE_AFTER_SPEECH_MS_MAX into it', () => {
    const random = seededRandom(23)
    const pcm = concatPcm([silenceMs(200), speechLike(random, { ms: 600 }), beep(1000, 5000)])
    const outcome = analyse(BEEP, pcm)
    expect(outcome).toMatchObject({ decision: 'machine', beepAtMs: 800 })
    expect(outcome.atMs).toBe(800 + TONE_AFTER_SPEECH_MS_MAX)
  })

  it('no beep within maxTermToneAnalysis: machine, without beepAtMs, at the limit', () => {
    const params = { ...BEEP, maxTermToneAnalysis: 2000 }
    const random = seededRandom(12)
    const pcm = concatPcm([speechLike(random, { ms: 3000 }), silenceMs(3000)])
    const outcome = analyse(params, pcm)
    expect(outcome.decision).toBe('machine')
    expect(outcome.beepAtMs).toBeUndefined()
    const machineAt = outcome.evidence.speechOnsetMs! + AMD.analysisPeriod
    expect(outcome.atMs).toBeGreaterThanOrEqual(machineAt + 2000)
    expect(outcome.atMs).toBeLessThanOrEqual(machineAt + 2000 + 2 * FRAME)
  })

  it('with AMD off, any valid speech is live as soon as it is valid', () => {
    const noAmd = cpaSchema.parse({ cpaEnabled: true })
    for (const pcm of [person(13, 600), machine(14, 5000)]) {
      const outcome = analyse(noAmd, pcm)
      expect(outcome.decision).toBe('live')
      const onset = outcome.evidence.speechOnsetMs!
      expect(outcome.atMs - onset).toBeGreaterThanOrEqual(noAmd.minimumValidSpeech)
      expect(outcome.atMs - onset).toBeLessThan(noAmd.minimumValidSpeech + FRAME)
    }
  })

  it('a hello from the very first frame of a noisy line is still live (noise let go by the VAD)', () => {
    const outcome = analyse(AMD, person(22, 500, 0, -45))
    expect(outcome.decision).toBe('live')
    expect(outcome.atMs).toBeLessThanOrEqual(500 + 15 * FRAME + AMD.minSilencePeriod + FRAME)
  })

  it('a click shorter than minimumValidSpeech is not speech', () => {
    const random = seededRandom(15)
    const click = speechLike(random, { ms: 60, syllableMs: [60, 60] })
    const outcome = analyse(AMD, concatPcm([silenceMs(500), click, silenceMs(4000)]))
    expect(outcome.decision).toBe('deadAir')
    expect(outcome.atMs).toBe(AMD.maxTimeAnalysis)
  })

  it('line noise and G.711 do not change the decisions', () => {
    for (const law of ['mu', 'a'] as const) {
      const codec = (pcm: Int16Array) => decodeG711(encodeG711(pcm, law), law)
      expect(analyse(AMD, codec(person(16, 700, 400, -50))).decision).toBe('live')
      expect(analyse(BEEP, codec(machine(17, 4000))).beepAtMs).toBe(4600)
      expect(analyse(AMD, codec(withNoise(seededRandom(18), silenceMs(5000), -40))).decision).toBe(
        'deadAir',
      )
    }
  })
})

describe('call progress analysis: tones and silence', () => {
  it('fax CNG and the 2100 Hz answer tone are FAX', () => {
    const cng = analyse(AMD, concatPcm([silenceMs(300), faxCng()]))
    expect(cng).toMatchObject({ decision: 'fax', atMs: 700 })
    expect(cng.evidence.tone).toMatchObject({ kind: 'fax', tone: 'cng' })
    const ced = analyse(AMD, answerTone())
    expect(ced).toMatchObject({ decision: 'fax', atMs: 400 })
    // CPA without AMD still hears fax tones.
    expect(analyse(cpaSchema.parse({ cpaEnabled: true }), faxCng()).decision).toBe('fax')
  })

  it('SIT then an announcement is sit, decided inside the third segment', () => {
    const random = seededRandom(19)
    const pcm = concatPcm([silenceMs(200), sitTone(), speechLike(random, { ms: 3000 })])
    const outcome = analyse(AMD, pcm)
    expect(outcome.decision).toBe('sit')
    expect(outcome.atMs).toBeLessThanOrEqual(200 + 274 + 274 + 380)
  })

  it('dead air is decided at maxTimeAnalysis', () => {
    for (const maxTimeAnalysis of [1000, 3000, 10_000]) {
      const outcome = analyse({ ...AMD, maxTimeAnalysis }, silenceMs(12_000))
      expect(outcome).toMatchObject({ decision: 'deadAir', atMs: maxTimeAnalysis })
    }
  })

  it('CPA off: the first frame is live', () => {
    const analyzer = createCallProgressAnalyzer(cpaSchema.parse({}))
    expect(analyzer.push(new Int16Array(160))).toMatchObject({ decision: 'live', atMs: 20 })
  })
})

describe('call progress analysis: the interface', () => {
  it('after a decision push returns null and finish returns the decision', () => {
    const analyzer = createCallProgressAnalyzer({ ...AMD, maxTimeAnalysis: 1000 })
    const outcomes = frames(silenceMs(2000)).map((f) => analyzer.push(f))
    expect(outcomes.filter((o) => o !== null)).toHaveLength(1)
    expect(analyzer.finish()).toBe(outcomes[49])
  })

  it('finish mid-analysis gives the best decision from what was heard', () => {
    const short = createCallProgressAnalyzer(AMD)
    for (const f of frames(speechLike(seededRandom(20), { ms: 600 }))) short.push(f)
    expect(short.finish().decision).toBe('live')
    const long = createCallProgressAnalyzer(BEEP)
    for (const f of frames(speechLike(seededRandom(21), { ms: 3000 }))) long.push(f)
    expect(long.finish()).toMatchObject({ decision: 'machine', atMs: 3000 })
    expect(createCallProgressAnalyzer(AMD).finish()).toMatchObject({ decision: 'deadAir', atMs: 0 })
  })

  it('a frame of the wrong size, or another sample rate, is a MediaFormatError', () => {
    const analyzer = createCallProgressAnalyzer(AMD)
    expect(() => analyzer.push(new Int16Array(80))).toThrow(MediaFormatError)
    expect(() => analyzer.push(new Int16Array(80))).toThrow(/80 samples/)
    expect(() =>
      createCallProgressAnalyzer(AMD, { sampleRate: 16_000 as unknown as 8000 }),
    ).toThrow(/sampleRate/)
  })
})
