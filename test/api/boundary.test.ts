// Issue 16 (R10): inputs that used to be answered with a 500 or in Fastify's own shape, each through
// the HTTP API on both databases: NUL and lone surrogates are 400s naming the field (and never
// stored), upload rows holding them are row issues, a malformed calling-window time is a 400, the
// router's and the HTTP parser's errors keep the one error body, unsupported methods are 405 with
// Allow, text/plain is 415, `__proto__` is refused by name, and lengths count code points.
import { request as httpRequest } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONFIG_KINDS } from '../../src/api/resources/config-kinds.ts'
import { demoTenantObjects } from '../../src/server/seed/demo-tenant.ts'
import { type Dialect, type Harness, openHarness } from './harness.ts'

const ERROR_KEYS = ['details', 'error', 'message']
const pathsOf = (body: { details: { path: string }[] }) => body.details.map((d) => d.path)

describe.each<Dialect>([
  'sqlite',
  'postgres',
])('the request boundary on %s (issue 16)', (dialect) => {
  let h: Harness | null = null
  beforeAll(async () => {
    h = await openHarness(dialect)
    if (!h) return
    for (const object of demoTenantObjects()) {
      const spec = CONFIG_KINDS.find((k) => k.kind === object.kind)!
      const r = await h.call('admin1', 'POST', spec.path, object.body)
      expect(r.statusCode, r.body).toBe(201)
    }
  })
  afterAll(async () => h?.close())

  const auditCount = async () => (await h!.call('admin1', 'GET', '/v1/audit?limit=1')).json().total

  it('R10 NUL in a login body is 400 naming the field, before any database read (was 500 on PostgreSQL)', async (ctx) => {
    if (!h) return ctx.skip()
    const r = await h.call(null, 'POST', '/v1/auth/token', {
      username: 'admin1\u0000',
      password: 'x',
    })
    expect(r.statusCode, r.body).toBe(400)
    expect(Object.keys(r.json()).sort()).toEqual(ERROR_KEYS)
    expect(pathsOf(r.json())).toEqual(['username'])
    expect(r.json().details[0].message).toMatch(/NUL/)
  })

  it('R10 NUL or a lone surrogate in a configuration body is 400 with its path, and nothing is stored', async (ctx) => {
    if (!h) return ctx.skip()
    const before = await auditCount()
    const nul = await h.call('admin1', 'POST', '/v1/teams', {
      id: 'team-nul',
      name: 'Night\u0000shift',
      agentIds: [],
      queueRankings: [],
    })
    expect(nul.statusCode, nul.body).toBe(400)
    expect(pathsOf(nul.json())).toEqual(['name'])
    const key = await h.call('admin1', 'POST', '/v1/teams', {
      id: 'team-key',
      name: 'Key',
      agentIds: [],
      'bad\u0000key': 1,
    })
    expect(key.statusCode, key.body).toBe(400)
    expect(pathsOf(key.json())).toEqual(['bad\\u0000key'])
    for (const id of ['team-nul', 'team-key'])
      expect((await h.call('admin1', 'GET', `/v1/teams/${id}`)).statusCode).toBe(404)
    expect(await auditCount()).toBe(before)
  })

  it('R10 a lone surrogate in a config id is 400 before the object or its audit record is saved (was 500 after both)', async (ctx) => {
    if (!h) return ctx.skip()
    const before = await auditCount()
    const r = await h.call('admin1', 'POST', '/v1/aux-codes', {
      id: 'aux-\uD800',
      name: 'Lone',
      type: 'IDLE',
    })
    expect(r.statusCode, r.body).toBe(400)
    expect(pathsOf(r.json())).toEqual(['id'])
    expect(r.json().details[0].message).toMatch(/lone surrogate \(U\+D800\)/)
    expect(r.headers.location).toBeUndefined()
    expect(await auditCount()).toBe(before)
    const stored = await h.db.db.selectFrom('config_objects').select('id').execute()
    expect(stored.map((row) => row.id).filter((id) => id.startsWith('aux-'))).toEqual([])
  })

  it('R10 NUL in a path parameter or a query is 400 naming params.* / querystring.*', async (ctx) => {
    if (!h) return ctx.skip()
    const path = await h.call('admin1', 'GET', '/v1/teams/a%00b')
    expect(path.statusCode, path.body).toBe(400)
    expect(pathsOf(path.json())).toEqual(['params.id'])
    const dnc = await h.call('admin1', 'GET', '/v1/dncList/internal/phoneNumber/%2B1%00')
    expect(dnc.statusCode, dnc.body).toBe(400)
    const query = await h.call('admin1', 'GET', '/v1/attempts?campaignId=x%00')
    expect(query.statusCode, query.body).toBe(400)
    expect(pathsOf(query.json())).toEqual(['querystring.campaignId'])
  })

  it('R10 a session cookie holding NUL is 401, not a database error', async (ctx) => {
    if (!h) return ctx.skip()
    const r = await h.call(null, 'GET', '/v1/teams', undefined, { cookie: 'outdial_session=%00' })
    expect(r.statusCode, r.body).toBe(401)
    expect(Object.keys(r.json()).sort()).toEqual(ERROR_KEYS)
  })

  it('R5.3 an NDJSON upload with NUL or a lone surrogate reports those rows as issues, the reason written out, and imports the rest (was: list failed, or 500)', async (ctx) => {
    if (!h) return ctx.skip()
    const list = await h.call('admin1', 'POST', '/v1/contact-lists', {
      campaignId: 'renewals',
      name: 'nul rows',
      mapping: {
        numbers: ['phone'],
        externalId: 'id',
        variables: { firstName: 'name' },
        defaultCountry: 'US',
      },
    })
    expect(list.statusCode, list.body).toBe(201)
    const id = list.json().id as string
    const file = [
      JSON.stringify({ id: 'n1', phone: '+14155550111', name: 'Ada' }),
      '{"id":"n2","phone":"+14155550112","name":"Gr\\u0000ace"}',
      '{"id":"n3","phone":"+14155550113","name":"Lone \\ud800"}',
      '{"id":"n4","phone":"+14155550114","na\\u0000me":"Key"}',
      JSON.stringify({ id: 'n5', phone: '+14155550115', name: 'Alan' }),
      '+1415555\u00000116',
    ].join('\n')
    const r = await h.app.inject({
      method: 'PUT',
      url: `/v1/contact-lists/${id}/file`,
      payload: file,
      headers: {
        authorization: `Bearer ${h.tokens.admin1}`,
        'content-type': 'application/x-ndjson',
      },
    })
    expect(r.statusCode, r.body).toBe(200)
    expect(r.json()).toMatchObject({
      committed: true,
      counts: { rowsRead: 6, imported: 2, rejected: 4 },
    })
    const issues = (await h.call('admin1', 'GET', `/v1/contact-lists/${id}/issues`)).json()
    expect(issues.items.map((i: { row: number; field: string }) => `${i.row}:${i.field}`)).toEqual([
      '2:name',
      '3:name',
      '4:na\\u0000me',
      '6:',
    ])
    expect(issues.items[0].reason).toMatch(/NUL/)
    expect(issues.items[1].reason).toMatch(/lone surrogate/)
    // A line that is not JSON is reported quoting it, with its NUL written out (was 500 on PostgreSQL).
    expect(issues.items[3].reason).toContain('\\u0000')
    const status = (await h.call('admin1', 'GET', `/v1/contact-lists/${id}`)).json().status
    expect(status).not.toBe('failed')
  })

  it('R5.5 a calling window with a malformed time ("9am") is 400 naming the field (was 500)', async (ctx) => {
    if (!h) return ctx.skip()
    const campaign = demoTenantObjects().find((o) => o.kind === 'campaign')!.body as Record<
      string,
      unknown
    >
    const r = await h.call('admin1', 'POST', '/v1/campaigns', {
      ...campaign,
      id: 'cw-bad',
      name: 'Bad window',
      complianceProfile: 'CUSTOM',
      callingWindow: [{ day: 1, startLocal: '9am', endLocal: '17:00' }],
    })
    expect(r.statusCode, r.body).toBe(400)
    expect(pathsOf(r.json())).toContain('callingWindow[0].startLocal')
  })

  it('R10 a path parameter over the router limit is 414 in the error body, without echoing the whole path', async (ctx) => {
    if (!h) return ctx.skip()
    const long = 'a'.repeat(5000)
    const r = await h.call('admin1', 'GET', `/v1/teams/${long}`)
    expect(r.statusCode).toBe(414)
    expect(Object.keys(r.json()).sort()).toEqual(ERROR_KEYS)
    expect(r.body.length).toBeLessThan(600)
    const overSchema = await h.call('admin1', 'GET', `/v1/teams/${'b'.repeat(65)}`)
    expect(overSchema.statusCode).toBe(400)
    expect(pathsOf(overSchema.json())).toEqual(['params.id'])
    const badEncoding = await h.call('admin1', 'GET', '/v1/teams/%E0%A4%A')
    expect(badEncoding.statusCode).toBe(400)
    expect(Object.keys(badEncoding.json()).sort()).toEqual(ERROR_KEYS)
  })

  it('R10 a method the path does not serve is 405 with Allow; an unknown path stays 404', async (ctx) => {
    if (!h) return ctx.skip()
    const r = await h.call('admin1', 'DELETE', '/v1/auth/token')
    expect(r.statusCode).toBe(405)
    expect(r.headers.allow).toBe('POST')
    expect(r.json().error).toBe('method_not_allowed')
    const item = await h.call('admin1', 'PATCH', '/v1/teams/team-sales')
    expect(item.statusCode).toBe(405)
    expect(String(item.headers.allow).split(', ')).toEqual(
      expect.arrayContaining(['DELETE', 'GET', 'PUT']),
    )
    expect((await h.call('admin1', 'GET', '/v1/nothing-here')).statusCode).toBe(404)
  })

  it('R10 JSON sent as text/plain is 415', async (ctx) => {
    if (!h) return ctx.skip()
    const r = await h.call('admin1', 'POST', '/v1/teams', '{"id":"t","name":"T","agentIds":[]}', {
      'content-type': 'text/plain',
    })
    expect(r.statusCode, r.body).toBe(415)
    expect(r.json().error).toBe('unsupported_media_type')
  })

  it('R10 a __proto__ key is refused with a message that says so, not "Body is not valid JSON"', async (ctx) => {
    if (!h) return ctx.skip()
    const r = await h.call(
      'admin1',
      'POST',
      '/v1/teams',
      '{"id":"t-proto","name":"P","agentIds":[],"queueRankings":[{"__proto__":{"admin":true}}]}',
      { 'content-type': 'application/json' },
    )
    expect(r.statusCode, r.body).toBe(400)
    expect(r.json().message).toMatch(/__proto__/)
    expect(r.json().message).not.toMatch(/not valid JSON/)
    expect(pathsOf(r.json())).toEqual(['queueRankings[0].__proto__'])
    const malformed = await h.call('admin1', 'POST', '/v1/teams', '{"id":', {
      'content-type': 'application/json',
    })
    expect(malformed.statusCode).toBe(400)
    expect(malformed.json().message).toMatch(/not valid JSON/)
  })

  it('R10 string lengths count code points as JSON Schema does: 64 emoji make a valid id, 65 do not', async (ctx) => {
    if (!h) return ctx.skip()
    const ok = await h.call('admin1', 'POST', '/v1/aux-codes', {
      id: '😀'.repeat(64),
      name: 'Emoji',
      type: 'IDLE',
    })
    expect(ok.statusCode, ok.body).toBe(201)
    expect(ok.headers.location).toBe(`/v1/aux-codes/${encodeURIComponent('😀'.repeat(64))}`)
    const tooLong = await h.call('admin1', 'POST', '/v1/aux-codes', {
      id: '😀'.repeat(65),
      name: 'Emoji 2',
      type: 'IDLE',
    })
    expect(tooLong.statusCode).toBe(400)
    expect(pathsOf(tooLong.json())).toEqual(['id'])
  })
})

