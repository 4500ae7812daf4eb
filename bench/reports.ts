// `npm run bench:reports [-- --rows N]`: the report benchmark of issue 13 (R9.1). Loads N attempts
// (default 1,000,000; 5 campaigns, 20 agents, over 30 days, with results, talk times and some
// dispositions) into a fresh SQLite file in one transaction with prepared inserts, then times each
// report query as the API runs it (the store's tallies and the first page of attempts), best of 3.
// Prints the table and writes it into docs/benchmarks.md between <!-- reports:begin --> and
// <!-- reports:end -->. PostgreSQL is not loaded here (see docs/benchmarks.md).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import SqliteDatabase from 'better-sqlite3'
import { SqlAccounts } from '../src/store/sql/accounts.ts'
import { openDb } from '../src/store/sql/open.ts'
import { SqlAttemptReports } from '../src/store/sql/reports.ts'

const DOCS_FILE = fileURLToPath(new URL('../docs/benchmarks.md', import.meta.url))
const BEGIN = '<!-- reports:begin -->'
const END = '<!-- reports:end -->'
const ROWS_DEFAULT = 1_000_000
const ROWS_MAX = 5_000_000
const OUTCOMES = [
  'LIVE_VOICE',
  'LIVE_VOICE',
  'NO_ANSWER_CUSTOMER',
  'AMD',
  'CUSTOMER_BUSY',
  'ABANDONED',
]
const T0 = Date.UTC(2026, 9, 1)
const SPAN_MS = 30 * 86_400_000

const arg = process.argv.indexOf('--rows')
const rows = Math.min(ROWS_MAX, arg > 0 ? Number(process.argv[arg + 1]) : ROWS_DEFAULT)

const dir = mkdtempSync(join(tmpdir(), 'outdial-reports-'))
const file = join(dir, 'bench.db')
try {
  const opened = await openDb({ sqliteFile: file })
  await new SqlAccounts(opened.db).ensureTenant('t1', 'bench', 0)
  await opened.close()

  const raw = new SqliteDatabase(file)
  raw.pragma('journal_mode = WAL')
  raw.pragma('synchronous = NORMAL')
  const attempt = raw.prepare(
    `insert into attempts (tenant_id, id, campaign_id, contact_id, stored_contact, number, caller_id,
     agent_id, opened_at, lease_owner, lease_until) values ('t1', ?, ?, ?, 0, '+14155550100',
     '+15550100000', ?, ?, 'bench', ?)`,
  )
  const result = raw.prepare(
    `insert into attempt_results (tenant_id, attempt_id, outcome, closed_at, agent_id, details,
     connected_at) values ('t1', ?, ?, ?, ?, '{}', ?)`,
  )
  const disposition = raw.prepare(
    `insert into attempt_dispositions (tenant_id, attempt_id, code, final, success, agent_id,
     decided_at) values ('t1', ?, ?, 1, 0, ?, ?)`,
  )
  const loadStart = performance.now()
  raw.transaction(() => {
    for (let i = 0; i < rows; i++) {
      const id = `a${i}`
      const at = T0 + Math.floor((i / rows) * SPAN_MS)
      const outcome = OUTCOMES[i % OUTCOMES.length]!
      const agent = outcome === 'LIVE_VOICE' ? `agent-${i % 20}` : null
      attempt.run(id, `camp-${i % 5}`, `c${i}`, agent, at, at)
      const connected = outcome === 'LIVE_VOICE' ? at + 8000 : null
      result.run(id, outcome, at + 60_000, agent, connected)
      if (agent) disposition.run(id, i % 4 === 0 ? 'SALE' : 'NO_SALE', agent, at + 70_000)
    }
  })()
  raw.pragma('optimize')
  raw.close()
  const loadSec = (performance.now() - loadStart) / 1000

  const db = await openDb({ sqliteFile: file })
  const reports = new SqlAttemptReports(db.db, 't1')
  const month = { fromMs: T0, toMs: T0 + SPAN_MS }
  const day = { fromMs: T0 + 86_400_000, toMs: T0 + 2 * 86_400_000 }
  const cases: [string, () => Promise<unknown>][] = [
    ['campaigns summary (all attempts)', () => reports.tally('campaign', {})],
    [
      'campaign intervals, 30 days',
      () => reports.tally('quarter', { campaignId: 'camp-0', ...month }),
    ],
    ['campaign intervals, 1 day', () => reports.tally('quarter', { campaignId: 'camp-0', ...day })],
    ['campaign agents, 30 days', () => reports.tally('agent', { campaignId: 'camp-0', ...month })],
    ['agents per hour, 1 day', () => reports.tally('agentQuarter', day)],
    [
      'attempts, first page (50)',
      () => reports.list({ campaignId: 'camp-0' }, { limit: 50, offset: 0 }),
    ],
  ]
  const figures: [string, number][] = []
  for (const [name, run] of cases) {
    let best = Number.POSITIVE_INFINITY
    for (let k = 0; k < 3; k++) {
      const start = performance.now()
      await run()
      best = Math.min(best, performance.now() - start)
    }
    figures.push([name, best])
    console.log(`${name}: ${best.toFixed(0)} ms`)
  }
  await db.close()

  const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}`
  const table = [
    `Command: \`npm run bench:reports\` (${rows.toLocaleString('en-US')} attempts; loaded in ${loadSec.toFixed(1)} s)`,
    `Machine: ${machine}. SQLite (WAL), best of 3 runs per report.`,
    '',
    '| Report | SQLite |',
    '| --- | --- |',
    ...figures.map(([name, ms]) => `| ${name} | ${ms.toFixed(0)} ms |`),
  ].join('\n')
  console.log(table)
  const docs = readFileSync(DOCS_FILE, 'utf8')
  if (docs.includes(BEGIN) && docs.includes(END) && rows === ROWS_DEFAULT)
    writeFileSync(
      DOCS_FILE,
      `${docs.slice(0, docs.indexOf(BEGIN) + BEGIN.length)}\n${table}\n${docs.slice(docs.indexOf(END))}`,
    )
} finally {
  rmSync(dir, { recursive: true, force: true })
}
