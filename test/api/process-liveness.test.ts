// Issue 16: how a start knows its predecessor is dead. On PostgreSQL each process holds an
// advisory lock keyed by its owner id; when its session ends (the process was killed, so its
// connection closed) a probe takes the key and reports the owner dead, while a live owner is never
// reported dead, and the process whose lock connection failed is told. On SQLite the data
// directory's lock admits one server; every other owner is dead.
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  advisoryKeyOf,
  DataDirInUseError,
  holdAdvisoryLock,
  holdDataDirLock,
  INSTANCE_LOCK_FILE,
} from '../../src/store/sql/process-liveness.ts'
import { createTestDatabase, type TestDatabase } from './pg.ts'

describe('process liveness on PostgreSQL (issue 16)', () => {
  let database: TestDatabase | null = null
  beforeAll(async () => {
    database = await createTestDatabase()
  })
  afterAll(async () => database?.drop())

  it('reports an owner dead once its lock session ended, never a live one', async (ctx) => {
    if (!database) return ctx.skip()
    const url = database.url
    const lost: Error[] = []
    const a = await holdAdvisoryLock({
      databaseUrl: url,
      self: 'host-1-a',
      onLost: (e) => lost.push(e),
    })
    const b = await holdAdvisoryLock({ databaseUrl: url, self: 'host-2-b', onLost: () => {} })
    try {
      // 'never-started' holds no lock: dead. a lives. b never reports itself.
      expect([...(await b.deadAmong(['host-1-a', 'never-started', 'host-2-b']))]).toEqual([
        'never-started',
      ])
      // The probe let go of what it took: a probe again finds the same.
      expect([...(await b.deadAmong(['never-started']))]).toEqual(['never-started'])
      // a's session ends as a killed process's does (its connection closes under it).
      const admin = new pg.Client({ connectionString: url })
      await admin.connect()
      await admin.query(
        `select pg_terminate_backend(pid) from pg_locks
          where locktype = 'advisory' and granted
            and ((classid::bigint << 32) | objid::bigint) = $1::bigint`,
        [advisoryKeyOf('host-1-a')],
      )
      await admin.end()
      await expect.poll(() => lost.length).toBeGreaterThan(0)
      expect([...(await b.deadAmong(['host-1-a']))]).toEqual(['host-1-a'])
      expect([...(await a.deadAmong(['host-2-b']))]).toEqual([])
    } finally {
      await a.release().catch(() => {})
      await b.release()
    }
  })
})

describe('process liveness on SQLite (issue 16)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'outdial-liveness-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('admits one server per data directory; every other owner is dead', async () => {
    const first = holdDataDirLock(dir, 'first')
    expect(() => holdDataDirLock(dir, 'second')).toThrow(DataDirInUseError)
    expect([...(await first.deadAmong(['first', 'before-1', 'before-2']))]).toEqual([
      'before-1',
      'before-2',
    ])
    await first.release()
    const next = holdDataDirLock(dir, 'next')
    expect([...(await next.deadAmong(['first']))]).toEqual(['first'])
    await next.release()
    // A data directory that does not exist yet (the first start) is created.
    const fresh = holdDataDirLock(join(dir, 'first-start'), 'fresh')
    await fresh.release()
    // The lock file names its holder: readable by the owner only, like the database (0600).
    expect(statSync(join(dir, INSTANCE_LOCK_FILE)).mode & 0o777).toBe(0o600)
  })
})
