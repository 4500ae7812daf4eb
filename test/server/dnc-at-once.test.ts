// R5.4 (issue 11, "DNC at once"): a number put on a DNC list through the API is blocked in the
// running dialer before the 201 is answered. A real `outdial serve` process (SQLite, its clock
// sped up 100×) dials the demo campaigns; the numbers of the contacts it is about to dial (the
// next due, some already leased) are added to the campaign's internal list one by one, and none
// of them is dialled after its answer: no attempt to it opens later than the time the entry was
// added, and the dialer finishes their contacts as DNC-blocked when it reaches them.
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'

const BIN = fileURLToPath(new URL('../../bin/outdial.mjs', import.meta.url))
const PASSWORD = 'dnc-at-once-password'
const dataDir = mkdtempSync(join(tmpdir(), 'outdial-dnc-'))
let child: ChildProcess | null = null
/** Contacts about to be dialled whose numbers go on the list. */
const NUMBERS_ADDED = 30
/** Contacts skipped at the head of the queue: the dialer may be dialling them as the test adds. */
const CONTACTS_SKIPPED = 20

afterAll(() => {
  child?.kill('SIGKILL')
  rmSync(dataDir, { recursive: true, force: true })
})

async function start(): Promise<string> {
  child = spawn(process.execPath, [BIN, 'serve'], {
    env: {
      ...process.env,
      PORT: '0',
      OUTDIAL_DATA_DIR: dataDir,
      OUTDIAL_ADMIN_PASSWORD: PASSWORD,
      OUTDIAL_CLOCK_SPEED: '100',
      OUTDIAL_LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const server = child
  return new Promise<string>((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => reject(new Error(`the server did not start:\n${out}`)), 30_000)
    server.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const match = /listening on (http:\/\/\S+)/.exec(out)
      if (match) {
        clearTimeout(timer)
        resolve(match[1]!)
      }
    })
    server.stderr!.on('data', (chunk: Buffer) => {
      out += chunk.toString()
    })
    server.on('exit', (code) => reject(new Error(`the server exited with ${code}:\n${out}`)))
  })
}

function query<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(join(dataDir, 'outdial.db'), { readonly: true })
  try {
    return db.prepare(sql).all(...params) as T[]
  } finally {
    db.close()
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('DNC at once in a served campaign (R5.4)', () => {
  it('never dials a number after the 201 that put it on the list', async () => {
    const url = await start()
    const login = await fetch(`${url}/v1/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: PASSWORD }),
    })
    const { token } = (await login.json()) as { token: string }
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' }
    const deadline = Date.now() + 30_000
    while (query<{ n: number }>('select count(*) as n from attempts')[0]!.n < 20) {
      if (Date.now() > deadline) throw new Error('the campaigns did not dial')
      await sleep(200)
    }
    // Contacts never tried that the dialer takes within a few of its minutes (due order, past
    // the ones its buffer may already hold).
    const next = query<{ id: string; numbers: string }>(
      `select id, numbers from contacts c
        where campaign_id = 'renewals' and status = 'pending' and not_before = 0
          and not exists (select 1 from attempts a where a.contact_id = c.id)
        order by not_before, id limit ? offset ?`,
      NUMBERS_ADDED,
      CONTACTS_SKIPPED,
    )
    expect(next).toHaveLength(NUMBERS_ADDED)
    // Numbers shared by two contacts are added once (a second add is 409).
    const addedAtMs = new Map<string, number>()
    // Every number of each contact: a contact is finished as DNC-blocked once all of them are.
    for (const number of next.flatMap((c) => JSON.parse(c.numbers) as string[])) {
      const response = await fetch(`${url}/v1/dncList/internal/phoneNumber`, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          phoneNumber: number,
          source: 'api',
          reason: 'asked not to be called',
        }),
      })
      expect([201, 409]).toContain(response.status)
      if (response.status === 409) continue
      addedAtMs.set(number, Date.parse(((await response.json()) as { addedAt: string }).addedAt))
    }
    // Until the dialer has reached some of them (and refused them).
    const blockedCount = () =>
      query<{ n: number }>(
        `select count(*) as n from contacts where status = 'done' and disposition = 'dncBlocked'
          and id in (${next.map(() => '?').join(',')})`,
        ...next.map((c) => c.id),
      )[0]!.n
    const reachedBy = Date.now() + 30_000
    while (blockedCount() < 3) {
      if (Date.now() > reachedBy)
        throw new Error(
          `the dialer did not reach the listed contacts: ${JSON.stringify(
            query(
              `select id, status, disposition, lease_owner, not_before from contacts where id in (${next.map(() => '?').join(',')})`,
              ...next.map((c) => c.id),
            ),
          )}`,
        )
      await sleep(250)
    }
    await sleep(1000)
    for (const [number, atMs] of addedAtMs) {
      const late = query<{ id: string; opened_at: number }>(
        'select id, opened_at from attempts where number = ? and opened_at > ?',
        number,
        atMs,
      )
      expect(late, `${number} dialled after it was added`).toEqual([])
    }
    expect(blockedCount(), 'contacts the dialer reached and refused').toBeGreaterThanOrEqual(3)
    child!.kill('SIGTERM')
    await new Promise((resolve) => child!.once('exit', resolve))
  }, 90_000)
})
