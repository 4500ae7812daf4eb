// The two measured passes of the import benchmark, each run in its own process so its peak
// memory is its own: a plain csv-parse pass that only counts records, and the full import through
// the server's contact-import service (list begun → parse → E.164 → zone → DNC scrub → merge →
// SQLite staging → commit, issues recorded → list finished).
import { createReadStream } from 'node:fs'
import { parse } from 'csv-parse'
import { importMappingSchema } from '../../src/import/mapping.ts'
import { sqlContactsPart } from '../../src/server/contacts-part.ts'
import { openDb } from '../../src/store/sql/open.ts'
import { SqlStore } from '../../src/store/sql/store.ts'

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
  const store = new SqlStore(opened)
  await store.accounts.ensureTenant('bench', 'Bench', 0)
  const bench = store.forTenant('bench')
  // The campaign scrubs against the internal list only (no national list is loaded).
  await bench.documents.create(
    'campaign',
    {
      id: 'bench',
      name: 'bench',
      body: { dncEnabled: true, dncListNames: ['internal'], ndncEnabled: false },
    },
    0,
  )
  const contacts = sqlContactsPart(store, () => 0, 'import-benchmark')
  for (let i = 0; i < 1000; i++)
    await bench.dnc.add(
      {
        listName: 'internal',
        phoneNumber: `+1212${String(5_000_000 + i * 97).padStart(7, '0')}`,
        source: 'bench',
        reason: '',
      },
      0,
    )
  const list = await bench.contactLists.create(
    { campaignId: 'bench', name: 'bench', mapping: BENCH_MAPPING },
    0,
  )
  const stop = sampler()
  const started = performance.now()
  const result = await contacts.imports.importList({
    tenantId: 'bench',
    list,
    input: createReadStream(file),
    format: 'csv',
    issuesReturnedMax: 0,
  })
  const seconds = (performance.now() - started) / 1000
  const peakRssBytes = stop()
  await opened.close()
  if (result.kind !== 'finished') throw new Error('the benchmark list was not awaiting its upload')
  if (!result.committed) throw new Error(`the benchmark import failed: ${result.error}`)
  return {
    rows: result.counts.rowsRead,
    imported: result.counts.imported,
    rejected: result.counts.rejected,
    seconds,
    peakRssBytes,
  }
}
