// Contact lists (R5.3, R10.3): a list per upload with its column mapping and status, the per-row
// report of its import, expiry and closing one contact.
import type { Page } from './page.ts'

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

/** Contact lists (R5.3, R10.3) and the per-row reports of their imports. */
export interface ContactLists {
  create(
    tenantId: string,
    list: { campaignId: string; name: string; mapping: unknown },
    nowMs: number,
  ): Promise<ContactListView>
  get(tenantId: string, listId: string): Promise<ContactListView | null>
  list(
    tenantId: string,
    campaignId: string | undefined,
    page: { limit: number; offset: number },
  ): Promise<Page<ContactListView>>
  /** Marks the list importing; false when it is not awaiting an upload (one upload per list). */
  beginImport(tenantId: string, listId: string): Promise<boolean>
  finishImport(
    tenantId: string,
    listId: string,
    ok: boolean,
    counts: Record<string, number>,
  ): Promise<void>
  appendIssues(tenantId: string, listId: string, issues: readonly ImportIssueRow[]): Promise<void>
  issues(
    tenantId: string,
    listId: string,
    page: { limit: number; offset: number },
  ): Promise<Page<ImportIssueRow>>
  /** Every issue of the list, in row order, for the CSV report (streamed). */
  allIssues(tenantId: string, listId: string): AsyncIterable<ImportIssueRow>
  /** Expired lists are never dialled again; their contacts stay for reports. */
  expire(tenantId: string, listId: string, nowMs: number): Promise<boolean>
  /** Closes one contact: it is never dialled again (R10.3). */
  closeContact(tenantId: string, contactId: string, nowMs: number): Promise<boolean>
}
