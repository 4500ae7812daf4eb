// Goal: every report table exports as CSV (?format=csv or Accept: text/csv) with the JSON's figures,
// properly quoted; and an export of 100,000 attempts streams from keyset pages over real HTTP with
// every row present and the heap held flat while it runs (SQLite; the figures on PostgreSQL too).
import v8 from 'node:v8'
import vm from 'node:vm'
import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { backfillRollup } from '../../src/store/sql/attempt-rollup.ts'
import { type Dialect, type Harness, openHarness } from './harness.ts'

const T0 = Date.UTC(2026, 10, 24, 9)
const OUTCOMES = ['LIVE_VOICE', 'ABANDONED', 'NO_ANSWER_CUSTOMER', 'AMD', 'CUSTOMER_BUSY']
const CHUNK = 500

/** The heap in use after a full collection (gc exposed at run time), so garbage does not count. */
function liveHeap(): number {
  v8.setFlagsFromString('--expose-gc')
  ;(vm.runInNewContext('gc') as () => void)()
  return process.memoryUsage().heapUsed
}

async function seed(h: Harness, count: number) {
  await h.call('admin1', 'POST', '/v1/global-variables', {
    name: 'plan',
    type: 'STRING',
    reportable: true,
  })
  await h.db.db
    .insertInto('campaign_states')
    .values({
      tenant_id: 't1',
      campaign_id: 'api-camp',
      status: 'RUNNING',
      updated_at: T0,
      dialer_api: JSON.stringify({ request: { campaignType: 'progressive' } }),
    })
    .execute()
  await h.db.db.transaction().execute(async (tx) => {
    for (let start = 0; start < count; start += CHUNK) {
      const ids = Array.from({ length: Math.min(CHUNK, count - start) }, (_, k) => start + k)
      const at = (i: number) => T0 + i * 1000
      await tx
        .insertInto('attempts')
        .values(
          ids.map((i) => ({
            tenant_id: 't1',
            id: `a${String(i).padStart(6, '0')}`,
            campaign_id: 'api-camp',
            contact_id: `c${i}`,
            stored_contact: 0,
            number: '+14155550100',
            caller_id: '+15550100000',
            agent_id: `agent-${i % 3}`,
            opened_at: at(i),
            lease_owner: 'p1',
            lease_until: at(i),
          })),
        )
        .execute()
      await tx
        .insertInto('attempt_results')
        .values(
          ids.map((i) => {
            const outcome = OUTCOMES[i % OUTCOMES.length]!
            const live = outcome === 'LIVE_VOICE'
            return {
              tenant_id: 't1',
              attempt_id: `a${String(i).padStart(6, '0')}`,
              outcome,
              closed_at: at(i) + 40_000,
              agent_id: `agent-${i % 3}`,
              details: JSON.stringify({
                dialedAtMs: at(i),
                ...(live ? { connectedAtMs: at(i) + 10_000 } : {}),
                variables: { plan: i % 2 ? 'Gold, "VIP"' : 'Basic' },
              }),
              connected_at: live ? at(i) + 10_000 : null,
            }
          }),
        )
        .execute()
    }
    // The bulk load bypasses the store's writes: build its rollup as migration 0013 does.
    await backfillRollup(tx)
  })
}

