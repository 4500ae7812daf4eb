// The schema-driven fuzz suite (issue 16), on SQLite and PostgreSQL: every operation of
// /openapi.json is called with requests generated from its own schemas — valid, mutated and
// hostile bodies, paths and queries (NUL, lone surrogates, right-to-left marks, SQL fragments,
// huge numbers, over-long strings, prototype keys). It asserts that no answer is a 5xx, that every
// answer has a documented status and matches the documented schema, that unauthenticated calls
// are refused, and that a refused request wrote nothing.
//
// Bounded: OUTDIAL_FUZZ_RUNS requests per operation (default 12) from OUTDIAL_FUZZ_SEED (default
// fixed, so CI replays the same requests); a failure names the seed, the operation's own seed and
// the request. The generator is our own over the document's JSON Schemas, driven by fast-check
// (why: docs/decisions.md, issue 16).
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONFIG_KINDS } from '../../src/api/resources/config-kinds.ts'
import { demoTenantObjects } from '../../src/server/seed/demo-tenant.ts'
import { databaseFingerprint } from './fuzz/db-fingerprint.ts'
import {
  type FuzzRequest,
  type KnownValues,
  type Operation,
  operationsOf,
  requestArb,
} from './fuzz/operations.ts'
import { type Dialect, type Harness, openHarness, PASSWORD } from './harness.ts'

const SEED = Number(process.env.OUTDIAL_FUZZ_SEED ?? 20_261_203)
const RUNS = Number(process.env.OUTDIAL_FUZZ_RUNS ?? 12)
/** How much of one line of a failure report is shown (counterexamples hold long strings). */
const LINE_SHOWN_MAX = 600

async function seedTenant(h: Harness): Promise<KnownValues> {
  const byKind: Record<string, string[]> = {}
  for (const object of demoTenantObjects()) {
    const spec = CONFIG_KINDS.find((k) => k.kind === object.kind)!
    const r = await h.call('admin1', 'POST', spec.path, object.body)
    expect(r.statusCode, r.body).toBe(201)
    ;(byKind[object.kind] ??= []).push(r.json().id)
  }
  const dnc = await h.call('admin1', 'POST', '/v1/dncList/internal/phoneNumber', {
    phoneNumber: '+14155550666',
    source: 'api',
  })
  expect(dnc.statusCode, dnc.body).toBe(201)
  const lists: string[] = []
  for (const name of ['fuzz-a', 'fuzz-b', 'fuzz-c']) {
    const r = await h.call('admin1', 'POST', '/v1/contact-lists', {
      campaignId: 'renewals',
      name,
      mapping: { numbers: ['phone'], externalId: 'id', defaultCountry: 'US' },
    })
    expect(r.statusCode, r.body).toBe(201)
    lists.push(r.json().id)
  }
  const victim = await h.call('admin1', 'POST', '/v1/users', {
    username: 'fuzz-victim',
    password: PASSWORD,
    role: 'supervisor',
    agentId: null,
  })
  expect(victim.statusCode, victim.body).toBe(201)
  const configIds = Object.values(byKind).flat()
  return {
    id: [...configIds, ...lists, victim.json().id],
    campaignId: byKind.campaign ?? [],
    name: ['internal', 'customer-requests'],
    phoneNumber: ['+14155550666', '+14155550667'],
    any: configIds,
  }
}

/** Tables a refused request may write by design, with why: an upload whose file cannot be read
 * is one attempt on its list — the list records that it failed and why, and the attempt is
 * audited — while no contact, staging row or issue is written; a failed login, or a wrong current
 * password, is counted for the account and the client address (the login throttle). */
const WRITES_ON_REFUSAL: Record<string, { status: number; tables: readonly string[] }> = {
  'PUT /v1/contact-lists/{id}/file': { status: 422, tables: ['contact_lists', 'audit_log'] },
  'POST /v1/auth/token': { status: 401, tables: ['login_throttle'] },
  'POST /v1/auth/login': { status: 401, tables: ['login_throttle'] },
  'POST /v1/auth/password': { status: 401, tables: ['login_throttle'] },
}

const ACCOUNT_BACKOFF_PASSED_MS = 61_000

/** The fuzzer's own requests may log its users out (a bearer logout revokes the token): after each
 * operation they sign in again, a minute later and from an address of their own, so that the
 * throttle the fuzzed failed logins set off does not hold them back. */
async function signInAgain(h: Harness): Promise<void> {
  // Past the longest back-off of an account (60 s) that fuzzed logins with a wrong password hit.
  h.advance(ACCOUNT_BACKOFF_PASSED_MS)
  for (const username of Object.keys(h.tokens)) {
    const r = await h.app.inject({
      method: 'POST',
      url: '/v1/auth/token',
      remoteAddress: '127.0.0.9',
      payload: { username, password: PASSWORD },
    })
    expect(r.statusCode, `${username} signs in again: ${r.body}`).toBe(200)
    h.tokens[username] = r.json().token
  }
}

interface Finding {
  operation: string
  seed: number
  problem: string
}

