// R10.3 / issue 5 contract: DNC lists over the API, on both databases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Dialect, type Harness, openHarness } from './harness.ts'

describe.each<Dialect>(['sqlite', 'postgres'])('DNC lists on %s (R5.4, R10.3)', (dialect) => {
  let h: Harness | null = null
  beforeAll(async () => {
    h = await openHarness(dialect)
  })
  afterAll(async () => h?.close())
  const url = '/v1/dncList/internal/phoneNumber'

  it('adds (201), refuses the same number (409), gets and deletes it', async (ctx) => {
    if (!h) return ctx.skip()
    const body = { phoneNumber: '+14155550123', source: 'api', reason: 'customer asked' }
    const added = await h.call('admin1', 'POST', url, body)
    expect(added.statusCode).toBe(201)
    expect(added.json()).toMatchObject({
      listName: 'internal',
      phoneNumber: '+14155550123',
      source: 'api',
    })
    expect(added.headers.location).toBe('/v1/dncList/internal/phoneNumber/%2B14155550123')
    const again = await h.call('admin1', 'POST', url, body)
    expect(again.statusCode).toBe(409)
    expect(again.json().error).toBe('conflict')
    const got = await h.call('super1', 'GET', `${url}/%2B14155550123`)
    expect(got.statusCode).toBe(200)
    expect(got.json().reason).toBe('customer asked')
    const page = await h.call('admin1', 'GET', url)
    expect(page.json()).toMatchObject({ total: 1, limit: 50, offset: 0 })
    expect((await h.call('admin1', 'DELETE', `${url}/%2B14155550123`)).statusCode).toBe(204)
    expect((await h.call('admin1', 'GET', `${url}/%2B14155550123`)).statusCode).toBe(404)
    expect((await h.call('admin1', 'DELETE', `${url}/%2B14155550123`)).statusCode).toBe(404)
  })

  it('refuses a number that is not E.164 with 400 naming phoneNumber', async (ctx) => {
    if (!h) return ctx.skip()
    for (const phoneNumber of ['4155550123', '+0123', '+1 415 555 0123', 12345]) {
      const r = await h.call('admin1', 'POST', url, { phoneNumber, source: 'api', reason: 'x' })
      expect(r.statusCode, String(phoneNumber)).toBe(400)
      expect(r.json().details[0].path).toBe('phoneNumber')
    }
    const missingSource = await h.call('admin1', 'POST', url, { phoneNumber: '+14155550199' })
    expect(missingSource.statusCode).toBe(400)
    expect(missingSource.json().details[0].path).toBe('source')
  })

  it('lets an agent add a number from their call from the desktop but not read or delete', async (ctx) => {
    if (!h) return ctx.skip()
    const body = { phoneNumber: '+14155550177', source: 'desktop', reason: 'asked on the call' }
    // The list exists, and agent-1 was on a call with the number (issue 16: agents add only those).
    await h.call('admin1', 'POST', url, { phoneNumber: '+14155550176', source: 'api' })
    await h.store.forTenant('t1').runtime.attempts.open({
      attemptId: 'att-desktop',
      campaignId: 'camp-1',
      contactId: 'c-desktop',
      number: '+14155550177',
      callerId: '+15550100000',
      agentId: 'agent-1',
      atMs: h.nowMs(),
      lease: { owner: 'node-a', untilMs: h.nowMs() + 60_000 },
      storedContact: false,
    })
    expect((await h.call('agent1', 'POST', url, body)).statusCode).toBe(201)
    expect((await h.call('agent1', 'GET', `${url}/%2B14155550177`)).statusCode).toBe(403)
    expect((await h.call('agent1', 'DELETE', `${url}/%2B14155550177`)).statusCode).toBe(403)
  })

  it('keeps tenants apart: another tenant neither sees nor deletes the number', async (ctx) => {
    if (!h) return ctx.skip()
    const body = { phoneNumber: '+14155550188', source: 'api', reason: '' }
    expect((await h.call('admin1', 'POST', url, body)).statusCode).toBe(201)
    expect((await h.call('admin2', 'GET', `${url}/%2B14155550188`)).statusCode).toBe(404)
    expect((await h.call('admin2', 'DELETE', `${url}/%2B14155550188`)).statusCode).toBe(404)
    expect((await h.call('admin2', 'GET', url)).json().total).toBe(0)
    // The same number on the other tenant's list is its own entry, not a duplicate.
    expect((await h.call('admin2', 'POST', url, body)).statusCode).toBe(201)
    expect((await h.call('admin1', 'GET', `${url}/%2B14155550188`)).statusCode).toBe(200)
  })
})

