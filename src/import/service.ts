// The contact-import service (R5.3, R5.4): one file into one contact list, the same way for every
// caller — the upload route, the demo contacts of the first start and the import benchmark. It
// marks the list importing (a list takes one upload, another only after a failed one), runs the
// pipeline (import-contacts.ts) into the store's sink scrubbing against the campaign's DNC lists,
// records every issue with the list as it arises, and finishes the list with its counts, ready or
// failed. It answers with the summary and the first issues; what to make of them is the caller's
// (the route's HTTP answer).
// The import is held under a claim of this process, renewed as batches are written, so that a
// start-up can tell an import whose process died and fail it (issue 16, server/import-recovery.ts).
import type {
  ContactLists,
  ContactListView,
  ImportClaim,
  ImportIssueRow,
} from '../store/ports/contact-lists.ts'
import type { ImportSink } from '../store/ports/contact-sink.ts'
import {
  type ImportCounts,
  type ImportResult,
  ImportSinkError,
  importContacts,
} from './import-contacts.ts'
import { importMappingSchema } from './mapping.ts'
import type { ImportFormat, ImportInput } from './records.ts'

/** Issues written to the store at a time while importing. */
export const IMPORT_ISSUE_WRITE_ROWS = 500
/** How long an import's claim lasts without renewal (a stalled upload loses it after this). */
export const IMPORT_LEASE_MS = 10 * 60_000
/** The claim is renewed at the first batch written this long after the last renewal. */
export const IMPORT_LEASE_RENEW_MS = 30_000

/** Who runs imports: this process's lease owner and its clock. */
export interface ImportOwnership {
  owner: string
  nowMs: () => number
}

/** What the service needs from the store, bound to one tenant. */
export interface ContactImportStore {
  lists: Pick<ContactLists, 'beginImport' | 'renewImport' | 'appendIssues' | 'finishImport'>
  /**
   * The sink of one import into `list` by `owner`; its DNC lookups go to the lists `scrubLists`
   * names, and it commits only while `owner` holds the list.
   */
  sinkFor(list: ContactListView, scrubLists: () => Promise<string[]>, owner: string): ImportSink
  /** The DNC lists a campaign's contacts are scrubbed against (R5.4). */
  scrubLists(campaignId: string): Promise<string[]>
}

export interface ListImportRequest {
  tenantId: string
  /** A list awaiting its upload; its mapping was validated by importMappingSchema. */
  list: ContactListView
  input: ImportInput
  format: ImportFormat
  /** How many of the first issues the summary returns (every issue is recorded with the list). */
  issuesReturnedMax: number
  /** Cancels the import: it is aborted and nothing is written. */
  signal?: AbortSignal
}

export interface ListImportSummary {
  committed: boolean
  /** Why nothing was imported, when not committed. */
  error?: string
  counts: ImportCounts
  /** The first `issuesReturnedMax` issues, in the order they arose. */
  issues: ImportIssueRow[]
  issuesTotal: number
  unmappedColumns: string[]
  durationMs: number
}

export type ListImportOutcome =
  /** The list was not awaiting an upload: nothing was read. */
  { kind: 'notAwaitingUpload' } | ({ kind: 'finished' } & ListImportSummary)

/** The contact import as its callers see it (the API's routes take this interface). */
export interface ContactImport {
  /**
   * Imports one file into a list. A file that cannot be read finishes the list as failed with
   * `committed: false`; a store failure finishes it as failed and rejects (ImportSinkError).
   */
  importList(request: ListImportRequest): Promise<ListImportOutcome>
}

/** Issues as they arise: the first ones kept for the summary, all written in batches. */
class IssueRecorder {
  readonly returned: ImportIssueRow[] = []
  total = 0
  private pending: ImportIssueRow[] = []

  constructor(
    private readonly write: (issues: readonly ImportIssueRow[]) => Promise<void>,
    private readonly returnedMax: number,
  ) {}

  readonly record = async (issue: ImportIssueRow): Promise<void> => {
    this.total += 1
    if (this.returned.length < this.returnedMax) this.returned.push(issue)
    this.pending.push(issue)
    if (this.pending.length >= IMPORT_ISSUE_WRITE_ROWS) await this.flush()
  }

  async flush(): Promise<void> {
    if (this.pending.length === 0) return
    const batch = this.pending
    this.pending = []
    await this.write(batch)
  }
}

/** The sink with the import's claim renewed as batches are written; lost claim, failed import. */
function claimedSink(
  sink: ImportSink,
  renew: () => Promise<boolean>,
  ownership: ImportOwnership,
): ImportSink {
  let renewedAtMs = ownership.nowMs()
  return {
    dncLookup: (numbers) => sink.dncLookup(numbers),
    async writeBatch(batch) {
      if (ownership.nowMs() - renewedAtMs >= IMPORT_LEASE_RENEW_MS) {
        renewedAtMs = ownership.nowMs()
        if (!(await renew()))
          throw new ImportSinkError(
            'the import was taken over (failed as interrupted after its claim ran out)',
          )
      }
      return sink.writeBatch(batch)
    },
    commit: () => sink.commit(),
    abort: () => sink.abort(),
  }
}

export class ContactImportService implements ContactImport {
  /** `storeFor` binds the store to the tenant of each import. */
  constructor(
    private readonly storeFor: (tenantId: string) => ContactImportStore,
    private readonly ownership: ImportOwnership,
  ) {}

  private claim(): ImportClaim {
    return { owner: this.ownership.owner, untilMs: this.ownership.nowMs() + IMPORT_LEASE_MS }
  }

  async importList(request: ListImportRequest): Promise<ListImportOutcome> {
    const { list } = request
    const { owner } = this.ownership
    const store = this.storeFor(request.tenantId)
    const { lists } = store
    if (!(await lists.beginImport(list.id, this.claim()))) return { kind: 'notAwaitingUpload' }
    const issues = new IssueRecorder(
      (batch) => lists.appendIssues(list.id, batch),
      request.issuesReturnedMax,
    )
    let result: ImportResult
    try {
      const sink = claimedSink(
        store.sinkFor(list, () => store.scrubLists(list.campaignId), owner),
        () => lists.renewImport(list.id, this.claim()),
        this.ownership,
      )
      result = await importContacts(
        request.input,
        request.format,
        importMappingSchema.parse(list.mapping),
        sink,
        {
          campaignId: list.campaignId,
          onIssue: issues.record,
          ...(request.signal ? { signal: request.signal } : {}),
        },
      )
      await issues.flush()
    } catch (error) {
      await lists.finishImport(
        list.id,
        owner,
        false,
        {},
        'the import stopped on a storage error; nothing was imported — upload the file again',
      )
      throw error
    }
    await lists.finishImport(list.id, owner, result.committed, { ...result.counts }, result.error)
    return {
      kind: 'finished',
      committed: result.committed,
      ...(result.error === undefined ? {} : { error: result.error }),
      counts: result.counts,
      issues: issues.returned,
      issuesTotal: issues.total,
      unmappedColumns: result.unmappedColumns,
      durationMs: result.durationMs,
    }
  }
}
