// Running sums over a fixed row of counters with point changes (a Fenwick tree): both a change and
// the sum of the first slots take O(log n) steps, so a sum over many slots does not walk them
// (the abandon ledger's windows ahead, the live rate's settled dials; issue 15). The sums are exact
// while they stay integers below 2^53.
import { invariant } from './invariant.ts'

export class PrefixSums {
  readonly size: number
  /** tree[i] (1-based) holds the slots (i − lowbit(i), i]. */
  readonly #tree: Float64Array

  constructor(size: number) {
    invariant(Number.isInteger(size) && size >= 1, 'prefix sums need at least one slot')
    this.size = size
    this.#tree = new Float64Array(size + 1)
  }

  /** Adds `delta` to the counter at `slot` (0-based). */
  add(slot: number, delta: number): void {
    invariant(slot >= 0 && slot < this.size, 'prefix sums slot out of range')
    const tree = this.#tree
    for (let i = slot + 1; i <= this.size; i += i & -i) tree[i] = tree[i]! + delta
  }

  /** Every counter back to 0. */
  clear(): void {
    this.#tree.fill(0)
  }

  /** The sum of the counters at slots 0 … `slot` (0 when `slot` is −1). */
  through(slot: number): number {
    invariant(slot >= -1 && slot < this.size, 'prefix sums slot out of range')
    const tree = this.#tree
    let sum = 0
    for (let i = slot + 1; i > 0; i -= i & -i) sum += tree[i]!
    return sum
  }
}
