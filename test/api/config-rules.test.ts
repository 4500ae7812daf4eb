// The rules between configuration objects run where configuration changes (issue 11, R4.3, R4.5,
// R7.1): a write that would break one — on the object itself or on another that depends on it — is
// refused with 409, the written object's field path, and the other object named.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONFIG_KINDS } from '../../src/api/resources/config-kinds.ts'
import { demoTenantObjects } from '../../src/server/seed/demo-tenant.ts'
import { type Dialect, type Harness, openHarness } from './harness.ts'

const pathOf = (kind: string) => CONFIG_KINDS.find((k) => k.kind === kind)!.path

const noOutbound = (id: string, teamIds: string[] = []) => ({
  id,
  name: `No outbound ${id}`,
  teamIds,
  profile: { outboundCampaignsAllowed: false },
})

describe.each<Dialect>([
  'sqlite',
  'postgres',
])('cross-object configuration rules on %s', (dialect) => {
  let h: Harness | null = null
  const body = async (kind: string, id: string) =>
    (await h!.call('admin1', 'GET', `${pathOf(kind)}/${id}`)).json().body
  beforeAll(async () => {
    h = await openHarness(dialect)
    if (!h) return
    for (const object of demoTenantObjects()) {
      const r = await h.call('admin1', 'POST', pathOf(object.kind), object.body)
      expect(r.statusCode, r.body).toBe(201)
    }
  })
  afterAll(async () => h?.close())

  it('R7.1: an agent whose profile forbids outbound cannot join a campaign team, from either side', async (ctx) => {
    if (!h) return ctx.skip()
    const joined = await h.call('admin1', 'POST', '/v1/agents', noOutbound('a-x', ['team-sales']))
    expect(joined.statusCode).toBe(409)
    expect(joined.json().details[0]).toMatchObject({
      path: 'profile.outboundCampaignsAllowed',
      message: expect.stringMatching(/team 'team-sales' serves outdial queue 'q-renewals'.*R7\.1/),
    })
    // Outside campaign teams the same agent is fine; the team adding them is refused.
    expect((await h.call('admin1', 'POST', '/v1/agents', noOutbound('a-x'))).statusCode).toBe(201)
    const team = await body('team', 'team-sales')
    const added = await h.call('admin1', 'PUT', '/v1/teams/team-sales', {
      ...team,
      agentIds: [...team.agentIds, 'a-x'],
    })
    expect(added.statusCode).toBe(409)
    expect(added.json().details[0]).toMatchObject({
      path: `agentIds[${team.agentIds.length}]`,
      message: expect.stringMatching(/agent 'a-x' has a profile without outbound campaigns/),
    })
  })

  it("R7.1: changing an agent's profile while on a campaign team is refused, naming the team", async (ctx) => {
    if (!h) return ctx.skip()
    const agent = await body('agent', 'agent-1')
    const changed = await h.call('admin1', 'PUT', '/v1/agents/agent-1', {
      ...agent,
      profile: { outboundCampaignsAllowed: false },
    })
    expect(changed.statusCode).toBe(409)
    expect(changed.json().details.map((d: { path: string }) => d.path)).toContain(
      'profile.outboundCampaignsAllowed',
    )
    expect(changed.json().details[0].message).toMatch(/team 'team-sales'/)
    expect((await body('agent', 'agent-1')).profile.outboundCampaignsAllowed).toBe(true)
  })

  it('R7.1: a queue cannot turn a team with agents not allowed outbound into a campaign team', async (ctx) => {
    if (!h) return ctx.skip()
    await h.call('admin1', 'POST', '/v1/teams', { id: 'team-care', name: 'Care' })
    await h.call('admin1', 'POST', '/v1/agents', noOutbound('a-care', ['team-care']))
    const queue = await body('queue', 'q-winback')
    const r = await h.call('admin1', 'PUT', '/v1/queues/q-winback', {
      ...queue,
      callDistributionGroups: [{ teamIds: ['team-sales', 'team-care'] }],
    })
    expect(r.statusCode).toBe(409)
    expect(r.json().details[0]).toMatchObject({
      path: 'callDistributionGroups[0].teamIds[1]',
      message: expect.stringMatching(/agent 'a-care'/),
    })
  })

  it('R4.5: an outdial entry point leads to an OUTBOUND queue with campaigns enabled, from either side', async (ctx) => {
    if (!h) return ctx.skip()
    const toInbound = await h.call('admin1', 'POST', '/v1/entry-points', {
      id: 'ep-bad',
      name: 'Bad',
      type: 'OUTBOUND',
      queueId: 'q-support',
      flowId: 'flow-renewals',
    })
    expect(toInbound.statusCode).toBe(409)
    expect(toInbound.json().details[0]).toMatchObject({
      path: 'queueId',
      message: expect.stringMatching(/queue 'q-support', which is not an OUTBOUND queue/),
    })
    const queue = await body('queue', 'q-renewals')
    const disabled = await h.call('admin1', 'PUT', '/v1/queues/q-renewals', {
      ...queue,
      outboundCampaignEnabled: false,
    })
    expect(disabled.statusCode).toBe(409)
    expect(disabled.json().details[0]).toMatchObject({
      path: 'outboundCampaignEnabled',
      message: expect.stringMatching(/entry point 'ep-renewals'/),
    })
  })

  it("R4.3: a campaign's teams are its outdial queue's, checked on either side", async (ctx) => {
    if (!h) return ctx.skip()
    const campaign = await body('campaign', 'renewals')
    const wrong = await h.call('admin1', 'PUT', '/v1/campaigns/renewals', {
      ...campaign,
      teamIds: ['team-care'],
    })
    expect(wrong.statusCode).toBe(409)
    expect(wrong.json().details[0]).toMatchObject({
      path: 'teamIds',
      message: expect.stringMatching(
        /team-care are the campaign's but not in the queue; teams team-sales are in the queue/,
      ),
    })
    const same = await h.call('admin1', 'PUT', '/v1/campaigns/renewals', {
      ...campaign,
      teamIds: ['team-sales'],
    })
    expect(same.statusCode).toBe(200)
    const queue = await body('queue', 'q-renewals')
    const moved = await h.call('admin1', 'PUT', '/v1/queues/q-renewals', {
      ...queue,
      callDistributionGroups: [{ teamIds: ['team-care'] }],
    })
    expect(moved.statusCode).toBe(409)
    expect(
      moved
        .json()
        .details.map((d: { message: string }) => d.message)
        .join(' '),
    ).toMatch(/campaign 'renewals' and its outdial queue 'q-renewals' name different teams/)
  })

  it('R7.1, Appendix A: the idle codes keep an active default; the last one is neither turned off nor deleted', async (ctx) => {
    if (!h) return ctx.skip()
    const meeting = await body('aux-code', 'idle-meeting')
    const off = await h.call('admin1', 'PUT', '/v1/aux-codes/idle-meeting', {
      ...meeting,
      active: false,
    })
    expect(off.statusCode).toBe(200)
    const breakCode = await body('aux-code', 'idle-break')
    const last = await h.call('admin1', 'PUT', '/v1/aux-codes/idle-break', {
      ...breakCode,
      active: false,
    })
    expect(last.statusCode).toBe(422)
    expect(last.json().details[0]).toMatchObject({
      path: 'active',
      message: expect.stringMatching(/no active IDLE code/),
    })
    const deleted = await h.call('admin1', 'DELETE', '/v1/aux-codes/idle-break')
    expect(deleted.statusCode).toBe(409)
    expect(deleted.json().details[0].message).toMatch(/no active IDLE code/)
    expect((await h.call('admin1', 'DELETE', '/v1/aux-codes/idle-meeting')).statusCode).toBe(204)
  })

  it('R4.3: a queue serves at most 500 agents, whether the queue or a team grows', async (ctx) => {
    if (!h) return ctx.skip()
    const documents = h.store.forTenant('t1').documents
    const ids = Array.from({ length: 260 }, (_, i) => `bulk-${i}`)
    for (const id of ids)
      await documents.create(
        'agent',
        {
          id,
          name: id,
          body: { id, name: id, teamIds: [], profile: { outboundCampaignsAllowed: true } },
        },
        h.nowMs(),
      )
    const teamA = { id: 'team-a', name: 'A', agentIds: ids.slice(0, 250) }
    const teamB = { id: 'team-b', name: 'B', agentIds: ids.slice(0, 240) }
    expect((await h.call('admin1', 'POST', '/v1/teams', teamA)).statusCode).toBe(201)
    expect((await h.call('admin1', 'POST', '/v1/teams', teamB)).statusCode).toBe(201)
    const queue = {
      id: 'q-big',
      name: 'Big',
      type: 'OUTBOUND',
      outboundCampaignEnabled: true,
      routingType: 'LONGEST_AVAILABLE_AGENT',
      callDistributionGroups: [{ teamIds: ['team-a', 'team-b', 'team-sales'] }],
    }
    expect((await h.call('admin1', 'POST', '/v1/queues', queue)).statusCode).toBe(201)
    // 250 + the demo's sales team; team-b's 240 are the same people. Now team-b brings 10 more
    // (still ≤ 500 with the demo team) and then 250 more (over).
    const fine = await h.call('admin1', 'PUT', '/v1/teams/team-b', {
      ...teamB,
      agentIds: ids.slice(0, 260),
    })
    expect(fine.statusCode).toBe(200)
    const more = Array.from({ length: 250 }, (_, i) => `more-${i}`)
    for (const id of more)
      await documents.create(
        'agent',
        {
          id,
          name: id,
          body: { id, name: id, teamIds: [], profile: { outboundCampaignsAllowed: true } },
        },
        h.nowMs(),
      )
    const over = await h.call('admin1', 'PUT', '/v1/teams/team-b', {
      ...teamB,
      agentIds: [...ids.slice(0, 250), ...more],
    })
    expect(over.statusCode).toBe(409)
    expect(over.json().details[0]).toMatchObject({
      path: 'agentIds',
      message: expect.stringMatching(/queue 'q-big'.*hold \d+ agents; a queue serves at most 500/),
    })
  })
})
