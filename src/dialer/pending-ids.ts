// The ids the engine's settle loop still has to work on (campaigns to pump, agents to route), in
// the order they were added, like a Set's. Kept in one array that is reused: adding and removing
// ids allocates nothing once the array has grown to the most ids ever pending at once, where a Set
// churned between empty and one member reallocates its table on each round trip — every event
// does that (issue 15, engine speed). Membership is a linear scan: a handful of ids is pending at
// a time (all the agents only when they log in together).

export class PendingIds {
  private readonly ids: string[] = []
  private count = 0

  get size(): number {
    return this.count
  }

  has(id: string): boolean {
    return this.indexOf(id) >= 0
  }

  /** Adds `id` at the end unless it is pending already. */
  add(id: string): void {
    if (this.indexOf(id) < 0) this.ids[this.count++] = id
  }

  /** Removes `id`, keeping the others' order; false when it was not pending. */
  delete(id: string): boolean {
    const at = this.indexOf(id)
    if (at < 0) return false
    for (let i = at + 1; i < this.count; i++) this.ids[i - 1] = this.ids[i]!
    this.count -= 1
    return true
  }

  /** Writes the pending ids, in order, to the start of `target`; returns how many. */
  copyTo(target: string[]): number {
    for (let i = 0; i < this.count; i++) target[i] = this.ids[i]!
    return this.count
  }

  private indexOf(id: string): number {
    for (let i = 0; i < this.count; i++) if (this.ids[i] === id) return i
    return -1
  }
}
