// The contact store and attempt log in memory, for the runtime's tests. It keeps the same contracts
// as the SQL adapter (test/support/store-contract.ts runs against both): leases, one open attempt per
// contact, idempotent closes, recovery of expired attempts as UNKNOWN, the wrap-up fallback.
import type { ContactDisposition, WrapUpFallback } from '../../../src/dialer/contact-list.ts'
import type { Contact } from '../../../src/domain/contact.ts'
import { invariant } from '../../../src/domain/invariant.ts'
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
} from '../../../src/store/ports/dialer-store.ts'

/** Contacts one memory store holds (a test store, not for real lists). */
const MEMORY_CONTACTS_MAX = 1_000_000

export interface StoredContact {
  contact: Contact
  notBeforeMs: number
  lease: Lease | null
  finished: { disposition: ContactDisposition; atMs: number } | null
  /** R5.2: the agent whose own callback the contact is, until rescheduled or finished. */
  callbackAgentId: string | null
}

export interface StoredAttempt {
  open: AttemptOpen
  /** Null once closed. */
  lease: Lease | null
  close: AttemptClose | null
  /** Calls to close() for this attempt, accepted or not (tests check "closed exactly once"). */
  closeCalls: number
}

type FaultyMethod = 'lease' | 'reschedule' | 'finish' | 'renewLeases' | 'open' | 'close'

function live(lease: Lease | null, nowMs: number): boolean {
  return lease !== null && lease.untilMs >= nowMs
}

function renewHeld(
  holders: ({ lease: Lease | null } | undefined)[],
  lease: Lease,
  nowMs: number,
): number {
  let renewed = 0
  for (const holder of holders) {
    if (!holder || holder.lease?.owner !== lease.owner || !live(holder.lease, nowMs)) continue
    holder.lease = { ...lease }
    renewed += 1
  }
  return renewed
}

/** ContactStore and AttemptLog over one set of maps, as one database would hold them. */
export class MemoryDialerStore implements ContactStore, AttemptLog {
  readonly contacts = new Map<string, StoredContact>()
  readonly attempts = new Map<string, StoredAttempt>()
  private readonly faults = new Map<FaultyMethod, number>()

  /** Adds contacts to a campaign's pending list (the import pipeline's job in the SQL store). */
  addContacts(contacts: readonly Contact[], notBeforeMs = 0): void {
    invariant(
      this.contacts.size + contacts.length <= MEMORY_CONTACTS_MAX,
      'memory store full (MEMORY_CONTACTS_MAX)',
    )
    for (const contact of contacts) {
      invariant(!this.contacts.has(contact.id), `contact ${contact.id} added twice`)
      const stored = { contact, notBeforeMs, lease: null, finished: null, callbackAgentId: null }
      this.contacts.set(contact.id, stored)
    }
  }

  /** The next `count` calls of `method` reject (tests of the runtime's failure paths). */
  failNext(method: FaultyMethod, count = 1): void {
    this.faults.set(method, (this.faults.get(method) ?? 0) + count)
  }

  private maybeFail(method: FaultyMethod): void {
    const left = this.faults.get(method) ?? 0
    if (left <= 0) return
    this.faults.set(method, left - 1)
    throw new Error(`injected ${method} failure`)
  }

  openAttemptOf(contactId: string): StoredAttempt | undefined {
    for (const attempt of this.attempts.values()) {
      if (attempt.close === null && attempt.open.contactId === contactId) return attempt
    }
    return undefined
  }

  private summariesOf(contactId: string) {
    return [...this.attempts.values()]
      .filter((a) => a.close !== null && a.open.contactId === contactId)
      .sort((a, b) => a.open.atMs - b.open.atMs)
      .map((a) => ({ atMs: a.open.atMs, outcome: a.close!.outcome, number: a.open.number }))
  }

  private leased(stored: StoredContact): LeasedContact {
    return {
      contact: stored.contact,
      attempts: this.summariesOf(stored.contact.id),
      notBeforeMs: stored.notBeforeMs,
      ...(stored.callbackAgentId !== null ? { callbackAgentId: stored.callbackAgentId } : {}),
    }
  }

