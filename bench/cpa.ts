// `npm run bench:cpa`: call progress analysis on generated call audio (issue 14, R2). For each case
// it prints the decision, when it was taken (audio time since answer) and what the campaign's
// timings allow; then the analyzer's cost per second of audio analysed (wall time over repetitions
// of all cases, one core, the fastest of several passes). Then AMD accuracy and decision time
// p50/p95 on 20 espeak-ng greetings of each kind (people, machines; English and Polish), on the
// real path — sipp streams each over RTP to Outdial's SIP network — beside the same greetings fed
// straight to the analyzer (test/support/greetings.ts, test/sip/amd-real-path.ts). Writes the
// section into docs/benchmarks.md between <!-- cpa:begin --> and <!-- cpa:end -->.
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type CpaParams, cpaSchema } from '../src/domain/campaign/cpa.ts'
import { type CpaOutcome, createCallProgressAnalyzer } from '../src/media/cpa/analyzer.ts'
import { decodeG711, encodeG711 } from '../src/media/g711.ts'
import { beep, concatPcm } from '../src/media/tone-gen.ts'
import { AMD_PARAMS, type AmdResult, amdOnRealPath, amdSummary } from '../test/sip/amd-real-path.ts'
import { SIPP } from '../test/sip/sipp.ts'
import {
  type Greeting,
  generateGreetings,
  missingGreetingTools,
} from '../test/support/greetings.ts'
import {
  answerTone,
  faxCng,
  frames,
  seededRandom,
  silenceMs,
  sitTone,
  speechLike,
  withNoise,
} from '../test/support/synthetic-audio.ts'
import { writeDocsSection } from './docs-section.ts'

const DOCS_FILE = fileURLToPath(new URL('../docs/benchmarks.md', import.meta.url))
const BEGIN = '<!-- cpa:begin -->'
const END = '<!-- cpa:end -->'
/** Repetitions of the whole case set for the cost figure (bounded: about a minute of audio each). */
const COST_REPETITIONS = 20

const AMD = cpaSchema.parse({ cpaEnabled: true, amdEnabled: true })
const BEEP = { ...AMD, terminatingToneDetect: true }

interface Case {
  name: string
  params: CpaParams
  pcm: Int16Array
  expected: string
  /** What the timings allow, in words. */
  window: string
}

function hello(seed: number, ms: number, noise: number | null = null): Int16Array {
  const random = seededRandom(seed)
  return withNoise(
    random,
    concatPcm([silenceMs(300), speechLike(random, { ms }), silenceMs(3000)]),
    noise,
  )
}

function greeting(seed: number, ms: number): Int16Array {
  const random = seededRandom(seed)
  return concatPcm([
    silenceMs(200),
    speechLike(random, { ms }),
    silenceMs(400),
    beep(1000, 500),
    silenceMs(2000),
  ])
}

const mu = (pcm: Int16Array) => decodeG711(encodeG711(pcm, 'mu'), 'mu')
const live = (endMs: number) => `live by ${endMs} + minSilencePeriod 608 (+20) = ${endMs + 628} ms`

