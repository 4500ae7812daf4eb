// `npm run bench:capacity [-- --hours H]`: engine capacity (docs/benchmarks.md "Method: capacity
// and import"). Runs a predictive day of 500 agents (large-stationary.json scaled up) and an IVR
// predictive day of 1000 ports
// (ivr-predictive.json scaled up) on the virtual clock, each in its own process one after the
// other, and prints simulated seconds per wall second, the wall time an 8-hour day takes, the
// events processed and the pacing decision latency (p50/p99). The same-run comparison is the same
// day under a fixed dial ratio (no forecast): the cost of predictive pacing's model. Writes the
// table into docs/benchmarks.md between <!-- capacity:begin --> and <!-- capacity:end -->.
import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { availableParallelism, cpus, totalmem } from 'node:os'
import { fileURLToPath } from 'node:url'
import type { PoolPacingPolicy } from '../src/pacing/types.ts'
import { runScenario } from '../src/sim/run.ts'
import { parseScenario } from '../src/sim/scenario.ts'

const DOCS_FILE = fileURLToPath(new URL('../docs/benchmarks.md', import.meta.url))
const BEGIN = '<!-- capacity:begin -->'
const END = '<!-- capacity:end -->'
const DAY_SEC = 8 * 3600
const TARGET_DAY_WALL_SEC = 10
const HOURS_DEFAULT = 1
const HOURS_MAX = 24
/** Ratio of the comparison run: about what fixed-best picks on the scaled-down scenarios. */
const FIXED_RATIO = { agents: 5.7, ivr: 8.6 } as const

type Part = 'agents' | 'ivr'
type Policy = 'predictive' | 'fixed'

interface PartResult {
  part: Part
  policy: Policy
  servers: number
  simulatedSec: number
  wallSec: number
  events: number
  decisions: number
  decisionP50Us: number
  decisionP99Us: number
  occupancyPct: number
  abandonRatePct: number
}

function scenarioFor(part: Part, hours: number): unknown {
  const file = part === 'agents' ? 'large-stationary.json' : 'ivr-predictive.json'
  const raw = JSON.parse(
    readFileSync(fileURLToPath(new URL(`./scenarios/${file}`, import.meta.url)), 'utf8'),
  ) as Record<string, unknown>
  const sized = part === 'agents' ? { agents: 500 } : { ivrPorts: 1000 }
  return { ...raw, ...sized, name: `${raw.name}-${part}`, durationSec: Math.round(hours * 3600) }
}

function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return 0
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!
}

/** One part, in this process: the measurement itself. */
function runPart(part: Part, policy: Policy, hours: number): PartResult {
  const parsed = parseScenario(scenarioFor(part, hours))
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => `${e.path}: ${e.message}`).join('; '))
  const latencies: number[] = []
  const instrument = (inner: PoolPacingPolicy): PoolPacingPolicy => ({
    name: inner.name,
    decide(snapshot) {
      const started = performance.now()
      const decision = inner.decide(snapshot)
      latencies.push(performance.now() - started)
      return decision
    },
    ...(inner.observe ? { observe: inner.observe.bind(inner) } : {}),
  })
  let events = 0
  const started = performance.now()
  const result = runScenario(parsed.scenario, {
    policy:
      policy === 'predictive'
        ? { kind: 'predictive' }
        : { kind: 'fixed', ratio: FIXED_RATIO[part] },
    instrumentPolicy: instrument,
    observe: () => {
      events++
    },
  })
  const wallSec = (performance.now() - started) / 1000
  const sorted = Float64Array.from(latencies).sort()
  return {
    part,
    policy,
    servers: part === 'agents' ? 500 : 1000,
    simulatedSec: parsed.scenario.durationSec,
    wallSec,
    events,
    decisions: latencies.length,
    decisionP50Us: quantile(sorted, 0.5) * 1000,
    decisionP99Us: quantile(sorted, 0.99) * 1000,
    occupancyPct: result.occupancyPct,
    abandonRatePct: result.abandonRatePct,
  }
}

function runInChild(part: Part, policy: Policy, hours: number): PartResult {
  const output = execFileSync(
    process.execPath,
    [
      '--import',
      'tsx',
      fileURLToPath(import.meta.url),
      '--part',
      part,
      '--policy',
      policy,
      '--hours',
      String(hours),
    ],
    { encoding: 'utf8', maxBuffer: 1024 * 1024 },
  )
  return JSON.parse(output.trim().split('\n').at(-1)!) as PartResult
}

