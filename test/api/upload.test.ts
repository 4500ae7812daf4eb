// R5.3 / R5.4 and the issue's import corpus: a file's good rows are imported, every bad row is
// reported with its row and field, files that cannot be read are refused whole, and nothing is
// half-written — through the API, on both databases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONFIG_KINDS } from '../../src/api/resources/config-kinds.ts'
import { demoTenantObjects } from '../../src/server/seed/demo-tenant.ts'
import { type Dialect, type Harness, openHarness } from './harness.ts'

const MAPPING = {
  numbers: ['phone', 'mobile'],
  externalId: 'id',
  timeZone: 'tz',
  variables: { firstName: 'name' },
  defaultCountry: 'US',
}
const HEADER = 'id,phone,mobile,tz,name'

describe.each<Dialect>(['sqlite', 'postgres'])('contact upload on %s (R5.3)', (dialect) => {
  let h: Harness | null = null
  beforeAll(async () => {
    h = await openHarness(dialect)
    if (!h) return
    for (const object of demoTenantObjects()) {
      const spec = CONFIG_KINDS.find((k) => k.kind === object.kind)!
      await h.call('admin1', 'POST', spec.path, object.body)
    }
    await h.call('admin1', 'POST', '/v1/dncList/internal/phoneNumber', {
      phoneNumber: '+14155550666',
      source: 'api',
      reason: '',
    })
  })
  afterAll(async () => h?.close())

  async function upload(
    body: string | Buffer,
    type = 'text/csv',
    mapping: object = MAPPING,
    user = 'admin1',
  ) {
    const list = await h!.call('admin1', 'POST', '/v1/contact-lists', {
      campaignId: 'renewals',
      name: 'upload',
      mapping,
    })
    expect(list.statusCode, list.body).toBe(201)
    const id = list.json().id as string
    const response = await h!.app.inject({
      method: 'PUT',
      url: `/v1/contact-lists/${id}/file`,
      payload: body,
      headers: { authorization: `Bearer ${h!.tokens[user]}`, 'content-type': type },
    })
    return { id, response }
  }
  const contacts = async () =>
    h!.db.db
      .selectFrom('contacts')
      .selectAll()
      .where('tenant_id', '=', 't1')
      .where('campaign_id', '=', 'renewals')
      .execute()

  it('imports a clean file with a BOM and CRLF line ends, inferring single-zone countries', async (ctx) => {
    if (!h) return ctx.skip()
    const file = `\uFEFF${HEADER}\r\nc1,(415) 555-0101,,America/Chicago,Ada\r\nc2,+48 22 123 45 67,,,Grace\r\n`
    const { response } = await upload(file)
    expect(response.statusCode, response.body).toBe(200)
    expect(response.json()).toMatchObject({
      committed: true,
      counts: { rowsRead: 2, imported: 2, rejected: 0, zonesInferred: 1 },
      issuesTotal: 0,
    })
    const rows = await contacts()
    const byKey = Object.fromEntries(rows.map((r) => [r.dedup_key, r]))
    expect(JSON.parse(byKey['id:c1']!.numbers)).toEqual(['+14155550101'])
    expect(byKey['id:c1']!.time_zone).toBe('America/Chicago')
    expect(byKey['id:c2']!.time_zone).toBe('Europe/Warsaw')
    expect(JSON.parse(byKey['id:c2']!.fields)).toEqual({ firstName: 'Grace' })
  })

  it('imports the good rows of a bad file and reports every bad row with its row and field', async (ctx) => {
    if (!h) return ctx.skip()
    const file = [
      HEADER,
      'd1,415-555-0201,not-a-number,,Alan', // 1: kept, mobile reported
      'd2,12,,,Edsger', // 2: rejected, no valid number
      'd3,415-555-0203,,Mars/Olympus,Barbara', // 3: kept, zone reported
      'd4,415-555-0204', // 4: missing columns
      'd5,415-555-0205,,,Donald,extra', // 5: extra column
      'd1,415-555-0206,,,Alan again', // 6: merged into row 1
      'd7,+14155550666,,,Frances', // 7: on DNC: scrubbed, rejected
      'd9,415-555-0209,,,Radia', // 8: kept
      'd8,"415-555-0208"x,,,Ken', // 9: broken quoting
    ].join('\n')
    const { id, response } = await upload(file)
    expect(response.statusCode, response.body).toBe(200)
    const body = response.json()
    expect(body.counts).toMatchObject({ imported: 3, merged: 1, scrubbedContacts: 1 })
    const reported = body.issues.map((i: { row: number; field: string }) => `${i.row}:${i.field}`)
    for (const expected of ['1:mobile', '2:phone', '3:tz', '4:', '5:', '6:', '7:', '9:'])
      expect(reported).toContain(expected)
    expect(body.issues.find((i: { row: number }) => i.row === 6).reason).toMatch(
      /merged into row 1/,
    )
    const keys = (await contacts()).map((r) => r.dedup_key)
    for (const key of ['id:d1', 'id:d3', 'id:d9']) expect(keys).toContain(key)
    for (const key of ['id:d2', 'id:d4', 'id:d5', 'id:d7', 'id:d8']) expect(keys).not.toContain(key)
    const d1 = (await contacts()).find((r) => r.dedup_key === 'id:d1')!
    expect(JSON.parse(d1.numbers)).toEqual(['+14155550201', '+14155550206'])
    const csv = await h.app.inject({
      method: 'GET',
      url: `/v1/contact-lists/${id}/issues.csv`,
      headers: { authorization: `Bearer ${h.tokens.admin1}` },
    })
    expect(csv.headers['content-type']).toMatch(/text\/csv/)
    const lines = csv.body.trim().split('\n')
    expect(lines[0]).toBe('row,field,reason')
    expect(lines).toHaveLength(body.issuesTotal + 1)
  })

  it('reports a huge line and goes on', async (ctx) => {
    if (!h) return ctx.skip()
    const file = `${HEADER}\nh1,415-555-0301,,,${'x'.repeat(70_000)}\nh2,415-555-0302,,,Ok\n`
    const { response } = await upload(file)
    expect(response.json()).toMatchObject({ committed: true, counts: { imported: 1, rejected: 1 } })
    expect(response.json().issues[0]).toMatchObject({
      row: 1,
      reason: expect.stringMatching(/over 65536/),
    })
  })

  it('refuses, writing nothing, a file that is not UTF-8, empty, or lacks a mapped column', async (ctx) => {
    if (!h) return ctx.skip()
    const before = (await contacts()).length
    const latin1 = Buffer.concat([
      Buffer.from(`${HEADER}\nl1,415-555-0401,,,Jos`),
      Buffer.from([0xe9]),
      Buffer.from('\n'),
    ])
    const cases: [string | Buffer, RegExp][] = [
      [latin1, /not UTF-8/],
      ['', /empty/],
      ['id,phone\nx,415-555-0402\n', /no column 'mobile'/],
    ]
    for (const [file, message] of cases) {
      const { id, response } = await upload(file)
      expect(response.statusCode, response.body).toBe(422)
      expect(response.json().message).toMatch(message)
      const list = await h.call('admin1', 'GET', `/v1/contact-lists/${id}`)
      expect(list.json().status).toBe('failed')
    }
    expect((await contacts()).length).toBe(before)
    const headerOnly = await upload(`${HEADER}\n`)
    expect(headerOnly.response.json()).toMatchObject({
      committed: true,
      counts: { rowsRead: 0, imported: 0 },
    })
  })

  it('reads JSON arrays and NDJSON, reporting elements that are not objects', async (ctx) => {
    if (!h) return ctx.skip()
    const json = JSON.stringify([
      { id: 'j1', phone: '415-555-0501', mobile: '', tz: '', name: 'J' },
      42,
      { id: 'j3', phone: 'bad', mobile: '', tz: '', name: 'K' },
    ])
    const a = await upload(json, 'application/json')
    expect(a.response.json()).toMatchObject({
      committed: true,
      counts: { imported: 1, rejected: 2 },
    })
    expect(a.response.json().issues.map((i: { row: number }) => i.row)).toEqual([2, 3, 3])
    const notArray = await upload('{"id":"x"}', 'application/json')
    expect(notArray.response.statusCode).toBe(422)
    const ndjson =
      '{"id":"n1","phone":"415-555-0601"}\nnot json\n{"id":"n3","phone":"415-555-0603"}\n'
    const b = await upload(ndjson, 'application/x-ndjson')
    expect(b.response.json()).toMatchObject({
      committed: true,
      counts: { imported: 2, rejected: 1 },
    })
    expect(b.response.json().issues[0]).toMatchObject({
      row: 2,
      reason: expect.stringMatching(/not JSON/),
    })
  })

  it('takes one upload per list, known types only, from administrators of the tenant', async (ctx) => {
    if (!h) return ctx.skip()
    const { id } = await upload(`${HEADER}\n`)
    const again = await h.app.inject({
      method: 'PUT',
      url: `/v1/contact-lists/${id}/file`,
      payload: `${HEADER}\n`,
      headers: { authorization: `Bearer ${h.tokens.admin1}`, 'content-type': 'text/csv' },
    })
    expect(again.statusCode).toBe(409)
    expect((await upload('x', 'application/pdf')).response.statusCode).toBe(415)
    expect((await upload(`${HEADER}\n`, 'text/csv', MAPPING, 'super1')).response.statusCode).toBe(
      403,
    )
    expect((await upload(`${HEADER}\n`, 'text/csv', MAPPING, 'admin2')).response.statusCode).toBe(
      404,
    )
    const badMapping = await h.call('admin1', 'POST', '/v1/contact-lists', {
      campaignId: 'renewals',
      name: 'x',
      mapping: { numbers: [] },
    })
    expect(badMapping.statusCode).toBe(400)
    expect(badMapping.json().details[0].path).toBe('mapping.numbers')
    const noCampaign = await h.call('admin1', 'POST', '/v1/contact-lists', {
      campaignId: 'nope',
      name: 'x',
      mapping: MAPPING,
    })
    expect(noCampaign.statusCode).toBe(422)
  })
})