const CASES: Case[] = [
  { name: 'hello 0.5 s', params: AMD, pcm: hello(1, 500), expected: 'live', window: live(800) },
  { name: 'hello 0.9 s', params: AMD, pcm: hello(2, 900), expected: 'live', window: live(1200) },
  {
    name: 'hello 0.7 s, noise -50 dBFS, µ-law',
    params: AMD,
    pcm: mu(hello(3, 700, -50)),
    expected: 'live',
    window: live(1000),
  },
  {
    name: 'greeting 4 s',
    params: AMD,
    pcm: greeting(4, 4000),
    expected: 'machine',
    window: 'machine by speech start 200 + analysisPeriod 1000 (+20) = 1220 ms',
  },
  {
    name: 'greeting 4 s + beep (terminatingToneDetect)',
    params: BEEP,
    pcm: greeting(5, 4000),
    expected: 'machine',
    window: 'beep 4600–5100 ms; decided when it ends (+40) = 5140 ms',
  },
  {
    name: 'greeting 6 s + beep, µ-law',
    params: BEEP,
    pcm: mu(greeting(6, 6000)),
    expected: 'machine',
    window: 'beep 6600–7100 ms; decided when it ends (+40) = 7140 ms',
  },
  {
    name: 'fax CNG 1100 Hz',
    params: AMD,
    pcm: faxCng(),
    expected: 'fax',
    window: '400 ms of tone',
  },
  {
    name: 'answer tone 2100 Hz',
    params: AMD,
    pcm: answerTone(),
    expected: 'fax',
    window: '400 ms of tone',
  },
  {
    name: 'SIT',
    params: AMD,
    pcm: concatPcm([sitTone(), silenceMs(1000)]),
    expected: 'sit',
    window: 'third segment starts at 548 ms; 200 ms of it',
  },
  {
    name: 'dead air, noise -60 dBFS',
    params: AMD,
    pcm: withNoise(seededRandom(7), silenceMs(5000), -60),
    expected: 'deadAir',
    window: 'maxTimeAnalysis 3000 ms',
  },
]

function analyse(c: Case): CpaOutcome {
  const analyzer = createCallProgressAnalyzer(c.params)
  for (const frame of frames(c.pcm)) {
    const outcome = analyzer.push(frame)
    if (outcome) return outcome
  }
  return analyzer.finish()
}

/** Timing passes; the fastest is reported (the others lost time to other work on the machine). */
const COST_PASSES = 5

/** Wall time per second of audio analysed (each case up to its decision), over all cases. */
function costPerAudioSecond(): {
  msPerAudioSec: number
  slowestMsPerAudioSec: number
  audioSec: number
} {
  const prepared = CASES.map((c) => ({ params: c.params, frames: frames(c.pcm) }))
  const passes: number[] = []
  let audioSec = 0
  for (let pass = 0; pass < COST_PASSES; pass++) {
    audioSec = 0
    const started = performance.now()
    for (let r = 0; r < COST_REPETITIONS; r++) {
      for (const c of prepared) {
        // Only frames analysed count: after its decision the analyzer does no work.
        const analyzer = createCallProgressAnalyzer(c.params)
        let analysed = 0
        for (const frame of c.frames) {
          analysed++
          if (analyzer.push(frame)) break
        }
        audioSec += analysed * 0.02
      }
    }
    passes.push((performance.now() - started) / audioSec)
  }
  return { msPerAudioSec: Math.min(...passes), slowestMsPerAudioSec: Math.max(...passes), audioSec }
}

const GREETINGS_PER_KIND = 20
const GREETINGS_SEED = 14

/** The same greetings straight into the analyzer (µ-law round trip, no network). */
function amdDirect(greetings: Greeting[]): AmdResult[] {
  return greetings.map((g) => {
    const analyzer = createCallProgressAnalyzer(AMD_PARAMS)
    let outcome: CpaOutcome | null = null
    for (const frame of frames(mu(g.pcm))) {
      outcome = analyzer.push(frame)
      if (outcome) break
    }
    outcome ??= analyzer.finish()
    const expected = g.kind === 'person' ? 'live' : 'machine'
    return {
      kind: g.kind,
      label: g.label,
      decision: outcome.decision,
      atMs: outcome.atMs,
      right: outcome.decision === expected,
    }
  })
}