const fmt = (n: number, digits = 0): string =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })

function table(results: PartResult[]): string {
  const rows = results.map((r) => {
    const rate = r.simulatedSec / r.wallSec
    return `| ${r.part === 'agents' ? '500 agents, predictive' : '1000 IVR ports, IVR predictive'} | ${r.policy === 'predictive' ? 'predictive' : `fixed ${FIXED_RATIO[r.part]}`} | ${fmt(r.simulatedSec / 3600, 1)} | ${fmt(r.wallSec, 1)} | ${fmt(rate)} | ${fmt(DAY_SEC / rate, 1)} | ${fmt(r.events)} | ${fmt(r.decisions)} | ${fmt(r.decisionP50Us)} / ${fmt(r.decisionP99Us)} | ${fmt(r.occupancyPct, 1)} / ${fmt(r.abandonRatePct, 2)} |`
  })
  return [
    '| day | pacing | simulated h | wall s | simulated s per wall s | 8-h day, wall s | engine events | pacing decisions | decision µs p50 / p99 | occupancy % / abandon % |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
  ].join('\n')
}

function parseHours(argv: readonly string[]): number {
  const at = argv.indexOf('--hours')
  if (at < 0) return HOURS_DEFAULT
  const hours = Number(argv[at + 1])
  if (!Number.isFinite(hours) || hours <= 0 || hours > HOURS_MAX) {
    throw new Error(`--hours needs a number in (0, ${HOURS_MAX}]`)
  }
  return hours
}

function main(): void {
  const argv = process.argv.slice(2)
  const hours = parseHours(argv)
  const partAt = argv.indexOf('--part')
  if (partAt >= 0) {
    const part = argv[partAt + 1] as Part
    const policy = argv[argv.indexOf('--policy') + 1] as Policy
    if (!['agents', 'ivr'].includes(part) || !['predictive', 'fixed'].includes(policy)) {
      throw new Error('--part agents|ivr --policy predictive|fixed')
    }
    process.stdout.write(`${JSON.stringify(runPart(part, policy, hours))}\n`)
    return
  }
  const results: PartResult[] = []
  for (const part of ['agents', 'ivr'] as const) {
    for (const policy of ['predictive', 'fixed'] as const) {
      process.stderr.write(`capacity: ${part}, ${policy}, ${hours} h simulated…\n`)
      results.push(runInChild(part, policy, hours))
    }
  }
  const predictive = results.filter((r) => r.policy === 'predictive')
  const daySec = predictive.reduce((sum, r) => sum + (DAY_SEC * r.wallSec) / r.simulatedSec, 0)
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU'
  const section = [
    BEGIN,
    '## Engine capacity',
    `Command: \`npm run bench:capacity -- --hours ${hours}\` · ${new Date().toISOString().slice(0, 10)} · ${cpu} (nproc ${availableParallelism()}), ${fmt(totalmem() / 2 ** 30, 1)} GiB, Node ${process.version}.`,
    `Each day runs the real engine on the virtual clock in its own process, one after the other (no contention). ${fmt(hours, 1)} simulated hour(s) per day; the 8-hour figure is the measured rate carried to 28,800 s. Pooled pacing decides at most every 250 ms of simulated time (free servers get their line in between). The fixed-ratio rows are the same day without the forecast: the cost of the model.`,
    '',
    table(results),
    '',
    `Predictive, agents and IVR one after the other: an 8-hour day of 500 agents + 1000 IVR ports takes about ${fmt(daySec, 0)} s of wall time against the target of ${TARGET_DAY_WALL_SEC} s${daySec <= TARGET_DAY_WALL_SEC ? ' (met)' : ' (not met)'}.`,
    END,
  ].join('\n')
  process.stdout.write(`${section}\n`)
  const docs = readFileSync(DOCS_FILE, 'utf8')
  const begin = docs.indexOf(BEGIN)
  const end = docs.indexOf(END)
  const next =
    begin >= 0 && end > begin
      ? `${docs.slice(0, begin)}${section}${docs.slice(end + END.length)}`
      : `${docs.trimEnd()}\n\n${section}\n`
  writeFileSync(DOCS_FILE, next)
}

main()
