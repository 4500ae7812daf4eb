// The port between the contact-list import pipeline (R5.3, R5.4) and the store that keeps the
// contacts. The pipeline parses, validates and normalises rows; the sink writes them, merges
// duplicates (by `dedupKey`) and answers DNC lookups. A sink writes everything of one import in a
// way that is all-or-nothing: `commit` makes the list's rows visible, `abort` leaves nothing behind.
import type { Contact } from '../../domain/contact.ts'

/** A contact ready to store: the engine's Contact plus where it came from in the file. */
export interface ImportedContact {
  /** 1-based data row in the file (the header row of a CSV is row 0). */
  row: number
  /** Key that identifies the same customer: the external id column if mapped, else the first number. */
  dedupKey: string
  contact: Contact
}

/** What the sink did with one contact of a batch, in the batch's order. */
export type WriteResult = { kind: 'inserted' } | { kind: 'merged'; intoRow: number }

export interface ImportSink {
  /** Of these E.164 numbers, the ones on any DNC list in force for the campaign (internal or national). */
  dncLookup(numbers: readonly string[]): Promise<ReadonlySet<string>>
  /** Writes one batch (at most IMPORT_BATCH_ROWS contacts); duplicates of earlier rows are merged. */
  writeBatch(batch: readonly ImportedContact[]): Promise<readonly WriteResult[]>
  /** Makes every written row visible at once. */
  commit(): Promise<void>
  /** Discards every written row (a failed or cancelled import leaves nothing half-written). */
  abort(): Promise<void>
}

/** Rows handed to `writeBatch` at a time: bounds the memory an import holds. */
export const IMPORT_BATCH_ROWS = 1000
