// Reports over the append-only attempt log (R9.1): attempts with their result, newest first, and
// the counts by outcome of a campaign (open attempts count as OPEN until their result is written),
// the counts and report tallies read from the 15-minute rollup (rollup-tally.ts). Bound to one
// tenant.
import type { Kysely } from 'kysely'
import type {
  AttemptFilter,
  AttemptReports,
  AttemptView,
  Tallies,
  TallyKey,
} from '../ports/attempt-reports.ts'
import type { Page, PageRequest } from '../ports/page.ts'
import { attemptsWithDispositions } from './attempt-query.ts'
import { campaignCounts, tallyAttempts } from './rollup-tally.ts'
import type { Database } from './schema.ts'

export class SqlAttemptReports implements AttemptReports {
  constructor(
    private readonly db: Kysely<Database>,
    readonly tenantId: string,
  ) {}

  private base(filter: AttemptFilter) {
    return attemptsWithDispositions(this.db, this.tenantId, filter)
  }

  /** The attempts with everything a report shows of them, newest first. */
  private views(filter: AttemptFilter) {
    return this.base(filter)
      .leftJoin('call_guide_answers', (j) =>
        j
          .onRef('call_guide_answers.tenant_id', '=', 'attempts.tenant_id')
          .onRef('call_guide_answers.attempt_id', '=', 'attempts.id'),
      )
      .select([
        'call_guide_answers.form_id',
        'call_guide_answers.answers',
        'attempts.id',
        'attempts.campaign_id',
        'attempts.contact_id',
        'attempts.number',
        'attempts.agent_id',
        'attempts.opened_at',
        'attempt_results.closed_at',
        'attempt_results.outcome',
        'attempt_results.agent_id as result_agent_id',
        'attempt_results.details',
        'attempt_dispositions.code as disposition_code',
        'attempt_dispositions.final as disposition_final',
        'attempt_dispositions.callback_at',
        'attempt_dispositions.callback_agent_id',
      ])
      .orderBy('attempts.opened_at', 'desc')
      .orderBy('attempts.id', 'desc')
  }

  async list(filter: AttemptFilter, page: PageRequest): Promise<Page<AttemptView>> {
    const rows = await this.views(filter).limit(page.limit).offset(page.offset).execute()
    const total = await this.base(filter)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow()
    return { items: rows.map(viewOf), total: Number(total.n) }
  }

  async *scan(filter: AttemptFilter, pageRows: number): AsyncGenerator<AttemptView> {
    let after: { openedAtMs: number; id: string } | null = null
    for (;;) {
      let query = this.views(filter)
      if (after) {
        const { openedAtMs, id } = after
        // The plain bound lets the index seek to the page (the OR alone scans from the top).
        query = query
          .where('attempts.opened_at', '<=', openedAtMs)
          .where((eb) =>
            eb.or([
              eb('attempts.opened_at', '<', openedAtMs),
              eb.and([eb('attempts.opened_at', '=', openedAtMs), eb('attempts.id', '<', id)]),
            ]),
          )
      }
      const rows = await query.limit(pageRows).execute()
      for (const row of rows) yield viewOf(row)
      if (rows.length < pageRows) return
      const last = rows[rows.length - 1]!
      after = { openedAtMs: Number(last.opened_at), id: last.id }
    }
  }

  async countsByOutcome(campaignId: string): Promise<Record<string, number>> {
    return (await campaignCounts(this.db, this.tenantId, campaignId)).outcomes
  }

  async countsByDisposition(campaignId: string): Promise<Record<string, number>> {
    return (await campaignCounts(this.db, this.tenantId, campaignId)).dispositions
  }

  tally(by: TallyKey, filter: AttemptFilter): Promise<Tallies> {
    return tallyAttempts(this.db, this.tenantId, by, filter)
  }
}

function viewOf(r: {
  id: string
  campaign_id: string
  contact_id: string
  number: string
  agent_id: string | null
  opened_at: number
  closed_at: number | null
  outcome: string | null
  result_agent_id: string | null
  details: string | null
  disposition_code: string | null
  disposition_final: number | null
  callback_at: number | null
  callback_agent_id: string | null
  form_id: string | null
  answers: string | null
}): AttemptView {
  return {
    id: r.id,
    campaignId: r.campaign_id,
    contactId: r.contact_id,
    number: r.number,
    agentId: r.result_agent_id ?? r.agent_id,
    openedAtMs: Number(r.opened_at),
    closedAtMs: r.closed_at === null ? null : Number(r.closed_at),
    outcome: r.outcome ?? null,
    disposition:
      r.disposition_code === null
        ? null
        : {
            code: r.disposition_code,
            final: Number(r.disposition_final) === 1,
            callbackAtMs: r.callback_at === null ? null : Number(r.callback_at),
            callbackAgentId: r.callback_agent_id ?? null,
          },
    details: r.details ? (JSON.parse(r.details) as Record<string, unknown>) : {},
    callGuide:
      r.form_id === null
        ? null
        : { formId: r.form_id, answers: JSON.parse(r.answers ?? '{}') as Record<string, unknown> },
  }
}
