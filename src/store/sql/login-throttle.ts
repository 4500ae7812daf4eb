// Failed-login counters in the database (issue 16): every server process on the same database
// sees the same counts and blocks. One row per key; a count restarts after a quiet period, and
// rows quiet for that long are deleted as new failures arrive.
import { type Kysely, sql } from 'kysely'
import type { LoginThrottleStore } from '../ports/accounts.ts'
import type { Database } from './schema.ts'

export class SqlLoginThrottle implements LoginThrottleStore {
  constructor(private readonly db: Kysely<Database>) {}

  async blockedUntil(keys: readonly string[], nowMs: number): Promise<number> {
    if (keys.length === 0) return 0
    const rows = await this.db
      .selectFrom('login_throttle')
      .select('blocked_until')
      .where('key', 'in', [...keys])
      .where('blocked_until', '>', nowMs)
      .execute()
    return rows.reduce((latest, row) => Math.max(latest, Number(row.blocked_until)), 0)
  }

  async countFailure(key: string, nowMs: number, forgetAfterMs: number): Promise<number> {
    const forgetBefore = nowMs - forgetAfterMs
    await this.db.deleteFrom('login_throttle').where('last_failure_at', '<', forgetBefore).execute()
    const row = await this.db
      .insertInto('login_throttle')
      .values({ key, failures: 1, last_failure_at: nowMs, blocked_until: 0 })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          failures: sql<number>`login_throttle.failures + 1`,
          last_failure_at: nowMs,
        }),
      )
      .returning('failures')
      .executeTakeFirstOrThrow()
    return Number(row.failures)
  }

  async block(key: string, untilMs: number): Promise<void> {
    await this.db
      .updateTable('login_throttle')
      .set({ blocked_until: untilMs })
      .where('key', '=', key)
      .where('blocked_until', '<', untilMs)
      .execute()
  }

  async clear(key: string): Promise<void> {
    await this.db.deleteFrom('login_throttle').where('key', '=', key).execute()
  }
}
