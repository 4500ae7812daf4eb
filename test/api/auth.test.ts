// Issue 5 contract and Security: tokens, roles, sessions with CSRF, and the public routes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Dialect, type Harness, openHarness, PASSWORD } from './harness.ts'

describe.each<Dialect>(['sqlite', 'postgres'])('auth on %s (issue 5 Security)', (dialect) => {
  let h: Harness | null = null
  beforeAll(async () => {
    h = await openHarness(dialect)
  })
  afterAll(async () => h?.close())
  const harness = () => {
    if (!h) return null
    return h
  }

  it('POST /v1/auth/token answers a token that authenticates', async (ctx) => {
    const t = harness()
    if (!t) return ctx.skip()
    const response = await t.call(null, 'POST', '/v1/auth/token', {
      username: 'admin1',
      password: PASSWORD,
    })
    expect(response.statusCode).toBe(200)
    const { token } = response.json()
    expect(token).toMatch(/^odt_/)
    const me = await t.app.inject({
      method: 'GET',
      url: '/v1/auth/me',
      headers: { authorization: `Bearer ${token}` },
    })
    expect(me.json()).toMatchObject({ username: 'admin1', role: 'admin', tenantId: 't1' })
  })

  it('refuses a wrong password or unknown user with 401, and a missing or bad token with 401', async (ctx) => {
    const t = harness()
    if (!t) return ctx.skip()
    for (const body of [
      { username: 'admin1', password: 'nope-nope-nope' },
      { username: 'ghost', password: PASSWORD },
    ]) {
      const r = await t.call(null, 'POST', '/v1/auth/token', body)
      expect(r.statusCode).toBe(401)
      expect(r.json()).toMatchObject({ error: 'unauthorized', details: [] })
    }
    expect((await t.call(null, 'GET', '/v1/teams')).statusCode).toBe(401)
    const bad = await t.app.inject({
      method: 'GET',
      url: '/v1/teams',
      headers: { authorization: 'Bearer odt_forged' },
    })
    expect(bad.statusCode).toBe(401)
    const malformed = await t.app.inject({
      method: 'GET',
      url: '/v1/teams',
      headers: { authorization: 'Basic abc' },
    })
    expect(malformed.statusCode).toBe(401)
  })

  it('answers 400 naming the field for a malformed login body', async (ctx) => {
    const t = harness()
    if (!t) return ctx.skip()
    const r = await t.call(null, 'POST', '/v1/auth/token', { username: 'admin1' })
    expect(r.statusCode).toBe(400)
    expect(r.json().details[0].path).toBe('password')
  })

  it('checks roles: an agent may not configure (403), a supervisor may read but not write', async (ctx) => {
    const t = harness()
    if (!t) return ctx.skip()
    const team = { id: 'team-x', name: 'X' }
    expect((await t.call('agent1', 'GET', '/v1/teams')).statusCode).toBe(403)
    expect((await t.call('agent1', 'POST', '/v1/teams', team)).statusCode).toBe(403)
    expect((await t.call('super1', 'GET', '/v1/teams')).statusCode).toBe(200)
    const write = await t.call('super1', 'POST', '/v1/teams', team)
    expect(write.statusCode).toBe(403)
    expect(write.json().message).toMatch(/admin/)
    expect((await t.call('agent1', 'GET', '/v1/users')).statusCode).toBe(403)
  })

  it('a disabled user can neither log in nor use an earlier token', async (ctx) => {
    const t = harness()
    if (!t) return ctx.skip()
    const created = await t.call('admin1', 'POST', '/v1/users', {
      username: 'temp1',
      password: PASSWORD,
      role: 'supervisor',
    })
    expect(created.statusCode).toBe(201)
    const token = (
      await t.call(null, 'POST', '/v1/auth/token', { username: 'temp1', password: PASSWORD })
    ).json().token
    expect(
      (await t.call('admin1', 'PATCH', `/v1/users/${created.json().id}`, { disabled: true }))
        .statusCode,
    ).toBe(200)
    const use = await t.app.inject({
      method: 'GET',
      url: '/v1/teams',
      headers: { authorization: `Bearer ${token}` },
    })
    expect(use.statusCode).toBe(401)
    expect(
      (await t.call(null, 'POST', '/v1/auth/token', { username: 'temp1', password: PASSWORD }))
        .statusCode,
    ).toBe(401)
  })

  it('rejects a short password and a username the tenant already has with the field path', async (ctx) => {
    const t = harness()
    if (!t) return ctx.skip()
    const short = await t.call('admin1', 'POST', '/v1/users', {
      username: 'x1',
      password: 'short',
      role: 'admin',
    })
    expect(short.statusCode).toBe(400)
    expect(short.json().details[0].path).toBe('password')
    const dup = await t.call('admin1', 'POST', '/v1/users', {
      username: 'super1',
      password: PASSWORD,
      role: 'admin',
    })
    expect(dup.statusCode).toBe(409)
    expect(dup.json().details[0].path).toBe('username')
  })

  it('a browser session needs the CSRF header on unsafe methods', async (ctx) => {
    const t = harness()
    if (!t) return ctx.skip()
    const login = await t.call(null, 'POST', '/v1/auth/login', {
      username: 'admin1',
      password: PASSWORD,
    })
    expect(login.statusCode).toBe(200)
    const cookie = login.cookies.find((c) => c.name === 'outdial_session')
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' })
    const headers = { cookie: `outdial_session=${cookie!.value}` }
    expect((await t.app.inject({ method: 'GET', url: '/v1/teams', headers })).statusCode).toBe(200)
    const team = { id: 'team-csrf', name: 'CSRF' }
    const without = await t.app.inject({ method: 'POST', url: '/v1/teams', headers, payload: team })
    expect(without.statusCode).toBe(403)
    expect(without.json().message).toMatch(/x-csrf-token/)
    const withToken = await t.app.inject({
      method: 'POST',
      url: '/v1/teams',
      headers: { ...headers, 'x-csrf-token': login.json().csrfToken },
      payload: team,
    })
    expect(withToken.statusCode).toBe(201)
    await t.app.inject({
      method: 'POST',
      url: '/v1/auth/logout',
      headers: { ...headers, 'x-csrf-token': login.json().csrfToken },
    })
    expect((await t.app.inject({ method: 'GET', url: '/v1/teams', headers })).statusCode).toBe(401)
  })

  it('serves /healthz, /metrics, /openapi.json and /docs without a token', async (ctx) => {
    const t = harness()
    if (!t) return ctx.skip()
    expect((await t.call(null, 'GET', '/healthz')).json()).toMatchObject({ status: 'ok' })
    const metrics = await t.call(null, 'GET', '/metrics')
    expect(metrics.statusCode).toBe(200)
    expect(metrics.body).toContain('outdial_http_requests_total')
    const doc = (await t.call(null, 'GET', '/openapi.json')).json()
    expect(doc.openapi).toBe('3.1.0')
    for (const path of [
      '/v1/auth/token',
      '/v1/dncList/{name}/phoneNumber',
      '/v1/teams/{id}',
      '/v1/campaigns',
    ])
      expect(Object.keys(doc.paths)).toContain(path)
    const docs = await t.call(null, 'GET', '/docs/')
    expect(docs.statusCode).toBe(200)
    expect(docs.body).toMatch(/swagger/i)
  })

  it('answers an unknown route with the one error body', async (ctx) => {
    const t = harness()
    if (!t) return ctx.skip()
    const r = await t.call('admin1', 'GET', '/v1/nothing-here')
    expect(r.statusCode).toBe(404)
    expect(r.json()).toEqual({
      error: 'not_found',
      message: 'no route GET /v1/nothing-here',
      details: [],
    })
  })
})
