// The runtime's durable ports (leases, attempts before the dial, exactly-once close, recovery of
// a crashed process's attempts as UNKNOWN) on SQLite and PostgreSQL: the same contract suite the
// in-memory store passes. Each case runs in a fresh tenant of one database, so the suite also
// shows that one tenant's leases never reach another's contacts.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe } from 'vitest'
import { SqlAccounts } from '../../src/store/sql/accounts.ts'
import { SqlAgentStates } from '../../src/store/sql/agent-states.ts'
import { SqlDialerStore } from '../../src/store/sql/dialer-store.ts'
import { type OpenedDb, openDb } from '../../src/store/sql/open.ts'
import { describeAgentStateLogContract } from '../support/agent-state-contract.ts'
import { describeDialerStoreContract } from '../support/store-contract.ts'
import { createTestDatabase, type TestDatabase } from './pg.ts'

for (const dialect of ['sqlite', 'postgres'] as const) {
  describe(`SQL dialer store on ${dialect}`, () => {
    let db: OpenedDb | null = null
    let pg: TestDatabase | null = null
    beforeAll(async () => {
      if (dialect === 'postgres') {
        pg = await createTestDatabase()
        if (!pg) return
      }
      db = await openDb(pg ? { databaseUrl: pg.url } : { sqliteFile: ':memory:' })
    })
    afterAll(async () => {
      await db?.close()
      await pg?.drop()
    })
    describeAgentStateLogContract(dialect, async () => {
      if (!db) throw new Error(`${dialect} is not available`)
      const tenantId = `t-${randomUUID()}`
      await new SqlAccounts(db.db).ensureTenant(tenantId, 'contract', 0)
      return new SqlAgentStates(db.db, tenantId)
    })
    describeDialerStoreContract(dialect, async () => {
      if (!db) throw new Error(`${dialect} is not available`)
      const tenantId = `t-${randomUUID()}`
      await new SqlAccounts(db.db).ensureTenant(tenantId, 'contract', 0)
      const store = new SqlDialerStore(db.db, tenantId, db.dialect)
      return {
        contacts: store,
        attempts: store,
        addContacts: async (contacts, notBeforeMs = 0) => {
          await db!.db
            .insertInto('contacts')
            .values(
              contacts.map((c) => ({
                tenant_id: tenantId,
                id: c.id,
                campaign_id: c.campaignId,
                list_id: 'contract',
                dedup_key: c.id,
                numbers: JSON.stringify(c.numbers),
                time_zone: c.timeZone ?? null,
                caller_id: c.callerId ?? null,
                fields: JSON.stringify(c.fields),
                status: 'pending',
                not_before: notBeforeMs,
                lease_owner: null,
                lease_until: null,
                disposition: null,
                updated_at: 0,
              })),
            )
            .execute()
        },
      }
    })
  })
}
