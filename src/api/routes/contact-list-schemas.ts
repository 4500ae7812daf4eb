// The shapes shared by the contact-list routes: limits, upload formats, the importer port, and
// how a list and an issue look in answers.
import type { Readable } from 'node:stream'
import { z } from 'zod'
import type {
  AuditLog,
  ConfigDocuments,
  ContactLists,
  ContactListView,
  ImportIssueRow,
} from '../../store/ports/api-stores.ts'
import type { ImportSink } from '../../store/ports/contact-sink.ts'

/** Largest contact file accepted in one upload. */
export const CONTACT_FILE_BYTES_MAX = 2 * 1024 * 1024 * 1024
/** Issues returned inline with the upload's answer; the rest page or download. */
export const UPLOAD_ISSUES_INLINE_MAX = 100
/** Issues written to the store at a time while importing. */
export const ISSUE_FLUSH_ROWS = 500

export const UPLOAD_CONTENT_TYPES = {
  'text/csv': 'csv',
  'application/json': 'json',
  'application/x-ndjson': 'jsonl',
  'application/jsonl': 'jsonl',
} as const
export type UploadFormat = (typeof UPLOAD_CONTENT_TYPES)[keyof typeof UPLOAD_CONTENT_TYPES]

export interface ImportOutcome {
  committed: boolean
  /** Why the whole file was refused or aborted (nothing written), when not committed. */
  error?: string
  counts: Record<string, number>
}

/** The import pipeline, bound to its mapping schema (src/import). */
export interface Importer {
  mappingSchema: z.ZodType
  run(
    input: Readable,
    format: UploadFormat,
    mapping: unknown,
    sink: ImportSink,
    context: {
      campaignId: string
      listId: string
      onIssue: (issue: ImportIssueRow) => Promise<void>
    },
  ): Promise<ImportOutcome>
}

export const listSchema = z.object({
  id: z.string(),
  campaignId: z.string(),
  name: z.string(),
  status: z.string(),
  mapping: z.unknown(),
  counts: z.record(z.string(), z.number()),
  createdAt: z.string(),
})
export const issueSchema = z.object({ row: z.number(), field: z.string(), reason: z.string() })
export const presentList = (list: ContactListView) => ({
  id: list.id,
  campaignId: list.campaignId,
  name: list.name,
  status: list.status,
  mapping: list.mapping,
  counts: list.counts,
  createdAt: new Date(list.createdAtMs).toISOString(),
})

export function csvCell(value: string | number): string {
  const text = String(value)
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

export interface ContactListDeps {
  lists: ContactLists
  sinkFor: (tenantId: string, list: ContactListView) => ImportSink
  importer: Importer
  config: ConfigDocuments
  audit: AuditLog
  nowMs: () => number
}
