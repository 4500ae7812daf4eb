// Opens the server's database: SQLite (better-sqlite3, WAL) in the data directory by default, or
// PostgreSQL when a URL is given; runs the migrations. PostgreSQL bigints come back as numbers
// (every bigint here is epoch milliseconds or a counter, well inside 2^53).
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely'
import pg from 'pg'
import { migrate } from './migrations.ts'
import type { Database } from './schema.ts'

export const SQLITE_FILE = 'outdial.db'
export const SQLITE_BUSY_TIMEOUT_MS = 5000
export const PG_POOL_MAX = 10

export interface OpenedDb {
  db: Kysely<Database>
  dialect: 'sqlite' | 'postgres'
  close(): Promise<void>
}

pg.types.setTypeParser(20, (value) => Number(value))

export async function openDb(options: {
  dataDir?: string
  databaseUrl?: string
  /** SQLite only: `:memory:` for throwaway databases in tests. */
  sqliteFile?: string
  /**
   * PostgreSQL only: an idle pooled connection failed (the server restarted or ended it). The pool
   * drops that connection and opens another on the next query; without a listener Node would treat
   * the pool's 'error' event as an uncaught exception and end the process.
   */
  onIdleConnectionError?: (error: Error) => void
}): Promise<OpenedDb> {
  let db: Kysely<Database>
  let dialect: OpenedDb['dialect']
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: PG_POOL_MAX })
    pool.on('error', (error) => options.onIdleConnectionError?.(error))
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
    dialect = 'postgres'
  } else {
    let file = options.sqliteFile
    if (file === undefined) {
      const dir = options.dataDir ?? './data'
      mkdirSync(dir, { recursive: true })
      file = join(dir, SQLITE_FILE)
    }
    const sqlite = new SqliteDatabase(file)
    sqlite.pragma('journal_mode = WAL')
    sqlite.pragma('foreign_keys = ON')
    sqlite.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`)
    sqlite.pragma('synchronous = NORMAL')
    db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) })
    dialect = 'sqlite'
  }
  try {
    await migrate(db as Kysely<unknown>)
  } catch (error) {
    await db.destroy()
    throw error
  }
  return { db, dialect, close: () => db.destroy() }
}

/** Whether an error is a unique-constraint violation on either database. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string }
  return (
    e.code === '23505' ||
    e.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  )
}
