// Issue 16, tokens and passwords, through the HTTP API on SQLite and PostgreSQL: logout revokes
// the bearer token it is called with; a password change (self) or reset (admin) revokes every token
// and session of the user; enabling a disabled user brings none of their old tokens back; tokens
// expire after a configurable lifetime.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Dialect, type Harness, openHarness, PASSWORD } from './harness.ts'

const NEW_PASSWORD = 'a brand new passphrase'
const TOKEN_TTL_SEC = 600
const TOKEN_TTL_SEC_MAX = 3600

describe.each<Dialect>([
  'sqlite',
  'postgres',
])('token and session revocation on %s (issue 16)', (dialect) => {
  let h: Harness | null = null
  beforeAll(async () => {
    h = await openHarness(dialect, {
      lifetimes: { tokenTtlSec: TOKEN_TTL_SEC, tokenTtlSecMax: TOKEN_TTL_SEC_MAX },
    })
  })
  afterAll(async () => h?.close())

  const tokenFor = async (t: Harness, username: string, password = PASSWORD, tenant?: string) => {
    const r = await t.call(null, 'POST', '/v1/auth/token', {
      username,
      password,
      ...(tenant ? { tenant } : {}),
    })
    expect(r.statusCode, r.body).toBe(200)
    return r.json().token as string
  }
  const sessionFor = async (t: Harness, username: string, password = PASSWORD) => {
    const r = await t.call(null, 'POST', '/v1/auth/login', { username, password })
    expect(r.statusCode, r.body).toBe(200)
    const cookie = r.cookies.find((c) => c.name === 'outdial_session')!
    return { cookie: `outdial_session=${cookie.value}`, csrf: r.json().csrfToken as string }
  }
  const meWithToken = (t: Harness, token: string) =>
    t.app.inject({
      method: 'GET',
      url: '/v1/auth/me',
      headers: { authorization: `Bearer ${token}` },
    })
  const meWithSession = (t: Harness, cookie: string) =>
    t.app.inject({ method: 'GET', url: '/v1/auth/me', headers: { cookie } })
  const createUser = async (t: Harness, username: string) => {
    const r = await t.call('admin1', 'POST', '/v1/users', {
      username,
      password: PASSWORD,
      role: 'supervisor',
    })
    expect(r.statusCode, r.body).toBe(201)
    return r.json().id as string
  }

  it('POST /v1/auth/logout with a bearer token revokes that token, and only that one', async (ctx) => {
    if (!h) return ctx.skip()
    const token = await tokenFor(h, 'super1')
    const other = await tokenFor(h, 'super1')
    expect((await meWithToken(h, token)).statusCode).toBe(200)
    const out = await h.app.inject({
      method: 'POST',
      url: '/v1/auth/logout',
      headers: { authorization: `Bearer ${token}` },
    })
    expect(out.statusCode).toBe(204)
    const after = await meWithToken(h, token)
    expect(after.statusCode).toBe(401)
    expect(after.json().message).toMatch(/revoked/)
    expect((await meWithToken(h, other)).statusCode).toBe(200)
  })

  it('changing one’s own password revokes every token and session of the user and needs the current password', async (ctx) => {
    if (!h) return ctx.skip()
    await createUser(h, 'changer')
    const token = await tokenFor(h, 'changer')
    const session = await sessionFor(h, 'changer')
    const wrong = await h.app.inject({
      method: 'POST',
      url: '/v1/auth/password',
      headers: { authorization: `Bearer ${token}` },
      payload: { currentPassword: 'not the password', newPassword: NEW_PASSWORD },
    })
    expect(wrong.statusCode).toBe(401)
    const short = await h.app.inject({
      method: 'POST',
      url: '/v1/auth/password',
      headers: { authorization: `Bearer ${token}` },
      payload: { currentPassword: PASSWORD, newPassword: 'short' },
    })
    expect(short.statusCode).toBe(400)
    expect(short.json().details[0].path).toBe('newPassword')
    expect((await meWithToken(h, token)).statusCode).toBe(200)

    const changed = await h.app.inject({
      method: 'POST',
      url: '/v1/auth/password',
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrf },
      payload: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD },
    })
    expect(changed.statusCode).toBe(204)
    expect((await meWithToken(h, token)).statusCode).toBe(401)
    expect((await meWithSession(h, session.cookie)).statusCode).toBe(401)
    const old = await h.call(null, 'POST', '/v1/auth/token', {
      username: 'changer',
      password: PASSWORD,
    })
    expect(old.statusCode).toBe(401)
    expect((await meWithToken(h, await tokenFor(h, 'changer', NEW_PASSWORD))).statusCode).toBe(200)
    const audit = (await h.call('admin1', 'GET', '/v1/audit')).json()
    expect(audit.items).toContainEqual(expect.objectContaining({ action: 'user.password-change' }))
  })

  it('an admin reset of a user’s password revokes their tokens and sessions, within the admin’s tenant only', async (ctx) => {
    if (!h) return ctx.skip()
    const id = await createUser(h, 'resettee')
    const token = await tokenFor(h, 'resettee')
    const session = await sessionFor(h, 'resettee')
    const foreign = await h.call('admin2', 'POST', `/v1/users/${id}/password`, {
      password: NEW_PASSWORD,
    })
    expect(foreign.statusCode).toBe(404)
    expect((await meWithToken(h, token)).statusCode).toBe(200)
    const forbidden = await h.call('super1', 'POST', `/v1/users/${id}/password`, {
      password: NEW_PASSWORD,
    })
    expect(forbidden.statusCode).toBe(403)

    const reset = await h.call('admin1', 'POST', `/v1/users/${id}/password`, {
      password: NEW_PASSWORD,
    })
    expect(reset.statusCode).toBe(200)
    expect(reset.json()).toMatchObject({ id, username: 'resettee', disabled: false })
    expect((await meWithToken(h, token)).statusCode).toBe(401)
    expect((await meWithSession(h, session.cookie)).statusCode).toBe(401)
    expect((await meWithToken(h, await tokenFor(h, 'resettee', NEW_PASSWORD))).statusCode).toBe(200)
    const audit = (await h.call('admin1', 'GET', '/v1/audit')).json()
    expect(audit.items).toContainEqual(
      expect.objectContaining({ action: 'user.password-reset', objectId: id }),
    )
  })

  it('re-enabling a disabled user does not bring their old tokens or sessions back', async (ctx) => {
    if (!h) return ctx.skip()
    const id = await createUser(h, 'sleeper')
    const token = await tokenFor(h, 'sleeper')
    const session = await sessionFor(h, 'sleeper')
    expect(
      (await h.call('admin1', 'PATCH', `/v1/users/${id}`, { disabled: true })).statusCode,
    ).toBe(200)
    expect(
      (await h.call('admin1', 'PATCH', `/v1/users/${id}`, { disabled: false })).statusCode,
    ).toBe(200)
    expect((await meWithToken(h, token)).statusCode).toBe(401)
    expect((await meWithSession(h, session.cookie)).statusCode).toBe(401)
    expect((await meWithToken(h, await tokenFor(h, 'sleeper'))).statusCode).toBe(200)
  })

  it('tokens expire after the configured lifetime, and may not ask for more than the configured longest', async (ctx) => {
    if (!h) return ctx.skip()
    const issued = await h.call(null, 'POST', '/v1/auth/token', {
      username: 'super1',
      password: PASSWORD,
    })
    const issuedAtMs = h.nowMs()
    const { token, expiresAt } = issued.json()
    const lifetimeMs = Date.parse(expiresAt) - issuedAtMs
    expect(lifetimeMs).toBeGreaterThan((TOKEN_TTL_SEC - 1) * 1000)
    expect(lifetimeMs).toBeLessThanOrEqual(TOKEN_TTL_SEC * 1000)
    expect((await meWithToken(h, token)).statusCode).toBe(200)
    h.advance(TOKEN_TTL_SEC * 1000)
    const expired = await meWithToken(h, token)
    expect(expired.statusCode).toBe(401)
    expect(expired.json().message).toMatch(/expired/)
    const tooLong = await h.call(null, 'POST', '/v1/auth/token', {
      username: 'super1',
      password: PASSWORD,
      ttlSec: TOKEN_TTL_SEC_MAX + 1,
    })
    expect(tooLong.statusCode).toBe(400)
    expect(tooLong.json().details[0].path).toBe('ttlSec')
  })

  it('the OpenAPI document describes the password change and reset and the login body’s tenant', async (ctx) => {
    if (!h) return ctx.skip()
    const doc = (await h.call(null, 'GET', '/openapi.json')).json()
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/v1/auth/password', '/v1/users/{id}/password', '/v1/auth/logout']),
    )
    const change = doc.paths['/v1/auth/password'].post
    expect(Object.keys(change.requestBody.content['application/json'].schema.properties)).toEqual([
      'currentPassword',
      'newPassword',
    ])
    for (const path of ['/v1/auth/token', '/v1/auth/login']) {
      const body = doc.paths[path].post.requestBody.content['application/json'].schema
      expect(body.properties.tenant.type).toBe('string')
      expect(body.required).not.toContain('tenant')
    }
    const ttl =
      doc.paths['/v1/auth/token'].post.requestBody.content['application/json'].schema.properties
        .ttlSec
    expect(ttl).toMatchObject({ maximum: TOKEN_TTL_SEC_MAX, default: TOKEN_TTL_SEC })
    expect(Object.keys(doc.paths['/v1/auth/token'].post.responses)).toContain('429')
  })
})
