// The agents' dispositions of campaign calls (R5.2), appended beside the attempt log: one per
// attempt, never changed (a second one is ignored).
import type { Kysely } from 'kysely'
import type { AttemptDisposition } from '../ports/dialer-store.ts'
import type { Database } from './schema.ts'

export async function insertDisposition(
  db: Kysely<Database>,
  tenantId: string,
  d: AttemptDisposition,
): Promise<boolean> {
  const result = await db
    .insertInto('attempt_dispositions')
    .values({
      tenant_id: tenantId,
      attempt_id: d.attemptId,
      code: d.code,
      final: d.final ? 1 : 0,
      success: d.success ? 1 : 0,
      agent_id: d.agentId,
      decided_at: d.atMs,
      callback_at: d.callback?.atMs ?? null,
      callback_agent_id: d.callback?.agentId ?? null,
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'attempt_id']).doNothing())
    .executeTakeFirst()
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1
}
