// The append-only agent state log on SQLite and PostgreSQL (issue 13, R9.1): batches inserted in
// one transaction, chunked under the databases' parameter limits; a range read with each agent's
// last change before it. Bound to one tenant.
import type { Kysely } from 'kysely'
import { type AgentStateChange, type AgentStateLog, byAgentAndTime } from '../ports/agent-states.ts'
import type { Database } from './schema.ts'

/** Rows per insert statement: 7 parameters each, well under SQLite's 32,766. */
const INSERT_CHUNK_ROWS = 500

export class SqlAgentStates implements AgentStateLog {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly tenantId: string,
  ) {}

  async append(changes: readonly AgentStateChange[]): Promise<void> {
    if (changes.length === 0) return
    await this.db.transaction().execute(async (tx) => {
      for (let i = 0; i < changes.length; i += INSERT_CHUNK_ROWS) {
        await tx
          .insertInto('agent_state_log')
          .values(
            changes.slice(i, i + INSERT_CHUNK_ROWS).map((c) => ({
              tenant_id: this.tenantId,
              agent_id: c.agentId,
              at: c.atMs,
              seq: c.seq,
              state: c.state,
              code: c.code,
              campaign_id: c.campaignId,
            })),
          )
          .execute()
      }
    })
  }

  async between(fromMs: number, toMs: number): Promise<AgentStateChange[]> {
    const inRange = await this.db
      .selectFrom('agent_state_log')
      .selectAll()
      .where('tenant_id', '=', this.tenantId)
      .where('at', '>=', fromMs)
      .where('at', '<', toMs)
      .execute()
    const before = await this.db
      .selectFrom('agent_state_log as l')
      .innerJoin(
        (eb) =>
          eb
            .selectFrom('agent_state_log')
            .select((e) => ['agent_id', e.fn.max('at').as('last_at')])
            .where('tenant_id', '=', this.tenantId)
            .where('at', '<', fromMs)
            .groupBy('agent_id')
            .as('m'),
        (j) => j.onRef('m.agent_id', '=', 'l.agent_id').onRef('m.last_at', '=', 'l.at'),
      )
      .selectAll('l')
      .where('l.tenant_id', '=', this.tenantId)
      .execute()
    const last = new Map<string, AgentStateChange>()
    for (const r of before.map(changeOf)) {
      const seen = last.get(r.agentId)
      if (!seen || seen.seq < r.seq) last.set(r.agentId, r)
    }
    return [...last.values(), ...inRange.map(changeOf)].sort(byAgentAndTime)
  }
}

function changeOf(r: {
  agent_id: string
  at: number
  seq: number
  state: string
  code: string | null
  campaign_id: string | null
}): AgentStateChange {
  return {
    agentId: r.agent_id,
    atMs: Number(r.at),
    seq: Number(r.seq),
    state: r.state,
    code: r.code,
    campaignId: r.campaign_id,
  }
}
