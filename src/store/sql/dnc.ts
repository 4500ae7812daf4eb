// DNC lists in SQL, bound to one tenant: numbers one at a time, whole lists loaded from a file
// (dnc-load.ts), and the scrub lookup of the contact import.
import type { Kysely } from 'kysely'
import type { DncEntry, DncFiles, DncListLoad, DncListMeta, DncLists } from '../ports/dnc.ts'
import { DuplicateError } from '../ports/documents.ts'
import type { Page, PageRequest } from '../ports/page.ts'
import { dncListInfo, dncListsAll, replaceDncList } from './dnc-load.ts'
import { isUniqueViolation } from './open.ts'
import type { Database, DncNumbersTable } from './schema.ts'

const toEntry = (row: DncNumbersTable): DncEntry => ({
  listName: row.list_name,
  phoneNumber: row.phone_number,
  source: row.source,
  reason: row.reason,
  addedAtMs: row.added_at,
})

export class SqlDncLists implements DncLists, DncFiles {
  constructor(
    private readonly db: Kysely<Database>,
    readonly tenantId: string,
  ) {}

  async add(entry: Omit<DncEntry, 'addedAtMs'>, nowMs: number): Promise<DncEntry> {
    try {
      await this.db
        .insertInto('dnc_numbers')
        .values({
          tenant_id: this.tenantId,
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

  async get(listName: string, phoneNumber: string): Promise<DncEntry | null> {
    const row = await this.db
      .selectFrom('dnc_numbers')
      .selectAll()
      .where('tenant_id', '=', this.tenantId)
      .where('list_name', '=', listName)
      .where('phone_number', '=', phoneNumber)
      .executeTakeFirst()
    return row ? toEntry(row) : null
  }

  async remove(listName: string, phoneNumber: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('dnc_numbers')
      .where('tenant_id', '=', this.tenantId)
      .where('list_name', '=', listName)
      .where('phone_number', '=', phoneNumber)
      .executeTakeFirst()
    return Number(result.numDeletedRows) > 0
  }

  async list(listName: string, page: PageRequest): Promise<Page<DncEntry>> {
    const base = this.db
      .selectFrom('dnc_numbers')
      .where('tenant_id', '=', this.tenantId)
      .where('list_name', '=', listName)
    const rows = await base
      .selectAll()
      .orderBy('phone_number')
      .limit(page.limit)
      .offset(page.offset)
      .execute()
    const total = await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
    return { items: rows.map(toEntry), total: Number(total.n) }
  }

  info(name: string): Promise<DncListMeta> {
    return dncListInfo(this.db, this.tenantId, name)
  }

  all(): Promise<DncListMeta[]> {
    return dncListsAll(this.db, this.tenantId)
  }

  replace(list: DncListLoad, batches: AsyncIterable<string[]>, nowMs: number): Promise<number> {
    return replaceDncList(this.db, this.tenantId, list, batches, nowMs)
  }

  /** Of these numbers, the ones on any of the tenant's lists named (R5.4 scrubbing). */
  async blocked(listNames: readonly string[], numbers: readonly string[]): Promise<Set<string>> {
    if (listNames.length === 0 || numbers.length === 0) return new Set()
    const rows = await this.db
      .selectFrom('dnc_numbers')
      .select('phone_number')
      .where('tenant_id', '=', this.tenantId)
      .where('list_name', 'in', [...listNames])
      .where('phone_number', 'in', [...numbers])
      .execute()
    return new Set(rows.map((r) => r.phone_number))
  }
}
