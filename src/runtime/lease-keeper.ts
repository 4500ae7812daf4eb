// This process's leases (docs/design.md "Durability"): one owner id per process start, leases taken
// for CONTACT_LEASE_MS and renewed in bulk every LEASE_RENEW_INTERVAL_MS while the process lives. A
// contact is handed to the engine only while its lease still holds with a safety margin, so a
// process that could not renew (database away) stops dialling before another one may take over.

import type { Clock, TimerId } from '../dialer/ports/clock.ts'
import { invariant } from '../domain/invariant.ts'
import type { Lease } from '../store/ports/dialer-store.ts'
import type { RuntimeLog } from './log.ts'

export const CONTACT_LEASE_MS = 120_000
export const LEASE_RENEW_INTERVAL_MS = 30_000
/** A lease closer than this to its end is not used to dial any more. */
export const LEASE_SAFETY_MARGIN_MS = 15_000

invariant(LEASE_RENEW_INTERVAL_MS * 3 <= CONTACT_LEASE_MS, 'two renewals may fail in a lease')
invariant(LEASE_SAFETY_MARGIN_MS < CONTACT_LEASE_MS - LEASE_RENEW_INTERVAL_MS, 'margin too wide')

export interface LeaseTimings {
  leaseMs: number
  renewIntervalMs: number
  safetyMarginMs: number
}

export const LEASE_TIMINGS: LeaseTimings = {
  leaseMs: CONTACT_LEASE_MS,
  renewIntervalMs: LEASE_RENEW_INTERVAL_MS,
  safetyMarginMs: LEASE_SAFETY_MARGIN_MS,
}

export class LeaseKeeper {
  /** Until when the last successful bulk renewal extended every live lease of this owner. */
  private renewedUntilMs = Number.NEGATIVE_INFINITY
  private timer: TimerId | null = null
  private renewing = false

  constructor(
    private readonly clock: Clock,
    readonly owner: string,
    private readonly log: RuntimeLog,
    readonly timings: LeaseTimings = LEASE_TIMINGS,
  ) {
    invariant(owner.length > 0, 'a lease owner needs an id')
  }

  /** A fresh lease from now. */
  next(): Lease {
    return { owner: this.owner, untilMs: this.clock.nowMs() + this.timings.leaseMs }
  }

  /** Whether a lease taken until `leasedUntilMs` (perhaps renewed since) may still be used. */
  holds(leasedUntilMs: number): boolean {
    const untilMs = Math.max(leasedUntilMs, this.renewedUntilMs)
    return untilMs - this.timings.safetyMarginMs >= this.clock.nowMs()
  }

  /** Renews every `renewIntervalMs` through `renew` (the store's bulk renewal) until stop(). */
  start(renew: (lease: Lease, nowMs: number) => Promise<unknown>): void {
    invariant(this.timer === null, 'lease keeper started twice')
    const tick = (): void => {
      this.timer = this.clock.setTimerAt(this.clock.nowMs() + this.timings.renewIntervalMs, tick)
      if (this.renewing) return
      this.renewing = true
      const lease = this.next()
      renew(lease, this.clock.nowMs())
        .then(() => {
          this.renewedUntilMs = lease.untilMs
        })
        .catch((error: unknown) => {
          this.log.error('lease renewal failed', { owner: this.owner, error })
        })
        .finally(() => {
          this.renewing = false
        })
    }
    this.timer = this.clock.setTimerAt(this.clock.nowMs() + this.timings.renewIntervalMs, tick)
  }

  stop(): void {
    if (this.timer !== null) this.clock.cancelTimer(this.timer)
    this.timer = null
  }
}
