// Contact lists (R5.3, R10.3): a list per upload with its column mapping and status, the per-row
// report of its import, expiry and closing one contact. Bound to one tenant.
import type { Page, PageRequest } from './page.ts'

export interface ContactListView {
  id: string
  campaignId: string
  name: string
  status: 'awaiting-upload' | 'importing' | 'ready' | 'expired' | 'failed'
  /** The column mapping and options given at creation (the importer's schema). */
  mapping: unknown
  counts: Record<string, number>
  createdAtMs: number
}

export interface ImportIssueRow {
  row: number
  field: string
  reason: string
}

/** Contact lists and the per-row reports of their imports. */
export interface ContactLists {
  create(
    list: { campaignId: string; name: string; mapping: unknown },
    nowMs: number,
  ): Promise<ContactListView>
  get(listId: string): Promise<ContactListView | null>
  list(campaignId: string | undefined, page: PageRequest): Promise<Page<ContactListView>>
  /** Marks the list importing; false when it is not awaiting an upload (one upload per list). */
  beginImport(listId: string): Promise<boolean>
  finishImport(listId: string, ok: boolean, counts: Record<string, number>): Promise<void>
  appendIssues(listId: string, issues: readonly ImportIssueRow[]): Promise<void>
  issues(listId: string, page: PageRequest): Promise<Page<ImportIssueRow>>
  /** Every issue of the list, in row order, for the CSV report (streamed). */
  allIssues(listId: string): AsyncIterable<ImportIssueRow>
  /** Expired lists are never dialled again; their contacts stay for reports. */
  expire(listId: string, nowMs: number): Promise<boolean>
  /** Closes one contact: it is never dialled again (R10.3). */
  closeContact(contactId: string, nowMs: number): Promise<boolean>
}
