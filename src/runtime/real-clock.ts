// The Clock port on real time (docs/design.md "One core, two clocks"), for the server. An optional
// speed-up factor lets a demo run a campaign day faster than the wall clock; 1 is real time.

import type { Clock, TimerId } from '../dialer/ports/clock.ts'
import { invariant } from '../domain/invariant.ts'

export const CLOCK_SPEED_MAX = 1000

export class RealClock implements Clock {
  private readonly timers = new Map<TimerId, NodeJS.Timeout>()
  private nextId = 1
  private readonly originWallMs: number
  private readonly originMs: number

  /**
   * `notBeforeMs`: the dialer's time never runs backwards across restarts — a sped-up demo's
   * clock starts from the last time the store recorded when that is later than the wall clock.
   */
  constructor(
    private readonly speed = 1,
    private readonly readWallMs: () => number = Date.now,
    notBeforeMs = 0,
  ) {
    invariant(
      speed > 0 && speed <= CLOCK_SPEED_MAX,
      `clock speed must be in (0, ${CLOCK_SPEED_MAX}]`,
    )
    this.originWallMs = readWallMs()
    this.originMs = Math.max(this.originWallMs, notBeforeMs)
  }

  nowMs(): number {
    return this.originMs + (this.readWallMs() - this.originWallMs) * this.speed
  }

  setTimerAt(atMs: number, callback: () => void): TimerId {
    const id = this.nextId++
    const delayWallMs = Math.max(0, (atMs - this.nowMs()) / this.speed)
    this.timers.set(
      id,
      setTimeout(() => {
        this.timers.delete(id)
        callback()
      }, delayWallMs),
    )
    return id
  }

  cancelTimer(id: TimerId): void {
    const timer = this.timers.get(id)
    if (timer !== undefined) clearTimeout(timer)
    this.timers.delete(id)
  }

  /** Cancels every pending timer (shutdown). */
  stopAll(): void {
    for (const timer of this.timers.values()) clearTimeout(timer)
    this.timers.clear()
  }
}