describe('the documented errors and the HTTP parser (issue 16)', () => {
  let h: Harness | null = null
  beforeAll(async () => {
    h = await openHarness('sqlite')
  })
  afterAll(async () => h?.close())

  it('R10 the OpenAPI document lists 400 on every operation, 401/403 on every authenticated one, and the file types of uploads', async () => {
    const doc = (await h!.app.inject({ method: 'GET', url: '/openapi.json' })).json()
    const missing: string[] = []
    for (const [path, item] of Object.entries<
      Record<string, { responses: object; security?: unknown[] }>
    >(doc.paths))
      for (const [method, op] of Object.entries(item)) {
        const statuses = Object.keys(op.responses)
        const isPublic = Array.isArray(op.security) && op.security.length === 0
        for (const status of isPublic ? ['400'] : ['400', '401', '403'])
          if (!statuses.includes(status)) missing.push(`${method} ${path} ${status}`)
      }
    expect(missing).toEqual([])
    expect(doc.components.schemas.Error).toBeDefined()
    // File uploads document the content types they read.
    expect(Object.keys(doc.paths['/v1/contact-lists/{id}/file'].put.requestBody.content)).toEqual([
      'text/csv',
      'application/json',
      'application/x-ndjson',
      'application/jsonl',
    ])
    expect(Object.keys(doc.paths['/v1/dncList/{name}/file'].put.requestBody.content)).toEqual([
      'text/csv',
      'text/plain',
    ])
  })

  it("R10 oversized headers are 431 in the one error body (was Fastify's shape)", async () => {
    await h!.app.listen({ port: 0, host: '127.0.0.1' })
    const { port } = h!.app.server.address() as AddressInfo
    const { status, body } = await new Promise<{ status: number; body: string }>(
      (resolve, reject) => {
        const req = httpRequest(
          {
            host: '127.0.0.1',
            port,
            path: '/healthz',
            headers: { 'x-big': 'x'.repeat(64 * 1024) },
          },
          (res) => {
            let text = ''
            res.on('data', (chunk) => (text += chunk))
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }))
          },
        )
        req.on('error', reject)
        req.end()
      },
    )
    expect(status).toBe(431)
    expect(Object.keys(JSON.parse(body)).sort()).toEqual(ERROR_KEYS)
    expect(JSON.parse(body).error).toBe('request_header_fields_too_large')
  })
})
