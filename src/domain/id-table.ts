// A table from string ids to values for ids that come and go all the time (the engine's open
// attempts, the simulated network's calls: one in and one out per dial). Open addressing with
// linear probing in parallel arrays, each id's hash kept beside it; a removal shifts the entries
// after it back (no tombstones), so a table churned at a steady size never reallocates, where a
// Map rebuilds its hash table every few thousand removals and each rebuild is garbage (issue 15,
// engine speed). The table doubles when half full and never shrinks.
import { invariant } from './invariant.ts'

const CAPACITY_INITIAL = 16
/** Most entries a table holds (its capacity stays a power of two within int32). */
export const ID_TABLE_ENTRIES_MAX = 2 ** 29

/** FNV-1a over the id's UTF-16 code units, as a signed 32-bit integer. */
function hashOf(id: string): number {
  let hash = 0x811c9dc5 | 0
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193)
  return hash
}

export class IdTable<T> {
  private slotIds: (string | undefined)[]
  private slotValues: (T | undefined)[]
  private slotHashes: Int32Array
  private count = 0

  constructor() {
    this.slotIds = new Array<string | undefined>(CAPACITY_INITIAL).fill(undefined)
    this.slotValues = new Array<T | undefined>(CAPACITY_INITIAL).fill(undefined)
    this.slotHashes = new Int32Array(CAPACITY_INITIAL)
  }

  get size(): number {
    return this.count
  }

  get(id: string): T | undefined {
    const at = this.slotOf(id)
    return at < 0 ? undefined : this.slotValues[at]
  }

  has(id: string): boolean {
    return this.slotOf(id) >= 0
  }

  /** Adds `id` with `value`, or replaces the value of an id already there. */
  set(id: string, value: T): void {
    if (2 * (this.count + 1) > this.slotIds.length) this.grow()
    const hash = hashOf(id)
    const mask = this.slotIds.length - 1
    for (let at = hash & mask; ; at = (at + 1) & mask) {
      const held = this.slotIds[at]
      if (held === undefined) {
        this.slotIds[at] = id
        this.slotValues[at] = value
        this.slotHashes[at] = hash
        this.count += 1
        return
      }
      if (held === id) {
        this.slotValues[at] = value
        return
      }
    }
  }

  /** Removes `id`; false when it was not there. */
  delete(id: string): boolean {
    return this.removeAt(this.slotOf(id))
  }

  /** Removes `id` and returns its value (undefined when it was not there): one probe, not two. */
  take(id: string): T | undefined {
    const at = this.slotOf(id)
    if (at < 0) return undefined
    const value = this.slotValues[at]
    this.removeAt(at)
    return value
  }

  /** Empties slot `hole` (nothing when negative), keeping every probe run whole. */
  private removeAt(start: number): boolean {
    let hole = start
    if (hole < 0) return false
    const mask = this.slotIds.length - 1
    // Backward shift: each later entry of the probe run that may sit in the hole moves into it.
    for (let at = (hole + 1) & mask; this.slotIds[at] !== undefined; at = (at + 1) & mask) {
      const home = this.slotHashes[at]! & mask
      // The entry may move back when its home is not cyclically within (hole, at].
      const movable = hole <= at ? home <= hole || home > at : home <= hole && home > at
      if (!movable) continue
      this.slotIds[hole] = this.slotIds[at]
      this.slotValues[hole] = this.slotValues[at]
      this.slotHashes[hole] = this.slotHashes[at]!
      hole = at
    }
    this.slotIds[hole] = undefined
    this.slotValues[hole] = undefined
    this.count -= 1
    return true
  }

  /** The values, in no particular order. */
  *values(): IterableIterator<T> {
    for (let at = 0; at < this.slotIds.length; at++) {
      if (this.slotIds[at] !== undefined) yield this.slotValues[at] as T
    }
  }

  private slotOf(id: string): number {
    const mask = this.slotIds.length - 1
    for (let at = hashOf(id) & mask; ; at = (at + 1) & mask) {
      const held = this.slotIds[at]
      if (held === undefined) return -1
      if (held === id) return at
    }
  }

  private grow(): void {
    const ids = this.slotIds
    const values = this.slotValues
    const capacity = ids.length * 2
    invariant(capacity <= 2 * ID_TABLE_ENTRIES_MAX, 'id table over its entry limit')
    this.slotIds = new Array<string | undefined>(capacity).fill(undefined)
    this.slotValues = new Array<T | undefined>(capacity).fill(undefined)
    this.slotHashes = new Int32Array(capacity)
    this.count = 0
    for (let at = 0; at < ids.length; at++) {
      const id = ids[at]
      if (id !== undefined) this.set(id, values[at] as T)
    }
  }
}
