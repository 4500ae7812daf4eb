// `npm run bench:import [-- --rows N]`: the contact import benchmark of issue 5. Generates a CSV
// of N rows (default 1,000,000; 1 % invalid numbers, 0.1 % duplicates, some on the DNC list),
// then measures, each in its own process, a plain csv-parse pass and the full import into SQLite:
// rows per second and peak memory. Prints the table and writes it into docs/benchmarks.md
// between <!-- import:begin --> and <!-- import:end -->.
import { execFileSync } from 'node:child_process'
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs'
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { writeDocsSection } from './docs-section.ts'
import { fullImport, type PhaseResult, plainParse } from './import/phases.ts'

const DOCS_FILE = fileURLToPath(new URL('../docs/benchmarks.md', import.meta.url))
const BEGIN = '<!-- import:begin -->'
const END = '<!-- import:end -->'
const ROWS_DEFAULT = 1_000_000
const ROWS_MAX = 5_000_000

async function generate(file: string, rows: number): Promise<void> {
  const out = createWriteStream(file)
  const write = (line: string) =>
    out.write(line) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r()))
  await write('id,phone,mobile,first,last,plan\n')
  for (let i = 0; i < rows; i++) {
    const n = i % 1000 === 999 ? i - 500 : i // 0.1 % repeat an earlier customer
    const phone =
      i % 100 === 42
        ? '555-01'
        : `(212) ${String(5_000_000 + n)
            .padStart(7, '0')
            .replace(/(\d{3})(\d{4})/, '$1-$2')}`
    await write(
      `c${n},${phone},,First${n % 977},Last${n % 613},${['Basic', 'Plus', 'Premium'][n % 3]}\n`,
    )
  }
  await new Promise<void>((resolve) => out.end(resolve))
}

function runPhase(phase: 'parse' | 'import', file: string, dataDir: string): PhaseResult {
  const output = execFileSync(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), '--phase', phase, file, dataDir],
    {
      encoding: 'utf8',
      maxBuffer: 1024 * 1024,
    },
  )
  return JSON.parse(output.trim().split('\n').at(-1)!) as PhaseResult
}

function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
}

function section(
  rows: number,
  fileBytes: number,
  parse: PhaseResult,
  full: PhaseResult,
  command: string,
): string {
  const mb = (b: number) => fmt(b / 1024 / 1024, 0)
  const line = (name: string, r: PhaseResult) =>
    `| ${name} | ${fmt(r.rows)} | ${fmt(r.seconds, 1)} | ${fmt(r.rows / r.seconds)} | ${mb(r.peakRssBytes)} |`
  return [
    BEGIN,
    '## Contact import',
    '',
    `Command: \`${command}\` · ${new Date().toISOString().slice(0, 10)} · ${cpus()[0]?.model ?? 'CPU'} (${availableParallelism()} cores), ${fmt(totalmem() / 1024 ** 3, 0)} GiB, Node ${process.version}.`,
    `A generated CSV of ${fmt(rows)} rows (${mb(fileBytes)} MB; 1 % invalid numbers, 0.1 % repeated customers, 1,000 numbers on the DNC list), each pass in its own process:`,
    '',
    '| pass | rows | seconds | rows/s | peak RSS (MB) |',
    '| --- | ---: | ---: | ---: | ---: |',
    line('plain csv-parse (count records)', parse),
    line('full import into SQLite (E.164, zones, DNC, merge, commit)', full),
    '',
    `The full import kept ${fmt(full.imported)} contacts and reported ${fmt(full.rejected)} rejected rows; its cost is ${fmt(full.seconds / parse.seconds, 1)}× the plain parse. It holds one batch of 1,000 rows in memory at a time (the staging rows live in the database), so its peak memory does not follow the file's size; the baseline of both passes is the Node.js process with the TypeScript loader.`,
    END,
  ].join('\n')
}

function writeSection(text: string): void {
  writeDocsSection(DOCS_FILE, text, BEGIN, END)
}

async function main(argv: string[]): Promise<void> {
  if (argv[0] === '--phase') {
    const [, phase, file, dataDir] = argv
    const result = phase === 'parse' ? await plainParse(file!) : await fullImport(file!, dataDir!)
    process.stdout.write(`${JSON.stringify(result)}\n`)
    return
  }
  const rowsFlag = argv.indexOf('--rows')
  const rows = rowsFlag >= 0 ? Number(argv[rowsFlag + 1]) : ROWS_DEFAULT
  if (!Number.isSafeInteger(rows) || rows < 1 || rows > ROWS_MAX)
    throw new Error(`--rows takes 1–${ROWS_MAX}`)
  const dir = mkdtempSync(join(tmpdir(), 'outdial-bench-import-'))
  try {
    const file = join(dir, 'contacts.csv')
    process.stderr.write(`generating ${fmt(rows)} rows…\n`)
    await generate(file, rows)
    const parse = runPhase('parse', file, dir)
    process.stderr.write(`plain parse: ${fmt(parse.rows / parse.seconds)} rows/s\n`)
    const full = runPhase('import', file, join(dir, 'data'))
    const text = section(
      rows,
      statSync(file).size,
      parse,
      full,
      `npm run bench:import${argv.length ? ` -- ${argv.join(' ')}` : ''}`,
    )
    process.stdout.write(`${text.split('\n').slice(2, -1).join('\n')}\n`)
    if (rows === ROWS_DEFAULT) writeSection(text)
    else
      process.stderr.write(
        '(docs/benchmarks.md is written only by the default 1,000,000-row run)\n',
      )
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

await main(process.argv.slice(2))
