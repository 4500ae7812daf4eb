// Issue 16, storage: the SQLite database file and its WAL are created 0600 (and narrowed to 0600
// when they exist with wider modes), like the secret key file; and a database from before issue 16
// keeps its users, tokens and sessions through the migration to per-tenant usernames, on SQLite
// and PostgreSQL.
import { chmodSync, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../src/store/sql/migrations.ts'
import { openDb, SQLITE_FILE } from '../../src/store/sql/open.ts'
import type { Database } from '../../src/store/sql/schema.ts'
import { SqlStore } from '../../src/store/sql/store.ts'
import type { Dialect } from './harness.ts'
import { createTestDatabase } from './pg.ts'

const modeOf = (path: string) => statSync(path).mode & 0o777

describe('SQLite files at rest (issue 16)', () => {
  it('creates the database file and its WAL 0600 in a new data directory', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'outdial-db-')), 'data')
    try {
      const opened = await openDb({ dataDir: dir })
      const store = new SqlStore(opened)
      await store.accounts.ensureTenant('t1', 'Tenant one', 1)
      const file = join(dir, SQLITE_FILE)
      expect(modeOf(file)).toBe(0o600)
      expect(existsSync(`${file}-wal`)).toBe(true)
      expect(modeOf(`${file}-wal`)).toBe(0o600)
      expect(modeOf(`${file}-shm`)).toBe(0o600)
      expect(modeOf(dir)).toBe(0o700)
      await opened.close()
    } finally {
      rmSync(join(dir, '..'), { recursive: true, force: true })
    }
  })

  it('narrows an existing database file readable by others to 0600', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'outdial-db-'))
    try {
      const file = join(dir, SQLITE_FILE)
      writeFileSync(file, '')
      chmodSync(file, 0o644)
      const opened = await openDb({ dataDir: dir })
      expect(modeOf(file)).toBe(0o600)
      expect(modeOf(`${file}-wal`)).toBe(0o600)
      await opened.close()
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe.each<Dialect>([
  'sqlite',
  'postgres',
])('migration to per-tenant usernames on %s (issue 16)', (dialect) => {
  it('keeps users, tokens and sessions, and lets another tenant use a username', async (ctx) => {
    const pgDb = dialect === 'postgres' ? await createTestDatabase() : null
    if (dialect === 'postgres' && !pgDb) return ctx.skip()
    const db = new Kysely<Database>({
      dialect: pgDb
        ? new PostgresDialect({ pool: new pg.Pool({ connectionString: pgDb.url, max: 1 }) })
        : new SqliteDialect({ database: new SqliteDatabase(':memory:') }),
    })
    try {
      if (!pgDb) await sql`PRAGMA foreign_keys = ON`.execute(db)
      await migrate(db as Kysely<unknown>, '0005-call-guide-answers')
      await sql`insert into tenants (id, name, created_at) values ('t1', 'one', 1), ('t2', 'two', 1)`.execute(
        db,
      )
      await sql`insert into users (id, tenant_id, username, password_hash, role, agent_id, disabled, created_at)
        values ('u1', 't1', 'ann', 'x', 'admin', null, 0, 1)`.execute(db)
      await sql`insert into api_tokens (id, tenant_id, user_id, token_hash, name, created_at, expires_at)
        values ('k1', 't1', 'u1', 'h1', 'api', 1, 9)`.execute(db)
      await sql`insert into sessions (id_hash, tenant_id, user_id, csrf_token, expires_at)
        values ('s1', 't1', 'u1', 'c', 9)`.execute(db)
      await migrate(db as Kysely<unknown>)
      const user = await db.selectFrom('users').selectAll().executeTakeFirstOrThrow()
      expect(user).toMatchObject({ id: 'u1', username: 'ann', credentials_epoch: 0 })
      expect(await db.selectFrom('api_tokens').select(['id', 'epoch']).execute()).toEqual([
        { id: 'k1', epoch: 0 },
      ])
      expect(await db.selectFrom('sessions').select('id_hash').execute()).toHaveLength(1)
      await sql`insert into users (id, tenant_id, username, password_hash, role, agent_id, disabled, created_at, credentials_epoch)
        values ('u2', 't2', 'ann', 'x', 'admin', null, 0, 1, 0)`.execute(db)
      await expect(
        sql`insert into users (id, tenant_id, username, password_hash, role, agent_id, disabled, created_at, credentials_epoch)
          values ('u3', 't2', 'ann', 'x', 'admin', null, 0, 1, 0)`.execute(db),
      ).rejects.toThrow()
      // The tokens' foreign key still names the users table.
      await expect(
        sql`insert into api_tokens (id, tenant_id, user_id, token_hash, name, created_at, expires_at, epoch)
          values ('k2', 't1', 'nobody', 'h2', 'api', 1, 9, 0)`.execute(db),
      ).rejects.toThrow()
    } finally {
      await db.destroy()
      await pgDb?.drop()
    }
  })
})
