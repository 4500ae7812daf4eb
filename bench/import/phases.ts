// The two measured passes of the import benchmark, each run in its own process so its peak
// memory is its own: a plain csv-parse pass that only counts records, and the full import
// (parse → E.164 → zone → DNC scrub → merge → SQLite staging → commit).
import { createReadStream } from 'node:fs'
import { parse } from 'csv-parse'
import { importContacts } from '../../src/import/import-contacts.ts'
import { importMappingSchema } from '../../src/import/mapping.ts'
import { SqlAccounts } from '../../src/store/sql/accounts.ts'
import { SqlContactLists } from '../../src/store/sql/contacts.ts'
import { SqlDncLists } from '../../src/store/sql/documents.ts'
import { openDb } from '../../src/store/sql/open.ts'

export const BENCH_MAPPING = importMappingSchema.parse({
  numbers: ['phone', 'mobile'],
  externalId: 'id',
  variables: { firstName: 'first', lastName: 'last', plan: 'plan' },
  defaultCountry: 'US',
})

export interface PhaseResult {
  rows: number
  imported: number
  rejected: number
  seconds: number
  peakRssBytes: number
}

function sampler(): () => number {
  let peak = process.memoryUsage().rss
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss)
  }, 50)
  return () => {
    clearInterval(timer)
    return Math.max(peak, process.memoryUsage().rss)
  }
}

export async function plainParse(file: string): Promise<PhaseResult> {
  const stop = sampler()
  const started = performance.now()
  let rows = 0
  for await (const _record of createReadStream(file).pipe(parse({ bom: true }))) rows += 1
  const seconds = (performance.now() - started) / 1000
  return { rows: rows - 1, imported: 0, rejected: 0, seconds, peakRssBytes: stop() }
}

export async function fullImport(file: string, dataDir: string): Promise<PhaseResult> {
  const opened = await openDb({ dataDir })
  const accounts = new SqlAccounts(opened.db)
  await accounts.ensureTenant('bench', 'Bench', 0)
  const lists = new SqlContactLists(opened.db)
  const dnc = new SqlDncLists(opened.db)
  for (let i = 0; i < 1000; i++)
    await dnc.add(
      'bench',
      {
        listName: 'internal',
        phoneNumber: `+1212${String(5_000_000 + i * 97).padStart(7, '0')}`,
        source: 'bench',
        reason: '',
      },
      0,
    )
  const list = await lists.create(
    'bench',
    { campaignId: 'bench', name: 'bench', mapping: BENCH_MAPPING },
    0,
  )
  const sink = lists.sinkFor(
    'bench',
    list,
    dnc,
    async () => ['internal'],
    () => 0,
  )
  const stop = sampler()
  const started = performance.now()
  let issues = 0
  const result = await importContacts(createReadStream(file), 'csv', BENCH_MAPPING, sink, {
    campaignId: 'bench',
    onIssue: () => {
      issues += 1
    },
  })
  const seconds = (performance.now() - started) / 1000
  const peakRssBytes = stop()
  await opened.close()
  if (!result.committed) throw new Error(`the benchmark import failed: ${result.error}`)
  void issues
  return {
    rows: result.counts.rowsRead,
    imported: result.counts.imported,
    rejected: result.counts.rejected,
    seconds,
    peakRssBytes,
  }
}
