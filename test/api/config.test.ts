// Configuration resources (R4, R5, issue 5 "Objects"): CRUD, bad input with field paths, missing
// references (422), duplicates (409), deletes of objects in use (409), optimistic versions,
// pagination, the audit log, and tenant isolation — on both databases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONFIG_KINDS } from '../../src/api/resources/config-kinds.ts'
import { demoTenantObjects } from '../../src/server/seed/demo-tenant.ts'
import { type Dialect, type Harness, openHarness } from './harness.ts'

const pathOf = (kind: string) => CONFIG_KINDS.find((k) => k.kind === kind)!.path

describe.each<Dialect>(['sqlite', 'postgres'])('configuration resources on %s', (dialect) => {
  let h: Harness | null = null
  beforeAll(async () => {
    h = await openHarness(dialect)
  })
  afterAll(async () => h?.close())

  it('creates the whole demo configuration through the API, in order', async (ctx) => {
    if (!h) return ctx.skip()
    for (const object of demoTenantObjects()) {
      const r = await h.call('admin1', 'POST', pathOf(object.kind), object.body)
      expect(r.statusCode, `${object.kind} ${r.body.slice(0, 300)}`).toBe(201)
    }
    const teams = await h.call('super1', 'GET', '/v1/teams')
    expect(teams.json().items.map((t: { id: string }) => t.id)).toEqual([
      'team-preview',
      'team-sales',
    ])
    const variable = await h.call('admin1', 'GET', '/v1/global-variables/firstName')
    expect(variable.statusCode).toBe(200)
  })

  it('answers 400 with the field path for a wrong type, an out-of-range value and a limit', async (ctx) => {
    if (!h) return ctx.skip()
    const wrongType = await h.call('admin1', 'POST', '/v1/teams', { id: 'x', name: 7 })
    expect(wrongType.statusCode).toBe(400)
    expect(wrongType.json().details.map((d: { path: string }) => d.path)).toContain('name')
    const outOfRange = await h.call('admin1', 'POST', '/v1/campaign-groups', {
      id: 'g-bad',
      name: 'Bad',
      entryPointId: 'ep-renewals',
      pacing: { mode: 'progressive', callerId: '+15550100000', dialingRate: 11 },
    })
    expect(outOfRange.statusCode).toBe(400)
    expect(outOfRange.json().details[0].path).toBe('pacing.dialingRate')
    const popover = await h.call('admin1', 'POST', '/v1/desktop-layouts', {
      id: 'l-bad',
      name: 'Too many',
      flowId: 'flow-renewals',
      layout: { popoverVariables: ['campaignId', 'a', 'b', 'c', 'd', 'e', 'f'] },
    })
    expect(popover.statusCode).toBe(400)
    expect(popover.json().details[0].path).toBe('layout.popoverVariables')
  })

  it('answers 422 naming the field that refers to a missing object, and for cross-object rules', async (ctx) => {
    if (!h) return ctx.skip()
    const r = await h.call('admin1', 'POST', '/v1/entry-points', {
      id: 'ep-x',
      name: 'X',
      type: 'OUTBOUND',
      queueId: 'q-missing',
      flowId: 'flow-renewals',
    })
    expect(r.statusCode).toBe(422)
    expect(r.json().details).toEqual([
      { path: 'queueId', message: "no queue with id 'q-missing' in this tenant" },
    ])
    const sensitive = await h.call('admin1', 'POST', '/v1/desktop-layouts', {
      id: 'l-pii',
      name: 'PII',
      flowId: 'flow-renewals',
      layout: { popoverVariables: ['campaignId', 'birthDate'] },
    })
    expect(sensitive.statusCode).toBe(422)
    expect(sensitive.json().details[0].path).toBe('layout.popoverVariables[1]')
    const reportable = await h.call('admin1', 'POST', '/v1/global-variables', {
      name: 'ssn',
      type: 'STRING',
      sensitive: true,
      reportable: true,
    })
    expect(reportable.statusCode).toBe(400)
    expect(reportable.json().details[0].path).toBe('reportable')
  })

  it('gives each campaign its own outdial queue (R4.3): a second campaign on the same queue is 422', async (ctx) => {
    if (!h) return ctx.skip()
    const renewals = (await h.call('admin1', 'GET', '/v1/campaigns/renewals')).json().body
    const second = await h.call('admin1', 'POST', '/v1/campaigns', {
      ...renewals,
      id: 'renewals-2',
      name: 'Renewals 2',
    })
    expect(second.statusCode).toBe(422)
    expect(second.json().details[0]).toMatchObject({
      path: 'campaignGroupId',
      message: expect.stringMatching(/q-renewals already serves campaign 'renewals'/),
    })
    const same = await h.call('admin1', 'PUT', '/v1/campaigns/renewals', {
      ...renewals,
      name: 'Renewals',
    })
    expect(same.statusCode).toBe(200)
  })

  it('refuses a duplicate id (409) and the delete of an object in use (409, listing users)', async (ctx) => {
    if (!h) return ctx.skip()
    const dup = await h.call('admin1', 'POST', '/v1/teams', { id: 'team-sales', name: 'Another' })
    expect(dup.statusCode).toBe(409)
    const inUse = await h.call('admin1', 'DELETE', '/v1/queues/q-renewals')
    expect(inUse.statusCode).toBe(409)
    expect(inUse.json().details.map((d: { path: string }) => d.path)).toEqual([
      'entry-point/ep-renewals',
    ])
    expect((await h.call('admin1', 'DELETE', '/v1/queues/nope')).statusCode).toBe(404)
  })

  it('replaces with an optimistic version: a stale If-Match is 409', async (ctx) => {
    if (!h) return ctx.skip()
    const read = await h.call('admin1', 'GET', '/v1/aux-codes/idle-break')
    const version = read.json().version
    expect(read.headers.etag).toBe(`"${version}"`)
    const body = { id: 'idle-break', name: 'Coffee break', type: 'IDLE' }
    const ok = await h.call('admin1', 'PUT', '/v1/aux-codes/idle-break', body, {
      'if-match': String(version),
    })
    expect(ok.statusCode).toBe(200)
    expect(ok.json()).toMatchObject({ version: version + 1, body: { name: 'Coffee break' } })
    const stale = await h.call('admin1', 'PUT', '/v1/aux-codes/idle-break', body, {
      'if-match': String(version),
    })
    expect(stale.statusCode).toBe(409)
    const mismatch = await h.call('admin1', 'PUT', '/v1/aux-codes/idle-break', {
      ...body,
      id: 'other',
    })
    expect(mismatch.statusCode).toBe(422)
    expect(
      (await h.call('admin1', 'PUT', '/v1/aux-codes/nope', { ...body, id: 'nope' })).statusCode,
    ).toBe(404)
  })

  it('pages lists and bounds the page size', async (ctx) => {
    if (!h) return ctx.skip()
    const first = (await h.call('admin1', 'GET', '/v1/agents?limit=5')).json()
    expect(first).toMatchObject({ total: 16, limit: 5, offset: 0 })
    expect(first.items).toHaveLength(5)
    const last = (await h.call('admin1', 'GET', '/v1/agents?limit=5&offset=15')).json()
    expect(last.items).toHaveLength(1)
    const tooMany = await h.call('admin1', 'GET', '/v1/agents?limit=1000')
    expect(tooMany.statusCode).toBe(400)
    expect(tooMany.json().details[0].path).toBe('querystring.limit')
  })

  it("keeps tenants apart: tenant two cannot read, change or delete tenant one's objects", async (ctx) => {
    if (!h) return ctx.skip()
    expect((await h.call('admin2', 'GET', '/v1/teams')).json().total).toBe(0)
    expect((await h.call('admin2', 'GET', '/v1/teams/team-sales')).statusCode).toBe(404)
    const put = await h.call('admin2', 'PUT', '/v1/teams/team-sales', {
      id: 'team-sales',
      name: 'Stolen',
    })
    expect(put.statusCode).toBe(404)
    expect((await h.call('admin2', 'DELETE', '/v1/campaigns/winback')).statusCode).toBe(404)
    // A reference to another tenant's object does not resolve.
    const ref = await h.call('admin2', 'POST', '/v1/agents', {
      id: 'a1',
      name: 'A',
      teamIds: ['team-sales'],
      profile: { outboundCampaignsAllowed: true },
    })
    expect(ref.statusCode).toBe(422)
    expect((await h.call('admin1', 'GET', '/v1/teams/team-sales')).json().name).toBe('Sales')
  })

  it('writes every configuration change to the audit log, without personal data', async (ctx) => {
    if (!h) return ctx.skip()
    const log = (await h.call('admin1', 'GET', '/v1/audit?limit=200')).json()
    const actions = log.items.map((e: { action: string }) => e.action)
    expect(actions).toContain('team.create')
    expect(actions).toContain('aux-code.update')
    expect(
      (await h.call('admin2', 'GET', '/v1/audit'))
        .json()
        .items.every((e: { action: string }) => !e.action.startsWith('team')),
    ).toBe(true)
    expect((await h.call('super1', 'GET', '/v1/audit')).statusCode).toBe(403)
  })
})
