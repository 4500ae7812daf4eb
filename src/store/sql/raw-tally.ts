// Report tallies counted from the attempt log itself (attempts ⋈ results ⋈ dispositions): the
// reference the rollup must equal, and what a report reads for the parts of its range that are
// not whole 15-minute intervals (R9.1).
import { type Kysely, sql } from 'kysely'
import {
  type AttemptFilter,
  QUARTER_MS,
  type Tallies,
  type TallyKey,
} from '../ports/attempt-reports.ts'
import { attemptsWithDispositions, attemptsWithResults } from './attempt-query.ts'
import type { Database } from './schema.ts'

export async function rawTally(
  db: Kysely<Database>,
  tenantId: string,
  by: TallyKey,
  filter: AttemptFilter,
): Promise<Tallies> {
  const quarter = sql<string>`attempts.opened_at - (attempts.opened_at % ${sql.lit(QUARTER_MS)})`
  const agent = sql<string>`coalesce(attempt_results.agent_id, attempts.agent_id, '')`
  const key =
    by === 'quarter'
      ? quarter
      : by === 'agent'
        ? agent
        : by === 'agentQuarter'
          ? sql<string>`${agent} || '|' || cast(${quarter} as text)`
          : sql<string>`attempts.campaign_id`
  const outcome = sql<string>`coalesce(attempt_results.outcome, 'OPEN')`
  const outcomes = await attemptsWithResults(db, tenantId, filter)
    .select((eb) => [
      key.as('key'),
      outcome.as('outcome'),
      eb.fn.countAll().as('n'),
      sql<string>`coalesce(sum(attempt_results.closed_at - attempt_results.connected_at), 0)`.as(
        'talk_ms',
      ),
    ])
    .groupBy([key, outcome])
    .execute()
  const code = sql<string>`attempt_dispositions.code`
  const dispositions = await attemptsWithDispositions(db, tenantId, filter)
    .where('attempt_dispositions.code', 'is not', null)
    .select((eb) => [key.as('key'), code.as('code'), eb.fn.countAll().as('n')])
    .groupBy([key, code])
    .execute()
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
