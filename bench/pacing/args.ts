// Command-line options of `npm run bench:pacing`.
import { SEEDS_DEFAULT } from './harness.ts'
import type { ScenarioSelection } from './scenarios.ts'

export const QUICK_SEEDS = 2
export const SEEDS_MAX = 100

export interface CliOptions {
  json: boolean
  seeds: number
  selection: ScenarioSelection
  /** Full runs only: a filtered or quick run must not overwrite the published figures. */
  writeDocs: boolean
  /** Start the fixed-best searches' possible next days on idle workers. */
  speculate: boolean
  help: boolean
}

export const USAGE = `usage: npm run bench:pacing -- [--json] [--seeds N] [--scenarios a,b] [--quick]
                              [--speculate]

  --json          print only the per-seed rows as a JSON array (no docs written)
  --seeds N       seeds per scenario: its seed + 0 … N−1 (default ${SEEDS_DEFAULT})
  --scenarios a,b only these bench/scenarios/*.json (by file name; no docs written)
  --quick         smoke run: ${QUICK_SEEDS} seeds, only the small scenarios (no docs written)
  --speculate     idle workers start the days a fixed-best search may ask for next: faster for
                  a few scenarios × seeds on idle cores, wasted work on a busy machine (the
                  figures are the same either way)

A full run (no --json, --scenarios or --quick) rewrites the pacing section of docs/benchmarks.md
and docs/pacing-drift.svg.`

export type ParsedArgs = { ok: true; options: CliOptions } | { ok: false; message: string }

function parseSeeds(text: string | undefined): number | string {
  const seeds = Number(text)
  if (text === undefined || !Number.isInteger(seeds) || seeds < 1 || seeds > SEEDS_MAX) {
    return `--seeds needs an integer in 1..${SEEDS_MAX}`
  }
  return seeds
}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  let json = false
  let quick = false
  let help = false
  let speculate = false
  let seeds: number | undefined
  let names: string[] | undefined
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg === '--json') json = true
    else if (arg === '--quick') quick = true
    else if (arg === '--help' || arg === '-h') help = true
    else if (arg === '--speculate') speculate = true
    else if (arg === '--seeds') {
      const parsed = parseSeeds(argv[++i])
      if (typeof parsed === 'string') return { ok: false, message: parsed }
      seeds = parsed
    } else if (arg === '--scenarios') {
      names = (argv[++i] ?? '').split(',').filter((name) => name !== '')
      if (names.length === 0) return { ok: false, message: '--scenarios needs a list: a,b' }
    } else return { ok: false, message: `unknown option ${arg}` }
  }
  // Explicit --seeds and --scenarios win over the --quick defaults.
  const selection: ScenarioSelection = names
    ? { kind: 'named', names }
    : quick
      ? { kind: 'small' }
      : { kind: 'all' }
  return {
    ok: true,
    options: {
      json,
      seeds: seeds ?? (quick ? QUICK_SEEDS : SEEDS_DEFAULT),
      selection,
      writeDocs: !json && !quick && names === undefined,
      speculate,
      help,
    },
  }
}
