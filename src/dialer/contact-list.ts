// Contact lists as the engine's hopper reads them: contacts due at a time, rescheduled by the retry
// and compliance rules, finished with a disposition. The generated list serves the simulator, the
// in-memory one (test-kit-contact-list.ts) the tests; the durable store implements the same
// interface.
import type { Contact } from '../domain/contact.ts'
import { invariant } from '../domain/invariant.ts'
import { MinHeap } from '../domain/min-heap.ts'
import { ATTEMPT_OUTCOMES, type AttemptOutcome } from '../domain/outcomes.ts'

export interface AttemptSummary {
  atMs: number
  outcome: AttemptOutcome
  number: string
}

export type ContactDisposition =
  | 'success'
  | 'notRetryable'
  | 'maxAttempts'
  | 'dncBlocked'
  | 'removed'
  /** The agent ended the call's wrap-up with a final business outcome code (R5.2). */
  | 'finalCode'
  | 'noDialableNumber'
  | 'other'

/**
 * What a contact becomes if its wrap-up never ends in this process (a crash): the retry rules'
 * decision taken when the call ended, due at a time or finished.
 */
export type WrapUpFallback =
  | { kind: 'due'; notBeforeMs: number }
  | { kind: 'finished'; disposition: ContactDisposition }

export interface ContactProgress {
  contact: Contact
  attempts: AttemptSummary[]
  notBeforeMs: number
  /**
   * The agent a callback is for, as a durable list read it from its store (after a restart): the
   * hopper holds the contact for them (callback-hold.ts). Absent for any other contact.
   */
  callbackAgentId?: string
}

export interface ContactList {
  /** Takes the next contact due at `nowMs` out of the list; null when none is due. */
  takeDue(nowMs: number): ContactProgress | null
  /**
   * Puts a taken contact back, due again at `notBeforeMs`; for an agent's own callback (R5.2),
   * `callbackAgentId` names the agent (a durable list keeps it with the contact).
   */
  reschedule(progress: ContactProgress, notBeforeMs: number, callbackAgentId?: string): void
  /** A taken contact reached its final disposition; it is never offered again. */
  finish(progress: ContactProgress, disposition: ContactDisposition): void
  /**
   * A taken contact's call ended and its agent is in wrap-up (R5.2): it stays taken, and a
   * durable list writes `fallback` at once, so that a process lost before the agent's code leaves
   * the contact as the retry rules said. The wrap-up then ends with `reschedule` or `finish`.
   */
  holdForWrapUp(progress: ContactProgress, fallback: WrapUpFallback): void
  /** Contacts waiting in the list (not taken, not finished); Infinity for a generated list. */
  pendingCount(): number
  /** When the next pending contact is due; undefined when none is pending. */
  nextDueMs(): number | undefined
}

/** A generated list's contact: its index, and whether it is taken (on it, not in a set of ids). */
interface GeneratedProgress extends ContactProgress {
  index: number
  taken: boolean
}

/**
 * A contact waiting in a generated list, as numbers only: its index, then each attempt's time and
 * code (the outcome's place in ATTEMPT_OUTCOMES + OUTCOME_CODES × the number's place in the
 * contact's numbers). One array of doubles where the attempt summaries, their array and the numbers'
 * strings were six objects that lived for the retry's delay, were promoted and died old (issue 15,
 * engine speed). A contact with an attempt on a number it does not list keeps its summaries.
 */
type Waiting = number[] | { index: number; attempts: AttemptSummary[] }

const OUTCOME_CODES = ATTEMPT_OUTCOMES.length

/** The waiting form of a contact's attempts, or null when a number is not among its own. */
function packed(index: number, contact: Contact, attempts: readonly AttemptSummary[]) {
  const packed = new Array<number>(1 + 2 * attempts.length)
  packed[0] = index
  for (let i = 0; i < attempts.length; i++) {
    const attempt = attempts[i]!
    const numberAt = contact.numbers.indexOf(attempt.number)
    if (numberAt < 0) return null
    packed[1 + 2 * i] = attempt.atMs
    packed[2 + 2 * i] = ATTEMPT_OUTCOMES.indexOf(attempt.outcome) + OUTCOME_CODES * numberAt
  }
  return packed
}

function unpacked(waiting: readonly number[], contact: Contact): AttemptSummary[] {
  const attempts = new Array<AttemptSummary>((waiting.length - 1) / 2)
  for (let i = 0; i < attempts.length; i++) {
    const code = waiting[2 + 2 * i]!
    attempts[i] = {
      atMs: waiting[1 + 2 * i]!,
      outcome: ATTEMPT_OUTCOMES[code % OUTCOME_CODES]!,
      number: contact.numbers[Math.floor(code / OUTCOME_CODES)]!,
    }
  }
  return attempts
}

/**
 * An endless list for the simulator: when nothing is due, a fresh contact is made. Nothing reads a
 * finished contact again, so none is kept: a day's memory holds only the contacts still due.
 * `makeContact` must give the same contact for the same index: a contact waiting for its retry is
 * kept as its index and attempts only (as numbers, `Waiting`), and made again when due (its strings
 * and arrays were most of what a day's young generation copied and promoted: issue 15, engine
 * speed). Each contact is made for one progress at a time, so the list marks the progress taken
 * instead of keeping a set of taken ids.
 */
export class GeneratedContactList implements ContactList {
  private readonly due = new MinHeap<Waiting>()
  private made = 0

  constructor(private readonly makeContact: (index: number) => Contact) {}

  takeDue(nowMs: number): ContactProgress | null {
    const key = this.due.peekKey()
    if (key !== undefined && key <= nowMs) {
      const waiting = this.due.pop()!
      if (!Array.isArray(waiting)) return this.taken(waiting.index, waiting.attempts, key)
      const contact = this.contactOf(waiting[0]!)
      return this.progressOf(waiting[0]!, contact, unpacked(waiting, contact), key)
    }
    this.made += 1
    return this.taken(this.made, [], nowMs)
  }

  private contactOf(index: number): Contact {
    const contact = this.makeContact(index)
    invariant(contact.numbers.length > 0, 'a contact needs at least one number')
    return contact
  }

  private taken(index: number, attempts: AttemptSummary[], notBeforeMs: number): ContactProgress {
    return this.progressOf(index, this.contactOf(index), attempts, notBeforeMs)
  }

  private progressOf(
    index: number,
    contact: Contact,
    attempts: AttemptSummary[],
    notBeforeMs: number,
  ): ContactProgress {
    const progress: GeneratedProgress = { contact, attempts, notBeforeMs, index, taken: true }
    return progress
  }

  reschedule(progress: ContactProgress, notBeforeMs: number, _callbackAgentId?: string): void {
    const own = progress as GeneratedProgress
    invariant(own.taken === true, 'rescheduling a contact that was not taken')
    own.taken = false
    own.notBeforeMs = notBeforeMs
    const waiting = packed(own.index, own.contact, own.attempts)
    this.due.push(notBeforeMs, waiting ?? { index: own.index, attempts: own.attempts })
  }

  finish(progress: ContactProgress, _disposition: ContactDisposition): void {
    const own = progress as GeneratedProgress
    invariant(own.taken === true, 'finishing a contact that was not taken')
    own.taken = false
  }

  holdForWrapUp(progress: ContactProgress, _fallback: WrapUpFallback): void {
    invariant(
      (progress as GeneratedProgress).taken === true,
      'holding a contact that was not taken',
    )
  }

  pendingCount(): number {
    return Number.POSITIVE_INFINITY
  }

  nextDueMs(): number | undefined {
    return Number.NEGATIVE_INFINITY
  }
}
