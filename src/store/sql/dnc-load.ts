// Loading a whole DNC list from a file (R5.4: the national list is loaded from a file and
// refreshed, and its load date is kept). The numbers stream in; the list's numbers are replaced
// in one transaction, so a failed load leaves the previous list whole.
import type { Kysely } from 'kysely'
import type { NationalDncRegion } from '../../domain/compliance-profile.ts'
import type { DncListLoad, DncListMeta } from '../ports/dnc.ts'
import type { Database } from './schema.ts'

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
  const national = meta?.kind === 'national'
  return {
    name,
    kind: national ? 'national' : 'internal',
    region: national ? ((meta?.region ?? 'US') as NationalDncRegion) : null,
    loadedAtMs: meta?.loaded_at ?? null,
    count: Number(count.n),
  }
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
