// Issue 16, login throttling, through the HTTP API on SQLite and PostgreSQL: failures are counted
// per account and per client address; past the free ones each further failure doubles the wait
// (429 with Retry-After), capped so the account's owner is delayed, never locked out; spraying one
// password over many usernames from one address is throttled too; the counters live in the
// database, so a second API process on the same database sees them.
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildOutdialApi } from '../../src/api/assemble.ts'
import { type Dialect, type Harness, openHarness, PASSWORD } from './harness.ts'

/** The policy of src/api/login-throttle.ts, as README's security section states it. */
const LOGIN_FREE_FAILURES_PER_ACCOUNT = 5
const LOGIN_FREE_FAILURES_PER_ADDRESS = 20
const LOGIN_BACKOFF_ACCOUNT_MAX_SEC = 60

describe.each<Dialect>(['sqlite', 'postgres'])('login throttling on %s (issue 16)', (dialect) => {
  let h: Harness | null = null
  let second: FastifyInstance | null = null
  beforeAll(async () => {
    h = await openHarness(dialect)
    if (h)
      second = await buildOutdialApi({
        credentials: h.store.accounts,
        stores: (tenantId) => h!.store.forTenant(tenantId),
        nowMs: h.nowMs,
        logLevel: 'silent',
      })
  })
  afterAll(async () => {
    await second?.close()
    await h?.close()
  })

  const login = (
    app: FastifyInstance,
    address: string,
    username: string,
    password: string,
    tenant?: string,
  ) =>
    app.inject({
      method: 'POST',
      url: '/v1/auth/token',
      remoteAddress: address,
      payload: { username, password, ...(tenant ? { tenant } : {}) },
    })

  it('backs off an account with 429 and Retry-After, doubling to a cap, and its owner gets in once the wait is over', async (ctx) => {
    if (!h) return ctx.skip()
    const attacker = '203.0.113.7'
    const owner = '198.51.100.20'
    for (let i = 1; i < LOGIN_FREE_FAILURES_PER_ACCOUNT; i++)
      expect((await login(h.app, attacker, 'super1', `guess-${i}`)).statusCode).toBe(401)
    expect((await login(h.app, attacker, 'super1', 'guess-last')).statusCode).toBe(401)
    // The account now waits 1 s, from every address, even with the right password.
    const waiting = await login(h.app, owner, 'super1', PASSWORD)
    expect(waiting.statusCode).toBe(429)
    expect(waiting.headers['retry-after']).toBe('1')
    expect(waiting.json()).toMatchObject({ error: 'too_many_requests' })
    // Each further failure doubles the wait, never beyond the cap.
    let previous = 0
    for (let i = 0; i < 10; i++) {
      h.advance(LOGIN_BACKOFF_ACCOUNT_MAX_SEC * 1000)
      expect((await login(h.app, attacker, 'super1', `more-${i}`)).statusCode).toBe(401)
      const r = await login(h.app, owner, 'super1', PASSWORD)
      expect(r.statusCode).toBe(429)
      const retryAfter = Number(r.headers['retry-after'])
      expect(retryAfter).toBeGreaterThanOrEqual(
        Math.min(previous * 2, LOGIN_BACKOFF_ACCOUNT_MAX_SEC),
      )
      expect(retryAfter).toBeLessThanOrEqual(LOGIN_BACKOFF_ACCOUNT_MAX_SEC)
      previous = retryAfter
    }
    expect(previous).toBe(LOGIN_BACKOFF_ACCOUNT_MAX_SEC)
    // Tries during the wait are not counted: the owner gets in right after it.
    h.advance(LOGIN_BACKOFF_ACCOUNT_MAX_SEC * 1000)
    const ok = await login(h.app, owner, 'super1', PASSWORD)
    expect(ok.statusCode).toBe(200)
    // The success cleared the account's count: one more failure does not block it.
    expect((await login(h.app, owner, 'super1', 'typo-typo')).statusCode).toBe(401)
    expect((await login(h.app, owner, 'super1', PASSWORD)).statusCode).toBe(200)
  })

  it('throttles one address spraying a password over many usernames, and not another address', async (ctx) => {
    if (!h) return ctx.skip()
    const sprayer = '203.0.113.99'
    for (let i = 0; i < LOGIN_FREE_FAILURES_PER_ADDRESS; i++)
      expect((await login(h.app, sprayer, `user-${i}`, 'Winter2026!')).statusCode).toBe(401)
    const blocked = await login(h.app, sprayer, 'admin1', PASSWORD)
    expect(blocked.statusCode).toBe(429)
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0)
    expect((await login(h.app, '198.51.100.21', 'admin1', PASSWORD)).statusCode).toBe(200)
  })

  it('keeps the counters in the database: a second API process on it sees the wait', async (ctx) => {
    if (!h || !second) return ctx.skip()
    const address = '192.0.2.55'
    for (let i = 0; i < LOGIN_FREE_FAILURES_PER_ACCOUNT; i++)
      expect((await login(h.app, address, 'admin2', `nope-${i}`)).statusCode).toBe(401)
    const elsewhere = await login(second, '192.0.2.56', 'admin2', PASSWORD)
    expect(elsewhere.statusCode).toBe(429)
    expect(elsewhere.headers['retry-after']).toBe('1')
    h.advance(1000)
    expect((await login(second, '192.0.2.56', 'admin2', PASSWORD)).statusCode).toBe(200)
  })

  it('throttles the current-password check of a password change like a login', async (ctx) => {
    if (!h) return ctx.skip()
    const change = (currentPassword: string) =>
      h!.app.inject({
        method: 'POST',
        url: '/v1/auth/password',
        remoteAddress: '192.0.2.77',
        headers: { authorization: `Bearer ${h!.tokens.agent1}` },
        payload: { currentPassword, newPassword: 'never set this one' },
      })
    for (let i = 0; i < LOGIN_FREE_FAILURES_PER_ACCOUNT; i++)
      expect((await change(`wrong-${i}`)).statusCode).toBe(401)
    const r = await change(PASSWORD)
    expect(r.statusCode).toBe(429)
    expect(r.headers['retry-after']).toBe('1')
  })

  it('counts an IPv6 client by its /64 network, so rotating addresses inside it does not escape', async (ctx) => {
    if (!h) return ctx.skip()
    for (let i = 0; i < LOGIN_FREE_FAILURES_PER_ADDRESS; i++)
      expect(
        (
          await login(
            h.app,
            `2001:db8:aa:bb::${(i + 1).toString(16)}`,
            `v6-user-${i}`,
            'Spring2026!',
          )
        ).statusCode,
      ).toBe(401)
    const sameNetwork = await login(h.app, '2001:db8:aa:bb:1:2:3:4', 'admin1', PASSWORD)
    expect(sameNetwork.statusCode).toBe(429)
    expect((await login(h.app, '2001:db8:aa:cc::1', 'admin1', PASSWORD)).statusCode).toBe(200)
  })
})

