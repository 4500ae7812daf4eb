// Issue 13 (R9.1): what the campaign reports need from the attempt log. `connected_at` is when a
// live person answered (LIVE_VOICE), so talk time is `closed_at − connected_at` summed in SQL
// without reading the JSON details; the index serves the tenant-wide summary and interval reports.
import type { Kysely, Migration } from 'kysely'

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
