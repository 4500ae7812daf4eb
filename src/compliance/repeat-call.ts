// Per-number abandon history for the repeat-call limit (R5.5): no repeat call within 72 h to a
// number whose call was abandoned. Only the latest abandon of each number is kept: nothing else
// decides the block, so numbers never abandoned (nearly all of them) take no memory and their
// attempts no work on the dial path (issue 15, engine speed). A restart seeds it the same way, with
// the abandoned numbers of the block's span (runtime/compliance-history.ts).

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

export class NumberHistory {
  /** Number → its latest abandoned attempt's time. */
  readonly #lastAbandonAtMs = new Map<string, number>()

  /** Records an attempt; attempts may be recorded out of order (they close at different times). */
  recordAttempt(number: string, atMs: number, outcome: AttemptOutcome): void {
    invariant(Number.isFinite(atMs), 'attempt time is not finite')
    if (!isAbandonOutcome(outcome)) return
    const previous = this.#lastAbandonAtMs.get(number)
    if (previous === undefined || atMs > previous) this.#lastAbandonAtMs.set(number, atMs)
  }

  /**
   * When the number may be called again after its latest abandoned call, or null when it has never
   * been abandoned (or the block is off). The block runs from the latest abandon even if a later
   * attempt was answered: the stricter reading, since a later attempt only happens with an agent
   * guaranteed. The time may lie in the past; callers compare it with their own nowMs.
   */
  repeatBlockedUntilMs(number: string, blockSec: number): number | null {
    invariant(blockSec >= 0, 'repeat block is negative')
    const lastAbandonAtMs = this.#lastAbandonAtMs.get(number)
    if (lastAbandonAtMs === undefined || blockSec === 0) return null
    return lastAbandonAtMs + blockSec * MS_PER_SEC
  }

  /** Numbers with an abandoned attempt on record. */
  get size(): number {
    return this.#lastAbandonAtMs.size
  }
}
