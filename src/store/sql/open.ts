// Opens the server's database: SQLite (better-sqlite3, WAL) in the data directory by default, or
// PostgreSQL when a URL is given (its driver loaded only then: pg-driver.ts, where bigints become
// numbers); runs the migrations. The SQLite file, its WAL and shared-memory files are readable by
// the owner only (0600, like the secret key file), also when they existed before with wider
// modes; a data directory it creates is 0700.
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs'
import { join } from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely'
import { migrate } from './migrations.ts'
import { loadPg } from './pg-driver.ts'
import type { Database } from './schema.ts'

export const SQLITE_FILE = 'outdial.db'
export const SQLITE_BUSY_TIMEOUT_MS = 5000
export const PG_POOL_MAX = 10
/** Owner read and write only: the database holds password hashes and sealed secrets. */
const SQLITE_FILE_MODE = 0o600
const SQLITE_SIDE_FILES = ['-wal', '-shm', '-journal']

/** Creates the database file 0600 before SQLite opens it, and narrows existing files to 0600. */
export function restrictSqliteFiles(file: string): void {
  if (!existsSync(file)) closeSync(openSync(file, 'a', SQLITE_FILE_MODE))
  for (const path of [file, ...SQLITE_SIDE_FILES.map((suffix) => file + suffix)])
    if (existsSync(path)) chmodSync(path, SQLITE_FILE_MODE)
}

export interface OpenedDb {
  db: Kysely<Database>
  dialect: 'sqlite' | 'postgres'
  close(): Promise<void>
}

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
    const pg = await loadPg()
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: PG_POOL_MAX })
    pool.on('error', (error) => options.onIdleConnectionError?.(error))
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
    dialect = 'postgres'
  } else {
    let file = options.sqliteFile
    if (file === undefined) {
      const dir = options.dataDir ?? './data'
      mkdirSync(dir, { recursive: true, mode: 0o700 })
      file = join(dir, SQLITE_FILE)
    }
    const onDisk = file !== ':memory:' && file !== ''
    if (onDisk) restrictSqliteFiles(file)
    const sqlite = new SqliteDatabase(file)
    sqlite.pragma('journal_mode = WAL')
    // SQLite gives the WAL and shared-memory files the database file's mode; made sure here.
    if (onDisk) restrictSqliteFiles(file)
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
