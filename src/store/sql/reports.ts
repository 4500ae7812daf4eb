// Reports over the append-only attempt log (R9.1): attempts with their result, newest first, and
// the counts by outcome of a campaign (open attempts count as OPEN until their result is written).
// Bound to one tenant.
import { type Kysely, sql } from 'kysely'
import {
  type AttemptFilter,
  type AttemptReports,
  type AttemptView,
  type DispositionTally,
  type OutcomeTally,
  QUARTER_MS,
  type TallyKey,
} from '../ports/attempt-reports.ts'
import type { Page, PageRequest } from '../ports/page.ts'
import type { Database } from './schema.ts'

export class SqlAttemptReports implements AttemptReports {
  constructor(
    private readonly db: Kysely<Database>,
    readonly tenantId: string,
  ) {}

  private base(filter: AttemptFilter) {
    return this.withResults(filter).leftJoin('attempt_dispositions', (j) =>
      j
        .onRef('attempt_dispositions.tenant_id', '=', 'attempts.tenant_id')
        .onRef('attempt_dispositions.attempt_id', '=', 'attempts.id'),
    )
  }

  /** The filtered attempts with their results (no disposition join: the outcome tallies). */
  private withResults(filter: AttemptFilter) {
    let query = this.db
      .selectFrom('attempts')
      .leftJoin('attempt_results', (j) =>
        j
          .onRef('attempt_results.tenant_id', '=', 'attempts.tenant_id')
          .onRef('attempt_results.attempt_id', '=', 'attempts.id'),
      )
      .where('attempts.tenant_id', '=', this.tenantId)
    if (filter.campaignId !== undefined)
      query = query.where('attempts.campaign_id', '=', filter.campaignId)
    if (filter.contactId !== undefined)
      query = query.where('attempts.contact_id', '=', filter.contactId)
    if (filter.number !== undefined) query = query.where('attempts.number', '=', filter.number)
    if (filter.fromMs !== undefined) query = query.where('attempts.opened_at', '>=', filter.fromMs)
    if (filter.toMs !== undefined) query = query.where('attempts.opened_at', '<', filter.toMs)
    if (filter.agentId !== undefined)
      query = query.where((eb) =>
        eb.or([
          eb('attempts.agent_id', '=', filter.agentId!),
          eb('attempt_results.agent_id', '=', filter.agentId!),
        ]),
      )
    return query
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
        query = query.where((eb) =>
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
    const rows = await this.base({ campaignId })
      .select((eb) => ['attempt_results.outcome', eb.fn.countAll().as('n')])
      .groupBy('attempt_results.outcome')
      .execute()
    return Object.fromEntries(rows.map((r) => [r.outcome ?? 'OPEN', Number(r.n)]))
  }

  async countsByDisposition(campaignId: string): Promise<Record<string, number>> {
    const rows = await this.base({ campaignId })
      .where('attempt_dispositions.code', 'is not', null)
      .select((eb) => ['attempt_dispositions.code', eb.fn.countAll().as('n')])
      .groupBy('attempt_dispositions.code')
      .execute()
    return Object.fromEntries(rows.map((r) => [r.code!, Number(r.n)]))
  }

  async tally(
    by: TallyKey,
    filter: AttemptFilter,
  ): Promise<{ outcomes: OutcomeTally[]; dispositions: DispositionTally[] }> {
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
    const outcomes = await this.withResults(filter)
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
    const dispositions = await this.base(filter)
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
