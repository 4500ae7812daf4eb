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
  /** Why the last import failed (status `failed`), e.g. its process ended mid-file. */
  failure: string | null
}

/** The process running an import and until when it holds the list (issue 16). */
export interface ImportClaim {
  owner: string
  untilMs: number
}

/** An import found interrupted (its process died or its lease ran out) and failed. */
export interface InterruptedImport {
  listId: string
  owner: string | null
  stagedRows: number
  failure: string
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
  /**
   * Marks the list importing under `claim`; false when it neither awaits an upload nor failed (a
   * list holds one successful upload). A failed list's earlier issues are dropped first.
   */
  beginImport(listId: string, claim: ImportClaim): Promise<boolean>
  /** Extends the claim while the import reads; false when the list is no longer this owner's. */
  renewImport(listId: string, claim: ImportClaim): Promise<boolean>
  /** Ends `owner`'s import (a list another owner now holds is left alone). */
  finishImport(
    listId: string,
    owner: string,
    ok: boolean,
    counts: Record<string, number>,
    failure?: string,
  ): Promise<void>
  /** The owners of the imports in progress. */
  importOwners(): Promise<string[]>
  /**
   * Fails every import in progress whose owner is among `deadOwners` or whose claim ran out
   * before `nowMs`, with the reason, and drops its staged rows; the list takes a new upload.
   */
  failInterruptedImports(nowMs: number, deadOwners: readonly string[]): Promise<InterruptedImport[]>
  appendIssues(listId: string, issues: readonly ImportIssueRow[]): Promise<void>
  issues(listId: string, page: PageRequest): Promise<Page<ImportIssueRow>>
  /** Every issue of the list, in row order, for the CSV report (streamed). */
  allIssues(listId: string): AsyncIterable<ImportIssueRow>
  /** Expired lists are never dialled again; their contacts stay for reports. */
  expire(listId: string, nowMs: number): Promise<boolean>
  /** Closes one contact: it is never dialled again (R10.3). */
  closeContact(contactId: string, nowMs: number): Promise<boolean>
}
