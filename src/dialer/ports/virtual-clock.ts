// The simulator's Clock (docs/design.md "One core, two clocks"): time moves only when the runner
// pops the next timer, so a day of hundreds of agents runs in seconds of wall time and replays
// exactly.
//
// Timers live in a binary min-heap ordered by (atMs, insertion sequence). The sequence breaks ties
// so equal times run in the order they were set: without it, heap order would depend on heap shape
// and a run would not be deterministic. The heap holds only numbers (two parallel arrays) to keep
// V8 on unboxed doubles; callbacks sit in a Map keyed by timer id, and a cancelled timer is simply
// removed from the Map (lazy deletion) and skipped when its heap entry surfaces.

import { invariant } from '../../domain/invariant.ts'
import type { Clock, TimerId } from './clock.ts'

/** Most timers pending at once; an engine that leaks timers hits this instead of the heap limit. */
export const PENDING_TIMERS_MAX = 20_000_000
/** Default event budget of `advanceSec`/`advanceMs`: far above a simulated day of 5000 agents. */
export const ADVANCE_EVENTS_MAX = 100_000_000
/** Cancelled entries tolerated in the heap beyond twice the live ones before it is compacted. */
const COMPACT_SLACK_ENTRIES = 4096
const MS_PER_SEC = 1000
const HEAP_CAPACITY_INITIAL = 1024

/** More timers fired in one run call than its `maxEvents` budget: a livelock or a runaway loop. */
export class EventLimitError extends Error {
  override name = 'EventLimitError'
  constructor(
    readonly maxEvents: number,
    readonly atMs: number,
  ) {
    super(`more than ${maxEvents} timer events ran (virtual time ${atMs} ms)`)
  }
}

export class VirtualClock implements Clock {
  private currentMs: number
  private nextId = 1
  private running = false
  // Typed arrays with manual growth: V8 keeps them unboxed and bounds-checks cheaply.
  private heapAtMs = new Float64Array(HEAP_CAPACITY_INITIAL)
  private heapId = new Float64Array(HEAP_CAPACITY_INITIAL)
  private heapSize = 0
  private readonly callbacks = new Map<TimerId, () => void>()

  constructor(startMs: number) {
    invariant(Number.isFinite(startMs), 'startMs must be finite')
    this.currentMs = startMs
  }

  nowMs(): number {
    return this.currentMs
  }

  /** A timer in the past runs at the current time, after timers already due now. */
  setTimerAt(atMs: number, callback: () => void): TimerId {
    invariant(Number.isFinite(atMs), 'timer time must be finite')
    invariant(this.callbacks.size < PENDING_TIMERS_MAX, 'too many pending timers')
    const id = this.nextId++
    this.callbacks.set(id, callback)
    this.push(Math.max(atMs, this.currentMs), id)
    return id
  }

  /** Cancelling a timer that already ran or was cancelled is a no-op (as with clearTimeout). */
  cancelTimer(id: TimerId): void {
    if (!this.callbacks.delete(id)) return
    if (this.heapSize > 2 * this.callbacks.size + COMPACT_SLACK_ENTRIES) this.compact()
  }

  pendingCount(): number {
    return this.callbacks.size
  }

  /** Time of the next live timer, or undefined when none is pending. */
  nextTimerMs(): number | undefined {
    this.dropCancelledTop()
    return this.heapSize > 0 ? this.heapAtMs[0] : undefined
  }

  /**
   * Runs every timer due at or before `endMs`, in order, then leaves the clock at `endMs`.
   * Returns how many timers ran. Throws EventLimitError when more than `maxEvents` would run.
   */
  runUntil(endMs: number, maxEvents: number): number {
    invariant(Number.isFinite(endMs), 'endMs must be finite')
    invariant(endMs >= this.currentMs, 'runUntil would move time backwards')
    const ran = this.runThrough(endMs, maxEvents)
    this.currentMs = endMs
    return ran
  }

  /** Runs timers until none is pending; the clock stays at the last timer's time. */
  runAll(maxEvents: number): number {
    return this.runThrough(Number.POSITIVE_INFINITY, maxEvents)
  }

  advanceMs(durationMs: number, maxEvents = ADVANCE_EVENTS_MAX): number {
    invariant(durationMs >= 0, 'cannot advance by a negative duration')
    return this.runUntil(this.currentMs + durationMs, maxEvents)
  }

