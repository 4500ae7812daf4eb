// The audit log in SQL, bound to one tenant. Entries of the same millisecond keep their order by
// a sequence number that the whole process shares (AuditSequence), whichever tenant writes.
import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { AuditEntry, AuditFilter, AuditLog, AuditRecord } from '../ports/audit.ts'
import type { Page, PageRequest } from '../ports/page.ts'
import type { Database } from './schema.ts'

/** The order of audit entries written by this process, across tenants. */
export class AuditSequence {
  private seq = 0
  next(): number {
    this.seq += 1
    return this.seq
  }
}

export class SqlAuditLog implements AuditLog {
  constructor(
    private readonly db: Kysely<Database>,
    readonly tenantId: string,
    private readonly sequence: AuditSequence,
  ) {}

  async record(entry: AuditEntry, nowMs: number): Promise<void> {
    await this.db
      .insertInto('audit_log')
      .values({
        id: randomUUID(),
        tenant_id: this.tenantId,
        at: nowMs,
        seq: this.sequence.next(),
        actor_user_id: entry.actorUserId,
        action: entry.action,
        object_kind: entry.objectKind,
        object_id: entry.objectId,
        summary: JSON.stringify(entry.summary),
      })
      .execute()
  }

  async list(page: PageRequest, filter: AuditFilter = {}): Promise<Page<AuditRecord>> {
    let base = this.db.selectFrom('audit_log').where('tenant_id', '=', this.tenantId)
    if (filter.actorUserId !== undefined)
      base = base.where('actor_user_id', '=', filter.actorUserId)
    if (filter.objectKind !== undefined) base = base.where('object_kind', '=', filter.objectKind)
    if (filter.objectId !== undefined) base = base.where('object_id', '=', filter.objectId)
    if (filter.action?.endsWith('.'))
      base = base.where('action', 'like', `${filter.action.replace(/[%_\\]/g, '')}%`)
    else if (filter.action !== undefined) base = base.where('action', '=', filter.action)
    if (filter.fromMs !== undefined) base = base.where('at', '>=', filter.fromMs)
    if (filter.toMs !== undefined) base = base.where('at', '<', filter.toMs)
    const rows = await base
      .selectAll()
      .orderBy('at', 'desc')
      .orderBy('seq', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute()
    const total = await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
    return {
      items: rows.map((r) => ({
        id: r.id,
        atMs: r.at,
        actorUserId: r.actor_user_id,
        action: r.action,
        objectKind: r.object_kind,
        objectId: r.object_id,
        summary: JSON.parse(r.summary) as Record<string, unknown>,
      })),
      total: Number(total.n),
    }
  }
}
