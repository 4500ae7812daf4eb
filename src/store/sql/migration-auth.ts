// Issue 16 (accounts): usernames unique per tenant instead of across tenants; a credentials epoch
// per user that every token and session carries (raising it revokes them all at once, also a
// token being issued at that moment); and the login throttle's counters, shared by every process.
import { type Kysely, type Migration, SqliteAdapter, sql } from 'kysely'

const bigint = 'bigint' as const

/** SQLite cannot drop a column's UNIQUE: the users table is rebuilt, foreign keys off meanwhile. */
async function rebuildSqliteUsers(db: Kysely<unknown>): Promise<void> {
  await sql`PRAGMA foreign_keys = OFF`.execute(db)
  try {
    await db.transaction().execute(async (trx) => {
      await trx.schema
        .createTable('users_new')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('username', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('agent_id', 'text')
        .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', bigint, (c) => c.notNull())
        .addColumn('credentials_epoch', 'integer', (c) => c.notNull().defaultTo(0))
        .addUniqueConstraint('users_tenant_username', ['tenant_id', 'username'])
        .execute()
      await sql`insert into users_new (id, tenant_id, username, password_hash, role, agent_id, disabled, created_at)
        select id, tenant_id, username, password_hash, role, agent_id, disabled, created_at from users`.execute(
        trx,
      )
      await trx.schema.dropTable('users').execute()
      await trx.schema.alterTable('users_new').renameTo('users').execute()
    })
    const broken = await sql`PRAGMA foreign_key_check`.execute(db)
    if (broken.rows.length > 0) throw new Error('users rebuild left dangling foreign keys')
  } finally {
    await sql`PRAGMA foreign_keys = ON`.execute(db)
  }
}

export const authRevocationThrottle: Migration = {
  async up(db: Kysely<unknown>) {
    if (db.getExecutor().adapter instanceof SqliteAdapter) await rebuildSqliteUsers(db)
    else {
      await db.schema.alterTable('users').dropConstraint('users_username_key').execute()
      await db.schema
        .alterTable('users')
        .addUniqueConstraint('users_tenant_username', ['tenant_id', 'username'])
        .execute()
      await db.schema
        .alterTable('users')
        .addColumn('credentials_epoch', 'integer', (c) => c.notNull().defaultTo(0))
        .execute()
    }
    await db.schema.createIndex('users_username').on('users').column('username').execute()
    for (const table of ['api_tokens', 'sessions'])
      await db.schema
        .alterTable(table)
        .addColumn('epoch', 'integer', (c) => c.notNull().defaultTo(0))
        .execute()
    await db.schema.createIndex('api_tokens_user').on('api_tokens').column('user_id').execute()
    await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute()
    await db.schema
      .createTable('login_throttle')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('failures', 'integer', (c) => c.notNull())
      .addColumn('last_failure_at', bigint, (c) => c.notNull())
      .addColumn('blocked_until', bigint, (c) => c.notNull())
      .execute()
    await db.schema
      .createIndex('login_throttle_last_failure')
      .on('login_throttle')
      .column('last_failure_at')
      .execute()
  },
}
