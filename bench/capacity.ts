// `npm run bench:capacity [-- --hours H] [--repeat N] [--base DIR] [--fixed]`: engine capacity
// (docs/benchmarks.md "Method: capacity and import"). Runs a predictive day of 500 agents
// (large-stationary.json scaled up) and an IVR predictive day of 1000 ports (ivr-predictive.json
// scaled up) on the virtual clock, each in its own process, and prints the wall and CPU time, the
// wall time an 8-hour day takes, events per second and the pacing decision latency (p50/p99), and
// the start-up of the `outdial` command, compiled and through tsx (bench/startup.ts).
// `--base DIR` runs the same days, and the compiled start-up, on the code of another checkout (a
// worktree of the commit before a change, built) in the same run, in rounds with this one (issue
// 15); `--fixed` adds the same days under a fixed dial ratio (no forecast: the cost of the model). Writes the table into
// docs/benchmarks.md between <!-- capacity:begin --> and <!-- capacity:end -->.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { PoolPacingPolicy } from '../src/pacing/types.ts'
import type { runScenario as RunScenario } from '../src/sim/run.ts'
import type { parseScenario as ParseScenario } from '../src/sim/scenario.ts'
import { writeDocsSection } from './docs-section.ts'
import { measureStartup, type StartupRow } from './startup.ts'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const DOCS_FILE = fileURLToPath(new URL('../docs/benchmarks.md', import.meta.url))
const BEGIN = '<!-- capacity:begin -->'
const END = '<!-- capacity:end -->'
const DAY_SEC = 8 * 3600
const TARGET_DAY_WALL_SEC = 30
const GOAL_DAY_WALL_SEC = 10
const HOURS_DEFAULT = 1
const HOURS_MAX = 24
const REPEAT_DEFAULT = 2
const REPEAT_MAX = 10
/** V8's young-generation semi-space of each day's process, in MiB (Node 20's default: 16). */
const SEMI_SPACE_MB = 64
/** Ratio of the comparison run: about what fixed-best picks on the scaled-down scenarios. */
const FIXED_RATIO = { agents: 5.7, ivr: 8.6 } as const

type Part = 'agents' | 'ivr'
type Policy = 'predictive' | 'fixed'
/** `this`: the engine of this checkout; `base`: the engine of the checkout given by --base. */
type Code = 'this' | 'base'

interface PartResult {
  part: Part
  policy: Policy
  code: Code
  servers: number
  simulatedSec: number
  wallSec: number
  /** CPU time of the whole process during the day (user + system, every thread). */
  cpuSec: number
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

/**
 * One part, in this process: the measurement itself, of the engine under `root` (this checkout or
 * the base). Decision latency is the policy's decide() timed by the bench's own clock.
 */
async function runPart(part: Part, policy: Policy, hours: number, root: string, code: Code) {
  const { runScenario } = (await import(pathToFileURL(join(root, 'src/sim/run.ts')).href)) as {
    runScenario: typeof RunScenario
  }
  const { parseScenario } = (await import(
    pathToFileURL(join(root, 'src/sim/scenario.ts')).href
  )) as { parseScenario: typeof ParseScenario }
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
  const cpuStarted = process.cpuUsage()
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
  const cpu = process.cpuUsage(cpuStarted)
  const sorted = Float64Array.from(latencies).sort()
  return {
    part,
    policy,
    code,
    servers: part === 'agents' ? 500 : 1000,
    simulatedSec: parsed.scenario.durationSec,
    wallSec,
    cpuSec: (cpu.user + cpu.system) / 1e6,
    events,
    decisions: latencies.length,
    decisionP50Us: quantile(sorted, 0.5) * 1000,
    decisionP99Us: quantile(sorted, 0.99) * 1000,
    occupancyPct: result.occupancyPct,
    abandonRatePct: result.abandonRatePct,
  } satisfies PartResult
}

function runInChild(part: Part, policy: Policy, hours: number, root: string, code: Code) {
  const output = execFileSync(
    process.execPath,
    [
      // A larger young generation: fewer scavenges, each a sync point with the GC's helper threads
      // that a loaded machine delays (measured: about a third less wall time, the same CPU time).
      `--max-semi-space-size=${SEMI_SPACE_MB}`,
      '--import',
      'tsx',
      fileURLToPath(import.meta.url),
      '--part',
      part,
      '--policy',
      policy,
      '--hours',
      String(hours),
      '--root',
      root,
      '--code',
      code,
    ],
    { encoding: 'utf8', maxBuffer: 1024 * 1024 },
  )
  return JSON.parse(output.trim().split('\n').at(-1)!) as PartResult
}

const fmt = (n: number, digits = 0): string =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })

const dayWall = (r: PartResult): number => (DAY_SEC * r.wallSec) / r.simulatedSec
const dayCpu = (r: PartResult): number => (DAY_SEC * r.cpuSec) / r.simulatedSec

