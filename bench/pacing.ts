// `npm run bench:pacing`: the pacing-quality benchmark of issue 4 (docs/benchmarks.md "Method").
// Prints a table per scenario and a summary (or, with --json, the per-seed rows) and, on a full
// run, rewrites the pacing section of docs/benchmarks.md and docs/pacing-drift.svg. The library
// (bench/pacing/harness.ts) does the work; this file owns the wall clock, the console and the disk.
import { writeFileSync } from 'node:fs'
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os'
import { fileURLToPath } from 'node:url'
import { parseArgs, USAGE } from './pacing/args.ts'
import { driftChartSvg } from './pacing/chart.ts'
import { textReport } from './pacing/format.ts'
import { type BenchReport, runPacingBenchmark } from './pacing/harness.ts'
import {
  pacingSection,
  type RunContext,
  timingList,
  timingTotal,
  writePacingSection,
} from './pacing/report.ts'

const SCENARIO_DIR = fileURLToPath(new URL('./scenarios/', import.meta.url))
const DOCS_FILE = fileURLToPath(new URL('../docs/benchmarks.md', import.meta.url))
const CHART_FILE = fileURLToPath(new URL('../docs/pacing-drift.svg', import.meta.url))
/** The chart's link, relative to docs/benchmarks.md. */
const CHART_LINK = 'pacing-drift.svg'

function progress(startedMs: number): (days: number) => void {
  const interactive = process.stderr.isTTY === true
  return (days) => {
    if (!interactive && days % 25 !== 0) return
    const sec = Math.round((performance.now() - startedMs) / 1000)
    process.stderr.write(`${interactive ? '\r' : ''}${days} simulated days, ${sec} s`)
    if (!interactive) process.stderr.write('\n')
  }
}

function writeDocs(
  report: BenchReport,
  argv: readonly string[],
  date: Date,
  wallMs: number,
  loadAverage: [number, number],
) {
  const chart = report.chart ? driftChartSvg(report.chart) : null
  if (chart) writeFileSync(CHART_FILE, chart)
  const run: RunContext = {
    command: ['npm run bench:pacing', ...(argv.length > 0 ? ['--', ...argv] : [])].join(' '),
    date,
    wallMs,
    loadAverage,
    machine: {
      cpu: cpus()[0]?.model ?? 'unknown CPU',
      nproc: availableParallelism(),
      memoryBytes: totalmem(),
      node: process.version,
    },
    chartFile: chart ? CHART_LINK : null,
  }
  writePacingSection(DOCS_FILE, pacingSection(report, run))
  process.stderr.write(`wrote ${DOCS_FILE}${chart ? ` and ${CHART_FILE}` : ''}\n`)
}

async function main(argv: readonly string[]): Promise<number> {
  const parsed = parseArgs(argv)
  if (!parsed.ok) {
    process.stderr.write(`${parsed.message}\n${USAGE}\n`)
    return 2
  }
  const { options } = parsed
  if (options.help) {
    process.stdout.write(`${USAGE}\n`)
    return 0
  }
  const date = new Date()
  const loadAtStart = loadavg()[0]!
  const startedMs = performance.now()
  const report = await runPacingBenchmark({
    scenarioDir: SCENARIO_DIR,
    selection: options.selection,
    seeds: options.seeds,
    chart: options.writeDocs,
    onDayDone: progress(startedMs),
    speculate: options.speculate,
  })
  const wallMs = performance.now() - startedMs
  const loadAverage: [number, number] = [loadAtStart, loadavg()[0]!]
  const unused = report.unusedDays > 0 ? ` (+${report.unusedDays} speculative, unused)` : ''
  process.stderr.write(
    `\ndone in ${(wallMs / 1000).toFixed(1)} s: ${report.days} days${unused} on ` +
      `${report.workers} workers, 1-min load ${loadAverage.map((l) => l.toFixed(1)).join(' → ')}\n` +
      `worker time: ${timingTotal(report)}; ${timingList(report)}\n`,
  )
  if (options.json) {
    process.stdout.write(`${JSON.stringify(report.rows, null, 2)}\n`)
    return 0
  }
  process.stdout.write(`${textReport(report)}\n`)
  if (options.writeDocs) writeDocs(report, argv, date, wallMs, loadAverage)
  return 0
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    // Worker failures carry the worker's stack in their message; the main stack adds nothing.
    process.stderr.write(`bench:pacing failed: ${error instanceof Error ? error.message : error}\n`)
    process.exitCode = 1
  },
)
