// What the HTTP layer needs from the store, as narrow interfaces: the SQL store implements them
// (src/store/sql), and the routes never see SQL. The running dialer's interfaces are the
// runtime's (src/runtime/control.ts).
import type { Principal, Role } from '../../api/auth.ts'

export interface ConfigDocument {
  id: string
  name: string
  body: unknown
  version: number
  createdAtMs: number
  updatedAtMs: number
}

export interface Page<T> {
  items: T[]
  total: number
}

export class DuplicateError extends Error {}
export class VersionConflictError extends Error {}

export interface ConfigDocuments {
  list(
    tenantId: string,
    kind: string,
    page: { limit: number; offset: number },
  ): Promise<Page<ConfigDocument>>
  /** Every document of a kind (reference checks; kinds are bounded by their own limits). */
  all(tenantId: string, kind: string): Promise<ConfigDocument[]>
  get(tenantId: string, kind: string, id: string): Promise<ConfigDocument | null>
  /** Throws DuplicateError when the id or name is taken. */
  create(
    tenantId: string,
    kind: string,
    doc: { id: string; name: string; body: unknown },
    nowMs: number,
  ): Promise<ConfigDocument>
  /** Throws VersionConflictError when `expectedVersion` is stale; null when absent. */
  update(
    tenantId: string,
    kind: string,
    id: string,
    doc: { name: string; body: unknown },
    expectedVersion: number | undefined,
    nowMs: number,
  ): Promise<ConfigDocument | null>
  remove(tenantId: string, kind: string, id: string): Promise<boolean>
}

export interface AuditEntry {
  actorUserId: string
  action: string
  objectKind: string
  objectId: string
  /** Never personal data: ids, names of configuration objects, counts. */
  summary: Record<string, unknown>
}

export interface AuditLog {
  record(tenantId: string, entry: AuditEntry, nowMs: number): Promise<void>
  list(
    tenantId: string,
    page: { limit: number; offset: number },
  ): Promise<Page<AuditEntry & { id: string; atMs: number }>>
}

export interface UserView {
  id: string
  username: string
  role: Role
  agentId: string | null
  disabled: boolean
}

export interface IssuedToken {
  id: string
  token: string
  expiresAtMs: number
}

export interface IssuedSession {
  sessionId: string
  csrfToken: string
  expiresAtMs: number
}

/** Users, passwords, tokens and sessions. */
export interface Accounts {
  /** The user's principal when the password matches and the user is enabled; else null. */
  login(username: string, password: string, nowMs: number): Promise<Principal | null>
  issueToken(principal: Principal, name: string, ttlMs: number, nowMs: number): Promise<IssuedToken>
  createSession(principal: Principal, ttlMs: number, nowMs: number): Promise<IssuedSession>
  endSession(sessionId: string): Promise<void>
  listUsers(tenantId: string, page: { limit: number; offset: number }): Promise<Page<UserView>>
  createUser(
    tenantId: string,
    user: { username: string; password: string; role: Role; agentId: string | null },
    nowMs: number,
  ): Promise<UserView>
  setUserDisabled(tenantId: string, userId: string, disabled: boolean): Promise<UserView | null>
}

export interface DncEntry {
  listName: string
  phoneNumber: string
  source: string
  reason: string
  addedAtMs: number
}

/** Internal and national do-not-call lists (R5.4, R10.3). */
export interface DncLists {
  /** Throws DuplicateError when the number is already on the list. */
  add(tenantId: string, entry: Omit<DncEntry, 'addedAtMs'>, nowMs: number): Promise<DncEntry>
  get(tenantId: string, listName: string, phoneNumber: string): Promise<DncEntry | null>
  remove(tenantId: string, listName: string, phoneNumber: string): Promise<boolean>
  list(
    tenantId: string,
    listName: string,
    page: { limit: number; offset: number },
  ): Promise<Page<DncEntry>>
}

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

export interface AttemptView {
  id: string
  campaignId: string
  contactId: string
  number: string
  agentId: string | null
  openedAtMs: number
  closedAtMs: number | null
  outcome: string | null
  details: Record<string, unknown>
}

/** The append-only attempt log as reports read it (R9.1). */
export interface AttemptReports {
  list(
    tenantId: string,
    filter: { campaignId?: string; contactId?: string; agentId?: string },
    page: { limit: number; offset: number },
  ): Promise<Page<AttemptView>>
  countsByOutcome(tenantId: string, campaignId: string): Promise<Record<string, number>>
}

export interface DncListMeta {
  name: string
  kind: 'internal' | 'national'
  loadedAtMs: number | null
  count: number
}

/** Whole-list loads of DNC files (R5.4: the national list is loaded from a file and refreshed). */
export interface DncFiles {
  info(tenantId: string, name: string): Promise<DncListMeta>
  /** Replaces the list's numbers atomically with the streamed batches; the new count. */
  replace(
    tenantId: string,
    list: { name: string; kind: 'internal' | 'national'; source: string },
    batches: AsyncIterable<string[]>,
    nowMs: number,
  ): Promise<number>
}

export interface SavedAnswers {
  attemptId: string
  formId: string
  agentId: string | null
  answers: Record<string, string | number | boolean>
  savedAtMs: number
}

/** Call-guide answers stored with their attempt (R5.6). */
export interface CallGuideAnswers {
  /** The attempt's campaign and the agent who handled it; null when there is no such attempt. */
  attempt(
    tenantId: string,
    attemptId: string,
  ): Promise<{ campaignId: string; agentId: string | null } | null>
  save(tenantId: string, answers: SavedAnswers): Promise<void>
  get(tenantId: string, attemptId: string): Promise<SavedAnswers | null>
}
