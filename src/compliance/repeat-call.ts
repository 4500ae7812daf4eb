// Per-number attempt history for the repeat-call limit (R5.5): no repeat call within 72 h to a number
// whose call was abandoned. One entry per number dialled, so memory grows with the contact lists,
// which already hold those numbers; no eviction is needed.

import { invariant } from '../domain/invariant.ts'
import type { AttemptOutcome } from '../domain/outcomes.ts'

const MS_PER_SEC = 1000

/**
 * Outcomes that mean a live person answered and was left without an agent. SYSTEM_ABANDONED is
 * counted too: the person who answered cannot tell who dropped the call, so it is an abandon for
 * them, and blocking a repeat is the cautious reading.
 */
export const ABANDON_OUTCOMES: ReadonlySet<AttemptOutcome> = new Set<AttemptOutcome>([
  'ABANDONED',
  'SYSTEM_ABANDONED',
])

export function isAbandonOutcome(outcome: AttemptOutcome): boolean {
  return ABANDON_OUTCOMES.has(outcome)
}

export interface NumberHistoryEntry {
  lastAttemptAtMs: number
  lastAttemptAbandoned: boolean
  /** The latest abandoned attempt, kept even when a later attempt was not abandoned. */
  lastAbandonAtMs: number | null
}

export class NumberHistory {
  readonly #entries = new Map<string, NumberHistoryEntry>()

  /** Records an attempt; attempts may be recorded out of order (they close at different times). */
  recordAttempt(number: string, atMs: number, outcome: AttemptOutcome): void {
    invariant(Number.isFinite(atMs), 'attempt time is not finite')
    const abandoned = isAbandonOutcome(outcome)
    const previous = this.#entries.get(number)
    if (previous === undefined) {
      this.#entries.set(number, {
        lastAttemptAtMs: atMs,
        lastAttemptAbandoned: abandoned,
        lastAbandonAtMs: abandoned ? atMs : null,
      })
      return
    }
    if (atMs >= previous.lastAttemptAtMs) {
      previous.lastAttemptAtMs = atMs
      previous.lastAttemptAbandoned = abandoned
    }
    if (abandoned && (previous.lastAbandonAtMs === null || atMs > previous.lastAbandonAtMs)) {
      previous.lastAbandonAtMs = atMs
    }
  }

  lastAttempt(number: string): Readonly<NumberHistoryEntry> | undefined {
    return this.#entries.get(number)
  }

  /**
   * When the number may be called again after its latest abandoned call, or null when it has never
   * been abandoned (or the block is off). The block runs from the latest abandon even if a later
   * attempt was answered: the stricter reading, since a later attempt only happens with an agent
   * guaranteed. The time may lie in the past; callers compare it with their own nowMs.
   */
  repeatBlockedUntilMs(number: string, blockSec: number): number | null {
    invariant(blockSec >= 0, 'repeat block is negative')
    const lastAbandonAtMs = this.#entries.get(number)?.lastAbandonAtMs ?? null
    if (lastAbandonAtMs === null || blockSec === 0) return null
    return lastAbandonAtMs + blockSec * MS_PER_SEC
  }

  get size(): number {
    return this.#entries.size
  }
}
