// Goal: the R9.1 campaign report tables through the API on SQLite and PostgreSQL — campaigns grouped
// by mode family (Dialer-API ones included), a campaign's 15-minute/hourly/daily intervals in its
// zone or a requested one, its agents over one interval, and the attempt level (interval and agent
// filters, talk time, reportable variables, call-guide answers); figures agree across levels;
// agents are refused; ranges are checked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONFIG_KINDS } from '../../src/api/resources/config-kinds.ts'
import { demoTenantObjects } from '../../src/server/seed/demo-tenant.ts'
import { type Dialect, type Harness, openHarness } from './harness.ts'

const T0 = Date.UTC(2026, 10, 24, 14) // 09:00 in New York
const MIN = 60_000

/** [minute after T0, campaign, agent, outcome, talk seconds, disposition] */
const ATTEMPTS: [number, string, string | null, string, number, string | null][] = [
  [1, 'renewals', 'agent-1', 'LIVE_VOICE', 120, 'SALE'],
  [2, 'renewals', 'agent-2', 'LIVE_VOICE', 60, 'NO_SALE'],
  [3, 'renewals', null, 'ABANDONED', 0, null],
  [20, 'renewals', 'agent-1', 'LIVE_VOICE', 30, 'SALE'],
  [21, 'renewals', null, 'NO_ANSWER_CUSTOMER', 0, null],
  [70, 'renewals', 'agent-2', 'CUSTOMER_BUSY', 0, null],
  [5, 'preview', 'agent-1', 'LIVE_VOICE', 10, null],
  [6, 'outside-ivr', null, 'LIVE_VOICE', 40, null],
  [7, 'outside-ivr', null, 'AMD', 0, null],
]