  async lease(
    campaignId: string,
    nowMs: number,
    limit: number,
    lease: Lease,
  ): Promise<LeasedContact[]> {
    this.maybeFail('lease')
    invariant(limit >= 0, 'negative lease limit')
    const open = new Set(
      [...this.attempts.values()].filter((a) => a.close === null).map((a) => a.open.contactId),
    )
    const due = [...this.contacts.values()]
      .filter((c) => c.contact.campaignId === campaignId && c.finished === null)
      .filter((c) => c.notBeforeMs <= nowMs && !live(c.lease, nowMs) && !open.has(c.contact.id))
      .sort((a, b) => a.notBeforeMs - b.notBeforeMs || (a.contact.id < b.contact.id ? -1 : 1))
      .slice(0, limit)
    for (const stored of due) stored.lease = { ...lease }
    return due.map((stored) => this.leased(stored))
  }

  /** Leased by `owner`: pending, or finished by a wrap-up fallback (a finish drops the lease). */
  private held(contactId: string, owner: string): StoredContact | null {
    const stored = this.contacts.get(contactId)
    if (!stored || stored.lease?.owner !== owner) return null
    return stored
  }

  async reschedule(
    contactId: string,
    notBeforeMs: number,
    owner: string,
    callbackAgentId?: string,
  ): Promise<boolean> {
    this.maybeFail('reschedule')
    const stored = this.held(contactId, owner)
    if (!stored) return false
    stored.notBeforeMs = notBeforeMs
    stored.finished = null
    stored.callbackAgentId = callbackAgentId ?? null
    stored.lease = null
    return true
  }

  async holdForWrapUp(
    contactId: string,
    fallback: WrapUpFallback,
    owner: string,
    nowMs: number,
  ): Promise<boolean> {
    this.maybeFail('reschedule')
    const stored = this.held(contactId, owner)
    if (!stored) return false
    stored.callbackAgentId = null
    if (fallback.kind === 'due') {
      stored.notBeforeMs = fallback.notBeforeMs
      stored.finished = null
    } else stored.finished = { disposition: fallback.disposition, atMs: nowMs }
    return true
  }

  async finish(
    contactId: string,
    disposition: ContactDisposition,
    owner: string,
    nowMs: number,
  ): Promise<boolean> {
    this.maybeFail('finish')
    const stored = this.held(contactId, owner)
    if (!stored) return false
    stored.finished = { disposition, atMs: nowMs }
    stored.callbackAgentId = null
    stored.lease = null
    return true
  }

  async renewContactLeases(lease: Lease, nowMs: number, ids: readonly string[]): Promise<number> {
    this.maybeFail('renewLeases')
    return renewHeld(
      ids.map((id) => this.contacts.get(id)),
      lease,
      nowMs,
    )
  }

  async renewAttemptLeases(lease: Lease, nowMs: number, ids: readonly string[]): Promise<number> {
    this.maybeFail('renewLeases')
    return renewHeld(
      ids.map((id) => this.attempts.get(id)),
      lease,
      nowMs,
    )
  }

  async pending(campaignId: string, nowMs: number): Promise<PendingContacts> {
    let count = 0
    let nextDueMs: number | null = null
    for (const stored of this.contacts.values()) {
      if (stored.contact.campaignId !== campaignId || stored.finished !== null) continue
      if (live(stored.lease, nowMs)) continue
      count += 1
      if (nextDueMs === null || stored.notBeforeMs < nextDueMs) nextDueMs = stored.notBeforeMs
    }
    return { count, nextDueMs }
  }

  async open(attempt: AttemptOpen): Promise<AttemptOpenResult> {
    this.maybeFail('open')
    if (this.attempts.has(attempt.attemptId)) return { kind: 'refused', reason: 'duplicateId' }
    if (attempt.storedContact) {
      const stored = this.contacts.get(attempt.contactId)
      if (!stored || stored.finished !== null) return { kind: 'refused', reason: 'contactFinished' }
      if (stored.lease?.owner !== attempt.lease.owner || !live(stored.lease, attempt.atMs)) {
        return { kind: 'refused', reason: 'leaseLost' }
      }
      if (this.openAttemptOf(attempt.contactId)) return { kind: 'refused', reason: 'attemptOpen' }
    }
    this.attempts.set(attempt.attemptId, {
      open: { ...attempt },
      lease: { ...attempt.lease },
      close: null,
      closeCalls: 0,
    })
    return { kind: 'opened' }
  }

