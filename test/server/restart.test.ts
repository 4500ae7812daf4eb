// Issue 5: stop the server mid-campaign with SIGKILL and start it again — no attempt is lost (every
// attempt has exactly one result, those open at the kill closed as UNKNOWN), no contact is ever
// dialled twice at once, and the campaigns resume by themselves. A real `outdial serve` process on
// the embedded SQLite database, its clock sped up 100× so calls complete in seconds.
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'

const BIN = fileURLToPath(new URL('../../bin/outdial.mjs', import.meta.url))
const PASSWORD = 'restart-test-password'
const dataDir = mkdtempSync(join(tmpdir(), 'outdial-restart-'))
const children: ChildProcess[] = []

afterAll(() => {
  for (const child of children) child.kill('SIGKILL')
  rmSync(dataDir, { recursive: true, force: true })
})

async function start(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [BIN, 'serve'], {
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
  children.push(child)
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

function attemptRows(): Row[] {
  const db = new Database(join(dataDir, 'outdial.db'), { readonly: true })
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
