// The shapes shared by the contact-list routes: limits, upload formats, what the routes need, and
// how a list and an issue look in answers.
import { z } from 'zod'
import type { ImportFormat } from '../../import/records.ts'
import type { ContactImport } from '../../import/service.ts'
import type { ContactListView } from '../../store/ports/contact-lists.ts'

/** Largest contact file accepted in one upload. */
export const CONTACT_FILE_BYTES_MAX = 2 * 1024 * 1024 * 1024
/** Issues returned inline with the upload's answer; the rest page or download. */
export const UPLOAD_ISSUES_INLINE_MAX = 100

export const UPLOAD_CONTENT_TYPES = {
  'text/csv': 'csv',
  'application/json': 'json',
  'application/x-ndjson': 'jsonl',
  'application/jsonl': 'jsonl',
} as const satisfies Record<string, ImportFormat>

export const listSchema = z.object({
  id: z.string(),
  campaignId: z.string(),
  name: z.string(),
  status: z.string(),
  mapping: z.unknown(),
  counts: z.record(z.string(), z.number()),
  createdAt: z.string(),
  /** Why the last import failed (status `failed`): an unreadable file, or its process ended. */
  failure: z.string().nullable(),
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
  failure: list.failure,
})

export function csvCell(value: string | number): string {
  const text = String(value)
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

export interface ContactListDeps {
  imports: ContactImport
  nowMs: () => number
}
