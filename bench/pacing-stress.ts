// `npm run bench:pacing-stress`: predictive pacing on seeded random days built to break forecasts
// (issue 15). Prints the report; the default run also rewrites its section of docs/benchmarks.md.
// The library (bench/pacing/stress-run.ts) does the work; this file owns the wall clock, the console
// and the disk.
import { readFileSync, writeFileSync } from 'node:fs'
import { availableParallelism, cpus, totalmem } from 'node:os'
import { fileURLToPath } from 'node:url'
import { parseStressArgs, STRESS_USAGE } from './pacing/stress-args.ts'
import {
  mergeStressSection,
  overCap,
  stressSection,
  stressSummary,
} from './pacing/stress-report.ts'
import { runStressBenchmark } from './pacing/stress-run.ts'

const DOCS_FILE = fileURLToPath(new URL('../docs/benchmarks.md', import.meta.url))

function readDocs(): string | null {
  try {
    return readFileSync(DOCS_FILE, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
}

async function main(argv: readonly string[]): Promise<number> {
  const parsed = parseStressArgs(argv)
  if (!parsed.ok) {
    process.stderr.write(`${parsed.message}\n${STRESS_USAGE}\n`)
    return 2
  }
  const { options } = parsed
  if (options.help) {
    process.stdout.write(`${STRESS_USAGE}\n`)
    return 0
  }
  const date = new Date()
  const startedMs = performance.now()
  const seeds = options.only ?? Array.from({ length: options.days }, (_, i) => options.seed + i)
  const report = await runStressBenchmark({
    seeds,
    sample: options.sample,
    onRow: (row) => {
      if (!overCap(row)) return
      const worst = row.predictive.worstWindowAbandonPct.toFixed(2)
      process.stderr.write(
        `over the cap: seed ${row.seed}, worst window ${worst} % — ${row.summary}\n`,
      )
    },
    onDayDone: (days) => {
      if (days % 50 !== 0) return
      const sec = Math.round((performance.now() - startedMs) / 1000)
      process.stderr.write(`${days} simulated days, ${sec} s\n`)
    },
  })
  const wallMs = performance.now() - startedMs
  process.stdout.write(`${stressSummary(report)}\n`)
  process.stderr.write(`done in ${(wallMs / 1000).toFixed(1)} s\n`)
  if (options.writeDocs) {
    const gib = (totalmem() / 2 ** 30).toFixed(1)
    const section = stressSection(report, {
      command: ['npm run bench:pacing-stress', ...(argv.length > 0 ? ['--', ...argv] : [])].join(
        ' ',
      ),
      date,
      wallMs,
      machine: `${cpus()[0]?.model ?? 'unknown CPU'}, nproc ${availableParallelism()}, ${gib} GiB, Node ${process.version}`,
    })
    writeFileSync(DOCS_FILE, mergeStressSection(readDocs(), section))
    process.stderr.write(`wrote ${DOCS_FILE}\n`)
  }
  return 0
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    process.stderr.write(
      `bench:pacing-stress failed: ${error instanceof Error ? error.message : error}\n`,
    )
    process.exitCode = 1
  },
)
