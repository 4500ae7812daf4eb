// Issue 13 (R9.1): what the campaign reports need from the attempt log. `connected_at` is when a
// live person answered (LIVE_VOICE), so talk time is `closed_at − connected_at` summed in SQL
// without reading the JSON details; the index serves the tenant-wide summary and interval reports.
import type { Kysely, Migration } from 'kysely'
import { backfillRollup } from './attempt-rollup.ts'

export const reportTimes: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('attempt_results').addColumn('connected_at', 'bigint').execute()
    await db.schema
      .createIndex('attempts_opened')
      .on('attempts')
      .columns(['tenant_id', 'opened_at'])
      .execute()
  },
}

export const agentStateLog: Migration = {
  async up(db: Kysely<unknown>) {
    // The append-only agent state log behind the agent reports: read by time range.
    await db.schema
      .createTable('agent_state_log')
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
      .addColumn('agent_id', 'text', (c) => c.notNull())
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('code', 'text')
      .addColumn('campaign_id', 'text')
      .execute()
    await db.schema
      .createIndex('agent_state_log_at')
      .on('agent_state_log')
      .columns(['tenant_id', 'at', 'agent_id'])
      .execute()
  },
}

export const attemptRollup: Migration = {
  async up(db: Kysely<unknown>) {
    // The 15-minute rollup the report tables read (attempt-rollup.ts), filled from the log.
    await db.schema
      .createTable('attempt_rollup')
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
      .addColumn('campaign_id', 'text', (c) => c.notNull())
      .addColumn('quarter_start', 'bigint', (c) => c.notNull())
      .addColumn('attempt_agent', 'text', (c) => c.notNull())
      .addColumn('result_agent', 'text', (c) => c.notNull())
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('attempts', 'bigint', (c) => c.notNull())
      .addColumn('talk_ms', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('attempt_rollup_pk', [
        'tenant_id',
        'campaign_id',
        'quarter_start',
        'attempt_agent',
        'result_agent',
        'outcome',
        'code',
      ])
      .execute()
    await db.schema
      .createIndex('attempt_rollup_quarter')
      .on('attempt_rollup')
      .columns(['tenant_id', 'quarter_start'])
      .execute()
    await backfillRollup(db)
  },
}
