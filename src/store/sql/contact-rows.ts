// A contact row as the dialer's ContactStore sees it on SQL: read into a leased contact, and
// settled by the process that holds its lease (reschedule, finish, the wrap-up fallback of R5.2).
// SqlDialerStore (dialer-store.ts) claims the rows and delegates their settling here.
import type { Kysely } from 'kysely'
import type {
  AttemptSummary,
  ContactDisposition,
  WrapUpFallback,
} from '../../dialer/contact-list.ts'
import type { Contact } from '../../domain/contact.ts'
import type { LeasedContact } from '../ports/dialer-store.ts'
import type { ContactsTable, Database } from './schema.ts'

/**
 * Statuses of a contact its lease holder may still settle: pending, or done by a wrap-up fallback
 * (holdForWrapUp keeps the lease; an ordinary finish drops it, so no other done row has an owner).
 */
const HELD_STATUSES = ['pending', 'done']

function contactOf(row: ContactsTable): Contact {
  return {
    id: row.id,
    campaignId: row.campaign_id,
    numbers: JSON.parse(row.numbers) as string[],
    ...(row.time_zone ? { timeZone: row.time_zone } : {}),
    ...(row.caller_id ? { callerId: row.caller_id } : {}),
    fields: JSON.parse(row.fields) as Record<string, string>,
  }
}

export function leasedOf(row: ContactsTable, attempts: AttemptSummary[]): LeasedContact {
  return {
    contact: contactOf(row),
    attempts,
    notBeforeMs: row.not_before,
    ...(row.callback_agent_id !== null ? { callbackAgentId: row.callback_agent_id } : {}),
  }
}

/** ContactStore's reschedule, finish and holdForWrapUp on one tenant's rows. */
export class SqlContactSettling {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly tenantId: string,
  ) {}

  private heldBy(contactId: string, owner: string) {
    return this.db
      .updateTable('contacts')
      .where('tenant_id', '=', this.tenantId)
      .where('id', '=', contactId)
      .where('lease_owner', '=', owner)
      .where('status', 'in', HELD_STATUSES)
  }

  async reschedule(
    contactId: string,
    notBeforeMs: number,
    owner: string,
    callbackAgentId?: string,
  ): Promise<boolean> {
    const result = await this.heldBy(contactId, owner)
      .set({
        status: 'pending',
        disposition: null,
        not_before: notBeforeMs,
        callback_agent_id: callbackAgentId ?? null,
        lease_owner: null,
        lease_until: null,
      })
      .executeTakeFirst()
    return Number(result.numUpdatedRows) === 1
  }

  async holdForWrapUp(
    contactId: string,
    fallback: WrapUpFallback,
    owner: string,
    nowMs: number,
  ): Promise<boolean> {
    const query = this.heldBy(contactId, owner).set({ callback_agent_id: null })
    const result = await (fallback.kind === 'due'
      ? query.set({ status: 'pending', disposition: null, not_before: fallback.notBeforeMs })
      : query.set({ status: 'done', disposition: fallback.disposition, updated_at: nowMs })
    ).executeTakeFirst()
    return Number(result.numUpdatedRows) === 1
  }

  async finish(
    contactId: string,
    disposition: ContactDisposition,
    owner: string,
    nowMs: number,
  ): Promise<boolean> {
    const result = await this.heldBy(contactId, owner)
      .set({
        status: 'done',
        disposition,
        callback_agent_id: null,
        lease_owner: null,
        lease_until: null,
        updated_at: nowMs,
      })
      .executeTakeFirst()
    return Number(result.numUpdatedRows) === 1
  }
}
