// Generated answers for AMD accuracy (issue 14, R2): people's short greetings then silence, and
// answering machines' long greetings, some ending in a beep — spoken by espeak-ng (English and
// Polish voices, rates, pitches and texts chosen by a seeded random), converted by sox to 8 kHz mono
// 16-bit, a little noise under them. The same seed gives the same choices (and, with the same
// espeak-ng, the same audio). Used by test/sip/amd-accuracy.test.ts and `npm run bench:cpa`.
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beep, concatPcm } from '../../src/media/tone-gen.ts'
import { readWav } from '../../src/media/wav.ts'
import { seededRandom, silenceMs, withNoise } from './synthetic-audio.ts'

export const GREETING_TOOLS = ['/usr/bin/espeak-ng', '/usr/bin/sox'] as const

/** The tools missing on this machine (empty: greetings can be made). */
export function missingGreetingTools(): string[] {
  return GREETING_TOOLS.filter((tool) => !existsSync(tool))
}

export type GreetingKind = 'person' | 'machine'

export interface Greeting {
  kind: GreetingKind
  /** What was said and how, for reports. */
  label: string
  /** 8 kHz mono 16-bit PCM, from the answer on. */
  pcm: Int16Array
}

const PEOPLE = {
  en: ['Hello?', 'Yes?', 'Hi.', 'Hello.', 'Yeah?', 'Hello, yes?'],
  pl: ['Halo?', 'Tak?', 'Słucham.', 'Halo.', 'Tak, słucham?'],
}
const MACHINES = {
  en: [
    'Hello, you have reached the voicemail of Mary Smith. I cannot take your call right now. Please leave a message after the tone.',
    'Hi, this is John. Sorry I missed you. Leave your name and number and I will get back to you as soon as I can.',
    'The person you are calling is not available. Please record your message after the tone. When you are finished, hang up.',
    'Thank you for calling Acme Plumbing. Our office is closed. Please leave a detailed message and we will call you back tomorrow.',
  ],
  pl: [
    'Dzień dobry, dodzwoniłeś się do poczty głosowej Anny Kowalskiej. Proszę zostawić wiadomość po sygnale.',
    'Abonent jest chwilowo niedostępny. Po usłyszeniu sygnału nagraj wiadomość. Po nagraniu możesz się rozłączyć.',
    'Cześć, tu Marek. Nie mogę teraz odebrać. Zostaw wiadomość, oddzwonię najszybciej jak to możliwe.',
  ],
}
const VOICES = {
  en: ['en-us', 'en-gb', 'en-gb-scotland', 'en-029', 'en-us+f3', 'en-gb+m3', 'en-us+f2'],
  pl: ['pl', 'pl+f3', 'pl+m2', 'pl+f2'],
}
/** Words per minute, and espeak-ng's pitch (0–99). */
const RATE_WPM = { min: 140, max: 210 }
const PITCH = { min: 30, max: 70 }
const TOOL_TIMEOUT_MS = 20_000

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!
}

function between(random: () => number, range: { min: number; max: number }): number {
  return Math.round(range.min + random() * (range.max - range.min))
}

/** espeak-ng speech as 8 kHz mono 16-bit through sox; files in `dir`. */
function speak(dir: string, name: string, text: string, voice: string, wpm: number, pitch: number) {
  const wide = join(dir, `${name}-22k.wav`)
  const narrow = join(dir, `${name}-8k.wav`)
  const run = (tool: string, args: string[]) =>
    execFileSync(tool, args, { timeout: TOOL_TIMEOUT_MS, stdio: ['ignore', 'ignore', 'pipe'] })
  run('/usr/bin/espeak-ng', ['-v', voice, '-s', String(wpm), '-p', String(pitch), '-w', wide, text])
  run('/usr/bin/sox', [wide, '-r', '8000', '-c', '1', '-b', '16', narrow])
  return readWav(new Uint8Array(readFileSync(narrow))).pcm
}

/**
 * `count` people and `count` machines, alternating languages, from `seed`. A person: 150–700 ms
 * of silence, the greeting, then 4 s of silence. A machine: 150–700 ms of silence, the greeting,
 * and in every other one a 1 kHz beep of 300–600 ms after a short pause, then 2 s of silence.
 */
export function generateGreetings(dir: string, count: number, seed: number): Greeting[] {
  const random = seededRandom(seed)
  const out: Greeting[] = []
  for (let i = 0; i < 2 * count; i++) {
    const kind: GreetingKind = i % 2 === 0 ? 'person' : 'machine'
    const lang = Math.floor(i / 2) % 2 === 0 ? 'en' : 'pl'
    const text = pick(random, (kind === 'person' ? PEOPLE : MACHINES)[lang])
    const voice = pick(random, VOICES[lang])
    const wpm = between(random, RATE_WPM)
    const pitch = between(random, PITCH)
    const lead = between(random, { min: 150, max: 700 })
    const speech = speak(dir, `g${i}`, text, voice, wpm, pitch)
    const withBeep = kind === 'machine' && Math.floor(i / 2) % 2 === 1
    const tail =
      kind === 'person'
        ? [silenceMs(4000)]
        : withBeep
          ? [
              silenceMs(between(random, { min: 200, max: 600 })),
              beep(1000, between(random, { min: 300, max: 600 })),
              silenceMs(2000),
            ]
          : [silenceMs(2000)]
    const pcm = withNoise(random, concatPcm([silenceMs(lead), speech, ...tail]), -60)
    const label = `${kind} ${voice} ${wpm} wpm p${pitch}${withBeep ? ' +beep' : ''}: ${text}`
    out.push({ kind, label, pcm })
  }
  return out
}
