// The Clock port: the only source of time for the engine (docs/design.md "One core, two clocks").
// The server implements it on real time; the simulator on a virtual priority queue.

export type TimerId = number

/** A timer's callback written once, called with the two arguments given when it was set. */
export type TimerCallback<A, B> = (a: A, b: B) => void

export interface Clock {
  /** Milliseconds since the Unix epoch, on this clock's time line. */
  nowMs(): number
  /** Runs `callback` once when the clock reaches `atMs` (at once-ish if already past). */
  setTimerAt(atMs: number, callback: () => void): TimerId
  /**
   * As `setTimerAt`, for `callback(a, b)`: a clock that keeps the arguments beside the callback
   * spares a closure per timer (the simulator's clock: issue 15). Absent: `setTimerAtWith` below.
   */
  setTimerAtWith?<A, B>(atMs: number, callback: TimerCallback<A, B>, a: A, b: B): TimerId
  cancelTimer(id: TimerId): void
}

/** `callback(a, b)` when the clock reaches `atMs`: the clock's own `setTimerAtWith`, else a closure. */
export function setTimerAtWith<A, B>(
  clock: Clock,
  atMs: number,
  callback: TimerCallback<A, B>,
  a: A,
  b: B,
): TimerId {
  if (clock.setTimerAtWith !== undefined) return clock.setTimerAtWith(atMs, callback, a, b)
  return clock.setTimerAt(atMs, () => callback(a, b))
}