describe('login throttling behind a trusted proxy (issue 16)', () => {
  let h: Harness | null = null
  beforeAll(async () => {
    h = await openHarness('sqlite', { trustProxy: '10.0.0.1' })
  })
  afterAll(async () => h?.close())

  const viaProxy = (client: string, username: string, password: string, proxy = '10.0.0.1') =>
    h!.app.inject({
      method: 'POST',
      url: '/v1/auth/token',
      remoteAddress: proxy,
      headers: { 'x-forwarded-for': client },
      payload: { username, password },
    })

  it('counts the client named by the trusted proxy, not the proxy, and believes no other hop', async () => {
    for (let i = 0; i < LOGIN_FREE_FAILURES_PER_ADDRESS; i++)
      expect((await viaProxy('198.51.100.1', `someone-${i}`, 'Autumn2026!')).statusCode).toBe(401)
    expect((await viaProxy('198.51.100.1', 'admin1', PASSWORD)).statusCode).toBe(429)
    // Another client behind the same proxy is not held up by the sprayer.
    expect((await viaProxy('198.51.100.2', 'admin1', PASSWORD)).statusCode).toBe(200)
    // An untrusted peer cannot choose its address with the header.
    for (let i = 0; i < LOGIN_FREE_FAILURES_PER_ADDRESS; i++)
      expect(
        (await viaProxy(`192.0.2.${i + 1}`, `other-${i}`, 'Autumn2026!', '203.0.113.50'))
          .statusCode,
      ).toBe(401)
    expect((await viaProxy('192.0.2.200', 'admin1', PASSWORD, '203.0.113.50')).statusCode).toBe(429)
  })
})