function checkAnswer(
  op: Operation,
  answer: { statusCode: number; body: string; headers: Record<string, unknown> },
): string | null {
  const { statusCode: status, body } = answer
  const isJson = String(answer.headers['content-type'] ?? '').startsWith('application/json')
  if (status >= 500) return `answered ${status}: ${body.slice(0, 300)}`
  if (status >= 400 && !isJson)
    return `answered ${status} without the JSON error body: ${body.slice(0, 300)}`
  if (!op.responses.has(status))
    return `answered ${status}, which is not documented (${[...op.responses.keys()].join(', ')}): ${body.slice(0, 300)}`
  const schema = op.responses.get(status)
  // A file (the CSV report) is streamed as it is; everything else is JSON and checked.
  if (schema && status !== 204 && isJson) {
    let parsed: unknown
    try {
      parsed = JSON.parse(body)
    } catch {
      return `answered ${status} with a body that is not JSON: ${body.slice(0, 200)}`
    }
    const result = schema.safeParse(parsed)
    if (!result.success)
      return `answered ${status} with a body that does not match the documented schema: ${result.error.message.slice(0, 400)} — ${body.slice(0, 300)}`
  }
  return null
}

describe.each<Dialect>([
  'sqlite',
  'postgres',
])('the API under fuzzing on %s (issue 16)', (dialect) => {
  let h: Harness | null = null
  let operations: Operation[] = []
  let known: KnownValues = {}
  beforeAll(async () => {
    h = await openHarness(dialect, { withDialer: true })
    if (!h) return
    known = await seedTenant(h)
    const doc = await h.app.inject({ method: 'GET', url: '/openapi.json' })
    operations = operationsOf(doc.json())
  }, 60_000)
  afterAll(async () => h?.close())

  const send = (req: FuzzRequest) =>
    h!.app.inject({
      method: req.method,
      url: req.url,
      ...(req.payload === undefined ? {} : { payload: req.payload }),
      headers: {
        ...(req.user ? { authorization: `Bearer ${h!.tokens[req.user]}` } : {}),
        ...req.headers,
      },
    })

  it('R10 every authenticated operation refuses calls without a valid credential (401) and writes nothing', async (ctx) => {
    if (!h) return ctx.skip()
    const findings: string[] = []
    const before = await databaseFingerprint(h.db)
    for (const op of operations.filter((o) => !o.isPublic)) {
      const url = op.path.replace(/\{[^}]+\}/g, 'x')
      for (const authorization of [
        undefined,
        'Bearer not-a-token',
        'Basic YWRtaW4xOng=',
        'Bearer \u00ff',
      ]) {
        const r = await h.app.inject({
          method: op.method,
          url,
          headers: authorization === undefined ? {} : { authorization },
          ...(op.method === 'GET' ? {} : { payload: {} }),
        })
        if (r.statusCode !== 401)
          findings.push(
            `${op.method} ${op.path} with ${authorization ?? 'nothing'}: ${r.statusCode} ${r.body.slice(0, 200)}`,
          )
        const problem = checkAnswer(op, r)
        if (problem) findings.push(`${op.method} ${op.path}: ${problem}`)
      }
    }
    expect(findings).toEqual([])
    expect(await databaseFingerprint(h.db)).toEqual(before)
  })

  it(`R10 every operation of /openapi.json answers fuzzed requests with a documented status and schema, never 5xx, and a refused request writes nothing (OUTDIAL_FUZZ_SEED=${SEED}, ${RUNS} runs each)`, async (ctx) => {
    if (!h) return ctx.skip()
    expect(operations.length).toBeGreaterThan(100)
    const findings: Finding[] = []
    const statuses = new Map<number, number>()
    for (const [index, op] of operations.entries()) {
      const seed = SEED + index
      let problem = ''
      try {
        await fc.assert(
          fc.asyncProperty(requestArb(op, known), async (req) => {
            // GET handlers only read; every other request that is refused is checked for writes.
            const before = req.method === 'GET' ? null : await databaseFingerprint(h!.db)
            const r = await send(req)
            statuses.set(r.statusCode, (statuses.get(r.statusCode) ?? 0) + 1)
            const wrong = checkAnswer(op, r)
            if (wrong) problem = `${req.describe}\n  → ${wrong}`
            else if (before !== null && r.statusCode >= 400) {
              const after = await databaseFingerprint(h!.db)
              const allowed = WRITES_ON_REFUSAL[`${op.method} ${op.path}`]
              const changed = Object.keys(after).filter(
                (t) =>
                  after[t] !== before[t] &&
                  !(allowed?.status === r.statusCode && allowed.tables.includes(t)),
              )
              if (changed.length > 0)
                problem = `${req.describe}\n  → refused with ${r.statusCode} but wrote to ${changed.join(', ')}: ${r.body.slice(0, 200)}`
            }
            if (problem !== '') throw new Error(problem)
          }),
          { seed, numRuns: RUNS, endOnFailure: true },
        )
      } catch (error) {
        findings.push({
          operation: `${op.method} ${op.path}`,
          seed,
          problem: (problem || (error as Error).message)
            .split('\n')
            .map((line) =>
              line.length > LINE_SHOWN_MAX ? `${line.slice(0, LINE_SHOWN_MAX)}…` : line,
            )
            .join('\n'),
        })
      }
      await signInAgain(h)
    }
    process.stdout.write(
      `fuzz on ${dialect}: ${operations.length} operations, answers by status ${JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a - b)))}\n`,
    )
    if (findings.length > 0)
      process.stderr.write(
        `\nfuzz failures on ${dialect} — replay with OUTDIAL_FUZZ_SEED=${SEED} OUTDIAL_FUZZ_RUNS=${RUNS}:\n${findings
          .map((f) => `* ${f.operation} (operation seed ${f.seed})\n${f.problem}`)
          .join('\n')}\n`,
      )
    expect(findings, `OUTDIAL_FUZZ_SEED=${SEED}`).toEqual([])
  }, 120_000)
})
