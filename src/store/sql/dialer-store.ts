// The runtime's ContactStore and AttemptLog (src/store/ports/dialer-store.ts) on SQL, bound to one
// tenant (docs/design.md "Durability"): contacts are claimed under a lease in one transaction (on
// PostgreSQL with FOR UPDATE SKIP LOCKED, so two processes never claim the same contact), the
// attempt row is written before the dial and closed once by an insert-only result row, and a
// dead process's open attempts are closed as UNKNOWN and their contacts handed over.
import type { ExpressionBuilder, Kysely } from 'kysely'
import type { ContactDisposition, WrapUpFallback } from '../../dialer/contact-list.ts'
import type {
  AttemptClose,
  AttemptDisposition,
  AttemptLog,
  AttemptOpen,
  AttemptOpenResult,
  ComplianceHistory,
  ComplianceHistoryQuery,
  ContactStore,
  Lease,
  LeasedContact,
  PendingContacts,
  RecoveredAttempt,
} from '../ports/dialer-store.ts'
import {
  attemptHistory,
  leaseOwnersOf,
  recoverOpenAttempts,
  releaseContactLeases,
} from './attempt-recovery.ts'
import { rollupMove } from './attempt-rollup.ts'
import { complianceHistoryOf } from './compliance-history.ts'
import { leasedOf, SqlContactSettling } from './contact-rows.ts'
import { insertDisposition } from './dispositions.ts'
import { isUniqueViolation } from './open.ts'
import type { Database } from './schema.ts'

/** Ids per renewal statement (within both databases' parameter limits). */
export const RENEW_IDS_PER_STATEMENT = 500

/** An attempt row with no result yet: open. */
function stillOpen({ not, exists, selectFrom }: ExpressionBuilder<Database, 'attempts'>) {
  return not(
    exists(
      selectFrom('attempt_results')
        .select('attempt_results.attempt_id')
        .whereRef('attempt_results.tenant_id', '=', 'attempts.tenant_id')
        .whereRef('attempt_results.attempt_id', '=', 'attempts.id'),
    ),
  )
}

export class SqlDialerStore implements ContactStore, AttemptLog {
  private readonly settling: SqlContactSettling

  constructor(
    private readonly db: Kysely<Database>,
    private readonly tenantId: string,
    private readonly dialect: 'sqlite' | 'postgres',
  ) {
    this.settling = new SqlContactSettling(db, tenantId)
  }

