// The simulator's Clock (docs/design.md "One core, two clocks"): time moves only when the runner
// pops the next timer, so a day of hundreds of agents runs in seconds of wall time and replays
// exactly.
//
// Timers live in a binary min-heap ordered by (atMs, insertion sequence). The sequence breaks ties
// so equal times run in the order they were set: without it, heap order would depend on heap shape
// and a run would not be deterministic. Times, ids and slots sit in typed arrays to keep V8 on
// unboxed numbers; an entry's slot holds its callback and the callback's two arguments
// (`setTimerAtWith`: no closure per timer), in arrays that stay put while the heap sifts only the
// slot numbers (issue 15). Which ids are still pending is one bit
// per id ever set (ids count up from 1): a cancelled timer's bit is cleared (lazy deletion) and its
// entry skipped when it surfaces. No map of callbacks: a Map churned by every timer set and fired
// was a tenth of a simulated day's time, in its own work and the garbage of its rehashing (issue 15).

import { invariant } from '../../domain/invariant.ts'
import type { Clock, TimerCallback, TimerId } from './clock.ts'

/** Most timers pending at once; an engine that leaks timers hits this instead of the heap limit. */
export const PENDING_TIMERS_MAX = 20_000_000
/** Timer ids a clock hands out: each is a bit position (an int32 index) in the pending set. */
export const TIMER_IDS_MAX = 2 ** 31 - 1
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
  private heapSlot = new Int32Array(HEAP_CAPACITY_INITIAL)
  private heapSize = 0
  /** Each slot's callback and its arguments; a free slot holds undefined in all three. */
  private slotCallback: (TimerCallback<unknown, unknown> | undefined)[] = []
  private slotA: unknown[] = []
  private slotB: unknown[] = []
  /** Free slot numbers, a stack (`freeCount` of them at the bottom). */
  private freeSlots = new Int32Array(HEAP_CAPACITY_INITIAL)
  private freeCount = 0
  /** Bit `id` set: the timer is pending (neither run nor cancelled). */
  private pendingBits = new Uint32Array(HEAP_CAPACITY_INITIAL / 32)
  private pending = 0

  constructor(startMs: number) {
    invariant(Number.isFinite(startMs), 'startMs must be finite')
    this.currentMs = startMs
  }

  nowMs(): number {
    return this.currentMs
  }

  /** A timer in the past runs at the current time, after timers already due now. */
  setTimerAt(atMs: number, callback: () => void): TimerId {
    return this.setTimerAtWith(atMs, callback, undefined, undefined)
  }

  /** As `setTimerAt`, for `callback(a, b)`: a callback written once and its two arguments. */
  setTimerAtWith<A, B>(atMs: number, callback: TimerCallback<A, B>, a: A, b: B): TimerId {
    invariant(Number.isFinite(atMs), 'timer time must be finite')
    invariant(this.pending < PENDING_TIMERS_MAX, 'too many pending timers')
    invariant(this.nextId < TIMER_IDS_MAX, 'too many timers for one clock')
    const id = this.nextId++
    this.markPending(id)
    const slot = this.takeSlot()
    this.slotCallback[slot] = callback as TimerCallback<unknown, unknown>
    this.slotA[slot] = a
    this.slotB[slot] = b
    this.push(Math.max(atMs, this.currentMs), id, slot)
    return id
  }

  /** Cancelling a timer that already ran or was cancelled is a no-op (as with clearTimeout). */
  cancelTimer(id: TimerId): void {
    if (!this.isPending(id)) return
    this.unmarkPending(id)
    if (this.heapSize > 2 * this.pending + COMPACT_SLACK_ENTRIES) this.compact()
  }

  pendingCount(): number {
    return this.pending
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
        if (!this.isPending(id)) {
          this.pop() // cancelled: lazy deletion
          continue
        }
        const atMs = this.heapAtMs[0]!
        if (atMs > lastDueMs) break
        if (ran >= maxEvents) throw new EventLimitError(maxEvents, this.currentMs)
        const slot = this.heapSlot[0]!
        const callback = this.slotCallback[slot]!
        const a = this.slotA[slot]
        const b = this.slotB[slot]
        this.pop()
        this.unmarkPending(id)
        invariant(atMs >= this.currentMs, 'heap returned a timer in the past')
        this.currentMs = atMs
        ran++
        callback(a, b)
      }
      return ran
    } finally {
      this.running = false
    }
  }

  private isPending(id: number): boolean {
    return (this.pendingBits[id >>> 5]! & (1 << (id & 31))) !== 0
  }

  private markPending(id: number): void {
    const word = id >>> 5
    if (word >= this.pendingBits.length) {
      const bits = new Uint32Array(Math.max(word + 1, this.pendingBits.length * 2))
      bits.set(this.pendingBits)
      this.pendingBits = bits
    }
    this.pendingBits[word]! |= 1 << (id & 31)
    this.pending++
  }

  private unmarkPending(id: number): void {
    this.pendingBits[id >>> 5]! &= ~(1 << (id & 31))
    this.pending--
  }

  private dropCancelledTop(): void {
    while (this.heapSize > 0 && !this.isPending(this.heapId[0]!)) this.pop()
  }

  /** A free slot: one freed earlier, else a new one (slots in use never outnumber heap entries). */
  private takeSlot(): number {
    if (this.freeCount > 0) return this.freeSlots[--this.freeCount]!
    const slot = this.slotCallback.length
    this.slotCallback.push(undefined)
    this.slotA.push(undefined)
    this.slotB.push(undefined)
    return slot
  }

  /** The callback and its arguments are not kept alive by a free slot. */
  private freeSlot(slot: number): void {
    this.slotCallback[slot] = undefined
    this.slotA[slot] = undefined
    this.slotB[slot] = undefined
    if (this.freeCount === this.freeSlots.length) {
      const free = new Int32Array(this.freeSlots.length * 2)
      free.set(this.freeSlots)
      this.freeSlots = free
    }
    this.freeSlots[this.freeCount++] = slot
  }

  private push(atMs: number, id: number, slot: number): void {
    if (this.heapSize === this.heapId.length) this.grow()
    this.heapAtMs[this.heapSize] = atMs
    this.heapId[this.heapSize] = id
    this.heapSlot[this.heapSize] = slot
    this.heapSize++
    this.siftUp(this.heapSize - 1)
  }

  /** Takes the top entry out of the heap and frees its slot. */
  private pop(): void {
    this.freeSlot(this.heapSlot[0]!)
    this.heapSize--
    const last = this.heapSize
    if (last > 0) {
      this.heapAtMs[0] = this.heapAtMs[last]!
      this.heapId[0] = this.heapId[last]!
      this.heapSlot[0] = this.heapSlot[last]!
      this.siftDown(0)
    }
  }

  // Both sifts move a "hole" instead of swapping, holding the moving entry in locals: half the
  // array writes, which is most of the cost with a million timers.
  private siftUp(start: number): void {
    const atMs = this.heapAtMs[start]!
    const id = this.heapId[start]!
    const slot = this.heapSlot[start]!
    let index = start
    while (index > 0) {
      const parent = (index - 1) >> 1
      const parentMs = this.heapAtMs[parent]!
      if (parentMs < atMs || (parentMs === atMs && this.heapId[parent]! < id)) break
      this.heapAtMs[index] = parentMs
      this.heapId[index] = this.heapId[parent]!
      this.heapSlot[index] = this.heapSlot[parent]!
      index = parent
    }
    this.heapAtMs[index] = atMs
    this.heapId[index] = id
    this.heapSlot[index] = slot
  }

  private siftDown(start: number): void {
    const size = this.heapSize
    const atMs = this.heapAtMs[start]!
    const id = this.heapId[start]!
    const slot = this.heapSlot[start]!
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
      this.heapSlot[index] = this.heapSlot[child]!
      index = child
    }
    this.heapAtMs[index] = atMs
    this.heapId[index] = id
    this.heapSlot[index] = slot
  }

  private grow(): void {
    const atMs = new Float64Array(this.heapAtMs.length * 2)
    atMs.set(this.heapAtMs)
    this.heapAtMs = atMs
    const ids = new Float64Array(this.heapId.length * 2)
    ids.set(this.heapId)
    this.heapId = ids
    const slots = new Int32Array(this.heapSlot.length * 2)
    slots.set(this.heapSlot)
    this.heapSlot = slots
  }

  /** Drops cancelled entries and re-heapifies, so heavy cancel traffic keeps memory bounded. */
  private compact(): void {
    let kept = 0
    for (let index = 0; index < this.heapSize; index++) {
      const id = this.heapId[index]!
      if (!this.isPending(id)) {
        this.freeSlot(this.heapSlot[index]!)
        continue
      }
      this.heapAtMs[kept] = this.heapAtMs[index]!
      this.heapId[kept] = id
      this.heapSlot[kept] = this.heapSlot[index]!
      kept++
    }
    this.heapSize = kept
    for (let index = (kept >> 1) - 1; index >= 0; index--) this.siftDown(index)
  }
}
