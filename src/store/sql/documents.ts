// Configuration documents, the audit log and DNC lists in SQL, scoped by tenant on every query.
import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { AuditEntry, AuditLog } from '../ports/audit.ts'
import type { DncEntry, DncFiles, DncListMeta, DncLists } from '../ports/dnc.ts'
import {
  type ConfigDocument,
  type ConfigDocuments,
  DuplicateError,
  VersionConflictError,
} from '../ports/documents.ts'
import type { Page } from '../ports/page.ts'
import { dncListInfo, replaceDncList } from './dnc-load.ts'
import { isUniqueViolation } from './open.ts'
import type { ConfigObjectsTable, Database } from './schema.ts'

const toDocument = (row: ConfigObjectsTable): ConfigDocument => ({
  id: row.id,
  name: row.name,
  body: JSON.parse(row.body),
  version: row.version,
  createdAtMs: row.created_at,
  updatedAtMs: row.updated_at,
})

const count = (n: unknown) => Number(n)

export class SqlConfigDocuments implements ConfigDocuments {
  constructor(private readonly db: Kysely<Database>) {}

  async list(
    tenantId: string,
    kind: string,
    page: { limit: number; offset: number },
  ): Promise<Page<ConfigDocument>> {
    const base = this.db
      .selectFrom('config_objects')
      .where('tenant_id', '=', tenantId)
      .where('kind', '=', kind)
    const rows = await base
      .selectAll()
      .orderBy('id')
      .limit(page.limit)
      .offset(page.offset)
      .execute()
    const total = await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
    return { items: rows.map(toDocument), total: count(total.n) }
  }

  async all(tenantId: string, kind: string): Promise<ConfigDocument[]> {
    const rows = await this.db
      .selectFrom('config_objects')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('kind', '=', kind)
      .orderBy('id')
      .execute()
    return rows.map(toDocument)
  }

  async get(tenantId: string, kind: string, id: string): Promise<ConfigDocument | null> {
    const row = await this.db
      .selectFrom('config_objects')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('kind', '=', kind)
      .where('id', '=', id)
      .executeTakeFirst()
    return row ? toDocument(row) : null
  }

  async create(
    tenantId: string,
    kind: string,
    doc: { id: string; name: string; body: unknown },
    nowMs: number,
  ): Promise<ConfigDocument> {
    const row: ConfigObjectsTable = {
      tenant_id: tenantId,
      kind,
      id: doc.id,
      name: doc.name,
      body: JSON.stringify(doc.body),
      version: 1,
      created_at: nowMs,
      updated_at: nowMs,
    }
    try {
      await this.db.insertInto('config_objects').values(row).execute()
    } catch (error) {
      if (isUniqueViolation(error)) throw new DuplicateError(`${kind} ${doc.id} exists`)
      throw error
    }
    return toDocument(row)
  }

  async update(
    tenantId: string,
    kind: string,
    id: string,
    doc: { name: string; body: unknown },
    expectedVersion: number | undefined,
    nowMs: number,
  ): Promise<ConfigDocument | null> {
    const current = await this.get(tenantId, kind, id)
    if (!current) return null
    if (expectedVersion !== undefined && expectedVersion !== current.version)
      throw new VersionConflictError(`${kind} ${id} is at version ${current.version}`)
    try {
      const result = await this.db
        .updateTable('config_objects')
        .set({
          name: doc.name,
          body: JSON.stringify(doc.body),
          version: current.version + 1,
          updated_at: nowMs,
        })
        .where('tenant_id', '=', tenantId)
        .where('kind', '=', kind)
        .where('id', '=', id)
        .where('version', '=', current.version)
        .executeTakeFirst()
      if (Number(result.numUpdatedRows) === 0)
        throw new VersionConflictError(`${kind} ${id} changed meanwhile`)
    } catch (error) {
      if (isUniqueViolation(error)) throw new DuplicateError(`another ${kind} is named ${doc.name}`)
      throw error
    }
    return this.get(tenantId, kind, id)
  }

  async remove(tenantId: string, kind: string, id: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('config_objects')
      .where('tenant_id', '=', tenantId)
      .where('kind', '=', kind)
      .where('id', '=', id)
      .executeTakeFirst()
    return Number(result.numDeletedRows) > 0
  }
}

