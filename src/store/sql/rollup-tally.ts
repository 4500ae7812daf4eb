// Report tallies from the attempt rollup (attempt-rollup.ts, R9.1): the whole 15-minute intervals
// of a range are read from the rollup, the partial intervals at its edges (a `from` or `to` not on
// a quarter hour) from the attempt log, and the parts summed. The result equals `rawTally` over
// the whole range. Filters the rollup does not carry (contact, number) read the log.
import { type Kysely, sql } from 'kysely'
import {
  type AttemptFilter,
  QUARTER_MS,
  type Tallies,
  type TallyKey,
} from '../ports/attempt-reports.ts'
import { rawTally } from './raw-tally.ts'
import type { Database } from './schema.ts'

const floorQuarter = (ms: number) => ms - (((ms % QUARTER_MS) + QUARTER_MS) % QUARTER_MS)
const ceilQuarter = (ms: number) => {
  const floor = floorQuarter(ms)
  return floor === ms ? ms : floor + QUARTER_MS
}

export async function tallyAttempts(
  db: Kysely<Database>,
  tenantId: string,
  by: TallyKey,
  filter: AttemptFilter,
): Promise<Tallies> {
  const { fromMs, toMs } = filter
  if (filter.contactId !== undefined || filter.number !== undefined || filter.agentId === '')
    return rawTally(db, tenantId, by, filter)
  const wholeFrom = fromMs === undefined ? undefined : ceilQuarter(fromMs)
  const wholeTo = toMs === undefined ? undefined : floorQuarter(toMs)
  if (wholeFrom !== undefined && wholeTo !== undefined && wholeFrom >= wholeTo)
    return rawTally(db, tenantId, by, filter)
  const parts = [rollupTally(db, tenantId, by, { ...filter, fromMs: wholeFrom, toMs: wholeTo })]
  if (fromMs !== undefined && wholeFrom !== fromMs)
    parts.push(rawTally(db, tenantId, by, { ...filter, fromMs, toMs: wholeFrom }))
  if (toMs !== undefined && wholeTo !== toMs)
    parts.push(rawTally(db, tenantId, by, { ...filter, fromMs: wholeTo, toMs }))
  return sumTallies(await Promise.all(parts))
}

function sumTallies(parts: Tallies[]): Tallies {
  if (parts.length === 1) return parts[0]!
  const outcomes = new Map<string, Tallies['outcomes'][number]>()
  const dispositions = new Map<string, Tallies['dispositions'][number]>()
  for (const part of parts) {
    for (const t of part.outcomes) {
      const id = `${t.key}\u0000${t.outcome}`
      const sum = outcomes.get(id)
      if (sum) {
        sum.attempts += t.attempts
        sum.talkMs += t.talkMs
      } else outcomes.set(id, { ...t })
    }
    for (const t of part.dispositions) {
      const id = `${t.key}\u0000${t.code}`
      const sum = dispositions.get(id)
      if (sum) sum.attempts += t.attempts
      else dispositions.set(id, { ...t })
    }
  }
  return { outcomes: [...outcomes.values()], dispositions: [...dispositions.values()] }
}

/** The rollup's rows over whole quarters (`fromMs`, `toMs` on quarter hours), grouped `by`. */
async function rollupTally(
  db: Kysely<Database>,
  tenantId: string,
  by: TallyKey,
  filter: Omit<AttemptFilter, 'contactId' | 'number'>,
): Promise<Tallies> {
  const agent = sql<string>`coalesce(nullif(result_agent, ''), attempt_agent)`
  const key =
    by === 'quarter'
      ? sql<string>`quarter_start`
      : by === 'agent'
        ? agent
        : by === 'agentQuarter'
          ? sql<string>`${agent} || '|' || cast(quarter_start as text)`
          : sql<string>`campaign_id`
  let query = db.selectFrom('attempt_rollup').where('tenant_id', '=', tenantId)
  if (filter.campaignId !== undefined) query = query.where('campaign_id', '=', filter.campaignId)
  if (filter.fromMs !== undefined) query = query.where('quarter_start', '>=', filter.fromMs)
  if (filter.toMs !== undefined) query = query.where('quarter_start', '<', filter.toMs)
  if (filter.agentId !== undefined) {
    const agentId = filter.agentId
    query = query.where((eb) =>
      eb.or([eb('attempt_agent', '=', agentId), eb('result_agent', '=', agentId)]),
    )
  }
  const attempts = sql<number>`sum(attempts)`
  const [outcomes, dispositions] = await Promise.all([
    query
      .select([key.as('key'), 'outcome', attempts.as('n'), sql<string>`sum(talk_ms)`.as('talk_ms')])
      .groupBy([key, 'outcome'])
      .having(attempts, '>', 0)
      .execute(),
    query
      .where('code', '<>', '')
      .select([key.as('key'), 'code', attempts.as('n')])
      .groupBy([key, 'code'])
      .having(attempts, '>', 0)
      .execute(),
  ])
  return {
    outcomes: outcomes.map((r) => ({
      key: String(r.key),
      outcome: r.outcome,
      attempts: Number(r.n),
      talkMs: Number(r.talk_ms),
    })),
    dispositions: dispositions.map((r) => ({
      key: String(r.key),
      code: r.code,
      attempts: Number(r.n),
    })),
  }
}

/** A campaign's attempts by outcome (open ones as OPEN) and by disposition code. */
export async function campaignCounts(
  db: Kysely<Database>,
  tenantId: string,
  campaignId: string,
): Promise<{ outcomes: Record<string, number>; dispositions: Record<string, number> }> {
  const { outcomes, dispositions } = await rollupTally(db, tenantId, 'campaign', { campaignId })
  return {
    outcomes: Object.fromEntries(outcomes.map((t) => [t.outcome, t.attempts])),
    dispositions: Object.fromEntries(dispositions.map((t) => [t.code, t.attempts])),
  }
}
