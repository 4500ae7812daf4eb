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

/** Narrows the log: each given field must match (times in ms, `fromMs` ≤ at < `toMs`). */
export interface AuditFilter {
  actorUserId?: string
  objectKind?: string
  /** Exact action (`team.update`) or a prefix ending in a dot (`team.`). */
  action?: string
  objectId?: string
  fromMs?: number
  toMs?: number
}

export interface AuditLog {
  record(entry: AuditEntry, nowMs: number): Promise<void>
  list(page: PageRequest, filter?: AuditFilter): Promise<Page<AuditRecord>>
}
