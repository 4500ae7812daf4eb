// Loading a whole DNC list from a file (R5.4: the national list is loaded from a file and
// refreshed, and its load date is kept). The numbers stream in; the list's numbers are replaced
// in one transaction, so a failed load leaves the previous list whole.
import type { Kysely } from 'kysely'
import type { NationalDncRegion } from '../../domain/compliance-profile.ts'
import type { DncListLoad, DncListMeta } from '../ports/dnc.ts'
import type { Database, DncListsTable } from './schema.ts'

export async function dncListInfo(
  db: Kysely<Database>,
  tenantId: string,
  name: string,
): Promise<DncListMeta> {
  const meta = await db
    .selectFrom('dnc_lists')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('name', '=', name)
    .executeTakeFirst()
  const count = await db
    .selectFrom('dnc_numbers')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('tenant_id', '=', tenantId)
    .where('list_name', '=', name)
    .executeTakeFirstOrThrow()
  return metaOf(name, meta, Number(count.n))
}

/** A list as answered: one never loaded from a file is internal. */
function metaOf(
  name: string,
  row: Pick<DncListsTable, 'kind' | 'region' | 'loaded_at'> | undefined,
  count: number,
): DncListMeta {
  const national = row?.kind === 'national'
  return {
    name,
    kind: national ? 'national' : 'internal',
    region: national ? ((row?.region ?? 'US') as NationalDncRegion) : null,
    loadedAtMs: row?.loaded_at ?? null,
    count,
  }
}

/** Every list of the tenant: those loaded from a file and those holding numbers, by name. */
export async function dncListsAll(db: Kysely<Database>, tenantId: string): Promise<DncListMeta[]> {
  const metas = await db
    .selectFrom('dnc_lists')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .execute()
  const counts = await db
    .selectFrom('dnc_numbers')
    .select(['list_name', (eb) => eb.fn.countAll().as('n')])
    .where('tenant_id', '=', tenantId)
    .groupBy('list_name')
    .execute()
  const countOf = new Map(counts.map((c) => [c.list_name, Number(c.n)]))
  const names = [...new Set([...metas.map((m) => m.name), ...countOf.keys()])].sort()
  return names.map((name) =>
    metaOf(
      name,
      metas.find((m) => m.name === name),
      countOf.get(name) ?? 0,
    ),
  )
}

/**
 * Replaces the list's numbers with `numbers` (already validated E.164, duplicates allowed) and
 * records the load time. Returns how many distinct numbers the list now holds.
 */
export async function replaceDncList(
  db: Kysely<Database>,
  tenantId: string,
  list: DncListLoad,
  numbers: AsyncIterable<string[]>,
  nowMs: number,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await trx
      .deleteFrom('dnc_numbers')
      .where('tenant_id', '=', tenantId)
      .where('list_name', '=', list.name)
      .execute()
    for await (const batch of numbers) {
      if (batch.length === 0) continue
      await trx
        .insertInto('dnc_numbers')
        .values(
          [...new Set(batch)].map((phone) => ({
            tenant_id: tenantId,
            list_name: list.name,
            phone_number: phone,
            source: list.source,
            reason: list.kind === 'national' ? 'national do-not-call register' : 'loaded from file',
            added_at: nowMs,
          })),
        )
        .onConflict((oc) => oc.columns(['tenant_id', 'list_name', 'phone_number']).doNothing())
        .execute()
    }
    await trx
      .deleteFrom('dnc_lists')
      .where('tenant_id', '=', tenantId)
      .where('name', '=', list.name)
      .execute()
    await trx
      .insertInto('dnc_lists')
      .values({
        tenant_id: tenantId,
        name: list.name,
        kind: list.kind,
        loaded_at: nowMs,
        region: list.kind === 'national' ? (list.region ?? 'US') : null,
      })
      .execute()
    const count = await trx
      .selectFrom('dnc_numbers')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('tenant_id', '=', tenantId)
      .where('list_name', '=', list.name)
      .executeTakeFirstOrThrow()
    return Number(count.n)
  })
}
