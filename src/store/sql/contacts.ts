// Contact lists (R5.3, R10.3) in SQL, bound to one tenant: their status through one upload, the
// per-row import report, expiry, closing a contact. The rows themselves go through SqlContactSink.
import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import { invariant } from '../../domain/invariant.ts'
import type {
  ContactLists,
  ContactListView,
  ImportClaim,
  ImportIssueRow,
  InterruptedImport,
} from '../ports/contact-lists.ts'
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
  failure: row.failure,
})

/** Interrupted imports failed per recovery run (a bound; the next run takes the rest). */
export const INTERRUPTED_IMPORTS_PER_RUN_MAX = 100

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
      import_owner: null,
      import_lease_until: null,
      failure: null,
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

  async beginImport(listId: string, claim: ImportClaim): Promise<boolean> {
    this.issueSeq.delete(listId)
    return this.db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('contact_lists')
        .set({
          status: 'importing',
          import_owner: claim.owner,
          import_lease_until: claim.untilMs,
          failure: null,
          counts: '{}',
        })
        .where('tenant_id', '=', this.tenantId)
        .where('id', '=', listId)
        .where('status', 'in', ['awaiting-upload', 'failed'])
        .executeTakeFirst()
      if (Number(result.numUpdatedRows) !== 1) return false
      // A failed earlier upload leaves its report (and, if interrupted, nothing staged): the new
      // upload's report starts empty.
      await trx
        .deleteFrom('import_issues')
        .where('tenant_id', '=', this.tenantId)
        .where('list_id', '=', listId)
        .execute()
      await trx
        .deleteFrom('contact_staging')
        .where('tenant_id', '=', this.tenantId)
        .where('list_id', '=', listId)
        .execute()
      return true
    })
  }

  async renewImport(listId: string, claim: ImportClaim): Promise<boolean> {
    const result = await this.db
      .updateTable('contact_lists')
      .set({ import_lease_until: claim.untilMs })
      .where('tenant_id', '=', this.tenantId)
      .where('id', '=', listId)
      .where('status', '=', 'importing')
      .where('import_owner', '=', claim.owner)
      .executeTakeFirst()
    return Number(result.numUpdatedRows) === 1
  }

  async finishImport(
    listId: string,
    owner: string,
    ok: boolean,
    counts: Record<string, number>,
    failure?: string,
  ): Promise<void> {
    await this.db
      .updateTable('contact_lists')
      .set({
        status: ok ? 'ready' : 'failed',
        counts: JSON.stringify(counts),
        import_owner: null,
        import_lease_until: null,
        failure: ok ? null : (failure ?? null),
      })
      .where('tenant_id', '=', this.tenantId)
      .where('id', '=', listId)
      .where('status', '=', 'importing')
      .where('import_owner', '=', owner)
      .execute()
  }

  async importOwners(): Promise<string[]> {
    const rows = await this.db
      .selectFrom('contact_lists')
      .select('import_owner')
      .distinct()
      .where('tenant_id', '=', this.tenantId)
      .where('status', '=', 'importing')
      .where('import_owner', 'is not', null)
      .execute()
    return rows.map((row) => row.import_owner!)
  }

  async failInterruptedImports(
    nowMs: number,
    deadOwners: readonly string[],
  ): Promise<InterruptedImport[]> {
    const candidates = await this.db
      .selectFrom('contact_lists')
      .select(['id', 'import_owner', 'import_lease_until'])
      .where('tenant_id', '=', this.tenantId)
      .where('status', '=', 'importing')
      .where((eb) => {
        const interrupted = [
          eb('import_owner', 'is', null),
          eb('import_lease_until', 'is', null),
          eb('import_lease_until', '<', nowMs),
        ]
        if (deadOwners.length > 0) interrupted.push(eb('import_owner', 'in', [...deadOwners]))
        return eb.or(interrupted)
      })
      .limit(INTERRUPTED_IMPORTS_PER_RUN_MAX)
      .execute()
    const failed: InterruptedImport[] = []
    for (const list of candidates) {
      const owner = list.import_owner
      const failure =
        owner !== null && deadOwners.includes(owner)
          ? `interrupted: the process ${owner} that ran the import ended before the file was read to its end; nothing was imported — upload the file again`
          : `interrupted: the import's process (${owner ?? 'unknown'}) stopped renewing it; nothing was imported — upload the file again`
      const staged = await this.db.transaction().execute(async (trx) => {
        let held = trx
          .updateTable('contact_lists')
          .set({ status: 'failed', failure, import_owner: null, import_lease_until: null })
          .where('tenant_id', '=', this.tenantId)
          .where('id', '=', list.id)
          .where('status', '=', 'importing')
        held =
          owner === null
            ? held.where('import_owner', 'is', null)
            : held.where('import_owner', '=', owner)
        const taken = await held.executeTakeFirst()
        if (Number(taken.numUpdatedRows) !== 1) return null
        const dropped = await trx
          .deleteFrom('contact_staging')
          .where('tenant_id', '=', this.tenantId)
          .where('list_id', '=', list.id)
          .executeTakeFirst()
        return Number(dropped.numDeletedRows)
      })
      if (staged !== null) failed.push({ listId: list.id, owner, stagedRows: staged, failure })
    }
    return failed
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

  /**
   * The sink of one import into `list` by `owner`, scrubbing against the DNC lists `dncListNames`
   * names; it commits only while `owner` still holds the list.
   */
  sinkFor(
    list: ContactListView,
    dncListNames: () => Promise<string[]>,
    nowMs: () => number,
    owner: string,
  ): ImportSink {
    return new SqlContactSink(this.db, this.tenantId, list, this.dnc, dncListNames, nowMs, owner)
  }
}
