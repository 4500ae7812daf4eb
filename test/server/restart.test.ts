// Issue 5: stop the server mid-campaign with SIGKILL and start it again — no attempt is lost (every
// attempt has exactly one result, those open at the kill closed as UNKNOWN), no contact is ever
// dialled twice at once, and the campaigns resume by themselves. A real `outdial serve` process on
// the embedded SQLite database, its clock sped up 100× so calls complete in seconds.
// Issue 16: the same kill during a contact import and with calls in progress on the real clock
// (speed 1, where the dead process's leases would hold for two minutes): the next start fails the
// import with its reason, drops its staged rows and takes a new upload on the list, and closes the
// calls in progress as UNKNOWN within seconds of being ready; a second server on the same data
// directory is refused. On PostgreSQL (where several servers may share the database) the same kill
// and restart close the killed process's calls within seconds too: its session, and with it its
// advisory lock, ended.
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { createTestDatabase } from '../api/pg.ts'

const BIN = fileURLToPath(new URL('../../bin/outdial.mjs', import.meta.url))
const PASSWORD = 'restart-test-password'
const dataDir = mkdtempSync(join(tmpdir(), 'outdial-restart-'))
const realClockDir = mkdtempSync(join(tmpdir(), 'outdial-restart-real-'))
const children: ChildProcess[] = []
/** Issue 16: calls in progress at a kill are closed this soon after the next start is ready. */
const RECOVERED_WITHIN_MS = 10_000

afterAll(() => {
  for (const child of children) child.kill('SIGKILL')
  rmSync(dataDir, { recursive: true, force: true })
  rmSync(realClockDir, { recursive: true, force: true })
})

function spawnServer(dir: string, speed: number, databaseUrl?: string): ChildProcess {
  const child = spawn(process.execPath, [BIN, 'serve'], {
    env: {
      ...process.env,
      PORT: '0',
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      OUTDIAL_DATA_DIR: dir,
      OUTDIAL_ADMIN_PASSWORD: PASSWORD,
      OUTDIAL_CLOCK_SPEED: String(speed),
      OUTDIAL_LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.push(child)
  return child
}

async function start(
  dir = dataDir,
  speed = 100,
  databaseUrl?: string,
): Promise<{ child: ChildProcess; url: string }> {
  const child = spawnServer(dir, speed, databaseUrl)
  const url = await new Promise<string>((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => reject(new Error(`the server did not start:\n${out}`)), 30_000)
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const match = /listening on (http:\/\/\S+)/.exec(out)
      if (match) {
        clearTimeout(timer)
        resolve(match[1]!)
      }
    })
    child.stderr!.on('data', (chunk: Buffer) => {
      out += chunk.toString()
    })
    child.on('exit', (code) => reject(new Error(`the server exited with ${code}:\n${out}`)))
  })
  return { child, url }
}

