// The audit log (R4.2): who changed which configuration object or acted on a campaign, newest
// first. Bound to one tenant.
import type { Page, PageRequest } from './page.ts'

export interface AuditEntry {
  actorUserId: string
  action: string
  objectKind: string
  objectId: string
  /** Never personal data: ids, names of configuration objects, counts. */
  summary: Record<string, unknown>
}

export interface AuditRecord extends AuditEntry {
  id: string
  atMs: number
}

export interface AuditLog {
  record(entry: AuditEntry, nowMs: number): Promise<void>
  list(page: PageRequest): Promise<Page<AuditRecord>>
}
