// Goal: the call progress analyzer decides on real synthesised speech, not only on our own test
// signals: espeak-ng says "Hello?" and a long voicemail greeting (then a sox beep), sox converts to
// 8 kHz mono, the audio goes through G.711 µ-law, and the analyzer says live / machine (with the
// beep's time) within the campaign's timings. Off CI, missing espeak-ng or sox skips loudly; with
// CI=true it fails.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { cpaSchema } from '../../src/domain/campaign/cpa.ts'
import { type CpaOutcome, createCallProgressAnalyzer } from '../../src/media/cpa/analyzer.ts'
import { levelDbfs } from '../../src/media/dsp/vad.ts'
import { decodeG711, encodeG711 } from '../../src/media/g711.ts'
import { concatPcm } from '../../src/media/tone-gen.ts'
import { readWav } from '../../src/media/wav.ts'
import { frames, seededRandom, silenceMs, withNoise } from '../support/synthetic-audio.ts'

const TOOLS = ['/usr/bin/espeak-ng', '/usr/bin/sox']
const missing = TOOLS.filter((tool) => !existsSync(tool))
if (missing.length > 0) {
  const message = `${missing.join(' and ')} missing (apt-get install espeak-ng sox)`
  if (process.env.CI === 'true') throw new Error(`${message}: CI installs them`)
  console.warn(`\n*** SKIPPED the TTS call progress suite: ${message} ***\n`)
}

