// Goal: the 15-minute attempt rollup (migration 0013) gives the same report tallies as the raw
// attempt log, on SQLite and PostgreSQL, for random attempt histories written through the store's
// own paths (open, agent assignment, close, disposition before or after the close, recovery of a
// stale attempt as UNKNOWN) and random ranges, aligned to quarter hours or not, every grouping
// and the campaign and agent filters. The rollup kept on write also equals the migration's
// backfill of the same log.
import { randomUUID } from 'node:crypto'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AttemptFilter, Tallies, TallyKey } from '../../src/store/ports/attempt-reports.ts'
import { SqlAccounts } from '../../src/store/sql/accounts.ts'
import { backfillRollup } from '../../src/store/sql/attempt-rollup.ts'
import { SqlDialerStore } from '../../src/store/sql/dialer-store.ts'
import { type OpenedDb, openDb } from '../../src/store/sql/open.ts'
import { rawTally } from '../../src/store/sql/raw-tally.ts'
import { SqlAttemptReports } from '../../src/store/sql/reports.ts'
import { fcParams } from '../properties/arbitraries.ts'
import { createTestDatabase, type TestDatabase } from './pg.ts'

const T0 = Date.UTC(2026, 10, 24, 9, 7, 30) // not on a quarter hour
const SPAN_MS = 4 * 3_600_000
const QUARTER_MS = 15 * 60_000
const AGENTS = [null, 'agent-1', 'agent-2', 'agent-3'] as const
const OUTCOMES = ['LIVE_VOICE', 'ABANDONED', 'NO_ANSWER_CUSTOMER', 'AMD'] as const
const KEYS: TallyKey[] = ['quarter', 'agent', 'campaign', 'agentQuarter']

const attemptArb = fc.record({
  offsetMs: fc.integer({ min: 0, max: SPAN_MS - 1 }),
  campaign: fc.constantFrom('camp-a', 'camp-b'),
  agent: fc.constantFrom(...AGENTS),
  assigned: fc.option(fc.constantFrom('agent-1', 'agent-2'), { nil: null }),
  fate: fc.constantFrom('open', 'closed', 'closed', 'recovered'),
  outcome: fc.constantFrom(...OUTCOMES),
  resultAgent: fc.constantFrom(...AGENTS),
  talkSec: fc.integer({ min: 0, max: 600 }),
  code: fc.option(fc.constantFrom('SALE', 'NO_SALE'), { nil: null }),
  codeFirst: fc.boolean(),
})
type AttemptCase = typeof attemptArb extends fc.Arbitrary<infer T> ? T : never

const instantArb = fc.oneof(
  fc.constant(undefined),
  fc.integer({ min: -2, max: 18 }).map((q) => T0 - (T0 % QUARTER_MS) + q * QUARTER_MS),
  fc.integer({ min: -QUARTER_MS, max: SPAN_MS + QUARTER_MS }).map((ms) => T0 + ms),
)
const filterArb = fc
  .record({
    from: instantArb,
    to: instantArb,
    campaignId: fc.option(fc.constantFrom('camp-a', 'camp-b'), { nil: undefined }),
    agentId: fc.option(fc.constantFrom('agent-1', 'agent-2', 'agent-3'), { nil: undefined }),
  })
  .map(({ from, to, campaignId, agentId }): AttemptFilter => {
    const [fromMs, toMs] =
      from !== undefined && to !== undefined && to < from ? [to, from] : [from, to]
    return {
      ...(fromMs !== undefined ? { fromMs } : {}),
      ...(toMs !== undefined && toMs !== fromMs ? { toMs } : {}),
      ...(campaignId ? { campaignId } : {}),
      ...(agentId ? { agentId } : {}),
    }
  })

const sorted = (t: Tallies) => ({
  outcomes: [...t.outcomes].sort((a, b) =>
    `${a.key}|${a.outcome}`.localeCompare(`${b.key}|${b.outcome}`),
  ),
  dispositions: [...t.dispositions].sort((a, b) =>
    `${a.key}|${a.code}`.localeCompare(`${b.key}|${b.code}`),
  ),
})