/** One row per (part, policy, code): the best and worst of its runs. */
function table(groups: PartResult[][]): string {
  const rows = groups.map((runs) => {
    const r = runs.reduce((a, b) => (b.wallSec < a.wallSec ? b : a))
    const worst = runs.reduce((a, b) => (b.wallSec > a.wallSec ? b : a))
    const day = r.part === 'agents' ? '500 agents' : '1000 IVR ports'
    const pacing = r.policy === 'predictive' ? 'predictive' : `fixed ${FIXED_RATIO[r.part]}`
    return `| ${day} | ${r.code === 'this' ? 'this' : 'base'} | ${pacing} | ${fmt(r.simulatedSec / 3600, 2)} | ${runs.length} | ${fmt(r.wallSec, 1)} / ${fmt(worst.wallSec, 1)} | ${fmt(r.cpuSec, 1)} | ${fmt(dayWall(r), 1)} / ${fmt(dayWall(worst), 1)} | ${fmt(dayCpu(r), 1)} | ${fmt(r.events / r.wallSec)} | ${fmt(r.events)} | ${fmt(r.decisions)} | ${fmt(r.decisionP50Us)} / ${fmt(r.decisionP99Us)} | ${fmt(r.occupancyPct, 1)} / ${fmt(r.abandonRatePct, 2)} |`
  })
  return [
    '| day | code | pacing | simulated h | runs | wall s best / worst | CPU s (best run) | 8-h day, wall s best / worst | 8-h day, CPU s | events per wall s | engine events | pacing decisions | decision µs p50 / p99 (best run) | occupancy % / abandon % |',
    '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
  ].join('\n')
}

function startupTable(rows: StartupRow[]): string {
  const lines = rows.map((row) => {
    const what =
      row.what === 'cli'
        ? '`outdial sim` (1-minute day of 3 agents, spawn to exit)'
        : '`outdial serve` (spawn to "listening on")'
    const code = row.mode === 'compiled' ? 'compiled (dist/)' : 'tsx (OUTDIAL_FROM_SOURCE=1)'
    const cpu = Number.isNaN(row.cpuMs) ? '–' : fmt(row.cpuMs)
    return `| ${what} | ${row.code} | ${code} | ${row.wallMs.length} | ${fmt(Math.min(...row.wallMs))} / ${fmt(Math.max(...row.wallMs))} | ${cpu} |`
  })
  return [
    '| start-up | checkout | code | runs | wall ms best / worst | CPU ms (best run) |',
    '| --- | --- | --- | ---: | ---: | ---: |',
    ...lines,
  ].join('\n')
}

function numberArg(argv: readonly string[], name: string, fallback: number, max: number): number {
  const at = argv.indexOf(name)
  if (at < 0) return fallback
  const value = Number(argv[at + 1])
  if (!Number.isFinite(value) || value <= 0 || value > max) {
    throw new Error(`${name} needs a number in (0, ${max}]`)
  }
  return value
}

