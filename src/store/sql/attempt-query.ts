// The filtered attempts of one tenant joined with their results (and dispositions), as the
// attempt lists, CSV exports and the raw-log tallies read them (R9.1).
import type { Kysely } from 'kysely'
import type { AttemptFilter } from '../ports/attempt-reports.ts'
import type { Database } from './schema.ts'

/** The filtered attempts with their results (no disposition join). */
export function attemptsWithResults(db: Kysely<Database>, tenantId: string, filter: AttemptFilter) {
  let query = db
    .selectFrom('attempts')
    .leftJoin('attempt_results', (j) =>
      j
        .onRef('attempt_results.tenant_id', '=', 'attempts.tenant_id')
        .onRef('attempt_results.attempt_id', '=', 'attempts.id'),
    )
    .where('attempts.tenant_id', '=', tenantId)
  if (filter.campaignId !== undefined)
    query = query.where('attempts.campaign_id', '=', filter.campaignId)
  if (filter.contactId !== undefined)
    query = query.where('attempts.contact_id', '=', filter.contactId)
  if (filter.number !== undefined) query = query.where('attempts.number', '=', filter.number)
  if (filter.fromMs !== undefined) query = query.where('attempts.opened_at', '>=', filter.fromMs)
  if (filter.toMs !== undefined) query = query.where('attempts.opened_at', '<', filter.toMs)
  if (filter.agentId !== undefined) {
    const agentId = filter.agentId
    query = query.where((eb) =>
      eb.or([eb('attempts.agent_id', '=', agentId), eb('attempt_results.agent_id', '=', agentId)]),
    )
  }
  return query
}

/** The filtered attempts with their results and dispositions. */
export function attemptsWithDispositions(
  db: Kysely<Database>,
  tenantId: string,
  filter: AttemptFilter,
) {
  return attemptsWithResults(db, tenantId, filter).leftJoin('attempt_dispositions', (j) =>
    j
      .onRef('attempt_dispositions.tenant_id', '=', 'attempts.tenant_id')
      .onRef('attempt_dispositions.attempt_id', '=', 'attempts.id'),
  )
}