async function token(url: string): Promise<string> {
  const response = await fetch(`${url}/v1/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: PASSWORD }),
  })
  return ((await response.json()) as { token: string }).token
}

async function attemptsTotal(url: string, bearer: string): Promise<number> {
  const response = await fetch(`${url}/v1/attempts?limit=1`, {
    headers: { authorization: `Bearer ${bearer}` },
  })
  return ((await response.json()) as { total: number }).total
}

async function until(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

interface Row {
  id: string
  contact_id: string
  opened_at: number
  outcome: string | null
  closed_at: number | null
  results: number
}

function attemptRows(dir = dataDir): Row[] {
  const db = new Database(join(dir, 'outdial.db'), { readonly: true })
  try {
    return db
      .prepare(
        `select a.id, a.contact_id, a.opened_at, r.outcome, r.closed_at,
                (select count(*) from attempt_results x where x.tenant_id = a.tenant_id and x.attempt_id = a.id) as results
           from attempts a left join attempt_results r on r.tenant_id = a.tenant_id and r.attempt_id = a.id`,
      )
      .all() as Row[]
  } finally {
    db.close()
  }
}

describe('restart after SIGKILL (issue 5 durability)', () => {
  it('loses no attempt, never dials a contact twice at once, and resumes the campaigns', async () => {
    const first = await start()
    const firstToken = await token(first.url)
    await until(
      'attempts before the kill',
      async () => (await attemptsTotal(first.url, firstToken)) >= 40,
    )
    first.child.kill('SIGKILL')
    await new Promise((resolve) => first.child.once('exit', resolve))
    const atKill = attemptRows()
    const openAtKill = atKill.filter((r) => r.outcome === null).map((r) => r.id)
    expect(atKill.length).toBeGreaterThanOrEqual(40)
    expect(openAtKill.length, 'calls in progress at the kill').toBeGreaterThan(0)

    const second = await start()
    const secondToken = await token(second.url)
    await until(
      'new attempts after the restart',
      async () => (await attemptsTotal(second.url, secondToken)) >= atKill.length + 40,
    )
    // The leases of the killed process run out (120 s of dialer time) and its attempts close as UNKNOWN.
    await until('recovery of the attempts open at the kill', async () => {
      const closed = new Map(attemptRows().map((r) => [r.id, r.outcome]))
      return openAtKill.every((id) => closed.get(id) !== null)
    })
    const rows = attemptRows()
    for (const id of openAtKill) expect(rows.find((r) => r.id === id)?.outcome).toBe('UNKNOWN')
    expect(rows.every((r) => r.results <= 1)).toBe(true)
    for (const before of atKill) expect(rows.some((r) => r.id === before.id)).toBe(true)
    const byContact = new Map<string, Row[]>()
    for (const row of rows)
      byContact.set(row.contact_id, [...(byContact.get(row.contact_id) ?? []), row])
    for (const [contactId, attempts] of byContact) {
      const sorted = attempts.sort((a, b) => a.opened_at - b.opened_at)
      for (let i = 1; i < sorted.length; i++) {
        const previousEnd = sorted[i - 1]!.closed_at ?? Number.POSITIVE_INFINITY
        expect(
          sorted[i]!.opened_at,
          `contact ${contactId} dialled while an attempt was open`,
        ).toBeGreaterThanOrEqual(previousEnd)
      }
    }
    const status = await fetch(`${second.url}/v1/status`, {
      headers: { authorization: `Bearer ${secondToken}` },
    })
    const campaigns = ((await status.json()) as { campaigns: { id: string; status: string }[] })
      .campaigns
    expect(
      campaigns.filter((c) => ['renewals', 'winback'].includes(c.id)).map((c) => c.status),
    ).toEqual(['running', 'running'])
    second.child.kill('SIGTERM')
    await new Promise((resolve) => second.child.once('exit', resolve))
  }, 120_000)
})

/** A query on the server's database file, read-only (the server keeps running). */
function query<T>(dir: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(join(dir, 'outdial.db'), { readonly: true })
  try {
    return db.prepare(sql).all(...params) as T[]
  } finally {
    db.close()
  }
}

const CSV_HEADER = 'id,phone,firstName\n'
const csvRows = (from: number, count: number, prefix: string) =>
  Array.from(
    { length: count },
    (_, i) => `${prefix}${from + i},+1212${String(3_000_000 + from + i).padStart(7, '0')},N${i}\n`,
  ).join('')

async function createList(url: string, bearer: string, name: string): Promise<string> {
  const response = await fetch(`${url}/v1/contact-lists`, {
    method: 'POST',
    headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      campaignId: 'renewals',
      name,
      mapping: { numbers: ['phone'], externalId: 'id', variables: { firstName: 'firstName' } },
    }),
  })
  expect(response.status).toBe(201)
  return ((await response.json()) as { id: string }).id
}

describe('restart after SIGKILL on the real clock, during an import (issue 16)', () => {
  it('fails the interrupted import, frees its list, and closes calls in progress within seconds', async () => {
    const first = await start(realClockDir, 1)
    const bearer = await token(first.url)
    // One server per SQLite data directory: a second is refused, the first keeps running.
    const second = spawnServer(realClockDir, 1)
    let secondOut = ''
    second.stderr!.on('data', (chunk: Buffer) => {
      secondOut += chunk.toString()
    })
    second.stdout!.on('data', (chunk: Buffer) => {
      secondOut += chunk.toString()
    })
    const secondCode = await new Promise((resolve) => second.once('exit', resolve))
    expect(secondCode).not.toBe(0)
    expect(secondOut).toMatch(/another outdial server uses the data directory/)

    // An upload that never ends: its first rows are staged, then the process is killed.
    const listId = await createList(first.url, bearer, 'killed mid-file')
    const encoder = new TextEncoder()
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode(CSV_HEADER + csvRows(0, 5000, 'k')))
      },
    })
    const upload = fetch(`${first.url}/v1/contact-lists/${listId}/file`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${bearer}`, 'content-type': 'text/csv' },
      body,
      duplex: 'half',
    } as RequestInit).catch((error: unknown) => error)
    const staged = () =>
      query<{ n: number }>(
        realClockDir,
        'select count(*) as n from contact_staging where list_id = ?',
        listId,
      )[0]!.n
    await until('rows staged by the import', async () => staged() >= 1000)
    await until(
      'calls in progress',
      async () => attemptRows(realClockDir).filter((r) => r.outcome === null).length > 0,
    )
    first.child.kill('SIGKILL')
    await new Promise((resolve) => first.child.once('exit', resolve))
    await upload
    const openAtKill = attemptRows(realClockDir)
      .filter((r) => r.outcome === null)
      .map((r) => r.id)
    expect(openAtKill.length, 'calls in progress at the kill').toBeGreaterThan(0)
    expect(staged()).toBeGreaterThanOrEqual(1000)
    expect(
      query<{ status: string }>(
        realClockDir,
        'select status from contact_lists where id = ?',
        listId,
      )[0]?.status,
    ).toBe('importing')

    const restarted = await start(realClockDir, 1)
    const readyAtMs = Date.now()
    await until(
      'the calls in progress at the kill closed',
      async () => {
        const closed = new Map(attemptRows(realClockDir).map((r) => [r.id, r.outcome]))
        return openAtKill.every((id) => closed.get(id) !== null)
      },
      RECOVERED_WITHIN_MS,
    )
    expect(Date.now() - readyAtMs).toBeLessThanOrEqual(RECOVERED_WITHIN_MS)
    const rows = attemptRows(realClockDir)
    for (const id of openAtKill) expect(rows.find((r) => r.id === id)?.outcome).toBe('UNKNOWN')
    expect(rows.every((r) => r.results <= 1)).toBe(true)

    const again = await token(restarted.url)
    const list = (await (
      await fetch(`${restarted.url}/v1/contact-lists/${listId}`, {
        headers: { authorization: `Bearer ${again}` },
      })
    ).json()) as { status: string; failure: string | null }
    expect(list.status).toBe('failed')
    expect(list.failure).toMatch(/interrupted: the process .* ended before the file was read/)
    expect(staged()).toBe(0)
    expect(
      query<{ n: number }>(
        realClockDir,
        'select count(*) as n from contacts where list_id = ?',
        listId,
      )[0]!.n,
    ).toBe(0)
    // The list takes the file again, whole.
    const retry = await fetch(`${restarted.url}/v1/contact-lists/${listId}/file`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${again}`, 'content-type': 'text/csv' },
      body: CSV_HEADER + csvRows(0, 3000, 'k'),
    })
    expect(retry.status).toBe(200)
    expect(((await retry.json()) as { committed: boolean }).committed).toBe(true)
    expect(
      query<{ n: number }>(
        realClockDir,
        'select count(*) as n from contacts where list_id = ?',
        listId,
      )[0]!.n,
    ).toBe(3000)
    restarted.child.kill('SIGTERM')
    await new Promise((resolve) => restarted.child.once('exit', resolve))
  }, 120_000)
})

describe('restart after SIGKILL on PostgreSQL, on the real clock (issue 16)', () => {
  it("closes the killed process's calls in progress within seconds of the next start", async (ctx) => {
    const database = await createTestDatabase()
    if (!database) return ctx.skip()
    const dir = mkdtempSync(join(tmpdir(), 'outdial-restart-pg-'))
    const client = new pg.Client({ connectionString: database.url })
    try {
      const first = await start(dir, 1, database.url)
      await client.connect()
      const openIds = async () =>
        (
          await client.query<{ id: string }>(
            `select a.id from attempts a left join attempt_results r
               on r.tenant_id = a.tenant_id and r.attempt_id = a.id where r.attempt_id is null`,
          )
        ).rows.map((row) => row.id)
      await until('calls in progress', async () => (await openIds()).length > 0)
      first.child.kill('SIGKILL')
      await new Promise((resolve) => first.child.once('exit', resolve))
      const openAtKill = await openIds()
      expect(openAtKill.length, 'calls in progress at the kill').toBeGreaterThan(0)

      const restarted = await start(dir, 1, database.url)
      const readyAtMs = Date.now()
      await until(
        'the calls in progress at the kill closed',
        async () => {
          const open = new Set(await openIds())
          return openAtKill.every((id) => !open.has(id))
        },
        RECOVERED_WITHIN_MS,
      )
      expect(Date.now() - readyAtMs).toBeLessThanOrEqual(RECOVERED_WITHIN_MS)
      const outcomes = await client.query<{ outcome: string }>(
        'select outcome from attempt_results where attempt_id = any($1)',
        [openAtKill],
      )
      expect(outcomes.rows.map((r) => r.outcome)).toEqual(openAtKill.map(() => 'UNKNOWN'))
      restarted.child.kill('SIGTERM')
      await new Promise((resolve) => restarted.child.once('exit', resolve))
    } finally {
      await client.end().catch(() => {})
      await database.drop()
      rmSync(dir, { recursive: true, force: true })
    }
  }, 120_000)
})
