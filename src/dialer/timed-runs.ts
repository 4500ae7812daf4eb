// Things that started at a time (lines dialled, IVR ports taken), kept as counts per start instant
// as they come and go (issue 15, engine speed): starts only ever append, so the runs stay in time
// order, and pacing reads whole-second age groups by walking the runs, not every thing. `add` hands
// back the thing's run number and the owner keeps it (on the attempt, with the port) to end it
// with: no map from things to runs is churned on every dial and answer. `SecondGroups` folds such
// a walk into whole-second groups, here and in busy-agents.ts.
import { InvariantError } from '../domain/invariant.ts'
import type { LineAgeGroup as AgeGroup } from '../pacing/types.ts'

/**
 * Folds the entries of a walk that goes from the oldest into groups per whole second elapsed
 * (⌊elapsedMs / 1000⌋). The seconds never grow along such a walk, so an entry at least the current
 * group's second old is in it, with no division (issue 15, engine speed).
 */
export class SecondGroups {
  private groupMs = Number.POSITIVE_INFINITY
  private second = Number.NaN

  /** A new walk: the next entry starts a group. */
  restart(): void {
    this.groupMs = Number.POSITIVE_INFINITY
    this.second = Number.NaN
  }

  /** The whole second of an entry `elapsedMs` old when it starts a group; null when it joins one. */
  startsGroup(elapsedMs: number): number | null {
    if (elapsedMs >= this.groupMs) return null
    const second = Math.floor(elapsedMs / 1000)
    if (second === this.second) return null
    this.groupMs = second * 1000
    this.second = second
    return second
  }
}

/** Runs of the deque before its live part may be moved down (an amortised compaction). */
const COMPACT_AFTER_RUNS = 1024

export class TimedRuns {
  /** Start instant of each run, ascending; runs before `head` are gone. */
  private readonly atMs: number[] = []
  private readonly counts: number[] = []
  /**
   * Per run, where the walk goes on from it: itself while it has things; once empty, a later run
   * with every run between empty too (path-halved on each walk, never past the last run, which
   * alone can fill again). The walk steps over ended runs instead of reading each (a long call
   * keeps `head` back for minutes of runs: issue 15, engine speed).
   */
  private readonly next: number[] = []
  /** Absolute run number of runs[0] (the array moves down on compaction). */
  private base = 0
  private head = 0
  /** Things started and not ended. */
  private things = 0
  private readonly groups: AgeGroup[] = []
  private readonly seconds = new SecondGroups()
  /**
   * Changes (starts and ends) so far, and the instant and change count `groups` was read at: a
   * second read at the same instant with no change between (several decisions of one instant)
   * returns the same list without a walk (issue 15, engine speed).
   */
  private changes = 0
  private groupsAtMs = Number.NaN
  private groupsChanges = -1

  /** `compactAfterRuns`: ended runs kept before the live ones move down (small in tests). */
  constructor(private readonly compactAfterRuns = COMPACT_AFTER_RUNS) {}

  get size(): number {
    return this.things
  }

  /**
   * A thing started at `atMs` (never earlier than the previous start). Returns its run number,
   * which `remove` takes when the thing ends.
   */
  add(atMs: number): number {
    this.changes += 1
    const last = this.atMs.length - 1
    if (last >= this.head && this.atMs[last] === atMs) {
      this.counts[last]! += 1
      this.next[last] = last
    } else {
      if (last >= 0 && this.atMs[last]! > atMs)
        throw new InvariantError(`start at ${atMs} before the last one (${this.atMs[last]})`)
      this.atMs.push(atMs)
      this.counts.push(1)
      this.next.push(last + 1)
    }
    this.things += 1
    return this.base + this.atMs.length - 1
  }

  /** A thing of run `run` (what `add` returned) ended. */
  remove(run: number): void {
    const index = run - this.base
    if (!(index >= this.head && index < this.counts.length && this.counts[index]! > 0))
      throw new InvariantError(`run ${run} has no thing left to end`)
    this.changes += 1
    this.counts[index]! -= 1
    if (this.counts[index] === 0) this.next[index] = index + 1
    this.things -= 1
    while (this.head < this.counts.length && this.counts[this.head] === 0) this.head++
    if (this.head === this.counts.length) this.clear()
    else if (this.head >= this.compactAfterRuns && this.head * 2 >= this.counts.length)
      this.compact()
  }

  /**
   * Whole-second ages at `nowMs` (⌊(now − start) / 1000⌋) with their counts, oldest first; equal
   * ages of neighbouring runs are one group. The list and its records are reused by the next call.
   */
  groupsAt(nowMs: number): readonly AgeGroup[] {
    const groups = this.groups
    if (nowMs === this.groupsAtMs && this.changes === this.groupsChanges) return groups
    this.groupsAtMs = nowMs
    this.groupsChanges = this.changes
    let used = 0
    let current: AgeGroup | null = null
    const seconds = this.seconds
    seconds.restart()
    const end = this.counts.length
    for (let i = this.liveFrom(this.head); i < end; i = this.liveFrom(i + 1)) {
      const count = this.counts[i]!
      const ageSec = seconds.startsGroup(nowMs - this.atMs[i]!)
      if (ageSec === null) {
        current!.count += count
        continue
      }
      current = groups[used] ?? { ageSec, count }
      current.ageSec = ageSec
      current.count = count
      groups[used++] = current
    }
    groups.length = used
    return groups
  }

  /** The first run at or after `from` with things in it (the number of runs when none). */
  private liveFrom(from: number): number {
    const next = this.next
    const last = next.length - 1
    let i = from
    while (i < last) {
      const to = next[i]!
      if (to === i) return i
      // Path halving: the run points past its successor's stretch of empty runs too.
      const further = Math.min(last, next[to]!)
      next[i] = further
      i = further
    }
    return i === last && this.counts[last] === 0 ? last + 1 : i
  }

  private clear(): void {
    this.base += this.atMs.length
    this.atMs.length = 0
    this.counts.length = 0
    this.next.length = 0
    this.head = 0
  }

  /** Drops the runs before `head` (run numbers handed out stay valid through `base`). */
  private compact(): void {
    const head = this.head
    this.atMs.copyWithin(0, head)
    this.counts.copyWithin(0, head)
    this.atMs.length -= head
    this.counts.length -= head
    const next = this.next
    for (let i = head; i < next.length; i++) next[i - head] = next[i]! - head
    next.length -= head
    this.base += head
    this.head = 0
  }
}
