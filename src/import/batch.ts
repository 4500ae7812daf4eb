// One batch of normalised contacts on its way to the sink (R5.3, R5.4): one DNC lookup for all
// its numbers, blocked numbers removed and reported (naming the column they came from), contacts
// left without a number rejected as scrubbed, then one write; the sink's merges of repeated
// customers are reported as information ("merged into row N"), not as errors.

import type { ImportedContact, ImportSink } from '../store/ports/contact-sink.ts'
import type { RowIssue } from './normalise.ts'

export interface PendingContact extends ImportedContact {
  /** The column each number came from, parallel to `contact.numbers`. */
  numberColumns: string[]
  /** The dedup key is the first number (no external id): it follows the numbers kept. */
  keyedByNumber: boolean
}

export interface BatchCounts {
  imported: number
  merged: number
  rejected: number
  scrubbedNumbers: number
  scrubbedContacts: number
}

export type IssueWriter = (issue: RowIssue) => Promise<void> | void

export async function writeContactBatch(
  batch: readonly PendingContact[],
  sink: ImportSink,
  counts: BatchCounts,
  onIssue: IssueWriter,
): Promise<void> {
  if (batch.length === 0) return
  const blocked = await sink.dncLookup([...new Set(batch.flatMap((c) => c.contact.numbers))])
  const kept: ImportedContact[] = []
  for (const item of batch) {
    const { contact } = item
    const numbers: string[] = []
    for (const [i, number] of contact.numbers.entries()) {
      if (!blocked.has(number)) {
        numbers.push(number)
        continue
      }
      counts.scrubbedNumbers++
      await onIssue({
        row: item.row,
        field: item.numberColumns[i] ?? '',
        reason: `${number} is on a do-not-call list (DNC/NDNC) and was removed from the contact (R5.4)`,
      })
    }
    if (numbers.length === 0) {
      counts.scrubbedContacts++
      counts.rejected++
      await onIssue({
        row: item.row,
        field: '',
        reason: 'rejected: every number of the row is on a do-not-call list (scrubbed, R5.4)',
      })
      continue
    }
    if (numbers.length === contact.numbers.length) {
      kept.push({ row: item.row, dedupKey: item.dedupKey, contact })
      continue
    }
    const first = numbers[0]!
    kept.push({
      row: item.row,
      dedupKey: item.keyedByNumber ? `n:${first}` : item.dedupKey,
      contact: { ...contact, numbers, ...(item.keyedByNumber ? { id: first } : {}) },
    })
  }
  if (kept.length === 0) return
  const results = await sink.writeBatch(kept)
  if (results.length !== kept.length)
    throw new Error(
      `the import sink answered ${results.length} results for a batch of ${kept.length} contacts`,
    )
  for (const [i, result] of results.entries()) {
    if (result.kind === 'inserted') {
      counts.imported++
      continue
    }
    counts.merged++
    await onIssue({
      row: kept[i]!.row,
      field: '',
      reason: `merged into row ${result.intoRow} (the same customer); not an error`,
    })
  }
}
