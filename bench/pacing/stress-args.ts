// Command-line options of `npm run bench:pacing-stress`.

export const STRESS_DAYS_DEFAULT = 500
export const STRESS_DAYS_MAX = 100_000
export const STRESS_SEED_DEFAULT = 1
/** Days of the run that also get progressive and the fixed-ratio sweep (evenly spread). */
export const STRESS_SAMPLE_DEFAULT = 12

export interface StressOptions {
  /** The days' seeds: seed, seed + 1, … seed + days − 1, or exactly `only`. */
  days: number
  seed: number
  only: number[] | null
  sample: number
  /** The default run only: a partial one must not overwrite the published figures. */
  writeDocs: boolean
  help: boolean
}

export const STRESS_USAGE = `usage: npm run bench:pacing-stress -- [--days N] [--seed S] [--only a,b] [--sample K]

  --days N    random days with seeds S … S+N−1 (default ${STRESS_DAYS_DEFAULT})
  --seed S    the first seed (default ${STRESS_SEED_DEFAULT})
  --only a,b  replay exactly these seeds (the failing seeds the report lists)
  --sample K  days that also run progressive and the fixed-ratio sweep (default ${STRESS_SAMPLE_DEFAULT})

The default run (no option other than --sample) rewrites the stress section of docs/benchmarks.md.`

export type ParsedStressArgs = { ok: true; options: StressOptions } | { ok: false; message: string }

function integer(
  text: string | undefined,
  min: number,
  max: number,
  flag: string,
): number | string {
  const value = Number(text)
  if (text === undefined || !Number.isSafeInteger(value) || value < min || value > max) {
    return `${flag} needs an integer in ${min}..${max}`
  }
  return value
}

export function parseStressArgs(argv: readonly string[]): ParsedStressArgs {
  const options: StressOptions = {
    days: STRESS_DAYS_DEFAULT,
    seed: STRESS_SEED_DEFAULT,
    only: null,
    sample: STRESS_SAMPLE_DEFAULT,
    writeDocs: true,
    help: false,
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg === '--help' || arg === '-h') {
      options.help = true
      continue
    }
    if (arg === '--only') {
      const seeds = (argv[++i] ?? '')
        .split(',')
        .filter((s) => s !== '')
        .map(Number)
      if (seeds.length === 0 || !seeds.every(Number.isSafeInteger)) {
        return { ok: false, message: '--only needs a list of integer seeds: 3,17' }
      }
      options.only = seeds
      options.writeDocs = false
      continue
    }
    const bounds: Record<string, [number, number]> = {
      '--days': [1, STRESS_DAYS_MAX],
      '--seed': [0, 2 ** 31],
      '--sample': [0, STRESS_DAYS_MAX],
    }
    const range = bounds[arg]
    if (range === undefined) return { ok: false, message: `unknown option ${arg}` }
    const value = integer(argv[++i], range[0], range[1], arg)
    if (typeof value === 'string') return { ok: false, message: value }
    if (arg === '--days') options.days = value
    if (arg === '--seed') options.seed = value
    if (arg === '--sample') options.sample = value
    if (arg !== '--sample') options.writeDocs = false
  }
  if (
    options.days === STRESS_DAYS_DEFAULT &&
    options.seed === STRESS_SEED_DEFAULT &&
    !options.only
  ) {
    options.writeDocs = true
  }
  return { ok: true, options }
}
