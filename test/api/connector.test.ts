// R4.1: the campaign-manager connector — basic auth checked against its validation URL on save
// (a real loopback HTTP server plays the campaign manager), the password sealed at rest and never
// returned, one connector per tenant.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Dialect, type Harness, openHarness } from './harness.ts'

let cm: Server
let base = ''
/** Another host that would like the password: it records every request it gets. */
let collector: Server
let elsewhere = ''
const collected: string[] = []
beforeAll(async () => {
  collector = createServer((request, response) => {
    collected.push(`${request.url} ${request.headers.authorization ?? ''}`)
    response.writeHead(200).end()
  })
  await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve))
  elsewhere = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`
  cm = createServer((request, response) => {
    const expected = `Basic ${Buffer.from('dialer:s3cret-pass').toString('base64')}`
    response.writeHead(request.headers.authorization === expected ? 200 : 401).end()
  })
  await new Promise<void>((resolve) => cm.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(cm.address() as AddressInfo).port}`
})
afterAll(async () => {
  await new Promise<void>((resolve) => cm.close(() => resolve()))
  await new Promise<void>((resolve) => collector.close(() => resolve()))
})

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

  it('never sends the stored password to a new place: a changed validationUrl or resourceDomain needs the password again (issue 16)', async (ctx) => {
    if (!h) return ctx.skip()
    const { password: _p, ...withoutPassword } = connector()
    const redirected = await h.call('admin1', 'PUT', '/v1/connectors/cm', {
      ...withoutPassword,
      resourceDomain: elsewhere,
      validationUrl: `${elsewhere}/collect`,
    })
    expect(redirected.statusCode).toBe(422)
    expect(redirected.json().details[0]).toMatchObject({ path: 'password' })
    const samePlaceNewPath = await h.call('admin1', 'PUT', '/v1/connectors/cm', {
      ...withoutPassword,
      validationUrl: `${base}/other-health`,
    })
    expect(samePlaceNewPath.statusCode).toBe(422)
    expect(samePlaceNewPath.json().details[0]).toMatchObject({ path: 'password' })
    expect(collected).toEqual([])
    // With the password sent again, the new validation URL on the same domain is used.
    const resent = await h.call('admin1', 'PUT', '/v1/connectors/cm', {
      ...connector(),
      validationUrl: `${base}/other-health`,
    })
    expect(resent.statusCode).toBe(200)
  })

  it('validates only on the connector’s own resource domain (issue 16)', async (ctx) => {
    if (!h) return ctx.skip()
    const offDomain = await h.call('admin2', 'POST', '/v1/connectors', {
      ...connector(),
      validationUrl: `${elsewhere}/collect`,
    })
    expect(offDomain.statusCode).toBe(400)
    expect(offDomain.json().details[0]).toMatchObject({
      path: 'validationUrl',
      message: expect.stringMatching(/resource domain/),
    })
    expect(collected).toEqual([])
  })
})