describe.each<Dialect>([
  'sqlite',
  'postgres',
])('DNC files on %s (R5.4 national list)', (dialect) => {
  let h: Harness | null = null
  beforeAll(async () => {
    h = await openHarness(dialect)
  })
  afterAll(async () => h?.close())
  const upload = (body: string, query: string, type = 'text/csv') =>
    h!.app.inject({
      method: 'PUT',
      url: `/v1/dncList/national/file?${query}`,
      payload: body,
      headers: { authorization: `Bearer ${h!.tokens.admin1}`, 'content-type': type },
    })

  it('loads a national list from a CSV, keeps its load date, and reports bad rows', async (ctx) => {
    if (!h) return ctx.skip()
    const file =
      'phoneNumber\n(415) 555-0101\n+14155550102\nnot a number\n\n415-555-0101\n"+1 415 555 0103"\n'
    const r = await upload(file, 'kind=national&defaultCountry=US')
    expect(r.statusCode, r.body).toBe(200)
    expect(r.json()).toMatchObject({
      name: 'national',
      kind: 'national',
      count: 3,
      rowsRejected: 1,
    })
    expect(r.json().issues).toEqual([{ row: 4, reason: expect.stringMatching(/not a number/) }])
    expect(r.json().loadedAt).toMatch(/^2026-11-24T/)
    const entry = await h.call('admin1', 'GET', '/v1/dncList/national/phoneNumber/%2B14155550101')
    expect(entry.statusCode).toBe(200)
  })

  it('refreshes by replacing the whole list; a broken file leaves the previous list whole', async (ctx) => {
    if (!h) return ctx.skip()
    const r = await upload('+14155550199\n', 'kind=national')
    expect(r.json()).toMatchObject({ count: 1, rowsRejected: 0 })
    expect(
      (await h.call('admin1', 'GET', '/v1/dncList/national/phoneNumber/%2B14155550101')).statusCode,
    ).toBe(404)
    const broken = await upload('+14155550111\n"unclosed\n', 'kind=national')
    expect(broken.statusCode).toBe(400)
    expect(broken.json().message).toMatch(/unchanged/)
    expect((await h.call('admin1', 'GET', '/v1/dncList/national')).json()).toMatchObject({
      count: 1,
    })
    expect(
      (await h.call('admin1', 'GET', '/v1/dncList/national/phoneNumber/%2B14155550199')).statusCode,
    ).toBe(200)
  })

  it('refuses other content types (415) and other roles (403), and keeps tenants apart', async (ctx) => {
    if (!h) return ctx.skip()
    expect((await upload('{}', 'kind=national', 'application/json')).statusCode).toBe(415)
    const asSupervisor = await h.app.inject({
      method: 'PUT',
      url: '/v1/dncList/national/file',
      payload: '+14155550100\n',
      headers: { authorization: `Bearer ${h.tokens.super1}`, 'content-type': 'text/csv' },
    })
    expect(asSupervisor.statusCode).toBe(403)
    expect((await h.call('admin2', 'GET', '/v1/dncList/national')).json()).toMatchObject({
      count: 0,
      loadedAt: null,
    })
  })

  it('lists every list of the tenant with its kind, size and load date (issue 13)', async (ctx) => {
    if (!h) return ctx.skip()
    const added = await h.call('admin1', 'POST', '/v1/dncList/in-house/phoneNumber', {
      phoneNumber: '+14155550177',
      source: 'api',
      reason: 'asked not to be called',
    })
    expect(added.statusCode, added.body).toBe(201)
    const all = await h.call('super1', 'GET', '/v1/dncList')
    expect(all.statusCode).toBe(200)
    expect(all.json().items).toEqual([
      { name: 'in-house', kind: 'internal', region: null, loadedAt: null, count: 1 },
      {
        name: 'national',
        kind: 'national',
        region: 'US',
        loadedAt: expect.stringMatching(/^2026-11-24T/),
        count: 1,
      },
    ])
    expect((await h.call('admin2', 'GET', '/v1/dncList')).json()).toEqual({ items: [] })
    expect((await h.call('agent1', 'GET', '/v1/dncList')).statusCode).toBe(403)
  })
})
