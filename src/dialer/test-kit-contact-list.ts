// An in-memory contact list for the engine's tests: contacts due at a time in a heap, taken,
// rescheduled and finished with a disposition, as the durable store's list behaves (test support).
import type { Contact } from '../domain/contact.ts'
import { invariant } from '../domain/invariant.ts'
import { MinHeap } from '../domain/min-heap.ts'
import type {
  ContactDisposition,
  ContactList,
  ContactProgress,
  WrapUpFallback,
} from './contact-list.ts'

export class InMemoryContactList implements ContactList {
  private readonly due = new MinHeap<ContactProgress>()
  private readonly taken = new Set<string>()
  /** Finished contacts with their disposition (empty when the list forgets them). */
  readonly finished = new Map<
    string,
    { progress: ContactProgress; disposition: ContactDisposition }
  >()

  /** `keepFinished: false` forgets a finished contact at once (a generated list's endless day). */
  constructor(private readonly options: { keepFinished: boolean } = { keepFinished: true }) {}

  add(contact: Contact, notBeforeMs = 0): void {
    invariant(contact.numbers.length > 0, 'a contact needs at least one number')
    this.due.push(notBeforeMs, { contact, attempts: [], notBeforeMs })
  }

  takeDue(nowMs: number): ContactProgress | null {
    const key = this.due.peekKey()
    if (key === undefined || key > nowMs) return null
    const progress = this.due.pop()!
    this.take(progress.contact.id)
    return progress
  }

  /** One set operation per take: a contact taken already leaves the size unchanged. */
  private take(contactId: string): void {
    const before = this.taken.size
    this.taken.add(contactId)
    invariant(this.taken.size > before, 'contact taken twice')
  }

  /** The callback's agent lives in the engine's memory, as every contact of this list does. */
  reschedule(progress: ContactProgress, notBeforeMs: number, _callbackAgentId?: string): void {
    invariant(this.taken.delete(progress.contact.id), 'rescheduling a contact that was not taken')
    progress.notBeforeMs = notBeforeMs
    this.due.push(notBeforeMs, progress)
  }

  finish(progress: ContactProgress, disposition: ContactDisposition): void {
    invariant(this.taken.delete(progress.contact.id), 'finishing a contact that was not taken')
    if (this.options.keepFinished) this.finished.set(progress.contact.id, { progress, disposition })
  }

  holdForWrapUp(progress: ContactProgress, _fallback: WrapUpFallback): void {
    // Nothing outlives this process's memory: the contact simply stays taken.
    invariant(this.taken.has(progress.contact.id), 'holding a contact that was not taken')
  }

  pendingCount(): number {
    return this.due.size
  }

  nextDueMs(): number | undefined {
    return this.due.peekKey()
  }
}