function stringArg(argv: readonly string[], name: string): string | null {
  const at = argv.indexOf(name)
  return at < 0 ? null : (argv[at + 1] ?? null)
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2)
  const hours = numberArg(argv, '--hours', HOURS_DEFAULT, HOURS_MAX)
  const partAt = argv.indexOf('--part')
  if (partAt >= 0) {
    const part = argv[partAt + 1] as Part
    const policy = stringArg(argv, '--policy') as Policy
    const code = (stringArg(argv, '--code') ?? 'this') as Code
    if (!['agents', 'ivr'].includes(part) || !['predictive', 'fixed'].includes(policy)) {
      throw new Error('--part agents|ivr --policy predictive|fixed')
    }
    const root = resolve(stringArg(argv, '--root') ?? ROOT)
    process.stdout.write(`${JSON.stringify(await runPart(part, policy, hours, root, code))}\n`)
    return
  }
  const repeat = Math.round(numberArg(argv, '--repeat', REPEAT_DEFAULT, REPEAT_MAX))
  const baseArg = stringArg(argv, '--base')
  const base = baseArg === null ? null : resolve(baseArg)
  const withFixed = argv.includes('--fixed')
  const plan: { part: Part; policy: Policy; code: Code; root: string }[] = []
  for (const part of ['agents', 'ivr'] as const) {
    plan.push({ part, policy: 'predictive', code: 'this', root: ROOT })
    if (base !== null) plan.push({ part, policy: 'predictive', code: 'base', root: base })
    if (withFixed) plan.push({ part, policy: 'fixed', code: 'this', root: ROOT })
  }
  const groups: PartResult[][] = plan.map(() => [])
  const loads: number[] = []
  // Rounds, not one row after the other: the load of the other workers on the machine falls on
  // this code and the base alike.
  for (let round = 0; round < repeat; round++) {
    for (const [index, { part, policy, code, root }] of plan.entries()) {
      process.stderr.write(
        `capacity: round ${round + 1}/${repeat}, ${part}, ${policy}, ${code}, ${hours} h simulated…\n`,
      )
      loads.push(loadavg()[0]!)
      groups[index]!.push(runInChild(part, policy, hours, root, code))
    }
  }
  const startup = await measureStartup(repeat, ['compiled', 'tsx'], base)
  const startupRow = (what: StartupRow['what'], mode: StartupRow['mode'], code: Code = 'this') =>
    startup.find((r) => r.what === what && r.mode === mode && r.code === code)!
  const bestMs = (what: StartupRow['what'], mode: StartupRow['mode'], code: Code = 'this') =>
    Math.min(...startupRow(what, mode, code).wallMs)
  const best = (code: Code) =>
    groups
      .filter((runs) => runs[0]!.code === code && runs[0]!.policy === 'predictive')
      .map((runs) => runs.reduce((a, b) => (b.wallSec < a.wallSec ? b : a)))
  const daySec = (code: Code) => best(code).reduce((sum, r) => sum + dayWall(r), 0)
  const dayCpuSec = (code: Code) => best(code).reduce((sum, r) => sum + dayCpu(r), 0)
  const p99 = (code: Code) => Math.max(...best(code).map((r) => r.decisionP99Us))
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU'
  const command = `npm run bench:capacity -- --hours ${hours} --repeat ${repeat}${base ? ' --base <worktree of the base commit>' : ''}${withFixed ? ' --fixed' : ''}`
  const thisDay = daySec('this')
  const summary = [
    `This code, predictive, agents and IVR one after the other: an 8-hour day of 500 agents + 1000 IVR ports takes about ${fmt(thisDay, 0)} s of wall time (${fmt(dayCpuSec('this'), 0)} s of CPU) against the target of ${TARGET_DAY_WALL_SEC} s${thisDay <= TARGET_DAY_WALL_SEC ? ' (met)' : ' (not met)'} and the goal of ${GOAL_DAY_WALL_SEC} s; decision p99 at most ${fmt(p99('this'))} µs.`,
  ]
  if (base !== null) {
    summary.push(
      `The base code in the same run: ${fmt(daySec('base'), 0)} s of wall time (${fmt(dayCpuSec('base'), 0)} s of CPU), decision p99 at most ${fmt(p99('base'))} µs: this code is ${fmt(daySec('base') / thisDay, 1)}× faster in wall time, ${fmt(dayCpuSec('base') / dayCpuSec('this'), 1)}× in CPU time.`,
    )
  }
  const section = [
    BEGIN,
    '## Engine capacity',
    `Command: \`${command}\` · ${new Date().toISOString().slice(0, 10)} · ${cpu} (nproc ${availableParallelism()}), ${fmt(totalmem() / 2 ** 30, 1)} GiB, Node ${process.version}; 1-minute load average during the runs ${fmt(Math.min(...loads), 1)}–${fmt(Math.max(...loads), 1)} (other workers share the cores).`,
    `Each day runs the real engine on the virtual clock in its own process; every row runs ${repeat} time(s), in rounds, and shows its best and worst wall time. ${fmt(hours, 2)} simulated hour(s) per day; the 8-hour figures are the measured rate carried to 28,800 s. CPU s is the process's user + system time (every thread), which the other workers' load does not inflate as it does wall time. \`base\` is the engine of the checkout given with \`--base\` (the code before the change), measured by this same bench in the same run. Decision latency is the policy's decide() on the bench's own clock. Each day's process runs with \`--max-semi-space-size=${SEMI_SPACE_MB}\` (base and this code alike). Pooled pacing decides at most every 250 ms of simulated time (free servers get their line in between).`,
    '',
    table(groups),
    '',
    ...summary,
    '',
    `Start-up of the \`outdial\` command, ${repeat} run(s) each in rounds, on the same machine in the same run: \`bin/outdial.mjs\` runs the bundle in dist/ (\`npm run build\`: esbuild, run by \`prepare\` at \`npm ci\`), or, with OUTDIAL_FROM_SOURCE=1 (and whenever dist/ is missing or older than src/), the TypeScript through tsx. The server starts on a data directory an earlier start created; its CPU ms is the process's user + system time when it printed "listening on". With \`--base\`, the base checkout (built there with its own \`npm run build\`) starts its compiled code in the same rounds.`,
    '',
    startupTable(startup),
    '',
    `A CLI run takes ${fmt(bestMs('cli', 'compiled'))} ms compiled against ${fmt(bestMs('cli', 'tsx'))} ms through tsx; the server listens after ${fmt(bestMs('server', 'compiled'))} ms (CPU ${fmt(startupRow('server', 'compiled').cpuMs)} ms) against ${fmt(bestMs('server', 'tsx'))} ms.${base !== null ? ` The base checkout's compiled code in the same run: a CLI run ${fmt(bestMs('cli', 'compiled', 'base'))} ms, the server listening after ${fmt(bestMs('server', 'compiled', 'base'))} ms (CPU ${fmt(startupRow('server', 'compiled', 'base').cpuMs)} ms).` : ''}`,
    END,
  ].join('\n')
  process.stdout.write(`${section}\n`)
  writeDocsSection(DOCS_FILE, section, BEGIN, END)
}

await main()
