// The engine's synchronous ContactList over the async ContactStore: a bounded buffer of leased,
// due contacts, refilled in the background below a low-water mark (the engine hears about new
// ones through `onArrived`, i.e. engine.contactsChanged); reschedules and finishes written through
// the ordered write queue. A contact is handed out once per lease; when the campaign stops, the
// contacts still in the buffer go back to the store.
import type {
  ContactDisposition,
  ContactList,
  ContactProgress,
  WrapUpFallback,
} from '../dialer/contact-list.ts'
import type { Clock, TimerId } from '../dialer/ports/clock.ts'
import { invariant } from '../domain/invariant.ts'
import { MinHeap } from '../domain/min-heap.ts'
import type { ContactStore, PendingContacts } from '../store/ports/dialer-store.ts'
import type { LeaseKeeper } from './lease-keeper.ts'
import type { RuntimeLog } from './log.ts'
import type { WriteQueue } from './write-queue.ts'

/** Contacts leased ahead per campaign: enough for a few seconds of a busy predictive campaign. */
export const CONTACT_BUFFER_MAX = 200
/** Below this many buffered contacts a refill starts. */
export const CONTACT_BUFFER_LOW_WATER = 50
/** When the store had nothing more, it is asked again after this long (new imports, retries). */
export const CONTACT_POLL_MS = 5_000

invariant(CONTACT_BUFFER_LOW_WATER < CONTACT_BUFFER_MAX, 'low water under the buffer size')

export interface ContactBufferLimits {
  bufferMax: number
  lowWater: number
  pollMs: number
}

export const CONTACT_BUFFER_LIMITS: ContactBufferLimits = {
  bufferMax: CONTACT_BUFFER_MAX,
  lowWater: CONTACT_BUFFER_LOW_WATER,
  pollMs: CONTACT_POLL_MS,
}

/** A contact list whose refilling the runtime turns on and off with the campaign. */
export interface ManagedContactList extends ContactList {
  /** The campaign may dial: start filling. */
  start(): void
  /** The campaign stopped for good: stop filling, hand back what was not taken. */
  stop(): void
  /** Ids of the contacts this list holds (buffered or taken), whose leases must be renewed. */
  heldIds(): string[]
}

interface Buffered {
  progress: ContactProgress
  leasedUntilMs: number
}

export interface DurableContactListDeps {
  campaignId: string
  clock: Clock
  store: ContactStore
  leases: LeaseKeeper
  writes: WriteQueue
  log: RuntimeLog
  /** New contacts arrived; called outside the engine (engine.contactsChanged). */
  onArrived: () => void
  limits?: ContactBufferLimits
}

export class DurableContactList implements ManagedContactList {
  private readonly due = new MinHeap<Buffered>()
  /** Buffered or taken by the engine: never accepted again from the store while held. */
  private readonly held = new Set<string>()
  private active = false
  private leasing = false
  private pollTimer: TimerId | null = null
  private inStore: PendingContacts = { count: 0, nextDueMs: null }
  private readonly limits: ContactBufferLimits

  constructor(private readonly deps: DurableContactListDeps) {
    this.limits = deps.limits ?? CONTACT_BUFFER_LIMITS
    invariant(this.limits.lowWater <= this.limits.bufferMax, 'low water above the buffer size')
  }

  start(): void {
    this.active = true
    this.refill()
  }

  stop(): void {
    this.active = false
    if (this.pollTimer !== null) this.deps.clock.cancelTimer(this.pollTimer)
    this.pollTimer = null
    while (this.due.size > 0) {
      const { progress } = this.due.pop()!
      this.held.delete(progress.contact.id)
      this.writeReschedule(progress.contact.id, progress.notBeforeMs)
    }
  }

  heldIds(): string[] {
    return [...this.held]
  }

