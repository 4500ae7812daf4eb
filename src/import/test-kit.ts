// Test helpers for the import: an in-memory ImportSink that honours the port's contract (merges by
// dedupKey — numbers unioned in order up to CONTACT_NUMBERS_MAX, later fields win — writes nothing
// visible before commit, leaves nothing after abort), failure injection, and a runner that
// collects the issues. The SQL sink (src/store/sql/contact-sink.ts) keeps the same contract.
import { Readable } from 'node:stream'
import { CONTACT_NUMBERS_MAX, type Contact, contactSchema } from '../domain/contact.ts'
import type { ImportedContact, ImportSink, WriteResult } from '../store/ports/contact-sink.ts'
import { type ImportContext, type ImportResult, importContacts } from './import-contacts.ts'
import { type ImportMapping, importMappingSchema } from './mapping.ts'
import type { RowIssue } from './normalise.ts'
import type { ImportFormat } from './records.ts'

export interface MemorySinkOptions {
  /** Numbers on a DNC list. */
  dnc?: Iterable<string>
  /** writeBatch fails on this call (1-based). */
  failOnBatch?: number
  failOnCommit?: boolean
  /** Contacts already in the campaign, by dedup key (commit merges into them). */
  existing?: Map<string, Contact>
}

export class MemorySink implements ImportSink {
  readonly dnc: Set<string>
  /** The campaign's contacts by dedup key: what is visible. */
  readonly committed: Map<string, Contact>
  private staged = new Map<string, { firstRow: number; contact: Contact }>()
  state: 'open' | 'committed' | 'aborted' = 'open'
  batches: number[] = []
  dncLookups = 0

  constructor(private readonly options: MemorySinkOptions = {}) {
    this.dnc = new Set(options.dnc ?? [])
    this.committed = new Map(options.existing ?? [])
  }

  async dncLookup(numbers: readonly string[]): Promise<ReadonlySet<string>> {
    this.dncLookups++
    return new Set(numbers.filter((n) => this.dnc.has(n)))
  }

  async writeBatch(batch: readonly ImportedContact[]): Promise<readonly WriteResult[]> {
    if (this.state !== 'open') throw new Error(`writeBatch after ${this.state}`)
    this.batches.push(batch.length)
    if (this.options.failOnBatch === this.batches.length) throw new Error('the disk is full')
    return batch.map((item) => {
      contactSchema.parse(item.contact)
      const earlier = this.staged.get(item.dedupKey)
      if (!earlier) {
        this.staged.set(item.dedupKey, { firstRow: item.row, contact: item.contact })
        return { kind: 'inserted' }
      }
      earlier.contact = mergeContacts(earlier.contact, item.contact)
      return { kind: 'merged', intoRow: earlier.firstRow }
    })
  }

  async commit(): Promise<void> {
    if (this.state !== 'open') throw new Error(`commit after ${this.state}`)
    if (this.options.failOnCommit) throw new Error('the database went away')
    for (const [key, { contact }] of this.staged) {
      const before = this.committed.get(key)
      this.committed.set(key, before ? mergeContacts(before, contact) : contact)
    }
    this.staged.clear()
    this.state = 'committed'
  }

  async abort(): Promise<void> {
    this.staged.clear()
    this.state = 'aborted'
  }
}

/** A later row of the same customer: its numbers are added after the earlier ones; its data wins. */
export function mergeContacts(earlier: Contact, later: Contact): Contact {
  return {
    ...earlier,
    numbers: [...new Set([...earlier.numbers, ...later.numbers])].slice(0, CONTACT_NUMBERS_MAX),
    fields: later.fields,
    ...(later.timeZone ? { timeZone: later.timeZone } : {}),
    ...(later.callerId ? { callerId: later.callerId } : {}),
  }
}

export interface Run {
  result: ImportResult
  issues: RowIssue[]
  sink: MemorySink
}

/** Runs an import of `content` (split into chunks of `chunkBytes`) into a fresh MemorySink. */
export async function runImport(
  content: string | Buffer,
  format: ImportFormat,
  mapping: Partial<ImportMapping> & { numbers: string[] },
  options: MemorySinkOptions & {
    chunkBytes?: number
    signal?: AbortSignal
    onIssue?: ImportContext['onIssue']
  } = {},
): Promise<Run> {
  const sink = new MemorySink(options)
  const issues: RowIssue[] = []
  const result = await importContacts(
    Readable.from(chunks(content, options.chunkBytes ?? 64 * 1024)),
    format,
    importMappingSchema.parse(mapping),
    sink,
    {
      campaignId: 'c1',
      onIssue: options.onIssue ?? ((issue) => void issues.push(issue)),
      ...(options.signal ? { signal: options.signal } : {}),
    },
  )
  return { result, issues, sink }
}

/** The content as chunks of at most `size` bytes (cutting through lines and characters). */
export function chunks(content: string | Buffer, size: number): Buffer[] {
  const bytes = typeof content === 'string' ? Buffer.from(content) : content
  const out: Buffer[] = []
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size))
  return out
}

/** Issues as `row:field` strings, for compact assertions. */
export const where = (issues: readonly RowIssue[]) => issues.map((i) => `${i.row}:${i.field}`)
