// Crash recovery on SQL (docs/design.md "Durability", issue 16), bound to one tenant: the owners
// of open attempts and held contacts, an ended owner's contact leases dropped, and the open
// attempts of expired or ended owners closed as UNKNOWN with their contacts handed over. Also the
// attempt history the dialer store reads.
import type { Kysely, Transaction } from 'kysely'
import type { AttemptSummary } from '../../dialer/contact-list.ts'
import type { AttemptOutcome } from '../../domain/outcomes.ts'
import type { Lease, LeasedContact, RecoveredAttempt } from '../ports/dialer-store.ts'
import { rollupMove } from './attempt-rollup.ts'
import { leasedOf } from './contact-rows.ts'
import type { Database } from './schema.ts'

type Db = Kysely<Database> | Transaction<Database>

export async function attemptHistory(
  db: Db,
  tenantId: string,
  contactIds: readonly string[],
): Promise<Map<string, AttemptSummary[]>> {
  const byContact = new Map<string, AttemptSummary[]>()
  if (contactIds.length === 0) return byContact
  const rows = await db
    .selectFrom('attempts')
    .innerJoin('attempt_results', (j) =>
      j
        .onRef('attempt_results.tenant_id', '=', 'attempts.tenant_id')
        .onRef('attempt_results.attempt_id', '=', 'attempts.id'),
    )
    .select([
      'attempts.contact_id',
      'attempts.number',
      'attempts.opened_at',
      'attempt_results.outcome',
    ])
    .where('attempts.tenant_id', '=', tenantId)
    .where('attempts.contact_id', 'in', [...contactIds])
    .orderBy('attempts.opened_at')
    .execute()
  for (const row of rows) {
    const list = byContact.get(row.contact_id) ?? []
    list.push({ atMs: row.opened_at, outcome: row.outcome as AttemptOutcome, number: row.number })
    byContact.set(row.contact_id, list)
  }
  return byContact
}

export async function leaseOwnersOf(
  db: Kysely<Database>,
  tenantId: string,
  nowMs: number,
): Promise<string[]> {
  const attempts = await db
    .selectFrom('attempts')
    .leftJoin('attempt_results', (j) =>
      j
        .onRef('attempt_results.tenant_id', '=', 'attempts.tenant_id')
        .onRef('attempt_results.attempt_id', '=', 'attempts.id'),
    )
    .select('attempts.lease_owner as owner')
    .distinct()
    .where('attempts.tenant_id', '=', tenantId)
    .where('attempt_results.attempt_id', 'is', null)
    .execute()
  const contacts = await db
    .selectFrom('contacts')
    .select('lease_owner as owner')
    .distinct()
    .where('tenant_id', '=', tenantId)
    .where('status', '=', 'pending')
    .where('lease_until', '>=', nowMs)
    .execute()
  const owners = new Set<string>()
  for (const row of [...attempts, ...contacts]) if (row.owner !== null) owners.add(row.owner)
  return [...owners].sort()
}

export async function releaseContactLeases(
  db: Kysely<Database>,
  tenantId: string,
  owners: readonly string[],
): Promise<number> {
  if (owners.length === 0) return 0
  const result = await db
    .updateTable('contacts')
    .set({ lease_owner: null, lease_until: null })
    .where('tenant_id', '=', tenantId)
    .where('status', '=', 'pending')
    .where('lease_owner', 'in', [...owners])
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}

export async function recoverOpenAttempts(
  db: Kysely<Database>,
  tenantId: string,
  run: { nowMs: number; lease: Lease; limit: number; deadOwners: readonly string[] },
): Promise<RecoveredAttempt[]> {
  const { nowMs, lease, limit, deadOwners } = run
  return db.transaction().execute(async (trx) => {
    const open = await trx
      .selectFrom('attempts')
      .leftJoin('attempt_results', (j) =>
        j
          .onRef('attempt_results.tenant_id', '=', 'attempts.tenant_id')
          .onRef('attempt_results.attempt_id', '=', 'attempts.id'),
      )
      .selectAll('attempts')
      .where('attempts.tenant_id', '=', tenantId)
      .where('attempt_results.attempt_id', 'is', null)
      .where((eb) =>
        deadOwners.length === 0
          ? eb('attempts.lease_until', '<', nowMs)
          : eb.or([
              eb('attempts.lease_until', '<', nowMs),
              eb('attempts.lease_owner', 'in', [...deadOwners]),
            ]),
      )
      .orderBy('attempts.opened_at')
      .limit(limit)
      .execute()
    const recovered: RecoveredAttempt[] = []
    for (const attempt of open) {
      await rollupMove(trx, tenantId, attempt.id, () =>
        trx
          .insertInto('attempt_results')
          .values({
            tenant_id: tenantId,
            attempt_id: attempt.id,
            outcome: 'UNKNOWN',
            closed_at: nowMs,
            agent_id: attempt.agent_id,
            details: JSON.stringify({
              dialedAtMs: attempt.opened_at,
              note: `recovered: the process ${attempt.lease_owner} stopped with the attempt open`,
            }),
          })
          .execute(),
      )
      let contact: LeasedContact | null = null
      if (attempt.stored_contact === 1) {
        await trx
          .updateTable('contacts')
          .set({ lease_owner: lease.owner, lease_until: lease.untilMs })
          .where('tenant_id', '=', tenantId)
          .where('id', '=', attempt.contact_id)
          .where('status', '=', 'pending')
          .execute()
        const row = await trx
          .selectFrom('contacts')
          .selectAll()
          .where('tenant_id', '=', tenantId)
          .where('id', '=', attempt.contact_id)
          .executeTakeFirst()
        if (row && row.lease_owner === lease.owner) {
          const history = await attemptHistory(trx, tenantId, [row.id])
          contact = leasedOf(row, history.get(row.id) ?? [])
        }
      }
      recovered.push({
        attemptId: attempt.id,
        campaignId: attempt.campaign_id,
        contactId: attempt.contact_id,
        number: attempt.number,
        callerId: attempt.caller_id,
        agentId: attempt.agent_id,
        openedAtMs: attempt.opened_at,
        contact,
      })
    }
    return recovered
  })
}
