// The audit log (R4.2): who changed which configuration object or acted on a campaign, newest
// first.
import type { Page } from './page.ts'

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