describe.each<Dialect>(['sqlite', 'postgres'])('campaign report tables on %s (R9.1)', (dialect) => {
  let h: Harness | null = null
  beforeAll(async () => {
    h = await openHarness(dialect)
    if (!h) return
    const kinds = ['campaign', 'campaign-group', 'outcome-group', 'entry-point', 'flow', 'queue']
    for (const object of demoTenantObjects().filter((o) =>
      [...kinds, 'team', 'agent', 'call-guide', 'global-variable'].includes(o.kind),
    )) {
      const path = CONFIG_KINDS.find((k) => k.kind === object.kind)!.path
      await h.call('admin1', 'POST', path, object.body)
    }
    await h.db.db
      .insertInto('campaign_states')
      .values({
        tenant_id: 't1',
        campaign_id: 'outside-ivr',
        status: 'RUNNING',
        updated_at: T0,
        dialer_api: JSON.stringify({
          request: { campaignType: 'predictive_ivr', campaignName: 'Outside IVR' },
        }),
      })
      .execute()
    const log = h.store.forTenant('t1').runtime.attempts
    for (const [i, [minute, campaignId, agentId, outcome, talkSec, code]] of ATTEMPTS.entries()) {
      const at = T0 + minute * MIN
      const attemptId = `a${i}`
      const opened = await log.open({
        attemptId,
        campaignId,
        contactId: `${campaignId}:c${i}`,
        number: '+14155550100',
        callerId: '+15550100000',
        agentId,
        atMs: at,
        lease: { owner: 'p1', untilMs: at + MIN },
        storedContact: false,
      })
      expect(opened).toEqual({ kind: 'opened' })
      const connectedAtMs = at + 10_000
      await log.close({
        attemptId,
        outcome: outcome as 'LIVE_VOICE',
        atMs: connectedAtMs + talkSec * 1000,
        agentId,
        details: {
          dialedAtMs: at,
          ...(outcome === 'LIVE_VOICE' ? { connectedAtMs } : {}),
          variables: { plan: `plan-${i}` },
        },
      })
      if (code)
        await log.recordDisposition({
          attemptId,
          code,
          final: true,
          success: code === 'SALE',
          agentId: agentId!,
          atMs: connectedAtMs + talkSec * 1000 + 5000,
          callback: null,
        })
    }
    const answers = await h.call('agent1', 'PUT', '/v1/attempts/a0/answers', {
      answers: { renews: true, term: '12 months' },
    })
    expect(answers.statusCode, answers.body).toBe(200)
  })
  afterAll(async () => h?.close())

  it('groups campaigns by mode family, Dialer-API campaigns included', async (ctx) => {
    if (!h) return ctx.skip()
    const r = await h.call('super1', 'GET', '/v1/reports/campaigns')
    expect(r.statusCode, r.body).toBe(200)
    const families = r.json().families as {
      family: string
      totals: { attempts: number }
      campaigns: { campaignId: string; source: string; mode: string; figures: unknown }[]
    }[]
    const of = (f: string) => families.find((x) => x.family === f)!
    expect(families.map((f) => f.family)).toEqual(['predictive_progressive', 'preview', 'ivr'])
    expect(of('predictive_progressive').campaigns.map((c) => c.campaignId)).toEqual([
      'renewals',
      'winback',
    ])
    expect(of('predictive_progressive').totals.attempts).toBe(6)
    expect(of('preview').totals.attempts).toBe(1)
    expect(of('ivr').campaigns).toEqual([
      {
        campaignId: 'outside-ivr',
        name: 'Outside IVR',
        mode: 'predictive_ivr',
        source: 'dialerApi',
        figures: expect.objectContaining({ attempts: 2, connects: 1, talkSec: 40 }),
      },
    ])
    const renewals = of('predictive_progressive').campaigns[0]!
    expect(renewals.figures).toEqual({
      attempts: 6,
      outcomes: { LIVE_VOICE: 3, ABANDONED: 1, NO_ANSWER_CUSTOMER: 1, CUSTOMER_BUSY: 1 },
      connects: 3,
      abandons: 1,
      connectRatePct: 50,
      abandonRatePct: 25,
      talkSec: 210,
      dispositions: { SALE: 2, NO_SALE: 1 },
    })
  })

  it('drills a campaign into intervals in its zone, then agents, then attempts', async (ctx) => {
    if (!h) return ctx.skip()
    const quarters = (
      await h.call('super1', 'GET', '/v1/reports/campaigns/renewals/intervals?size=15m')
    ).json()
    expect(quarters.zone).toBe('America/New_York')
    expect(
      quarters.rows.map((r: { start: string; attempts: number }) => [r.start, r.attempts]),
    ).toEqual([
      ['2026-11-24T09:00:00-05:00', 3],
      ['2026-11-24T09:15:00-05:00', 2],
      ['2026-11-24T10:00:00-05:00', 1],
    ])
    const hours = (
      await h.call('super1', 'GET', '/v1/reports/campaigns/renewals/intervals?size=1h&zone=UTC')
    ).json()
    expect(hours.rows).toEqual([
      {
        start: '2026-11-24T14:00:00Z',
        attempts: 5,
        outcomes: { LIVE_VOICE: 3, ABANDONED: 1, NO_ANSWER_CUSTOMER: 1 },
        connects: 3,
        abandons: 1,
        connectRatePct: 60,
        abandonRatePct: 25,
        talkSec: 210,
        dispositions: { SALE: 2, NO_SALE: 1 },
      },
      expect.objectContaining({ start: '2026-11-24T15:00:00Z', attempts: 1, talkSec: 0 }),
    ])
    const days = (
      await h.call('super1', 'GET', '/v1/reports/campaigns/renewals/intervals?size=1d')
    ).json()
    expect(days.rows).toHaveLength(1)
    expect(days.rows[0]).toMatchObject({ start: '2026-11-24T00:00:00-05:00', attempts: 6 })

    const range = 'from=2026-11-24T14:00:00Z&to=2026-11-24T15:00:00Z'
    const agents = (
      await h.call('super1', 'GET', `/v1/reports/campaigns/renewals/agents?${range}`)
    ).json()
    expect(
      agents.rows.map((r: { agentId: string | null; attempts: number; talkSec: number }) => [
        r.agentId,
        r.attempts,
        r.talkSec,
      ]),
    ).toEqual([
      [null, 2, 0],
      ['agent-1', 2, 150],
      ['agent-2', 1, 60],
    ])
    expect(agents.rows[1].dispositions).toEqual({ SALE: 2 })

    const attempts = (
      await h.call('super1', 'GET', `/v1/attempts?campaignId=renewals&agentId=agent-1&${range}`)
    ).json()
    expect(attempts.total).toBe(2)
    const first = attempts.items.find((a: { id: string }) => a.id === 'a0')
    expect(first).toMatchObject({
      outcome: 'LIVE_VOICE',
      connectedAt: new Date(T0 + MIN + 10_000).toISOString(),
      talkSec: 120,
      variables: { plan: 'plan-0' },
      callGuide: { formId: 'guide-renewal', answers: { renews: true, term: '12 months' } },
      disposition: expect.objectContaining({ code: 'SALE' }),
    })
  })

  it('refuses agents, unknown campaigns and bad ranges', async (ctx) => {
    if (!h) return ctx.skip()
    expect((await h.call('agent1', 'GET', '/v1/reports/campaigns')).statusCode).toBe(403)
    const url = '/v1/reports/campaigns/renewals/agents'
    expect((await h.call('agent1', 'GET', url)).statusCode).toBe(403)
    expect((await h.call('admin2', 'GET', url)).statusCode).toBe(404)
    const reversed = await h.call(
      'super1',
      'GET',
      `${url}?from=2026-11-25T00:00:00Z&to=2026-11-24T00:00:00Z`,
    )
    expect(reversed.statusCode).toBe(400)
    expect(reversed.json().details[0].path).toBe('to')
    const long = await h.call(
      'super1',
      'GET',
      `${url}?from=2025-01-01T00:00:00Z&to=2026-11-24T00:00:00Z`,
    )
    expect(long.statusCode).toBe(400)
    const zone = await h.call(
      'super1',
      'GET',
      '/v1/reports/campaigns/renewals/intervals?zone=Mars/Base',
    )
    expect(zone.statusCode).toBe(400)
    expect((await h.call('admin2', 'GET', '/v1/reports/campaigns')).json().families).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ totals: expect.objectContaining({ attempts: 0 }) }),
      ]),
    )
  })
})
