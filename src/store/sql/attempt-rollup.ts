// The attempt rollup (R9.1, issue 13): one row per tenant × campaign × 15-minute UTC interval of
// the attempt's opening × the attempt's agent × the result's agent × outcome × disposition code,
// with how many attempts are in it and their talk time. Every attempt counts in exactly one row,
// given by its current state (OPEN until its result is written; '' for no agent or no code, so
// the key is unique in SQLite and PostgreSQL alike). Every write that changes that state runs
// through `rollupMove` in the same transaction: the attempt's row is locked, its key read before
// and after the write, and the attempt moved from the old row to the new one.
import { type QueryExecutorProvider, sql, type Transaction } from 'kysely'
import { QUARTER_MS } from '../ports/attempt-reports.ts'
import type { AttemptRollupTable, Database } from './schema.ts'

type RollupKey = Omit<AttemptRollupTable, 'attempts' | 'talk_ms'> & { talk_ms: number }

const sameKey = (a: RollupKey, b: RollupKey) =>
  a.campaign_id === b.campaign_id &&
  a.quarter_start === b.quarter_start &&
  a.attempt_agent === b.attempt_agent &&
  a.result_agent === b.result_agent &&
  a.outcome === b.outcome &&
  a.code === b.code &&
  a.talk_ms === b.talk_ms

async function keyOf(
  trx: Transaction<Database>,
  tenantId: string,
  attemptId: string,
): Promise<RollupKey | null> {
  const row = await trx
    .selectFrom('attempts')
    .leftJoin('attempt_results', (j) =>
      j
        .onRef('attempt_results.tenant_id', '=', 'attempts.tenant_id')
        .onRef('attempt_results.attempt_id', '=', 'attempts.id'),
    )
    .leftJoin('attempt_dispositions', (j) =>
      j
        .onRef('attempt_dispositions.tenant_id', '=', 'attempts.tenant_id')
        .onRef('attempt_dispositions.attempt_id', '=', 'attempts.id'),
    )
    .select([
      'attempts.tenant_id',
      'attempts.campaign_id',
      'attempts.opened_at',
      'attempts.agent_id',
      'attempt_results.agent_id as result_agent',
      'attempt_results.outcome',
      'attempt_results.closed_at',
      'attempt_results.connected_at',
      'attempt_dispositions.code',
    ])
    .where('attempts.tenant_id', '=', tenantId)
    .where('attempts.id', '=', attemptId)
    .executeTakeFirst()
  if (!row) return null
  const opened = Number(row.opened_at)
  return {
    tenant_id: row.tenant_id,
    campaign_id: row.campaign_id,
    quarter_start: opened - (opened % QUARTER_MS),
    attempt_agent: row.agent_id ?? '',
    result_agent: row.result_agent ?? '',
    outcome: row.outcome ?? 'OPEN',
    code: row.code ?? '',
    talk_ms:
      row.closed_at === null || row.connected_at === null
        ? 0
        : Number(row.closed_at) - Number(row.connected_at),
  }
}

async function add(trx: Transaction<Database>, key: RollupKey, sign: 1 | -1): Promise<void> {
  await trx
    .insertInto('attempt_rollup')
    .values({ ...key, attempts: sign, talk_ms: sign * key.talk_ms })
    .onConflict((oc) =>
      oc
        .columns([
          'tenant_id',
          'campaign_id',
          'quarter_start',
          'attempt_agent',
          'result_agent',
          'outcome',
          'code',
        ])
        .doUpdateSet((eb) => ({
          attempts: eb('attempt_rollup.attempts', '+', eb.ref('excluded.attempts')),
          talk_ms: eb('attempt_rollup.talk_ms', '+', eb.ref('excluded.talk_ms')),
        })),
    )
    .execute()
}

/**
 * Runs `write` (a change to the attempt, its result or its disposition) inside `trx` and moves
 * the attempt to its new rollup row. The no-op update first takes the attempt's row lock on
 * PostgreSQL, so two writes to one attempt read each other's committed state.
 */
export async function rollupMove<T>(
  trx: Transaction<Database>,
  tenantId: string,
  attemptId: string,
  write: () => Promise<T>,
): Promise<T> {
  await trx
    .updateTable('attempts')
    .set((eb) => ({ lease_until: eb.ref('lease_until') }))
    .where('tenant_id', '=', tenantId)
    .where('id', '=', attemptId)
    .execute()
  const before = await keyOf(trx, tenantId, attemptId)
  const result = await write()
  const after = await keyOf(trx, tenantId, attemptId)
  if (before && after && sameKey(before, after)) return result
  if (before) await add(trx, before, -1)
  if (after) await add(trx, after, 1)
  return result
}

/** Builds the rollup from the attempt log (the migration's backfill; the benchmark's load). */
export async function backfillRollup(db: QueryExecutorProvider): Promise<void> {
  await sql`insert into attempt_rollup (tenant_id, campaign_id, quarter_start, attempt_agent,
    result_agent, outcome, code, attempts, talk_ms)
    select a.tenant_id, a.campaign_id, a.opened_at - (a.opened_at % ${sql.lit(QUARTER_MS)}),
      coalesce(a.agent_id, ''), coalesce(r.agent_id, ''), coalesce(r.outcome, 'OPEN'),
      coalesce(d.code, ''), count(*), coalesce(sum(r.closed_at - r.connected_at), 0)
    from attempts a
    left join attempt_results r on r.tenant_id = a.tenant_id and r.attempt_id = a.id
    left join attempt_dispositions d on d.tenant_id = a.tenant_id and d.attempt_id = a.id
    group by a.tenant_id, a.campaign_id, a.opened_at - (a.opened_at % ${sql.lit(QUARTER_MS)}),
      coalesce(a.agent_id, ''), coalesce(r.agent_id, ''), coalesce(r.outcome, 'OPEN'),
      coalesce(d.code, '')`.execute(db)
}