  advanceSec(durationSec: number, maxEvents = ADVANCE_EVENTS_MAX): number {
    return this.advanceMs(durationSec * MS_PER_SEC, maxEvents)
  }

  /** Runs timers due at or before `lastDueMs` (which may be +Infinity). */
  private runThrough(lastDueMs: number, maxEvents: number): number {
    invariant(Number.isSafeInteger(maxEvents), 'maxEvents must be an integer')
    invariant(maxEvents >= 0, 'maxEvents must be ≥ 0')
    // A callback that runs the clock itself would interleave two event loops: always a bug.
    invariant(!this.running, 'VirtualClock run re-entered from a timer callback')
    this.running = true
    let ran = 0
    try {
      while (this.heapSize > 0) {
        const id = this.heapId[0]!
        const callback = this.callbacks.get(id)
        if (callback === undefined) {
          this.pop() // cancelled: lazy deletion
          continue
        }
        const atMs = this.heapAtMs[0]!
        if (atMs > lastDueMs) break
        if (ran >= maxEvents) throw new EventLimitError(maxEvents, this.currentMs)
        this.pop()
        this.callbacks.delete(id)
        invariant(atMs >= this.currentMs, 'heap returned a timer in the past')
        this.currentMs = atMs
        ran++
        callback()
      }
      return ran
    } finally {
      this.running = false
    }
  }

  private dropCancelledTop(): void {
    while (this.heapSize > 0 && !this.callbacks.has(this.heapId[0]!)) this.pop()
  }

  private push(atMs: number, id: number): void {
    if (this.heapSize === this.heapId.length) this.grow()
    this.heapAtMs[this.heapSize] = atMs
    this.heapId[this.heapSize] = id
    this.heapSize++
    this.siftUp(this.heapSize - 1)
  }

  private pop(): void {
    this.heapSize--
    if (this.heapSize === 0) return
    this.heapAtMs[0] = this.heapAtMs[this.heapSize]!
    this.heapId[0] = this.heapId[this.heapSize]!
    this.siftDown(0)
  }

  // Both sifts move a "hole" instead of swapping, holding the moving entry in locals: half the
  // array writes, which is most of the cost with a million timers.
  private siftUp(start: number): void {
    const atMs = this.heapAtMs[start]!
    const id = this.heapId[start]!
    let index = start
    while (index > 0) {
      const parent = (index - 1) >> 1
      const parentMs = this.heapAtMs[parent]!
      if (parentMs < atMs || (parentMs === atMs && this.heapId[parent]! < id)) break
      this.heapAtMs[index] = parentMs
      this.heapId[index] = this.heapId[parent]!
      index = parent
    }
    this.heapAtMs[index] = atMs
    this.heapId[index] = id
  }

  private siftDown(start: number): void {
    const size = this.heapSize
    const atMs = this.heapAtMs[start]!
    const id = this.heapId[start]!
    let index = start
    for (;;) {
      let child = 2 * index + 1
      if (child >= size) break
      let childMs = this.heapAtMs[child]!
      const right = child + 1
      if (right < size) {
        const rightMs = this.heapAtMs[right]!
        if (
          rightMs < childMs ||
          (rightMs === childMs && this.heapId[right]! < this.heapId[child]!)
        ) {
          child = right
          childMs = rightMs
        }
      }
      if (atMs < childMs || (atMs === childMs && id < this.heapId[child]!)) break
      this.heapAtMs[index] = childMs
      this.heapId[index] = this.heapId[child]!
      index = child
    }
    this.heapAtMs[index] = atMs
    this.heapId[index] = id
  }

  private grow(): void {
    const atMs = new Float64Array(this.heapAtMs.length * 2)
    atMs.set(this.heapAtMs)
    this.heapAtMs = atMs
    const ids = new Float64Array(this.heapId.length * 2)
    ids.set(this.heapId)
    this.heapId = ids
  }

  /** Drops cancelled entries and re-heapifies, so heavy cancel traffic keeps memory bounded. */
  private compact(): void {
    let kept = 0
    for (let index = 0; index < this.heapSize; index++) {
      const id = this.heapId[index]!
      if (!this.callbacks.has(id)) continue
      this.heapAtMs[kept] = this.heapAtMs[index]!
      this.heapId[kept] = id
      kept++
    }
    this.heapSize = kept
    for (let index = (kept >> 1) - 1; index >= 0; index--) this.siftDown(index)
  }
}
