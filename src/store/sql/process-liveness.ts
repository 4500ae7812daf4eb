// Knowing a dead process (issue 16; src/store/ports/process-liveness.ts), from a lock the
// operating system or the database server drops when the process ends, even by `kill -9`:
// - SQLite: one server per data directory. The server holds an exclusive lock on
//   `<data dir>/outdial.lock` (a small SQLite file in EXCLUSIVE locking mode) for its lifetime; a
//   second server on the same directory is refused. So every other owner is dead.
// - PostgreSQL: several processes share the database. Each holds a session advisory lock keyed by
//   its owner id on a connection of its own; an owner whose key a probe can take has no live
//   session, so it is dead. A process that loses its lock connection is told (`onLost`): others
//   may now take it for dead, so it must stop (serve.ts exits).
import { createHash } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import type { ProcessLiveness } from '../ports/process-liveness.ts'
import { restrictSqliteFiles } from './open.ts'
import { loadPg } from './pg-driver.ts'

export const INSTANCE_LOCK_FILE = 'outdial.lock'
/** Owners probed per liveness question (a fan-out bound; more wait for the next run). */
export const LIVENESS_PROBES_MAX = 200

export class DataDirInUseError extends Error {}

export interface HeldLiveness extends ProcessLiveness {
  /** Releases the lock: this process no longer claims to live (at stop). */
  release(): Promise<void>
}

/** SQLite: the data directory's lock, held until release or the process ends. */
export function holdDataDirLock(dataDir: string, self: string): HeldLiveness {
  mkdirSync(dataDir, { recursive: true })
  const file = join(dataDir, INSTANCE_LOCK_FILE)
  // Owner-only like the database: the lock names this process (owner id and pid).
  restrictSqliteFiles(file)
  const lock = new SqliteDatabase(file)
  try {
    lock.pragma('busy_timeout = 0')
    lock.pragma('locking_mode = EXCLUSIVE')
    lock.exec('create table if not exists holder (owner text not null, pid integer not null)')
    lock.exec('begin exclusive')
    lock.prepare('delete from holder').run()
    lock.prepare('insert into holder (owner, pid) values (?, ?)').run(self, process.pid)
    lock.exec('commit')
  } catch (error) {
    lock.close()
    if ((error as { code?: string }).code === 'SQLITE_BUSY')
      throw new DataDirInUseError(
        `another outdial server uses the data directory ${dataDir} (${file} is locked); one server per SQLite database — use PostgreSQL (DATABASE_URL) to run several`,
      )
    throw error
  }
  return {
    self,
    deadAmong: async (owners) => new Set(owners.filter((owner) => owner !== self)),
    release: async () => {
      lock.close()
    },
  }
}

/** The advisory-lock key of a lease owner: 63 bits of its SHA-256, as a decimal string. */
export function advisoryKeyOf(owner: string): string {
  const digest = createHash('sha256').update(owner).digest()
  return (digest.readBigInt64BE(0) & 0x7fff_ffff_ffff_ffffn).toString()
}

/** PostgreSQL: takes this owner's advisory lock on a connection of its own. */
export async function holdAdvisoryLock(options: {
  databaseUrl: string
  self: string
  /** The lock connection failed: this process may now be taken for dead. */
  onLost: (error: Error) => void
}): Promise<HeldLiveness> {
  const { self } = options
  const pg = await loadPg()
  const holder = new pg.Client({ connectionString: options.databaseUrl })
  let released = false
  holder.on('error', (error) => {
    if (!released) options.onLost(error)
  })
  await holder.connect()
  await holder.query('select pg_advisory_lock($1::bigint)', [advisoryKeyOf(self)])
  return {
    self,
    async deadAmong(owners) {
      const dead = new Set<string>()
      const probe = new pg.Client({ connectionString: options.databaseUrl })
      probe.on('error', () => {})
      await probe.connect()
      try {
        for (const owner of owners.slice(0, LIVENESS_PROBES_MAX)) {
          if (owner === self) continue
          const key = advisoryKeyOf(owner)
          const taken = await probe.query<{ ok: boolean }>(
            'select pg_try_advisory_lock($1::bigint) as ok',
            [key],
          )
          if (!taken.rows[0]?.ok) continue
          dead.add(owner)
          await probe.query('select pg_advisory_unlock($1::bigint)', [key])
        }
      } finally {
        await probe.end()
      }
      return dead
    },
    async release() {
      released = true
      await holder.end()
    },
  }
}