describe.each<[Dialect, number]>([
  ['sqlite', 100_000],
  ['postgres', 2_000],
])('report CSV exports on %s (R9.1)', (dialect, count) => {
  let h: Harness | null = null
  beforeAll(async () => {
    h = await openHarness(dialect)
    if (h) await seed(h, count)
  }, 60_000)
  afterAll(async () => h?.close())

  it('exports each table with the JSON figures', async (ctx) => {
    if (!h) return ctx.skip()
    const csv = (url: string, headers?: Record<string, string>) =>
      h!.call('super1', 'GET', url, undefined, headers)
    const base = '/v1/reports/campaigns/api-camp/intervals?size=1h'
    const json = (await csv(base)).json()
    const byAccept = await csv(base, { accept: 'text/csv' })
    expect(byAccept.headers['content-type']).toMatch(/^text\/csv/)
    const rows = parse(byAccept.body, { columns: true }) as Record<string, string>[]
    expect(rows).toHaveLength(json.rows.length)
    json.rows.forEach(
      (row: Record<string, unknown> & { outcomes: Record<string, number> }, i: number) => {
        expect(rows[i]!.start).toBe(row.start)
        expect(Number(rows[i]!.attempts)).toBe(row.attempts)
        expect(Number(rows[i]!.talkSec)).toBe(row.talkSec)
        expect(Number(rows[i]!.abandonRatePct)).toBe(row.abandonRatePct)
        expect(Number(rows[i]!['outcome:LIVE_VOICE'])).toBe(row.outcomes.LIVE_VOICE)
      },
    )
    const summary = parse((await csv('/v1/reports/campaigns?format=csv')).body, { columns: true })
    expect(summary).toEqual([
      expect.objectContaining({
        family: 'predictive_progressive',
        campaignId: 'api-camp',
        attempts: String(count),
        source: 'dialerApi',
      }),
    ])
    const agents = parse((await csv('/v1/reports/campaigns/api-camp/agents?format=csv')).body, {
      columns: true,
    }) as Record<string, string>[]
    expect(agents.map((a) => a.agentId)).toEqual(['agent-0', 'agent-1', 'agent-2'])
    expect(agents.reduce((n, a) => n + Number(a.attempts), 0)).toBe(count)
    const range = `from=${new Date(T0).toISOString()}&to=${new Date(T0 + 3_600_000).toISOString()}`
    const agentReport = await csv(`/v1/reports/agents?${range}&format=csv`)
    expect(agentReport.statusCode, agentReport.body).toBe(200)
    expect(parse(agentReport.body, { columns: true })).toHaveLength(3)
    const few = await csv(`/v1/attempts?format=csv&to=${new Date(T0 + 3000).toISOString()}`)
    expect(parse(few.body, { columns: true })).toEqual([
      expect.objectContaining({
        id: 'a000002',
        outcome: 'NO_ANSWER_CUSTOMER',
        'var:plan': 'Basic',
      }),
      expect.objectContaining({ id: 'a000001', outcome: 'ABANDONED', 'var:plan': 'Gold, "VIP"' }),
      expect.objectContaining({ id: 'a000000', outcome: 'LIVE_VOICE', talkSec: '30' }),
    ])
    expect(few.body).toContain('"Gold, ""VIP"""')
  })

  it(
    `streams all ${count} attempts over HTTP with a flat heap`,
    { timeout: 60_000 },
    async (ctx) => {
      if (!h) return ctx.skip()
      const address = await h.app.listen({ host: '127.0.0.1', port: 0 })
      const response = await fetch(`${address}/v1/attempts?format=csv`, {
        headers: { authorization: `Bearer ${h.tokens.super1}` },
      })
      expect(response.status).toBe(200)
      const reader = response.body!.getReader()
      const marks = [0.1, 0.5, 0.9].map((f) => Math.floor(count * f))
      const live: number[] = []
      let lines = 0
      let bytes = 0
      for (;;) {
        const { done, value } = await reader.read()
        if (done) break
        bytes += value.byteLength
        for (const b of value) if (b === 10) lines += 1
        if (marks.length > 0 && lines >= marks[0]!) {
          marks.shift()
          live.push(liveHeap())
        }
      }
      expect(lines).toBe(count + 1)
      const mb = (b: number) => (b / 2 ** 20).toFixed(1)
      console.log(
        `CSV export of ${count} attempts: ${mb(bytes)} MB; live heap at 10/50/90 % of the rows: ${live.map(mb).join(' / ')} MB`,
      )
      // Flat: after a full collection the heap at 90 % of the rows is the heap at 10 % (the export
      // holds one page of 1,000 rows and the stream buffers, never the result).
      expect(live).toHaveLength(3)
      expect((live[2]! - live[0]!) / 2 ** 20).toBeLessThan(8)
    },
  )
})