/** The greetings section's lines: accuracy and decision times, real path beside direct. */
async function greetingLines(): Promise<string[]> {
  const missing = [...missingGreetingTools(), ...(existsSync(SIPP) ? [] : [SIPP])]
  if (missing.length > 0)
    return [`AMD on generated greetings: not measured, ${missing.join(' and ')} missing.`]
  const dir = mkdtempSync(join(tmpdir(), 'outdial-bench-amd-'))
  try {
    const greetings = generateGreetings(dir, GREETINGS_PER_KIND, GREETINGS_SEED)
    const started = performance.now()
    const real = amdSummary(await amdOnRealPath(dir, greetings))
    const realSec = (performance.now() - started) / 1000
    const direct = amdSummary(amdDirect(greetings))
    const row = (path: string, s: ReturnType<typeof amdSummary>) =>
      (['person', 'machine'] as const).map(
        (kind) =>
          `| ${path} | ${kind === 'person' ? 'people (live)' : 'machines'} | ${s[kind].right}/${s[kind].total} | ${s[kind].accuracyPct.toFixed(0)} % | ${s[kind].p50Ms ?? '–'} | ${s[kind].p95Ms ?? '–'} |`,
      )
    return [
      `AMD on ${GREETINGS_PER_KIND} generated greetings of each kind (test/support/greetings.ts, seed ${GREETINGS_SEED}): people say a short hello ("Hello?", "Halo?", "Słucham." …) then stay silent; machines a long voicemail greeting, every other one ending in a 1 kHz beep; espeak-ng voices (English and Polish), 140–210 wpm, pitch 30–70, through sox to 8 kHz, noise at -60 dBFS; AMD defaults of Appendix A (no terminating-tone wait). Real path: sipp streams each greeting over RTP (µ-law, 20 ms) after its 200 OK and Outdial's SIP network hears it through its RTP socket, jitter buffer and framer (6 calls at once, ${realSec.toFixed(0)} s for all 40); direct: the same audio through a µ-law round trip straight into the analyzer, in the same run. Decision time is audio time since the answer (right decisions only).`,
      '',
      '| path | kind | right | accuracy | decision p50 ms | decision p95 ms |',
      '| --- | --- | ---: | ---: | ---: | ---: |',
      ...row('sipp → RTP → jitter buffer → analyzer', real),
      ...row('analyzer alone', direct),
    ]
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

async function main(): Promise<void> {
  const rows = CASES.map((c) => {
    const outcome = analyse(c)
    const ok = outcome.decision === c.expected ? 'yes' : 'NO'
    const beepAt = outcome.beepAtMs === undefined ? '' : String(outcome.beepAtMs)
    return `| ${c.name} | ${c.expected} | ${outcome.decision} | ${ok} | ${outcome.atMs} | ${beepAt} | ${c.window} |`
  })
  analyse(CASES[0]!) // warm the JIT before timing
  const cost = costPerAudioSecond()
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU'
  const section = [
    BEGIN,
    '## Call progress analysis',
    `Command: \`npm run bench:cpa\` · ${new Date().toISOString().slice(0, 10)} · ${cpu} (nproc ${availableParallelism()}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}.`,
    'Generated audio (seeded, test/support/synthetic-audio.ts) fed in 20 ms frames to the analyzer with the default CPA timings (minSilencePeriod 608, analysisPeriod 1000, minimumValidSpeech 112, maxTimeAnalysis 3000 ms; AMD on). Times are audio time since answer.',
    '',
    '| case | expected | decision | right | decided at ms | beep at ms | what the timings allow |',
    '| --- | --- | --- | --- | ---: | ---: | --- |',
    ...rows,
    '',
    ...(await greetingLines()),
    '',
    `Cost: ${cost.msPerAudioSec.toFixed(3)} ms of one core per second of audio analysed (${Math.round(cost.audioSec)} s of audio, each case up to its decision; fastest of ${COST_PASSES} passes, slowest ${cost.slowestMsPerAudioSec.toFixed(3)} ms, load average ${loadavg()[0]!.toFixed(1)} on this shared machine), so one core keeps up with about ${Math.floor(1000 / cost.msPerAudioSec)} calls being analysed at once.`,
    END,
  ].join('\n')
  process.stdout.write(`${section}\n`)
  writeDocsSection(DOCS_FILE, section, BEGIN, END)
}

await main()
