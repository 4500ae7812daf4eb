// The `outdial` command line. Sub-commands: `sim` (a simulated campaign day), `serve` and `help`.
// Each loads its own modules when it runs (issue 15, start-up): `sim` starts without the server's
// configuration, Fastify, the database drivers and the API schemas; `serve` without the simulator's
// reports.
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import type { RunningServer } from './server/serve.ts'

const help = (serverOptionsHelp: string) => `outdial — self-hosted outbound contact-center dialer

Usage:
  outdial sim <scenario.json> [--seed N] [--policy P] [--mode M] [--json] [--no-progress]
      Runs a simulated campaign day on a virtual clock and prints the metrics of
      benchmarks.md. P: predictive | progressive[:n] | fixed:<ratio> | adaptive-reference
      (default: the scenario's own pacing). M: preview | progressive | predictive |
      ivr-progressive | ivr-predictive (default: the scenario's mode).
  outdial serve [options]
      Serves the API (/docs, /openapi.json, /healthz, /metrics) on the embedded SQLite
      database, or PostgreSQL with --database-url, and runs the dialer on the real clock
      on the built-in simulated telephony network. The first start creates the demo
      tenant and the user admin. Each option can also come from the environment:
${serverOptionsHelp}
      --no-demo             on first start, create only the tenant and admin [OUTDIAL_DEMO=0]
  outdial help
      This text.
`

async function helpText(): Promise<string> {
  const { serverOptionsHelp } = await import('./server/config.ts')
  return help(serverOptionsHelp())
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  const helpWanted = command === undefined || command === 'help' || command === '--help'
  if (helpWanted || command === '-h' || rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(await helpText())
    return 0
  }
  if (command === 'sim') return simCommand(rest)
  if (command === 'serve') return serveCommand(rest)
  process.stderr.write(`outdial: unknown command "${command}"\n\n${await helpText()}`)
  return 2
}

async function simCommand(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parseSimArgs>
  try {
    parsed = parseSimArgs(argv)
  } catch (error) {
    process.stderr.write(`outdial sim: ${(error as Error).message}\n`)
    return 2
  }
  const { values, positionals } = parsed
  const file = positionals[0]
  if (file === undefined) {
    process.stderr.write('outdial sim: missing <scenario.json>\n')
    return 2
  }
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    process.stderr.write(`outdial sim: cannot read ${file}: ${(error as Error).message}\n`)
    return 2
  }
  const [{ parseMode, parsePolicy }, { createProgress }, report, { runScenario }, scenarioFile] =
    await Promise.all([
      import('./sim/policy.ts'),
      import('./sim/progress.ts'),
      import('./sim/report.ts'),
      import('./sim/run.ts'),
      import('./sim/scenario.ts'),
    ])
  const { formatScenarioErrors, loadScenarioText } = scenarioFile
  const loaded = loadScenarioText(text, file)
  if (!loaded.ok) {
    process.stderr.write(`${formatScenarioErrors(file, loaded.errors)}\n`)
    return 1
  }
  for (const warning of loaded.warnings) process.stderr.write(`warning: ${file}: ${warning}\n`)
  const policy = parsePolicy(values.policy)
  const mode = parseMode(values.mode)
  const seed = values.seed === undefined ? undefined : Number(values.seed)
  if (!policy.ok || !mode.ok || (seed !== undefined && !Number.isSafeInteger(seed))) {
    const message = !policy.ok
      ? policy.message
      : !mode.ok
        ? mode.message
        : '--seed needs an integer'
    process.stderr.write(`outdial sim: ${message}\n`)
    return 2
  }
  const progress = createProgress({
    totalMs: loaded.scenario.durationSec * 1000,
    write: (s) => process.stderr.write(s),
    enabled: process.stderr.isTTY === true && values['no-progress'] !== true,
    readWallMs: () => performance.now(),
  })
  const result = runScenario(loaded.scenario, {
    ...(seed !== undefined ? { seed } : {}),
    policy: policy.value,
    ...(mode.value !== undefined ? { mode: mode.value } : {}),
    onProgress: (doneMs) => progress.update(doneMs),
  })
  progress.finish()
  process.stdout.write(
    values.json ? `${report.resultJson(result)}\n` : report.formatResultTable(result),
  )
  return 0
}

function parseSimArgs(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      seed: { type: 'string' },
      policy: { type: 'string' },
      mode: { type: 'string' },
      json: { type: 'boolean' },
      'no-progress': { type: 'boolean' },
    },
  })
}

async function serveCommand(argv: string[]): Promise<number> {
  const { loadServerConfig } = await import('./server/config.ts')
  const loaded = loadServerConfig(argv, process.env)
  if (!loaded.ok) {
    process.stderr.write(`outdial serve: ${loaded.message}\n`)
    return 2
  }
  let server: RunningServer
  try {
    const { serve } = await import('./server/serve.ts')
    server = await serve(loaded.config, (line) => process.stdout.write(`${line}\n`))
  } catch (error) {
    process.stderr.write(`outdial serve: cannot start: ${(error as Error).message}\n`)
    return 1
  }
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve)
    process.once('SIGTERM', resolve)
  })
  await server.stop()
  return 0
}
