// R9.1: the attempt log read back — newest first, filtered, drilled down to a contact, counted by
// outcome with connect and abandon rates; an agent sees only their own attempts; tenants apart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONFIG_KINDS } from '../../src/api/resources/config-kinds.ts'
import { demoTenantObjects } from '../../src/server/seed/demo-tenant.ts'
import { type Dialect, type Harness, openHarness } from './harness.ts'

const OUTCOMES = [
  'LIVE_VOICE',
  'LIVE_VOICE',
  'LIVE_VOICE',
  'ABANDONED',
  'NO_ANSWER_CUSTOMER',
  null,
] as const

describe.each<Dialect>(['sqlite', 'postgres'])('campaign reports on %s (R9.1)', (dialect) => {
  let h: Harness | null = null
  beforeAll(async () => {
    h = await openHarness(dialect)
    if (!h) return
    for (const object of demoTenantObjects().filter((o) =>
      [
        'campaign',
        'campaign-group',
        'outcome-group',
        'entry-point',
        'flow',
        'queue',
        'team',
        'agent',
        'call-guide',
        'global-variable',
      ].includes(o.kind),
    )) {
      const path = CONFIG_KINDS.find((k) => k.kind === object.kind)!.path
      await h.call('admin1', 'POST', path, object.body)
    }
    // Through the runtime's store, as the engine writes them (the rollup is kept on write).
    const log = h.store.forTenant('t1').runtime.attempts
    let at = Date.UTC(2026, 10, 24, 9)
    for (const [i, outcome] of OUTCOMES.entries()) {
      at += 60_000
      const agentId = i % 2 === 0 ? 'agent-1' : 'agent-2'
      const opened = await log.open({
        attemptId: `att-${i}`,
        campaignId: 'renewals',
        contactId: `renewals:c${i % 2}`,
        number: '+14155550100',
        callerId: '+15550100000',
        agentId,
        atMs: at,
        lease: { owner: 'p1', untilMs: at + 60_000 },
        storedContact: false,
      })
      expect(opened).toEqual({ kind: 'opened' })
      if (outcome)
        await log.close({
          attemptId: `att-${i}`,
          outcome: outcome as 'LIVE_VOICE',
          atMs: at + 30_000,
          agentId,
          details: { dialedAtMs: 0 },
        })
    }
  })
  afterAll(async () => h?.close())

  it('lists attempts newest first, paged, with open ones shown as such', async (ctx) => {
    if (!h) return ctx.skip()
    const page = (await h.call('super1', 'GET', '/v1/attempts?campaignId=renewals&limit=2')).json()
    expect(page.total).toBe(6)
    expect(page.items.map((a: { id: string }) => a.id)).toEqual(['att-5', 'att-4'])
    expect(page.items[0]).toMatchObject({ outcome: null, closedAt: null })
    const contact = (await h.call('super1', 'GET', '/v1/attempts?contactId=renewals:c1')).json()
    expect(contact.items.map((a: { id: string }) => a.id)).toEqual(['att-5', 'att-3', 'att-1'])
  })

  it('counts by outcome with the connect and abandon rates', async (ctx) => {
    if (!h) return ctx.skip()
    const report = (await h.call('super1', 'GET', '/v1/reports/campaigns/renewals')).json()
    expect(report).toEqual({
      campaignId: 'renewals',
      source: 'campaignManager',
      attempts: 6,
      outcomes: { LIVE_VOICE: 3, ABANDONED: 1, NO_ANSWER_CUSTOMER: 1, OPEN: 1 },
      dispositions: {},
      connectRatePct: 50,
      abandonRatePct: 25,
    })
    expect((await h.call('super1', 'GET', '/v1/reports/campaigns/nope')).statusCode).toBe(404)
  })

  it('shows an agent only their own attempts, and another tenant none', async (ctx) => {
    if (!h) return ctx.skip()
    const mine = (await h.call('agent1', 'GET', '/v1/attempts?agentId=agent-2')).json()
    expect(mine.items.every((a: { agentId: string }) => a.agentId === 'agent-1')).toBe(true)
    expect(mine.total).toBe(3)
    expect((await h.call('agent1', 'GET', '/v1/reports/campaigns/renewals')).statusCode).toBe(403)
    expect((await h.call('admin2', 'GET', '/v1/attempts')).json().total).toBe(0)
    expect((await h.call('admin2', 'GET', '/v1/reports/campaigns/renewals')).statusCode).toBe(404)
  })

  it('saves call-guide answers with the attempt, checked against the form (R5.6)', async (ctx) => {
    if (!h) return ctx.skip()
    const good = { answers: { renews: true, term: '12 months' } }
    const saved = await h.call('agent1', 'PUT', '/v1/attempts/att-0/answers', good)
    expect(saved.statusCode, saved.body).toBe(200)
    expect(saved.json()).toMatchObject({
      attemptId: 'att-0',
      formId: 'guide-renewal',
      agentId: 'agent-1',
      answers: good.answers,
    })
    const bad = await h.call('agent1', 'PUT', '/v1/attempts/att-0/answers', {
      answers: { term: '36 months' },
    })
    expect(bad.statusCode).toBe(400)
    expect(
      bad
        .json()
        .details.map((d: { path: string }) => d.path)
        .sort(),
    ).toEqual(['answers.renews', 'answers.term'])
    expect((await h.call('agent1', 'PUT', '/v1/attempts/att-1/answers', good)).statusCode).toBe(403)
    expect((await h.call('agent1', 'PUT', '/v1/attempts/nope/answers', good)).statusCode).toBe(404)
    const read = await h.call('super1', 'GET', '/v1/attempts/att-0/answers')
    expect(read.json().answers).toEqual(good.answers)
    expect((await h.call('admin2', 'GET', '/v1/attempts/att-0/answers')).statusCode).toBe(404)
  })

  it('refuses a JSON body over the size limit with 413 and the error body', async (ctx) => {
    if (!h) return ctx.skip()
    const huge = { id: 'big', name: 'x'.repeat(2 * 1024 * 1024) }
    const r = await h.call('admin1', 'POST', '/v1/teams', huge)
    expect(r.statusCode).toBe(413)
    expect(r.json()).toMatchObject({ error: 'payload_too_large', details: [] })
  })
})