const dir = mkdtempSync(join(tmpdir(), 'outdial-cpa-tts-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Runs a tool with a bounded time; its output goes to a file in `dir`. */
function run(tool: string, args: string[]): void {
  execFileSync(tool, args, { timeout: 20_000, stdio: ['ignore', 'ignore', 'pipe'] })
}

/** Speech from espeak-ng, converted by sox to 8 kHz mono 16-bit, read by our WAV reader. */
function speak(name: string, text: string, voice = 'en'): Int16Array {
  const raw = join(dir, `${name}-22k.wav`)
  const narrow = join(dir, `${name}-8k.wav`)
  run('/usr/bin/espeak-ng', ['-v', voice, '-w', raw, text])
  run('/usr/bin/sox', [raw, '-r', '8000', '-c', '1', '-b', '16', narrow])
  const wav = readWav(new Uint8Array(readFileSync(narrow)))
  expect(wav).toMatchObject({ sampleRate: 8000, channels: 1, encoding: 'pcm16' })
  return wav.pcm
}

/** A 1 kHz answering-machine beep from sox. */
function soxBeep(ms: number): Int16Array {
  const path = join(dir, 'beep.wav')
  run('/usr/bin/sox', [
    '-n',
    '-r',
    '8000',
    '-c',
    '1',
    '-b',
    '16',
    path,
    'synth',
    `${ms / 1000}`,
    'sine',
    '1000',
    'vol',
    '0.3',
  ])
  return readWav(new Uint8Array(readFileSync(path))).pcm
}

/** Where the voice ends: the end of the last 20 ms frame above -60 dBFS (a fricative tail counts). */
function voiceEndMs(pcm: Int16Array): number {
  const all = frames(pcm)
  for (let i = all.length - 1; i >= 0; i--) if (levelDbfs(all[i]!) > -60) return (i + 1) * 20
  return 0
}

function analyseMuLaw(params: ReturnType<typeof cpaSchema.parse>, pcm: Int16Array): CpaOutcome {
  const line = decodeG711(encodeG711(pcm, 'mu'), 'mu')
  const analyzer = createCallProgressAnalyzer(params)
  for (const frame of frames(line)) {
    const outcome = analyzer.push(frame)
    if (outcome) return outcome
  }
  return analyzer.finish()
}

const AMD = cpaSchema.parse({ cpaEnabled: true, amdEnabled: true })

describe.skipIf(missing.length > 0)(
  'call progress analysis on espeak-ng speech (issue 14, R2)',
  () => {
    it('"Hello?", "Yes?" and a Polish "Halo?" then silence are live, within minSilencePeriod + a frame', () => {
      for (const [name, text, voice] of [
        ['hello', 'Hello?', 'en'],
        ['yes', 'Yes?', 'en'],
        ['halo', 'Halo?', 'pl'],
      ] as const) {
        const hello = speak(name, text, voice)
        const pcm = concatPcm([silenceMs(400), hello, silenceMs(3000)])
        const end = 400 + voiceEndMs(hello)
        const outcome = analyseMuLaw(AMD, pcm)
        expect(outcome.decision).toBe('live')
        expect(outcome.atMs).toBeLessThanOrEqual(end + AMD.minSilencePeriod + 20)
        expect(outcome.atMs).toBeGreaterThanOrEqual(end + AMD.minSilencePeriod)
      }
    })

    it('a hello over line noise (-50 dBFS), in other voices, is still live', () => {
      for (const [name, text, voice] of [
        ['hello-f3', 'Hello?', 'en+f3'],
        ['halo-klatt', 'Halo, słucham?', 'pl+klatt'],
      ] as const) {
        const hello = speak(name, text, voice)
        const clean = concatPcm([silenceMs(300), hello, silenceMs(3000)])
        const noisy = withNoise(seededRandom(5), clean, -50)
        const outcome = analyseMuLaw({ ...AMD, analysisPeriod: 1500 }, noisy)
        expect(outcome.decision, name).toBe('live')
      }
    })

    it('long greetings in other voices and in Polish are machines', () => {
      for (const [name, text, voice] of [
        [
          'vm-f3',
          'Hello, this is Mary. Sorry I missed your call. Leave a message and I will get back to you.',
          'en+f3',
        ],
        [
          'vm-pl',
          'Dzień dobry, tu poczta głosowa Jana Kowalskiego. Proszę zostawić wiadomość po sygnale.',
          'pl',
        ],
      ] as const) {
        const pcm = concatPcm([silenceMs(250), speak(name, text, voice), silenceMs(2000)])
        const outcome = analyseMuLaw(AMD, pcm)
        expect(outcome.decision, name).toBe('machine')
        expect(outcome.atMs, name).toBeLessThanOrEqual(250 + 300 + AMD.analysisPeriod + 20)
      }
    })

    it('"Hello, yes?" (1.2 s) is live when analysisPeriod is 2000 ms', () => {
      const pcm = concatPcm([silenceMs(300), speak('hello-yes', 'Hello, yes?'), silenceMs(3000)])
      expect(analyseMuLaw({ ...AMD, analysisPeriod: 2000 }, pcm).decision).toBe('live')
    })

    it('a long voicemail greeting is a machine; with terminatingToneDetect, after its beep', () => {
      const greeting = speak(
        'greeting',
        'Hi, you have reached the voicemail of John Smith. I am not available to take your call ' +
          'right now. Please leave your name, number and a short message after the tone.',
      )
      const pause = silenceMs(500)
      const beep = soxBeep(400)
      const pcm = concatPcm([silenceMs(300), greeting, pause, beep, silenceMs(3000)])
      const plain = analyseMuLaw(AMD, pcm)
      expect(plain.decision).toBe('machine')
      expect(plain.atMs).toBeLessThanOrEqual(300 + 200 + AMD.analysisPeriod + 20)

      const withBeep = analyseMuLaw({ ...AMD, terminatingToneDetect: true }, pcm)
      const beepStart = 300 + greeting.length / 8 + 500
      expect(withBeep.decision).toBe('machine')
      expect(Math.abs(withBeep.beepAtMs! - beepStart)).toBeLessThanOrEqual(20)
      expect(withBeep.atMs).toBeGreaterThanOrEqual(beepStart + 400)
      expect(withBeep.atMs).toBeLessThanOrEqual(beepStart + 400 + 60)
    })
  },
)