async function write(store: SqlDialerStore, attempts: AttemptCase[]): Promise<void> {
  for (const [i, a] of attempts.entries()) {
    const attemptId = `a${i}`
    const at = T0 + a.offsetMs
    const opened = await store.open({
      attemptId,
      campaignId: a.campaign,
      contactId: `c${i}`,
      number: '+14155550100',
      callerId: '+15550100000',
      agentId: a.agent,
      atMs: at,
      lease: { owner: 'p1', untilMs: a.fate === 'recovered' ? at + 1000 : T0 + 10 * SPAN_MS },
      storedContact: false,
    })
    expect(opened).toEqual({ kind: 'opened' })
    if (a.assigned) await store.assignAgent(attemptId, a.assigned)
    const dispose = async () => {
      if (a.code)
        await store.recordDisposition({
          attemptId,
          code: a.code,
          final: true,
          success: a.code === 'SALE',
          agentId: a.resultAgent ?? 'agent-1',
          atMs: at + 700_000,
          callback: null,
        })
    }
    if (a.codeFirst) await dispose()
    if (a.fate === 'closed') {
      const connectedAtMs = at + 5000
      await store.close({
        attemptId,
        outcome: a.outcome,
        atMs: connectedAtMs + a.talkSec * 1000,
        agentId: a.resultAgent,
        details: { dialedAtMs: at, ...(a.outcome === 'LIVE_VOICE' ? { connectedAtMs } : {}) },
      })
      // A second close is refused and leaves the rollup as it was.
      expect(
        await store.close({
          attemptId,
          outcome: 'AMD',
          atMs: at + 1,
          agentId: null,
          details: { dialedAtMs: at },
        }),
      ).toBe(false)
    }
    if (!a.codeFirst) await dispose()
  }
  await store.recover(T0 + 2 * SPAN_MS, { owner: 'p2', untilMs: T0 + 3 * SPAN_MS }, 1000)
}

for (const dialect of ['sqlite', 'postgres'] as const) {
  describe(`attempt rollup on ${dialect} (R9.1)`, () => {
    let db: OpenedDb | null = null
    let pg: TestDatabase | null = null
    beforeAll(async () => {
      if (dialect === 'postgres') {
        pg = await createTestDatabase()
        if (!pg) return
      }
      db = await openDb(pg ? { databaseUrl: pg.url } : { sqliteFile: ':memory:' })
    })
    afterAll(async () => {
      await db?.close()
      await pg?.drop()
    })

    it('tallies from the rollup equal the raw attempt log for random histories and ranges', async (ctx) => {
      if (!db) return ctx.skip()
      const opened = db
      let compared = 0
      await fc.assert(
        fc.asyncProperty(
          fc.tuple(
            fc.array(attemptArb, { minLength: 1, maxLength: 25 }),
            fc.array(filterArb, { minLength: 1, maxLength: 4 }),
          ),
          async ([attempts, filters]) => {
            const tenantId = `t-${randomUUID()}`
            await new SqlAccounts(opened.db).ensureTenant(tenantId, 'rollup', 0)
            await write(new SqlDialerStore(opened.db, tenantId, opened.dialect), attempts)
            const reports = new SqlAttemptReports(opened.db, tenantId)
            for (const filter of [{}, ...filters])
              for (const by of KEYS) {
                const expected = sorted(await rawTally(opened.db, tenantId, by, filter))
                expect(
                  sorted(await reports.tally(by, filter)),
                  JSON.stringify({ by, filter }),
                ).toEqual(expected)
                compared += 1
              }
            for (const campaignId of ['camp-a', 'camp-b']) {
              const raw = sorted(await rawTally(opened.db, tenantId, 'campaign', { campaignId }))
              expect(await reports.countsByOutcome(campaignId)).toEqual(
                Object.fromEntries(raw.outcomes.map((t) => [t.outcome, t.attempts])),
              )
              expect(await reports.countsByDisposition(campaignId)).toEqual(
                Object.fromEntries(raw.dispositions.map((t) => [t.code, t.attempts])),
              )
            }
          },
        ),
        { ...fcParams(dialect === 'sqlite' ? 40 : 15), interruptAfterTimeLimit: 120_000 },
      )
      expect(compared).toBeGreaterThan(0)
    }, 180_000)

    it('the rollup kept on write equals the backfill of the same attempt log', async (ctx) => {
      if (!db) return ctx.skip()
      const opened = db
      const tenantId = `t-${randomUUID()}`
      await new SqlAccounts(opened.db).ensureTenant(tenantId, 'rollup', 0)
      const attempts = fc.sample(fc.array(attemptArb, { minLength: 40, maxLength: 40 }), {
        numRuns: 1,
        seed: 13,
      })[0]!
      await write(new SqlDialerStore(opened.db, tenantId, opened.dialect), attempts)
      const rows = async () =>
        (
          await opened.db
            .selectFrom('attempt_rollup')
            .selectAll()
            .where('tenant_id', '=', tenantId)
            .where('attempts', '>', 0)
            .orderBy('campaign_id')
            .orderBy('quarter_start')
            .orderBy('attempt_agent')
            .orderBy('result_agent')
            .orderBy('outcome')
            .orderBy('code')
            .execute()
        ).map((r) => ({ ...r, attempts: Number(r.attempts), talk_ms: Number(r.talk_ms) }))
      const onWrite = await rows()
      expect(onWrite.reduce((n, r) => n + r.attempts, 0)).toBe(40)
      // The migration's backfill covers every tenant: rebuild the whole table from the log.
      await opened.db.deleteFrom('attempt_rollup').execute()
      await backfillRollup(opened.db)
      expect(await rows()).toEqual(onWrite)
    })
  })
}
