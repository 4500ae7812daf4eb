// Contact lists (R5.3, R10.3) in SQL, bound to one tenant: their status through one upload, the
// per-row import report, expiry, closing a contact. The rows themselves go through SqlContactSink.
import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import { invariant } from '../../domain/invariant.ts'
import type { ContactLists, ContactListView, ImportIssueRow } from '../ports/contact-lists.ts'
import type { ImportSink } from '../ports/contact-sink.ts'
import type { ConfigDocuments } from '../ports/documents.ts'
import type { Page, PageRequest } from '../ports/page.ts'
import { SqlContactSink } from './contact-sink.ts'
import type { SqlDncLists } from './dnc.ts'
import type { ContactListsTable, Database } from './schema.ts'
import { scrubListsOf } from './scrub-lists.ts'

export const ISSUES_READ_BATCH_ROWS = 1000

const toView = (row: ContactListsTable): ContactListView => ({
  id: row.id,
  campaignId: row.campaign_id,
  name: row.name,
  status: row.status as ContactListView['status'],
  mapping: JSON.parse(row.mapping),
  counts: JSON.parse(row.counts),
  createdAtMs: row.created_at,
})

export class SqlContactLists implements ContactLists {
  /** The last issue number written, per list (read from the table at the first append). */
  private issueSeq = new Map<string, number>()
  constructor(
    private readonly db: Kysely<Database>,
    readonly tenantId: string,
    private readonly dnc: SqlDncLists,
    private readonly documents: ConfigDocuments & { tenantId: string },
  ) {
    invariant(dnc.tenantId === tenantId, 'contact lists scrub against their own DNC lists')
    invariant(documents.tenantId === tenantId, 'contact lists read their own campaigns')
  }

  async create(
    list: { campaignId: string; name: string; mapping: unknown },
    nowMs: number,
  ): Promise<ContactListView> {
    const row: ContactListsTable = {
      tenant_id: this.tenantId,
      id: randomUUID(),
      campaign_id: list.campaignId,
      name: list.name,
      status: 'awaiting-upload',
      mapping: JSON.stringify(list.mapping),
      counts: '{}',
      created_at: nowMs,
      expired_at: null,
    }
    await this.db.insertInto('contact_lists').values(row).execute()
    return toView(row)
  }

  async get(listId: string): Promise<ContactListView | null> {
    const row = await this.db
      .selectFrom('contact_lists')
      .selectAll()
      .where('tenant_id', '=', this.tenantId)
      .where('id', '=', listId)
      .executeTakeFirst()
    return row ? toView(row) : null
  }

  async list(campaignId: string | undefined, page: PageRequest): Promise<Page<ContactListView>> {
    let base = this.db.selectFrom('contact_lists').where('tenant_id', '=', this.tenantId)
    if (campaignId !== undefined) base = base.where('campaign_id', '=', campaignId)
    const rows = await base
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(page.limit)
      .offset(page.offset)
      .execute()
    const total = await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
    return { items: rows.map(toView), total: Number(total.n) }
  }

  async beginImport(listId: string): Promise<boolean> {
    const result = await this.db
      .updateTable('contact_lists')
      .set({ status: 'importing' })
      .where('tenant_id', '=', this.tenantId)
      .where('id', '=', listId)
      .where('status', '=', 'awaiting-upload')
      .executeTakeFirst()
    return Number(result.numUpdatedRows) === 1
  }

  async finishImport(listId: string, ok: boolean, counts: Record<string, number>): Promise<void> {
    await this.db
      .updateTable('contact_lists')
      .set({ status: ok ? 'ready' : 'failed', counts: JSON.stringify(counts) })
      .where('tenant_id', '=', this.tenantId)
      .where('id', '=', listId)
      .execute()
  }

  async appendIssues(listId: string, issues: readonly ImportIssueRow[]): Promise<void> {
    if (issues.length === 0) return
    let seq = this.issueSeq.get(listId)
    if (seq === undefined) {
      const max = await this.db
        .selectFrom('import_issues')
        .select((eb) => eb.fn.max('seq').as('m'))
        .where('tenant_id', '=', this.tenantId)
        .where('list_id', '=', listId)
        .executeTakeFirst()
      seq = Number(max?.m ?? 0)
    }
    const rows = issues.map((issue) => ({
      tenant_id: this.tenantId,
      list_id: listId,
      seq: ++seq!,
      row: issue.row,
      field: issue.field,
      reason: issue.reason,
    }))
    this.issueSeq.set(listId, seq)
    await this.db.insertInto('import_issues').values(rows).execute()
  }

  async issues(listId: string, page: PageRequest): Promise<Page<ImportIssueRow>> {
    const base = this.db
      .selectFrom('import_issues')
      .where('tenant_id', '=', this.tenantId)
      .where('list_id', '=', listId)
    const rows = await base
      .select(['row', 'field', 'reason'])
      .orderBy('seq')
      .limit(page.limit)
      .offset(page.offset)
      .execute()
    const total = await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
    return { items: rows, total: Number(total.n) }
  }

  async *allIssues(listId: string): AsyncIterable<ImportIssueRow> {
    let after = 0
    for (;;) {
      const rows = await this.db
        .selectFrom('import_issues')
        .select(['seq', 'row', 'field', 'reason'])
        .where('tenant_id', '=', this.tenantId)
        .where('list_id', '=', listId)
        .where('seq', '>', after)
        .orderBy('seq')
        .limit(ISSUES_READ_BATCH_ROWS)
        .execute()
      for (const { seq: _seq, ...issue } of rows) yield issue
      if (rows.length < ISSUES_READ_BATCH_ROWS) return
      after = rows[rows.length - 1]!.seq
    }
  }

  async expire(listId: string, nowMs: number): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('contact_lists')
        .set({ status: 'expired', expired_at: nowMs })
        .where('tenant_id', '=', this.tenantId)
        .where('id', '=', listId)
        .executeTakeFirst()
      if (Number(result.numUpdatedRows) === 0) return false
      await trx
        .updateTable('contacts')
        .set({ status: 'expired', updated_at: nowMs })
        .where('tenant_id', '=', this.tenantId)
        .where('list_id', '=', listId)
        .where('status', '=', 'pending')
        .execute()
      return true
    })
  }

  async closeContact(contactId: string, nowMs: number): Promise<boolean> {
    const result = await this.db
      .updateTable('contacts')
      .set({ status: 'closed', updated_at: nowMs })
      .where('tenant_id', '=', this.tenantId)
      .where('id', '=', contactId)
      .executeTakeFirst()
    return Number(result.numUpdatedRows) > 0
  }

  /** The DNC lists the campaign's contacts are scrubbed against (scrub-lists.ts). */
  scrubLists(campaignId: string): Promise<string[]> {
    return scrubListsOf(this.db, this.documents, campaignId)
  }

  /** The sink of one import into `list`, scrubbing against the DNC lists `dncListNames` names. */
  sinkFor(
    list: ContactListView,
    dncListNames: () => Promise<string[]>,
    nowMs: () => number,
  ): ImportSink {
    return new SqlContactSink(this.db, this.tenantId, list, this.dnc, dncListNames, nowMs)
  }
}
