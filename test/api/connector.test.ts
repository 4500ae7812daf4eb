// R4.1: the campaign-manager connector — basic auth checked against its validation URL on save
// (a real loopback HTTP server plays the campaign manager), the password sealed at rest and never
// returned, one connector per tenant.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Dialect, type Harness, openHarness } from './harness.ts'

let cm: Server
let base = ''
beforeAll(async () => {
  cm = createServer((request, response) => {
    const expected = `Basic ${Buffer.from('dialer:s3cret-pass').toString('base64')}`
    response.writeHead(request.headers.authorization === expected ? 200 : 401).end()
  })
  await new Promise<void>((resolve) => cm.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(cm.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((resolve) => cm.close(() => resolve())))

describe.each<Dialect>(['sqlite', 'postgres'])('connectors on %s (R4.1)', (dialect) => {
  let h: Harness | null = null
  beforeAll(async () => {
    h = await openHarness(dialect)
  })
  afterAll(async () => h?.close())
  const connector = () => ({
    id: 'cm',
    name: 'Campaign manager',
    resourceDomain: base,
    username: 'dialer',
    password: 's3cret-pass',
    validationUrl: `${base}/health`,
  })

  it('refuses credentials the campaign manager rejects, naming validationUrl', async (ctx) => {
    if (!h) return ctx.skip()
    const r = await h.call('admin1', 'POST', '/v1/connectors', {
      ...connector(),
      password: 'wrong-pass',
    })
    expect(r.statusCode).toBe(422)
    expect(r.json().details[0]).toMatchObject({
      path: 'validationUrl',
      message: expect.stringMatching(/401/),
    })
  })

  it('saves good credentials, never returns the password, and keeps it on an update without one', async (ctx) => {
    if (!h) return ctx.skip()
    const created = await h.call('admin1', 'POST', '/v1/connectors', connector())
    expect(created.statusCode).toBe(201)
    expect(created.body).not.toContain('s3cret-pass')
    expect(created.json().body).toMatchObject({ username: 'dialer', passwordSet: true })
    const stored = await h.db.db
      .selectFrom('config_objects')
      .select('body')
      .where('kind', '=', 'connector')
      .executeTakeFirstOrThrow()
    expect(stored.body).not.toContain('s3cret-pass')
    const { password: _p, ...withoutPassword } = connector()
    const updated = await h.call('admin1', 'PUT', '/v1/connectors/cm', {
      ...withoutPassword,
      name: 'CM',
    })
    expect(updated.statusCode).toBe(200)
    expect((await h.call('admin1', 'GET', '/v1/connectors/cm')).json().body).toMatchObject({
      name: 'CM',
      passwordSet: true,
    })
  })

  it('allows one connector per tenant and only administrators', async (ctx) => {
    if (!h) return ctx.skip()
    const second = await h.call('admin1', 'POST', '/v1/connectors', {
      ...connector(),
      id: 'cm2',
      name: 'Second',
    })
    expect(second.statusCode).toBe(422)
    expect((await h.call('super1', 'GET', '/v1/connectors')).statusCode).toBe(403)
    expect((await h.call('admin2', 'GET', '/v1/connectors')).json().total).toBe(0)
  })
})