  takeDue(nowMs: number): ContactProgress | null {
    for (;;) {
      const key = this.due.peekKey()
      if (key === undefined || key > nowMs) {
        this.refill()
        return null
      }
      const { progress, leasedUntilMs } = this.due.pop()!
      if (!this.deps.leases.holds(leasedUntilMs)) {
        // The lease may be gone (renewals failed): the store will hand the contact out again.
        this.held.delete(progress.contact.id)
        this.deps.log.warn('contact lease too close to its end, not dialled', {
          campaignId: this.deps.campaignId,
          contactId: progress.contact.id,
        })
        continue
      }
      this.refill()
      return progress
    }
  }

  reschedule(progress: ContactProgress, notBeforeMs: number, callbackAgentId?: string): void {
    const id = progress.contact.id
    invariant(this.held.delete(id), `rescheduling contact ${id} that this list does not hold`)
    this.writeReschedule(id, notBeforeMs, callbackAgentId)
  }

  finish(progress: ContactProgress, disposition: ContactDisposition): void {
    const id = progress.contact.id
    invariant(this.held.delete(id), `finishing contact ${id} that this list does not hold`)
    const { store, leases, clock, writes, log, campaignId } = this.deps
    writes.push({
      label: `finish contact ${id} (${disposition})`,
      run: async () => {
        if (!(await store.finish(id, disposition, leases.owner, clock.nowMs())))
          log.warn('contact finish refused: lease lost', { campaignId, contactId: id })
      },
    })
  }

  holdForWrapUp(progress: ContactProgress, fallback: WrapUpFallback): void {
    const id = progress.contact.id
    invariant(this.held.has(id), `holding contact ${id} that this list does not hold`)
    const { store, leases, clock, writes, log, campaignId } = this.deps
    writes.push({
      label: `hold contact ${id} for wrap-up (${fallback.kind})`,
      run: async () => {
        if (!(await store.holdForWrapUp(id, fallback, leases.owner, clock.nowMs())))
          log.warn('contact wrap-up fallback refused: lease lost', { campaignId, contactId: id })
      },
    })
  }

  pendingCount(): number {
    return this.due.size + this.inStore.count
  }

  nextDueMs(): number | undefined {
    return this.due.peekKey()
  }

  private writeReschedule(id: string, notBeforeMs: number, callbackAgentId?: string): void {
    const { store, leases, clock, writes, log, campaignId } = this.deps
    writes.push({
      label: `reschedule contact ${id}`,
      run: async () => {
        if (!(await store.reschedule(id, notBeforeMs, leases.owner, callbackAgentId))) {
          log.warn('contact reschedule refused: lease lost', { campaignId, contactId: id })
        } else if (notBeforeMs <= clock.nowMs()) {
          this.refill()
        }
      },
    })
  }

  private refill(): void {
    if (!this.active || this.leasing || this.due.size >= this.limits.lowWater) return
    this.leasing = true
    const limit = this.limits.bufferMax - this.due.size
    const { store, leases, clock, log, campaignId } = this.deps
    const lease = leases.next()
    let full = false
    store
      .lease(campaignId, clock.nowMs(), limit, lease)
      .then(async (leased) => {
        full = leased.length >= limit
        let added = 0
        for (const item of leased) {
          const id = item.contact.id
          if (this.held.has(id)) {
            log.error('the store leased a contact this list already holds', { campaignId, id })
            continue
          }
          if (!this.active) {
            this.writeReschedule(id, item.notBeforeMs)
            continue
          }
          this.held.add(id)
          const progress = { ...item, attempts: [...item.attempts] }
          this.due.push(item.notBeforeMs, { progress, leasedUntilMs: lease.untilMs })
          added += 1
        }
        this.inStore = await store.pending(campaignId, clock.nowMs())
        if (added > 0) this.deps.onArrived()
      })
      .catch((error: unknown) => {
        full = false
        log.error('leasing contacts failed', { campaignId, error })
      })
      .finally(() => {
        this.leasing = false
        if (full) this.refill()
        else this.schedulePoll()
      })
  }

  private schedulePoll(): void {
    if (!this.active || this.pollTimer !== null) return
    const { clock } = this.deps
    this.pollTimer = clock.setTimerAt(clock.nowMs() + this.limits.pollMs, () => {
      this.pollTimer = null
      this.refill()
    })
  }
}
