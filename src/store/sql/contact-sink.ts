// The import sink on SQL (R5.3): a batch is merged into the staging rows of its list (duplicates
// of earlier rows of the same file merge: numbers unioned in order, later fields win), commit
// moves the list's rows into `contacts` in one transaction — a customer already in the campaign
// gets the newer data — and abort deletes them. The commit happens only while the import's
// process still holds the list (a recovery may have failed it as interrupted, issue 16). DNC lookups go to the campaign's lists.
import { type Kysely, sql } from 'kysely'
import { CONTACT_NUMBERS_MAX } from '../../domain/contact.ts'
import type { ContactListView } from '../ports/contact-lists.ts'
import type { ImportedContact, ImportSink, WriteResult } from '../ports/contact-sink.ts'
import type { SqlDncLists } from './dnc.ts'
import type { ContactStagingTable, Database } from './schema.ts'

type StagedRow = Pick<
  ContactStagingTable,
  'first_row' | 'numbers' | 'fields' | 'time_zone' | 'caller_id'
>

/** Staging rows per INSERT statement (9 parameters each: within both databases' limits). */
export const STAGING_INSERT_ROWS = 500

export class SqlContactSink implements ImportSink {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly tenantId: string,
    private readonly list: ContactListView,
    private readonly dnc: SqlDncLists,
    private readonly dncListNames: () => Promise<string[]>,
    private readonly nowMs: () => number,
    /** The import's owner: the commit happens only while it still holds the list (issue 16). */
    private readonly owner: string,
  ) {}

  async dncLookup(numbers: readonly string[]): Promise<ReadonlySet<string>> {
    return this.dnc.blocked(await this.dncListNames(), numbers)
  }

  async writeBatch(batch: readonly ImportedContact[]): Promise<readonly WriteResult[]> {
    const { tenantId } = this
    const listId = this.list.id
    return this.db.transaction().execute(async (trx) => {
      const keys = [...new Set(batch.map((c) => c.dedupKey))]
      const existing = new Map<string, StagedRow>()
      if (keys.length > 0)
        for (const row of await trx
          .selectFrom('contact_staging')
          .select(['dedup_key', 'first_row', 'numbers', 'fields', 'time_zone', 'caller_id'])
          .where('tenant_id', '=', tenantId)
          .where('list_id', '=', listId)
          .where('dedup_key', 'in', keys)
          .execute())
          existing.set(row.dedup_key, row)
      const results: WriteResult[] = []
      const fresh = new Map<string, ContactStagingTable>()
      const merged = new Set<string>()
      for (const item of batch) {
        const c = item.contact
        const pending = fresh.get(item.dedupKey)
        const earlier = existing.get(item.dedupKey)
        if (pending || earlier) {
          const target = pending ?? earlier!
          const numbers = [
            ...new Set([...(JSON.parse(target.numbers) as string[]), ...c.numbers]),
          ].slice(0, CONTACT_NUMBERS_MAX)
          target.numbers = JSON.stringify(numbers)
          if (pending) {
            pending.fields = JSON.stringify(c.fields)
            pending.time_zone = c.timeZone ?? pending.time_zone
            pending.caller_id = c.callerId ?? pending.caller_id
          } else {
            merged.add(item.dedupKey)
            existing.set(item.dedupKey, {
              ...earlier!,
              fields: JSON.stringify(c.fields),
              time_zone: c.timeZone ?? earlier!.time_zone,
              caller_id: c.callerId ?? earlier!.caller_id,
            })
          }
          results.push({ kind: 'merged', intoRow: target.first_row })
          continue
        }
        fresh.set(item.dedupKey, {
          tenant_id: tenantId,
          list_id: listId,
          dedup_key: item.dedupKey,
          first_row: item.row,
          external_id: c.id,
          numbers: JSON.stringify(c.numbers),
          time_zone: c.timeZone ?? null,
          caller_id: c.callerId ?? null,
          fields: JSON.stringify(c.fields),
        })
        results.push({ kind: 'inserted' })
      }
      const rows = [...fresh.values()]
      for (let i = 0; i < rows.length; i += STAGING_INSERT_ROWS)
        await trx
          .insertInto('contact_staging')
          .values(rows.slice(i, i + STAGING_INSERT_ROWS))
          .execute()
      for (const key of merged) {
        const row = existing.get(key)!
        await trx
          .updateTable('contact_staging')
          .set({
            numbers: row.numbers,
            fields: row.fields,
            time_zone: row.time_zone,
            caller_id: row.caller_id,
          })
          .where('tenant_id', '=', tenantId)
          .where('list_id', '=', listId)
          .where('dedup_key', '=', key)
          .execute()
      }
      return results
    })
  }

  async commit(): Promise<void> {
    const { tenantId } = this
    const now = this.nowMs()
    await this.db.transaction().execute(async (trx) => {
      // A recovery may have failed this import (its lease ran out): then nothing is committed.
      const held = await trx
        .updateTable('contact_lists')
        .set({ import_owner: this.owner })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', this.list.id)
        .where('status', '=', 'importing')
        .where('import_owner', '=', this.owner)
        .executeTakeFirst()
      if (Number(held.numUpdatedRows) !== 1)
        throw new Error(
          `the import into list ${this.list.id} was taken over (failed as interrupted); nothing was committed`,
        )
      await trx
        .insertInto('contacts')
        .columns([
          'tenant_id',
          'id',
          'campaign_id',
          'list_id',
          'dedup_key',
          'numbers',
          'time_zone',
          'caller_id',
          'fields',
          'status',
          'not_before',
          'updated_at',
        ])
        .expression((eb) =>
          eb
            .selectFrom('contact_staging')
            .select((s) => [
              'tenant_id',
              s
                .fn('concat', [
                  sql<string>`cast(${`${this.list.campaignId}:`} as text)`,
                  'dedup_key',
                ])
                .as('id'),
              sql<string>`cast(${this.list.campaignId} as text)`.as('campaign_id'),
              'list_id',
              'dedup_key',
              'numbers',
              'time_zone',
              'caller_id',
              'fields',
              sql<string>`cast(${'pending'} as text)`.as('status'),
              sql<number>`cast(${0} as bigint)`.as('not_before'),
              sql<number>`cast(${now} as bigint)`.as('updated_at'),
            ])
            .where('tenant_id', '=', tenantId)
            .where('list_id', '=', this.list.id),
        )
        .onConflict((oc) =>
          oc.columns(['tenant_id', 'campaign_id', 'dedup_key']).doUpdateSet((eb) => ({
            numbers: eb.ref('excluded.numbers'),
            fields: eb.ref('excluded.fields'),
            time_zone: eb.ref('excluded.time_zone'),
            caller_id: eb.ref('excluded.caller_id'),
            list_id: eb.ref('excluded.list_id'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .execute()
      await trx
        .deleteFrom('contact_staging')
        .where('tenant_id', '=', tenantId)
        .where('list_id', '=', this.list.id)
        .execute()
    })
  }

  async abort(): Promise<void> {
    await this.db
      .deleteFrom('contact_staging')
      .where('tenant_id', '=', this.tenantId)
      .where('list_id', '=', this.list.id)
      .execute()
  }
}
