// Start-up of the `outdial` command (issue 15), measured by `npm run bench:capacity`: a CLI run (a
// one-minute simulated day of 3 agents, `outdial sim --json`, from spawn to exit) and a server
// start (`outdial serve` on a data directory made by an earlier start, from spawn to its
// "listening on" line), each with the compiled JavaScript of dist/ and with the TypeScript
// through tsx (OUTDIAL_FROM_SOURCE=1, what every start cost before dist/).
//
// With a base checkout (`--base DIR`, built with its own `npm run build`), its compiled start-up
// is measured in the same rounds as this one's (issue 15: before → after in the same run).
//
// Alone, `node --import tsx bench/startup.ts [--repeat N] [--compiled-only] [--base DIR]` measures
// only these rows and prints them with the machine's load (no docs written): the start-up without
// the engine days of bench:capacity.

import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const SCENARIO = fileURLToPath(new URL('./scenarios/tiny-team.json', import.meta.url))
/** The simulated length of the CLI run: long enough to dial, short enough to be all start-up. */
const CLI_DAY_SEC = 60
/** A server that has not said "listening on" by then has failed. */
const SERVER_START_TIMEOUT_MS = 60_000
/** Linux's USER_HZ: /proc/<pid>/stat counts CPU time in these ticks. */
const CLOCK_TICKS_PER_SEC = 100

export type StartMode = 'compiled' | 'tsx'
/** `this`: this checkout; `base`: the checkout given as the base (compiled only). */
export type StartCode = 'this' | 'base'

export interface StartupRow {
  what: 'cli' | 'server'
  mode: StartMode
  code: StartCode
  /** Wall time of each run, in ms. */
  wallMs: number[]
  /**
   * Server: CPU time (user + system) of the fastest start's process when it was listening, in ms;
   * NaN for the CLI runs (and off Linux).
   */
  cpuMs: number
}

function envFor(mode: StartMode, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, OUTDIAL_FROM_SOURCE: mode === 'tsx' ? '1' : '0', ...extra }
}

/** CPU time so far of a live process, from /proc (Linux); NaN elsewhere. */
function cpuMsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    // Fields 14 and 15 of stat(5) (utime, stime), counted from the state field (3).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SEC
  } catch {
    return Number.NaN
  }
}

function binOf(root: string): string {
  return join(root, 'bin', 'outdial.mjs')
}

function cliRun(root: string, mode: StartMode, scenario: string): number {
  const started = performance.now()
  const run = spawnSync(
    process.execPath,
    [binOf(root), 'sim', scenario, '--json', '--no-progress'],
    {
      env: envFor(mode),
      encoding: 'utf8',
    },
  )
  const wallMs = performance.now() - started
  if (run.status !== 0) throw new Error(`outdial sim failed (${mode}): ${run.stderr}`)
  if (mode === 'compiled' && run.stderr.includes('through tsx')) {
    throw new Error(`outdial did not run the compiled JavaScript: ${run.stderr}`)
  }
  return wallMs
}

function serverStart(
  root: string,
  mode: StartMode,
  dataDir: string,
): Promise<{ wallMs: number; cpuMs: number }> {
  const started = performance.now()
  const child = spawn(process.execPath, [binOf(root), 'serve'], {
    env: envFor(mode, {
      PORT: '0',
      OUTDIAL_HOST: '127.0.0.1',
      OUTDIAL_DATA_DIR: dataDir,
      OUTDIAL_ADMIN_PASSWORD: 'startup-bench-password',
      OUTDIAL_DEMO_AGENT_PASSWORD: 'startup-bench-password',
      OUTDIAL_LOG_LEVEL: 'warn',
    }),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  return new Promise((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => {
      child.kill()
      reject(new Error(`outdial serve did not start (${mode}):\n${out}`))
    }, SERVER_START_TIMEOUT_MS)
    const onData = (chunk: Buffer) => {
      out += chunk.toString()
      if (!/listening on /.test(out)) return
      const wallMs = performance.now() - started
      const cpuMs = cpuMsOf(child.pid!)
      clearTimeout(timer)
      child.stdout!.off('data', onData)
      child.once('exit', () => resolve({ wallMs, cpuMs }))
      child.kill()
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', (chunk: Buffer) => {
      out += chunk.toString()
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      if (!/listening on /.test(out)) reject(new Error(`outdial serve exited ${code}:\n${out}`))
    })
  })
}

