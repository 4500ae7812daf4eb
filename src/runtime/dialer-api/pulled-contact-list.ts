// The engine's ContactList for a Dialer-API campaign (R10.2): records are PULLED from the campaign
// manager in batches of at most `recordCount` while fewer than a low-water mark are ready; an empty
// answer backs off; `done: true` ends the pulling. Records the compliance gate or a preview skip
// put off stay here until due. Every record the dialer is done with is reported once
// (`onRecordDone`); the list is exhausted when the manager said done and nothing is held.
import type {
  ContactDisposition,
  ContactProgress,
  WrapUpFallback,
} from '../../dialer/contact-list.ts'
import type { Clock, TimerId } from '../../dialer/ports/clock.ts'
import type { Contact } from '../../domain/contact.ts'
import { invariant } from '../../domain/invariant.ts'
import { MinHeap } from '../../domain/min-heap.ts'
import type { ManagedContactList } from '../durable-contact-list.ts'
import type { RuntimeLog } from '../log.ts'
import type { FetchRecordsOutcome } from './campaign-manager-client.ts'

/** Records held at most per campaign (ready, put off, and taken by the engine). */
export const PULLED_RECORDS_MAX = 2_000
/** Below this many ready records the next batch is fetched. */
export const PULL_LOW_WATER = 20
export const PULL_BACKOFF_FIRST_MS = 2_000
export const PULL_BACKOFF_MAX_MS = 60_000

export type RecordDisposition = ContactDisposition | 'returned' | 'recovered'

export interface PulledContactListDeps {
  campaignId: string
  clock: Clock
  log: RuntimeLog
  /** The batch size the campaign started with (≤ 400). */
  recordCount: number
  fetchBatch(count: number): Promise<FetchRecordsOutcome>
  /** New records are ready; called outside the engine (engine.contactsChanged). */
  onArrived(): void
  /** The dialer is done with a record (after its attempt, or without dialling it). */
  onRecordDone(contact: Contact, disposition: RecordDisposition): void
  /** The manager said done and no record is held any more. */
  onExhausted(): void
}

export class PulledContactList implements ManagedContactList {
  private readonly ready: ContactProgress[] = []
  private readonly later = new MinHeap<ContactProgress>()
  private readonly taken = new Set<string>()
  /** Every record held (ready, later or taken): the same id is not accepted twice meanwhile. */
  private readonly ids = new Set<string>()
  private active = false
  private fetching = false
  private done = false
  private backoffMs = PULL_BACKOFF_FIRST_MS
  private timer: TimerId | null = null
  /** Records received over the campaign's run, and refused ones (for figures). */
  received = 0
  rejected = 0

  constructor(private readonly deps: PulledContactListDeps) {
    invariant(deps.recordCount >= 1, 'recordCount must be at least 1')
  }

  get held(): number {
    return this.ids.size
  }

  get managerDone(): boolean {
    return this.done
  }

  exhausted(): boolean {
    return this.done && this.held === 0
  }

  start(): void {
    this.active = true
    this.pull()
  }

  stop(): void {
    this.active = false
    if (this.timer !== null) this.deps.clock.cancelTimer(this.timer)
    this.timer = null
    const unused = [...this.ready, ...drain(this.later)]
    this.ready.length = 0
    for (const progress of unused) {
      this.ids.delete(progress.contact.id)
      this.deps.onRecordDone(progress.contact, 'returned')
    }
  }

  heldIds(): string[] {
    return []
  }

  takeDue(nowMs: number): ContactProgress | null {
    while ((this.later.peekKey() ?? Number.POSITIVE_INFINITY) <= nowMs) {
      this.ready.push(this.later.pop()!)
    }
    const progress = this.ready.shift() ?? null
    if (progress) this.taken.add(progress.contact.id)
    this.pull()
    return progress
  }

  /** A callback's agent lives in the engine's memory: the manager's records are not stored. */
  reschedule(progress: ContactProgress, notBeforeMs: number, _callbackAgentId?: string): void {
    invariant(this.taken.delete(progress.contact.id), 'rescheduling a record not taken')
    progress.notBeforeMs = notBeforeMs
    this.later.push(notBeforeMs, progress)
  }

  finish(progress: ContactProgress, disposition: ContactDisposition): void {
    invariant(this.taken.delete(progress.contact.id), 'finishing a record not taken')
    this.ids.delete(progress.contact.id)
    this.deps.onRecordDone(progress.contact, disposition)
    if (this.exhausted()) this.deps.onExhausted()
  }

  holdForWrapUp(progress: ContactProgress, _fallback: WrapUpFallback): void {
    // The campaign manager keeps the record; nothing is stored here: it simply stays taken.
    invariant(this.taken.has(progress.contact.id), 'holding a record not taken')
  }

  pendingCount(): number {
    return this.ready.length + this.later.size
  }

  nextDueMs(): number | undefined {
    return this.ready[0]?.notBeforeMs ?? this.later.peekKey()
  }

  private pull(): void {
    if (!this.active || this.done || this.fetching || this.timer !== null) return
    if (this.ready.length >= PULL_LOW_WATER) return
    const count = Math.min(this.deps.recordCount, PULLED_RECORDS_MAX - this.held)
    if (count <= 0) return
    this.fetching = true
    void this.deps
      .fetchBatch(count)
      .then((outcome) => this.receive(outcome))
      .finally(() => {
        this.fetching = false
        this.pull()
      })
  }

  private receive(outcome: FetchRecordsOutcome): void {
    const { campaignId, log, clock } = this.deps
    if (outcome.kind === 'error') {
      log.warn('dialing list fetch failed', { campaignId, error: outcome.message })
      return this.backOff()
    }
    for (const bad of outcome.rejected) {
      log.warn('dialing list record refused', { campaignId, ...bad })
    }
    this.rejected += outcome.rejected.length
    let added = 0
    const nowMs = clock.nowMs()
    for (const contact of outcome.records) {
      if (!this.active) {
        // Fetched while the campaign stopped: handed back at once.
        this.deps.onRecordDone(contact, 'returned')
        continue
      }
      if (this.ids.has(contact.id)) {
        log.warn('record already held, skipped', { campaignId, recordId: contact.id })
        this.rejected += 1
        continue
      }
      this.ready.push({ contact, attempts: [], notBeforeMs: nowMs })
      this.ids.add(contact.id)
      added += 1
    }
    this.received += added
    if (outcome.done) this.done = true
    if (added > 0) {
      this.backoffMs = PULL_BACKOFF_FIRST_MS
      this.deps.onArrived()
    } else if (!this.done) {
      this.backOff()
    }
    if (this.exhausted()) this.deps.onExhausted()
  }

  private backOff(): void {
    if (!this.active) return
    const { clock } = this.deps
    const delayMs = this.backoffMs
    this.backoffMs = Math.min(this.backoffMs * 2, PULL_BACKOFF_MAX_MS)
    this.timer = clock.setTimerAt(clock.nowMs() + delayMs, () => {
      this.timer = null
      this.pull()
    })
  }
}

function drain(heap: MinHeap<ContactProgress>): ContactProgress[] {
  const out: ContactProgress[] = []
  while (heap.size > 0) out.push(heap.pop()!)
  return out
}