  async lease(
    campaignId: string,
    nowMs: number,
    limit: number,
    lease: Lease,
  ): Promise<LeasedContact[]> {
    return this.db.transaction().execute(async (trx) => {
      let query = trx
        .selectFrom('contacts')
        .selectAll()
        .where('tenant_id', '=', this.tenantId)
        .where('campaign_id', '=', campaignId)
        .where('status', '=', 'pending')
        .where('not_before', '<=', nowMs)
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', nowMs)]))
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('attempts')
                .select('attempts.id')
                .whereRef('attempts.tenant_id', '=', 'contacts.tenant_id')
                .whereRef('attempts.contact_id', '=', 'contacts.id')
                .where(stillOpen),
            ),
          ),
        )
        .orderBy('not_before')
        .orderBy('id')
        .limit(limit)
      if (this.dialect === 'postgres') query = query.forUpdate().skipLocked()
      const rows = await query.execute()
      if (rows.length === 0) return []
      await trx
        .updateTable('contacts')
        .set({ lease_owner: lease.owner, lease_until: lease.untilMs })
        .where('tenant_id', '=', this.tenantId)
        .where(
          'id',
          'in',
          rows.map((r) => r.id),
        )
        .execute()
      const history = await attemptHistory(
        trx,
        this.tenantId,
        rows.map((r) => r.id),
      )
      return rows.map((row) => leasedOf(row, history.get(row.id) ?? []))
    })
  }

  reschedule(
    contactId: string,
    notBeforeMs: number,
    owner: string,
    callbackAgentId?: string,
  ): Promise<boolean> {
    return this.settling.reschedule(contactId, notBeforeMs, owner, callbackAgentId)
  }

  holdForWrapUp(
    contactId: string,
    fallback: WrapUpFallback,
    owner: string,
    nowMs: number,
  ): Promise<boolean> {
    return this.settling.holdForWrapUp(contactId, fallback, owner, nowMs)
  }

  finish(
    contactId: string,
    disposition: ContactDisposition,
    owner: string,
    nowMs: number,
  ): Promise<boolean> {
    return this.settling.finish(contactId, disposition, owner, nowMs)
  }

  async renewContactLeases(
    lease: Lease,
    nowMs: number,
    contactIds: readonly string[],
  ): Promise<number> {
    let renewed = 0
    for (let i = 0; i < contactIds.length; i += RENEW_IDS_PER_STATEMENT) {
      const result = await this.db
        .updateTable('contacts')
        .set({ lease_until: lease.untilMs })
        .where('tenant_id', '=', this.tenantId)
        .where('id', 'in', contactIds.slice(i, i + RENEW_IDS_PER_STATEMENT))
        .where('lease_owner', '=', lease.owner)
        .where('lease_until', '>=', nowMs)
        .executeTakeFirst()
      renewed += Number(result.numUpdatedRows)
    }
    return renewed
  }

  async assignAgent(attemptId: string, agentId: string): Promise<boolean> {
    const result = await this.db
      .transaction()
      .execute((trx) =>
        rollupMove(trx, this.tenantId, attemptId, () =>
          trx
            .updateTable('attempts')
            .set({ agent_id: agentId })
            .where('tenant_id', '=', this.tenantId)
            .where('id', '=', attemptId)
            .where(stillOpen)
            .executeTakeFirst(),
        ),
      )
    return Number(result.numUpdatedRows) === 1
  }

  async renewAttemptLeases(
    lease: Lease,
    nowMs: number,
    attemptIds: readonly string[],
  ): Promise<number> {
    let renewed = 0
    for (let i = 0; i < attemptIds.length; i += RENEW_IDS_PER_STATEMENT) {
      const result = await this.db
        .updateTable('attempts')
        .set({ lease_until: lease.untilMs })
        .where('tenant_id', '=', this.tenantId)
        .where('id', 'in', attemptIds.slice(i, i + RENEW_IDS_PER_STATEMENT))
        .where('lease_owner', '=', lease.owner)
        .where('lease_until', '>=', nowMs)
        .where(stillOpen)
        .executeTakeFirst()
      renewed += Number(result.numUpdatedRows)
    }
    return renewed
  }

  async pending(campaignId: string, nowMs: number): Promise<PendingContacts> {
    const row = await this.db
      .selectFrom('contacts')
      .select((eb) => [eb.fn.countAll().as('n'), eb.fn.min('not_before').as('next')])
      .where('tenant_id', '=', this.tenantId)
      .where('campaign_id', '=', campaignId)
      .where('status', '=', 'pending')
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', nowMs)]))
      .executeTakeFirstOrThrow()
    const count = Number(row.n)
    return { count, nextDueMs: count === 0 || row.next === null ? null : Number(row.next) }
  }

  async open(attempt: AttemptOpen): Promise<AttemptOpenResult> {
    return this.db.transaction().execute(async (trx) => {
      if (attempt.storedContact) {
        let query = trx
          .selectFrom('contacts')
          .select(['status', 'lease_owner', 'lease_until'])
          .where('tenant_id', '=', this.tenantId)
          .where('id', '=', attempt.contactId)
        if (this.dialect === 'postgres') query = query.forUpdate()
        const contact = await query.executeTakeFirst()
        if (!contact) return { kind: 'refused', reason: 'leaseLost' }
        if (contact.status !== 'pending') return { kind: 'refused', reason: 'contactFinished' }
        if (
          contact.lease_owner !== attempt.lease.owner ||
          (contact.lease_until ?? 0) < attempt.atMs
        )
          return { kind: 'refused', reason: 'leaseLost' }
        const open = await trx
          .selectFrom('attempts')
          .leftJoin('attempt_results', (j) =>
            j
              .onRef('attempt_results.tenant_id', '=', 'attempts.tenant_id')
              .onRef('attempt_results.attempt_id', '=', 'attempts.id'),
          )
          .select('attempts.id')
          .where('attempts.tenant_id', '=', this.tenantId)
          .where('attempts.contact_id', '=', attempt.contactId)
          .where('attempt_results.attempt_id', 'is', null)
          .executeTakeFirst()
        if (open) return { kind: 'refused', reason: 'attemptOpen' }
      }
      try {
        await rollupMove(trx, this.tenantId, attempt.attemptId, () =>
          trx
            .insertInto('attempts')
            .values({
              tenant_id: this.tenantId,
              id: attempt.attemptId,
              campaign_id: attempt.campaignId,
              contact_id: attempt.contactId,
              stored_contact: attempt.storedContact ? 1 : 0,
              number: attempt.number,
              caller_id: attempt.callerId,
              agent_id: attempt.agentId,
              opened_at: attempt.atMs,
              lease_owner: attempt.lease.owner,
              lease_until: attempt.lease.untilMs,
            })
            .execute(),
        )
      } catch (error) {
        if (isUniqueViolation(error)) return { kind: 'refused', reason: 'duplicateId' }
        throw error
      }
      return { kind: 'opened' }
    })
  }

  complianceHistory(query: ComplianceHistoryQuery): Promise<ComplianceHistory> {
    return complianceHistoryOf(this.db, this.tenantId, query)
  }

  async close(close: AttemptClose): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const exists = await trx
        .selectFrom('attempts')
        .select('id')
        .where('tenant_id', '=', this.tenantId)
        .where('id', '=', close.attemptId)
        .executeTakeFirst()
      if (!exists) return false
      const result = await rollupMove(trx, this.tenantId, close.attemptId, () =>
        trx
          .insertInto('attempt_results')
          .values({
            tenant_id: this.tenantId,
            attempt_id: close.attemptId,
            outcome: close.outcome,
            closed_at: close.atMs,
            agent_id: close.agentId,
            details: JSON.stringify(close.details),
            connected_at: close.details.connectedAtMs ?? null,
          })
          .onConflict((oc) => oc.columns(['tenant_id', 'attempt_id']).doNothing())
          .executeTakeFirst(),
      )
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1
    })
  }

  recordDisposition(disposition: AttemptDisposition): Promise<boolean> {
    return this.db
      .transaction()
      .execute((trx) =>
        rollupMove(trx, this.tenantId, disposition.attemptId, () =>
          insertDisposition(trx, this.tenantId, disposition),
        ),
      )
  }

  leaseOwners(nowMs: number): Promise<string[]> {
    return leaseOwnersOf(this.db, this.tenantId, nowMs)
  }

  releaseLeasesOf(owners: readonly string[]): Promise<number> {
    return releaseContactLeases(this.db, this.tenantId, owners)
  }

  recover(
    nowMs: number,
    lease: Lease,
    limit: number,
    deadOwners: readonly string[] = [],
  ): Promise<RecoveredAttempt[]> {
    return recoverOpenAttempts(this.db, this.tenantId, { nowMs, lease, limit, deadOwners })
  }
}
