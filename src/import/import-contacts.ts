// The contact import pipeline (R5.3, R5.4): records stream in, each row becomes a contact or
// reports why not, DNC and NDNC numbers are scrubbed per batch, duplicates merge in the sink, and
// the whole import is committed at once — or, when the file cannot be read to its end (or the
// import is cancelled, or the sink fails), aborted with nothing written. Memory holds one batch,
// whatever the file's size; issues are not kept but handed to `onIssue` as they arise (awaited,
// so a slow writer slows the import instead of filling memory).

import { IMPORT_BATCH_ROWS, type ImportSink } from '../store/ports/contact-sink.ts'
import {
  type BatchCounts,
  type IssueWriter,
  type PendingContact,
  writeContactBatch,
} from './batch.ts'
import type { ImportMapping } from './mapping.ts'
import { normaliseRow } from './normalise.ts'
import { ImportFileError, type ImportFormat, type ImportInput, readRecords } from './records.ts'

export interface ImportCounts extends BatchCounts {
  /** Data rows read (imported + merged + rejected). */
  rowsRead: number
  /** Numbers that were not valid phone numbers (each reported; a row keeps its valid ones). */
  invalidNumbers: number
  /** Contacts whose zone came from their number's single-zone country. */
  zonesInferred: number
}

export interface ImportResult {
  committed: boolean
  /** Why nothing was imported, when not committed. */
  error?: string
  counts: ImportCounts
  /** Columns of the file the mapping does not read (at most IMPORT_UNMAPPED_COLUMNS_LISTED_MAX). */
  unmappedColumns: string[]
  durationMs: number
}

export interface ImportContext {
  campaignId: string
  /** Every issue, in row order; awaited, so a slow writer slows the import instead of buffering. */
  onIssue: IssueWriter
  /** Cancels the import: it is aborted and nothing is written. */
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

/** The sink failed: the import was aborted and the error is the sink's (not the file's). */
export class ImportSinkError extends Error {
  override name = 'ImportSinkError'
}

/**
 * Imports one file into the sink. A file that cannot be read (or a cancelled import) resolves
 * with `committed: false` and the reason; a sink failure rejects with an ImportSinkError. In both
 * cases `sink.abort()` has been called and nothing is written.
 */
export async function importContacts(
  input: ImportInput,
  format: ImportFormat,
  mapping: ImportMapping,
  sink: ImportSink,
  context: ImportContext,
): Promise<ImportResult> {
  const started = performance.now()
  const counts = emptyCounts()
  const { records, unmapped } = readRecords(input, format, mapping, context.signal)
  let batch: PendingContact[] = []
  let sinkFailed = false
  const flush = async () => {
    const current = batch
    batch = []
    try {
      await writeContactBatch(current, sink, counts, context.onIssue)
    } catch (error) {
      sinkFailed = true
      throw error
    }
  }
  const finish = (committed: boolean, error?: string): ImportResult => ({
    committed,
    ...(error === undefined ? {} : { error }),
    counts,
    unmappedColumns: unmapped.list(),
    durationMs: Math.round(performance.now() - started),
  })

  try {
    for await (const record of records) {
      counts.rowsRead++
      if ('problem' in record) {
        counts.rejected++
        await context.onIssue({
          row: record.row,
          field: record.field ?? '',
          reason: record.problem,
        })
        continue
      }
      const normalised = normaliseRow(record.row, record.values, mapping, context.campaignId)
      counts.invalidNumbers += normalised.invalidNumbers
      for (const issue of normalised.issues) await context.onIssue(issue)
      if (!normalised.ok) {
        counts.rejected++
        continue
      }
      if (normalised.zoneInferred) counts.zonesInferred++
      batch.push({
        row: record.row,
        dedupKey: normalised.dedupKey,
        contact: normalised.contact,
        numberColumns: normalised.numberColumns,
        keyedByNumber: normalised.keyedByNumber,
      })
      if (batch.length >= IMPORT_BATCH_ROWS) await flush()
    }
    await flush()
    if (context.signal?.aborted)
      throw new ImportFileError('the import was cancelled; nothing was written')
  } catch (error) {
    const abortError = await sink.abort().then(
      () => null,
      (e: unknown) => e as Error,
    )
    const also = abortError
      ? ` (and discarding the written rows failed: ${abortError.message})`
      : ''
    if (error instanceof ImportFileError) return finish(false, `${error.message}${also}`)
    if (sinkFailed)
      throw new ImportSinkError(
        `the import was aborted: the store failed (${(error as Error).message})${also}`,
        { cause: error },
      )
    throw error
  }
  try {
    await sink.commit()
  } catch (error) {
    await sink.abort().catch(() => {})
    throw new ImportSinkError(
      `the import was aborted: committing it failed (${(error as Error).message})`,
      { cause: error },
    )
  }
  return finish(true)
}
