// A fingerprint of everything the database holds, to show that a request the API refused wrote
// nothing (issue 16's fuzz suite): every row of every table, sorted, hashed.
import { createHash } from 'node:crypto'
import { sql } from 'kysely'
import type { OpenedDb } from '../../../src/store/sql/open.ts'

async function tablesOf(db: OpenedDb): Promise<string[]> {
  const rows =
    db.dialect === 'sqlite'
      ? await sql<{
          name: string
        }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(
          db.db,
        )
      : await sql<{
          name: string
        }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(
          db.db,
        )
  return rows.rows.map((r) => r.name).sort()
}

const tablesByDb = new WeakMap<OpenedDb, string[]>()

/** PostgreSQL: one round trip, each table's rows as text, sorted and hashed by the server. */
async function postgresFingerprint(
  db: OpenedDb,
  tables: string[],
): Promise<Record<string, string>> {
  const columns = tables.map(
    (table) =>
      sql`(select count(*) || ':' || md5(coalesce(string_agg(x::text, E'\n' order by x::text), '')) from ${sql.table(table)} x) as ${sql.ref(table)}`,
  )
  const { rows } = await sql<Record<string, string>>`select ${sql.join(columns)}`.execute(db.db)
  return rows[0] as Record<string, string>
}

export async function databaseFingerprint(db: OpenedDb): Promise<Record<string, string>> {
  let tables = tablesByDb.get(db)
  if (!tables) {
    tables = await tablesOf(db)
    tablesByDb.set(db, tables)
  }
  if (db.dialect === 'postgres') return postgresFingerprint(db, tables)
  const out: Record<string, string> = {}
  for (const table of tables) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(
      db.db,
    )
    const lines = rows
      .map((row) =>
        JSON.stringify(
          Object.entries(row).sort(([a], [b]) => (a < b ? -1 : 1)),
          (_key, value) => (typeof value === 'bigint' ? String(value) : value),
        ),
      )
      .sort()
    out[table] = `${rows.length}:${createHash('sha1').update(lines.join('\n')).digest('hex')}`
  }
  return out
}
