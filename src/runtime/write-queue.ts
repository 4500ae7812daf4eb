// An ordered queue of async writes: the engine is synchronous, the store is not. Writes run one
// at a time in the order they were made (a contact's reschedule never overtakes its earlier
// finish), each retried with back-off on the runtime's clock; a write that keeps failing is logged
// and dropped, and the store's lease expiry puts its contact back (docs/design.md
// "Durability").
import type { Clock } from '../dialer/ports/clock.ts'
import type { RuntimeLog } from './log.ts'

/** Writes waiting at most; beyond it a write is refused and logged (every queue has a bound). */
export const WRITE_QUEUE_MAX = 100_000
/** Tries of one write before it is dropped. */
export const WRITE_TRIES_MAX = 6
export const WRITE_RETRY_FIRST_MS = 500
export const WRITE_RETRY_MAX_MS = 30_000

export interface Write {
  /** What the write does, for the log: ids only, never personal data. */
  label: string
  run(): Promise<unknown>
  /** Called when the write is given up (tries exhausted or queue full). */
  onDropped?(): void
}

export function sleepOn(clock: Clock, delayMs: number): Promise<void> {
  return new Promise((resolve) => clock.setTimerAt(clock.nowMs() + delayMs, resolve))
}

export class WriteQueue {
  private readonly waiting: Write[] = []
  private running = false
  private idle: (() => void)[] = []
  private closed = false
  /** Writes dropped after WRITE_TRIES_MAX or refused when full. */
  dropped = 0

  constructor(
    private readonly clock: Clock,
    private readonly log: RuntimeLog,
    private readonly limits = {
      queueMax: WRITE_QUEUE_MAX,
      triesMax: WRITE_TRIES_MAX,
      retryFirstMs: WRITE_RETRY_FIRST_MS,
      retryMaxMs: WRITE_RETRY_MAX_MS,
    },
  ) {}

  get size(): number {
    return this.waiting.length + (this.running ? 1 : 0)
  }

  push(write: Write): void {
    if (this.closed) {
      this.dropped += 1
      this.log.warn('write after the queue closed, dropped', { write: write.label })
      write.onDropped?.()
      return
    }
    if (this.waiting.length >= this.limits.queueMax) {
      this.dropped += 1
      this.log.error('write queue full (WRITE_QUEUE_MAX), write dropped', { write: write.label })
      write.onDropped?.()
      return
    }
    this.waiting.push(write)
    if (!this.running) void this.pump()
  }

  /** Resolves when every write pushed so far has run (or was dropped). */
  drained(): Promise<void> {
    if (this.size === 0) return Promise.resolve()
    return new Promise((resolve) => this.idle.push(resolve))
  }

  /** Refuses new writes; the ones waiting still run. */
  close(): Promise<void> {
    this.closed = true
    return this.drained()
  }

  private async pump(): Promise<void> {
    this.running = true
    while (this.waiting.length > 0) {
      const write = this.waiting.shift()!
      await this.runWithRetries(write)
    }
    this.running = false
    const idle = this.idle
    this.idle = []
    for (const resolve of idle) resolve()
  }

  private async runWithRetries(write: Write): Promise<void> {
    let delayMs = this.limits.retryFirstMs
    for (let tries = 1; ; tries++) {
      try {
        await write.run()
        return
      } catch (error) {
        if (tries >= this.limits.triesMax) {
          this.dropped += 1
          this.log.error('write failed, dropped', {
            write: write.label,
            tries,
            error,
          })
          write.onDropped?.()
          return
        }
        this.log.warn('write failed, retrying', {
          write: write.label,
          tries,
          error,
        })
        await sleepOn(this.clock, delayMs)
        delayMs = Math.min(delayMs * 2, this.limits.retryMaxMs)
      }
    }
  }
}
