// A fingerprint of everything the database holds, to show that a request the API refused wrote
// nothing (issue 16's fuzz suite): every row of every table, sorted, hashed.
import { createHash } from 'node:crypto'
import { sql } from 'kysely'
import type { OpenedDb } from '../../../src/store/sql/open.ts'

/** Columns that change on a refused request by design, with why. */
const VOLATILE_COLUMNS: Record<string, readonly string[]> = {}

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

export async function databaseFingerprint(db: OpenedDb): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  for (const table of await tablesOf(db)) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(
      db.db,
    )
    const volatile = VOLATILE_COLUMNS[table] ?? []
    const lines = rows
      .map((row) =>
        JSON.stringify(
          Object.entries(row)
            .filter(([column]) => !volatile.includes(column))
            .sort(([a], [b]) => (a < b ? -1 : 1)),
          (_key, value) => (typeof value === 'bigint' ? String(value) : value),
        ),
      )
      .sort()
    out[table] = `${rows.length}:${createHash('sha1').update(lines.join('\n')).digest('hex')}`
  }
  return out
}