  async close(close: AttemptClose): Promise<boolean> {
    this.maybeFail('close')
    const attempt = this.attempts.get(close.attemptId)
    if (attempt) attempt.closeCalls += 1
    if (!attempt || attempt.close !== null) return false
    attempt.close = { ...close }
    attempt.lease = null
    return true
  }

  async assignAgent(attemptId: string, agentId: string): Promise<boolean> {
    const attempt = this.attempts.get(attemptId)
    if (!attempt || attempt.close !== null) return false
    attempt.open = { ...attempt.open, agentId }
    return true
  }

  /** Dispositions by attempt id, as written (R5.2). */
  readonly dispositions = new Map<string, AttemptDisposition>()

  async recordDisposition(disposition: AttemptDisposition): Promise<boolean> {
    if (this.dispositions.has(disposition.attemptId)) return false
    this.dispositions.set(disposition.attemptId, { ...disposition })
    return true
  }

  async complianceHistory(query: ComplianceHistoryQuery): Promise<ComplianceHistory> {
    const buckets = new Map<string, ComplianceHistory['buckets'][number]>()
    const abandonedNumbers: ComplianceHistory['abandonedNumbers'] = []
    for (const { open, close } of this.attempts.values()) {
      if (close === null) continue
      const { outcome, atMs } = close
      if (
        (outcome === 'ABANDONED' || outcome === 'SYSTEM_ABANDONED') &&
        atMs >= query.abandonedSinceMs
      )
        abandonedNumbers.push({ number: open.number, atMs })
      if (atMs < query.sinceMs || (outcome !== 'LIVE_VOICE' && outcome !== 'ABANDONED')) continue
      const startMs = Math.floor(atMs / query.bucketMs) * query.bucketMs
      const key = `${open.campaignId}\u0000${startMs}`
      const bucket = buckets.get(key) ?? {
        campaignId: open.campaignId,
        startMs,
        connected: 0,
        abandoned: 0,
      }
      if (outcome === 'LIVE_VOICE') bucket.connected += 1
      else bucket.abandoned += 1
      buckets.set(key, bucket)
    }
    abandonedNumbers.sort((a, b) => a.atMs - b.atMs)
    return { buckets: [...buckets.values()], abandonedNumbers }
  }

  async leaseOwners(nowMs: number): Promise<string[]> {
    const owners = new Set<string>()
    for (const attempt of this.attempts.values())
      if (attempt.close === null && attempt.lease !== null) owners.add(attempt.lease.owner)
    for (const stored of this.contacts.values())
      if (stored.finished === null && stored.lease !== null && live(stored.lease, nowMs))
        owners.add(stored.lease.owner)
    return [...owners].sort()
  }

  async releaseLeasesOf(owners: readonly string[]): Promise<number> {
    let released = 0
    for (const stored of this.contacts.values()) {
      if (stored.finished !== null || stored.lease === null) continue
      if (!owners.includes(stored.lease.owner)) continue
      stored.lease = null
      released += 1
    }
    return released
  }

  async recover(
    nowMs: number,
    lease: Lease,
    limit: number,
    deadOwners: readonly string[] = [],
  ): Promise<RecoveredAttempt[]> {
    const dead = (held: Lease | null) => held !== null && deadOwners.includes(held.owner)
    const expired = [...this.attempts.values()]
      .filter(
        (a) => a.close === null && a.lease !== null && (a.lease.untilMs < nowMs || dead(a.lease)),
      )
      .sort((a, b) => a.open.atMs - b.open.atMs)
      .slice(0, limit)
    return expired.map((attempt) => {
      const { open } = attempt
      attempt.close = {
        attemptId: open.attemptId,
        outcome: 'UNKNOWN',
        atMs: nowMs,
        agentId: open.agentId,
        details: { dialedAtMs: open.atMs, note: 'recovered after the dialer process died' },
      }
      attempt.lease = null
      let contact: LeasedContact | null = null
      const stored = open.storedContact ? this.contacts.get(open.contactId) : undefined
      if (
        stored &&
        stored.finished === null &&
        (!live(stored.lease, nowMs) || dead(stored.lease))
      ) {
        stored.lease = { ...lease }
        contact = this.leased(stored)
      }
      return {
        attemptId: open.attemptId,
        campaignId: open.campaignId,
        contactId: open.contactId,
        number: open.number,
        callerId: open.callerId,
        agentId: open.agentId,
        openedAtMs: open.atMs,
        contact,
      }
    })
  }
}
