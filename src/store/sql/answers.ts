// Call-guide answers (R5.6) kept beside the attempt they belong to; saving again during wrap-up
// replaces them (the agent corrects a slip), and the attempt log itself stays append-only. Bound
// to one tenant.
import type { Kysely } from 'kysely'
import type { CallGuideAnswers, SavedAnswers } from '../ports/call-guide-answers.ts'
import type { Database } from './schema.ts'

export class SqlCallGuideAnswers implements CallGuideAnswers {
  constructor(
    private readonly db: Kysely<Database>,
    readonly tenantId: string,
  ) {}

  async attempt(attemptId: string): Promise<{ campaignId: string; agentId: string | null } | null> {
    const row = await this.db
      .selectFrom('attempts')
      .leftJoin('attempt_results', (j) =>
        j
          .onRef('attempt_results.tenant_id', '=', 'attempts.tenant_id')
          .onRef('attempt_results.attempt_id', '=', 'attempts.id'),
      )
      .select([
        'attempts.campaign_id',
        'attempts.agent_id',
        'attempt_results.agent_id as result_agent_id',
      ])
      .where('attempts.tenant_id', '=', this.tenantId)
      .where('attempts.id', '=', attemptId)
      .executeTakeFirst()
    return row
      ? { campaignId: row.campaign_id, agentId: row.result_agent_id ?? row.agent_id }
      : null
  }

  async save(saved: SavedAnswers): Promise<void> {
    const row = {
      tenant_id: this.tenantId,
      attempt_id: saved.attemptId,
      form_id: saved.formId,
      agent_id: saved.agentId,
      answers: JSON.stringify(saved.answers),
      saved_at: saved.savedAtMs,
    }
    await this.db
      .insertInto('call_guide_answers')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['tenant_id', 'attempt_id']).doUpdateSet({
          form_id: row.form_id,
          agent_id: row.agent_id,
          answers: row.answers,
          saved_at: row.saved_at,
        }),
      )
      .execute()
  }

  async get(attemptId: string): Promise<SavedAnswers | null> {
    const row = await this.db
      .selectFrom('call_guide_answers')
      .selectAll()
      .where('tenant_id', '=', this.tenantId)
      .where('attempt_id', '=', attemptId)
      .executeTakeFirst()
    return row
      ? {
          attemptId: row.attempt_id,
          formId: row.form_id,
          agentId: row.agent_id,
          answers: JSON.parse(row.answers),
          savedAtMs: row.saved_at,
        }
      : null
  }
}