/**
 * CLI runs and server starts, `repeat` times each, compiled and through tsx in rounds; with
 * `base`, the base checkout's compiled runs in the same rounds.
 */
export async function measureStartup(
  repeat: number,
  modes: readonly StartMode[] = ['compiled', 'tsx'],
  base: string | null = null,
): Promise<StartupRow[]> {
  const roots: Record<StartCode, string | null> = { this: ROOT, base }
  for (const root of [ROOT, base]) {
    if (root !== null && !existsSync(join(root, 'dist', 'cli.js')))
      throw new Error(`${root}: dist/ is not built: run \`npm run build\` there first`)
  }
  const dir = mkdtempSync(join(tmpdir(), 'outdial-startup-'))
  try {
    const scenario = join(dir, 'cli-day.json')
    const day = JSON.parse(readFileSync(SCENARIO, 'utf8')) as Record<string, unknown>
    writeFileSync(scenario, JSON.stringify({ ...day, durationSec: CLI_DAY_SEC }))
    const dataDir = join(dir, 'data')
    await serverStart(ROOT, 'compiled', dataDir) // creates the database and the demo tenant
    const rows: StartupRow[] = []
    for (const what of ['cli', 'server'] as const) {
      for (const mode of modes) {
        rows.push({ what, mode, code: 'this', wallMs: [], cpuMs: Number.NaN })
        if (base !== null && mode === 'compiled')
          rows.push({ what, mode, code: 'base', wallMs: [], cpuMs: Number.NaN })
      }
    }
    for (let round = 0; round < repeat; round++) {
      for (const row of rows) {
        process.stderr.write(
          `capacity: start-up round ${round + 1}/${repeat}, ${row.what}, ${row.mode}, ${row.code}…\n`,
        )
        const root = roots[row.code]!
        if (row.what === 'cli') {
          row.wallMs.push(cliRun(root, row.mode, scenario))
          continue
        }
        const start = await serverStart(root, row.mode, dataDir)
        if (row.wallMs.every((ms) => start.wallMs < ms)) row.cpuMs = start.cpuMs
        row.wallMs.push(start.wallMs)
      }
    }
    return rows
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

async function main(argv: readonly string[]): Promise<number> {
  const at = argv.indexOf('--repeat')
  const repeat = at === -1 ? 3 : Number(argv[at + 1])
  if (!(Number.isInteger(repeat) && repeat >= 1)) {
    process.stderr.write('usage: bench/startup.ts [--repeat N] [--compiled-only] [--base DIR]\n')
    return 2
  }
  const modes: StartMode[] = argv.includes('--compiled-only') ? ['compiled'] : ['compiled', 'tsx']
  const baseAt = argv.indexOf('--base')
  const base = baseAt === -1 ? null : resolve(argv[baseAt + 1] ?? '.')
  const loadBefore = loadavg()[0]!
  const rows = await measureStartup(repeat, modes, base)
  for (const row of rows) {
    const wall = row.wallMs.map((ms) => Math.round(ms)).join(', ')
    const cpu = Number.isNaN(row.cpuMs) ? '' : `; CPU ${Math.round(row.cpuMs)} ms (fastest)`
    process.stdout.write(`${row.what} ${row.mode} ${row.code}: wall ms ${wall}${cpu}\n`)
  }
  const load = [loadBefore, loadavg()[0]!].map((l) => l.toFixed(1)).join(' → ')
  process.stdout.write(`1-minute load average ${load}\n`)
  return 0
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code
  })
}
