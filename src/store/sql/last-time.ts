// The latest time the attempt log recorded, across tenants: where a restarted (possibly sped-up)
// dialer clock resumes, so leases and windows never see time run backwards.
import type { Kysely } from 'kysely'
import type { Database } from './schema.ts'

export async function lastRecordedMs(db: Kysely<Database>): Promise<number> {
  const opened = await db
    .selectFrom('attempts')
    .select((eb) => eb.fn.max('opened_at').as('t'))
    .executeTakeFirst()
  const closed = await db
    .selectFrom('attempt_results')
    .select((eb) => eb.fn.max('closed_at').as('t'))
    .executeTakeFirst()
  return Math.max(Number(opened?.t ?? 0), Number(closed?.t ?? 0))
}