export class SqlAuditLog implements AuditLog {
  private seq = 0
  constructor(private readonly db: Kysely<Database>) {}

  async record(tenantId: string, entry: AuditEntry, nowMs: number): Promise<void> {
    this.seq += 1
    await this.db
      .insertInto('audit_log')
      .values({
        id: randomUUID(),
        tenant_id: tenantId,
        at: nowMs,
        seq: this.seq,
        actor_user_id: entry.actorUserId,
        action: entry.action,
        object_kind: entry.objectKind,
        object_id: entry.objectId,
        summary: JSON.stringify(entry.summary),
      })
      .execute()
  }

  async list(
    tenantId: string,
    page: { limit: number; offset: number },
  ): Promise<Page<AuditEntry & { id: string; atMs: number }>> {
    const base = this.db.selectFrom('audit_log').where('tenant_id', '=', tenantId)
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
      total: count(total.n),
    }
  }
}

export class SqlDncLists implements DncLists, DncFiles {
  constructor(private readonly db: Kysely<Database>) {}

  async add(
    tenantId: string,
    entry: Omit<DncEntry, 'addedAtMs'>,
    nowMs: number,
  ): Promise<DncEntry> {
    try {
      await this.db
        .insertInto('dnc_numbers')
        .values({
          tenant_id: tenantId,
          list_name: entry.listName,
          phone_number: entry.phoneNumber,
          source: entry.source,
          reason: entry.reason,
          added_at: nowMs,
        })
        .execute()
    } catch (error) {
      if (isUniqueViolation(error))
        throw new DuplicateError(`${entry.phoneNumber} is on ${entry.listName}`)
      throw error
    }
    return { ...entry, addedAtMs: nowMs }
  }

  async get(tenantId: string, listName: string, phoneNumber: string): Promise<DncEntry | null> {
    const row = await this.db
      .selectFrom('dnc_numbers')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('list_name', '=', listName)
      .where('phone_number', '=', phoneNumber)
      .executeTakeFirst()
    return row
      ? {
          listName: row.list_name,
          phoneNumber: row.phone_number,
          source: row.source,
          reason: row.reason,
          addedAtMs: row.added_at,
        }
      : null
  }

  async remove(tenantId: string, listName: string, phoneNumber: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('dnc_numbers')
      .where('tenant_id', '=', tenantId)
      .where('list_name', '=', listName)
      .where('phone_number', '=', phoneNumber)
      .executeTakeFirst()
    return Number(result.numDeletedRows) > 0
  }

  async list(
    tenantId: string,
    listName: string,
    page: { limit: number; offset: number },
  ): Promise<Page<DncEntry>> {
    const base = this.db
      .selectFrom('dnc_numbers')
      .where('tenant_id', '=', tenantId)
      .where('list_name', '=', listName)
    const rows = await base
      .selectAll()
      .orderBy('phone_number')
      .limit(page.limit)
      .offset(page.offset)
      .execute()
    const total = await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
    return {
      items: rows.map((row) => ({
        listName: row.list_name,
        phoneNumber: row.phone_number,
        source: row.source,
        reason: row.reason,
        addedAtMs: row.added_at,
      })),
      total: count(total.n),
    }
  }

  info(tenantId: string, name: string): Promise<DncListMeta> {
    return dncListInfo(this.db, tenantId, name)
  }

  replace(
    tenantId: string,
    list: { name: string; kind: 'internal' | 'national'; source: string },
    batches: AsyncIterable<string[]>,
    nowMs: number,
  ): Promise<number> {
    return replaceDncList(this.db, tenantId, list, batches, nowMs)
  }

  /** Of these numbers, the ones on any of the tenant's lists named (R5.4 scrubbing). */
  async blocked(
    tenantId: string,
    listNames: readonly string[],
    numbers: readonly string[],
  ): Promise<Set<string>> {
    if (listNames.length === 0 || numbers.length === 0) return new Set()
    const rows = await this.db
      .selectFrom('dnc_numbers')
      .select('phone_number')
      .where('tenant_id', '=', tenantId)
      .where('list_name', 'in', [...listNames])
      .where('phone_number', 'in', [...numbers])
      .execute()
    return new Set(rows.map((r) => r.phone_number))
  }
}
