// The contact import pipeline (R5.3, R5.4): records stream in, each row becomes a contact or
// reports why not, DNC and NDNC numbers are scrubbed per batch, duplicates merge in the sink, and
// the whole import is committed at once — or, when the file cannot be read to its end, aborted
// with nothing written. Memory holds one batch, whatever the file's size.
import type { Readable } from 'node:stream'
import type { ImportMapping } from './mapping.ts'
import { normaliseRow, type RowIssue } from './normalise.ts'
import { ImportFileError, type ImportFormat, readRecords } from './records.ts'
import { IMPORT_BATCH_ROWS, type ImportedContact, type ImportSink } from './sink.ts'

export interface ImportCounts {
  rowsRead: number
  imported: number
  merged: number
  rejected: number
  invalidNumbers: number
  scrubbedNumbers: number
  scrubbedContacts: number
  zonesInferred: number
}

export interface ImportResult {
  committed: boolean
  /** Why nothing was imported, when not committed. */
  error?: string
  counts: ImportCounts
}

export interface ImportContext {
  campaignId: string
  /** Every issue, in row order; awaited, so a slow writer slows the import instead of buffering. */
  onIssue: (issue: RowIssue) => Promise<void> | void
  signal?: AbortSignal
}

function emptyCounts(): ImportCounts {
  return {
    rowsRead: 0,
    imported: 0,
    merged: 0,
    rejected: 0,
    invalidNumbers: 0,
    scrubbedNumbers: 0,
    scrubbedContacts: 0,
    zonesInferred: 0,
  }
}

export async function importContacts(
  input: Readable | AsyncIterable<Buffer>,
  format: ImportFormat,
  mapping: ImportMapping,
  sink: ImportSink,
  context: ImportContext,
): Promise<ImportResult> {
  const counts = emptyCounts()
  let batch: ImportedContact[] = []

  const flush = async (): Promise<void> => {
    if (batch.length === 0) return
    const current = batch
    batch = []
    const blocked = await sink.dncLookup([...new Set(current.flatMap((c) => c.contact.numbers))])
    const kept: ImportedContact[] = []
    for (const item of current) {
      const numbers = item.contact.numbers.filter((n) => !blocked.has(n))
      const removed = item.contact.numbers.length - numbers.length
      if (removed > 0) {
        counts.scrubbedNumbers += removed
        for (const n of item.contact.numbers.filter((x) => blocked.has(x)))
          await context.onIssue({
            row: item.row,
            field: '',
            reason: `${n} is on a do-not-call list and was removed (R5.4)`,
          })
      }
      if (numbers.length === 0) {
        counts.scrubbedContacts += 1
        counts.rejected += 1
        await context.onIssue({
          row: item.row,
          field: '',
          reason: 'rejected: every number of the row is on a do-not-call list',
        })
        continue
      }
      kept.push({ ...item, contact: { ...item.contact, numbers } })
    }
    if (kept.length === 0) return
    const results = await sink.writeBatch(kept)
    results.forEach((result, i) => {
      if (result.kind === 'inserted') counts.imported += 1
      else counts.merged += 1
      if (result.kind === 'merged') void kept[i]
    })
    for (const [i, result] of results.entries())
      if (result.kind === 'merged')
        await context.onIssue({
          row: kept[i]!.row,
          field: '',
          reason: `merged into row ${result.intoRow} (the same customer)`,
        })
  }

  try {
    for await (const record of readRecords(input, format, mapping)) {
      if (context.signal?.aborted) throw new ImportFileError('the upload was cancelled')
      counts.rowsRead += 1
      if ('problem' in record) {
        counts.rejected += 1
        await context.onIssue({
          row: record.row,
          field: record.field ?? '',
          reason: record.problem,
        })
        continue
      }
      const normalised = normaliseRow(record.row, record.values, mapping, context.campaignId)
      for (const issue of normalised.issues) {
        if (issue.field !== '' && issue.reason.includes('phone number')) counts.invalidNumbers += 1
        await context.onIssue(issue)
      }
      if (!normalised.ok) {
        counts.rejected += 1
        continue
      }
      if (normalised.zoneInferred) counts.zonesInferred += 1
      batch.push({ row: record.row, dedupKey: normalised.dedupKey, contact: normalised.contact })
      if (batch.length >= IMPORT_BATCH_ROWS) await flush()
    }
    await flush()
  } catch (error) {
    await sink.abort()
    const message =
      error instanceof ImportFileError
        ? error.message
        : `the import failed: ${(error as Error).message}`
    if (
      !(error instanceof ImportFileError) &&
      !(error as { code?: string }).code?.startsWith?.('CSV_') &&
      !/JSON|UTF-8/.test(message)
    )
      throw error
    return { committed: false, error: message, counts }
  }
  await sink.commit()
  return { committed: true, counts }
}
