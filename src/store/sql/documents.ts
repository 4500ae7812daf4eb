// Configuration documents in SQL, bound to one tenant: every query is scoped by its id.
import type { Kysely } from 'kysely'
import {
  type ConfigDocument,
  type ConfigDocuments,
  DuplicateError,
  VersionConflictError,
} from '../ports/documents.ts'
import type { Page, PageRequest } from '../ports/page.ts'
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

export class SqlConfigDocuments implements ConfigDocuments {
  constructor(
    private readonly db: Kysely<Database>,
    readonly tenantId: string,
  ) {}

  private ofKind(kind: string) {
    return this.db
      .selectFrom('config_objects')
      .where('tenant_id', '=', this.tenantId)
      .where('kind', '=', kind)
  }

  async list(kind: string, page: PageRequest, search?: string): Promise<Page<ConfigDocument>> {
    // A case-insensitive substring of the id or the name; LIKE's wildcards in it are dropped.
    const needle = search ? `%${search.toLowerCase().replace(/[%_\\]/g, '')}%` : null
    const base = needle
      ? this.ofKind(kind).where((eb) =>
          eb.or([
            eb(eb.fn('lower', ['id']), 'like', needle),
            eb(eb.fn('lower', ['name']), 'like', needle),
          ]),
        )
      : this.ofKind(kind)
    const rows = await base
      .selectAll()
      .orderBy('id')
      .limit(page.limit)
      .offset(page.offset)
      .execute()
    const total = await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
    return { items: rows.map(toDocument), total: Number(total.n) }
  }

  async all(kind: string): Promise<ConfigDocument[]> {
    const rows = await this.ofKind(kind).selectAll().orderBy('id').execute()
    return rows.map(toDocument)
  }

  async get(kind: string, id: string): Promise<ConfigDocument | null> {
    const row = await this.ofKind(kind).selectAll().where('id', '=', id).executeTakeFirst()
    return row ? toDocument(row) : null
  }

  async create(
    kind: string,
    doc: { id: string; name: string; body: unknown },
    nowMs: number,
  ): Promise<ConfigDocument> {
    const row: ConfigObjectsTable = {
      tenant_id: this.tenantId,
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
    kind: string,
    id: string,
    doc: { name: string; body: unknown },
    expectedVersion: number | undefined,
    nowMs: number,
  ): Promise<ConfigDocument | null> {
    const current = await this.get(kind, id)
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
        .where('tenant_id', '=', this.tenantId)
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
    return this.get(kind, id)
  }

  async remove(kind: string, id: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('config_objects')
      .where('tenant_id', '=', this.tenantId)
      .where('kind', '=', kind)
      .where('id', '=', id)
      .executeTakeFirst()
    return Number(result.numDeletedRows) > 0
  }
}
