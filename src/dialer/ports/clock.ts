// The Clock port: the only source of time for the engine (docs/design.md "One core, two clocks").
// The server implements it on real time; the simulator on a virtual priority queue.

export type TimerId = number

export interface Clock {
  /** Milliseconds since the Unix epoch, on this clock's time line. */
  nowMs(): number
  /** Runs `callback` once when the clock reaches `atMs` (at once-ish if already past). */
  setTimerAt(atMs: number, callback: () => void): TimerId
  cancelTimer(id: TimerId): void
}

export function setTimerAfterMs(clock: Clock, delayMs: number, callback: () => void): TimerId {
  return clock.setTimerAt(clock.nowMs() + delayMs, callback)
}
