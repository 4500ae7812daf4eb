// What a restarted dialer must remember for compliance (R5.5), read back from the attempt log:
// live and abandoned attempts per campaign in time buckets (the abandon-rate window) and the
// numbers abandoned recently (the repeat-call block). Aggregated in SQL: memory does not follow
// the number of attempts.
import { type Kysely, sql } from 'kysely'
import type { ComplianceHistory, ComplianceHistoryQuery } from '../ports/dialer-store.ts'
import type { Database } from './schema.ts'

export async function complianceHistoryOf(
  db: Kysely<Database>,
  tenantId: string,
  query: ComplianceHistoryQuery,
): Promise<ComplianceHistory> {
  // A literal (a whole number of ms from the runtime, not user input) so the SELECT and GROUP BY
  // expressions are textually equal, as PostgreSQL requires.
  const width = sql.lit(Math.max(1, Math.floor(query.bucketMs)))
  const bucket = sql<number>`(attempt_results.closed_at / ${width}) * ${width}`
  const rows = await db
    .selectFrom('attempt_results')
    .innerJoin('attempts', (j) =>
      j
        .onRef('attempts.tenant_id', '=', 'attempt_results.tenant_id')
        .onRef('attempts.id', '=', 'attempt_results.attempt_id'),
    )
    .select([
      'attempts.campaign_id',
      bucket.as('start_ms'),
      sql<number>`sum(case when attempt_results.outcome = 'LIVE_VOICE' then 1 else 0 end)`.as(
        'connected',
      ),
      sql<number>`sum(case when attempt_results.outcome = 'ABANDONED' then 1 else 0 end)`.as(
        'abandoned',
      ),
    ])
    .where('attempt_results.tenant_id', '=', tenantId)
    .where('attempt_results.closed_at', '>=', query.sinceMs)
    .where('attempt_results.outcome', 'in', ['LIVE_VOICE', 'ABANDONED'])
    .groupBy(['attempts.campaign_id', bucket])
    .execute()
  const abandoned = await db
    .selectFrom('attempt_results')
    .innerJoin('attempts', (j) =>
      j
        .onRef('attempts.tenant_id', '=', 'attempt_results.tenant_id')
        .onRef('attempts.id', '=', 'attempt_results.attempt_id'),
    )
    .select(['attempts.number', 'attempt_results.closed_at'])
    .where('attempt_results.tenant_id', '=', tenantId)
    .where('attempt_results.closed_at', '>=', query.abandonedSinceMs)
    .where('attempt_results.outcome', 'in', ['ABANDONED', 'SYSTEM_ABANDONED'])
    .execute()
  return {
    buckets: rows.map((r) => ({
      campaignId: r.campaign_id,
      startMs: Number(r.start_ms),
      connected: Number(r.connected),
      abandoned: Number(r.abandoned),
    })),
    abandonedNumbers: abandoned.map((r) => ({ number: r.number, atMs: r.closed_at })),
  }
}
