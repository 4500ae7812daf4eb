// Abandon rate of one campaign over a rolling window (R5.5: US 3 % per 30 days, UK 3 % per 24 h).
//
// Memory is bounded by counting in time buckets instead of keeping events. Bucket length is
// max(1 s, ceil(window / ABANDON_LEDGER_BUCKETS_MAX)) in whole seconds, and the ledger keeps
// ceil(window / bucket) buckets. Granularity that follows:
// - windows up to ABANDON_LEDGER_BUCKETS_MAX seconds (~68 min) use 1 s buckets and are exact to the
//   second: an event counts iff floor(atMs / 1000) > floor(nowMs / 1000) − windowSec, which for
//   whole-second times is exactly (nowMs − window, nowMs];
// - longer windows round the trailing edge to a bucket boundary, so the effective window length
//   lies in [window − bucket, window + bucket): for 30 days the bucket is 633 s (±0.025 % of the
//   window), for 24 h it is 22 s.
// The rate is abandoned / (abandoned + connected): both are calls a live person answered.
import { z } from 'zod'
import { invariant } from '../domain/invariant.ts'
import { PrefixSums } from '../domain/prefix-sums.ts'

export const ABANDON_LEDGER_BUCKETS_MAX = 4096
const MS_PER_SEC = 1000
export const ABANDON_LEDGER_WINDOW_SEC_MAX = 366 * 24 * 3600
/** Caps are honoured to 0.001 %: they are compared as integers to avoid binary-fraction drift. */
const CAP_SCALE = 1000
const PCT_SCALE = 100

export const abandonLedgerOptionsSchema = z.object({
  windowSec: z.int().min(1).max(ABANDON_LEDGER_WINDOW_SEC_MAX),
})
export type AbandonLedgerOptions = z.infer<typeof abandonLedgerOptionsSchema>

export type AbandonLedgerEvent = 'abandoned' | 'connected'
export interface AbandonCounts {
  abandoned: number
  connected: number
}

export function abandonLedgerBucketSec(windowSec: number): number {
  return Math.max(1, Math.ceil(windowSec / ABANDON_LEDGER_BUCKETS_MAX))
}

export class AbandonLedger {
  readonly windowSec: number
  readonly bucketSec: number
  readonly bucketCount: number
  readonly #bucketMs: number
  readonly #abandoned: Uint32Array
  readonly #connected: Uint32Array
  /** The same counts per slot as running sums: a count over many buckets without a walk. */
  readonly #abandonedSums: PrefixSums
  readonly #connectedSums: PrefixSums
  #abandonedTotal = 0
  #connectedTotal = 0
  /** Absolute index (floor(ms / bucketMs)) of the newest bucket in the ring; null until used. */
  #headIndex: number | null = null
  /** Latest time seen by record or counts: queries must not go back before it. */
  #latestMs = Number.NEGATIVE_INFINITY

  constructor(options: AbandonLedgerOptions) {
    const { windowSec } = abandonLedgerOptionsSchema.parse(options)
    this.windowSec = windowSec
    this.bucketSec = abandonLedgerBucketSec(windowSec)
    this.bucketCount = Math.ceil(windowSec / this.bucketSec)
    invariant(this.bucketCount <= ABANDON_LEDGER_BUCKETS_MAX, 'abandon ledger bucket count')
    invariant(this.bucketCount * this.bucketSec >= windowSec, 'abandon ledger buckets short')
    this.#bucketMs = this.bucketSec * MS_PER_SEC
    this.#abandoned = new Uint32Array(this.bucketCount)
    this.#connected = new Uint32Array(this.bucketCount)
    this.#abandonedSums = new PrefixSums(this.bucketCount)
    this.#connectedSums = new PrefixSums(this.bucketCount)
  }

  /**
   * Counts one live-answered call. Records may arrive late (an attempt closes after its connect);
   * one already older than the window can never count again, so it is dropped.
   */
  record(atMs: number, event: AbandonLedgerEvent): void {
    invariant(Number.isFinite(atMs), 'abandon ledger time is not finite')
    const index = Math.floor(atMs / this.#bucketMs)
    this.#advanceTo(index)
    this.#latestMs = Math.max(this.#latestMs, atMs)
    const headIndex = this.#headIndex
    invariant(headIndex !== null, 'abandon ledger head unset after advance')
    if (index <= headIndex - this.bucketCount) return
    const slot = this.#slotOf(index)
    if (event === 'abandoned') {
      this.#abandoned[slot] = (this.#abandoned[slot] ?? 0) + 1
      this.#abandonedSums.add(slot, 1)
      this.#abandonedTotal++
    } else {
      this.#connected[slot] = (this.#connected[slot] ?? 0) + 1
      this.#connectedSums.add(slot, 1)
      this.#connectedTotal++
    }
  }

  /** Calls in (nowMs − window, nowMs], to the granularity in the file header. */
  counts(nowMs: number): AbandonCounts {
    invariant(nowMs >= this.#latestMs, 'abandon ledger queried before its latest event')
    this.#latestMs = nowMs
    this.#advanceTo(Math.floor(nowMs / this.#bucketMs))
    invariant(this.#abandonedTotal >= 0, 'abandon ledger abandoned total negative')
    invariant(this.#connectedTotal >= 0, 'abandon ledger connected total negative')
    return { abandoned: this.#abandonedTotal, connected: this.#connectedTotal }
  }

  /**
   * Calls in (afterMs, nowMs] for each of `afters`, to the bucket granularity (a bucket counts when
   * it starts after the bucket holding afterMs): the part of the window ending now that a later
   * window still holds. Each from the running sums, without walking the buckets.
   */
  countsAfter(nowMs: number, afters: readonly number[]): AbandonCounts[] {
    const total = this.counts(nowMs)
    const headIndex = this.#headIndex
    const out: AbandonCounts[] = []
    for (const afterMs of afters) {
      const first = Math.floor(afterMs / this.#bucketMs) + 1
      if (headIndex === null || first <= headIndex - this.bucketCount + 1) {
        out.push({ abandoned: total.abandoned, connected: total.connected })
      } else if (first > headIndex) {
        out.push({ abandoned: 0, connected: 0 })
      } else {
        const from = this.#slotOf(first)
        const to = this.#slotOf(headIndex)
        out.push({
          abandoned: ringSum(this.#abandonedSums, from, to, total.abandoned),
          connected: ringSum(this.#connectedSums, from, to, total.connected),
        })
      }
    }
    return out
  }

  /** Abandoned share of live-answered calls in %, 0 when there were none. */
  ratePct(nowMs: number): number {
    const { abandoned, connected } = this.counts(nowMs)
    const answered = abandoned + connected
    return answered === 0 ? 0 : (abandoned / answered) * PCT_SCALE
  }

  /**
   * Whether `extraAbandons` more abandons would keep the window's rate at or below capPct:
   * (abandoned + extra) / (abandoned + connected + extra) × 100 ≤ capPct.
   */
  hasBudgetForAbandon(nowMs: number, capPct: number, extraAbandons = 1): boolean {
    invariant(Number.isInteger(extraAbandons), 'extra abandons is not an integer')
    invariant(extraAbandons >= 0, 'extra abandons is negative')
    return this.abandonRoom(nowMs, capPct) >= extraAbandons
  }

  /**
   * The most abandons the window can still take: the largest e ≥ 0 with hasBudgetForAbandon(e),
   * −1 when the window is over the cap already, Infinity under a cap of 100 %.
   */
  abandonRoom(nowMs: number, capPct: number): number {
    invariant(capPct > 0 && capPct <= PCT_SCALE, 'abandon cap outside (0, 100] %')
    const { abandoned, connected } = this.counts(nowMs)
    const capScaled = Math.round(capPct * CAP_SCALE)
    const full = PCT_SCALE * CAP_SCALE
    // (a + e)·full ≤ cap·(a + c + e)  ⟺  e·(full − cap) ≤ cap·(a + c) − a·full
    const spare = capScaled * (abandoned + connected) - abandoned * full
    if (spare < 0) return -1
    if (capScaled >= full) return Number.POSITIVE_INFINITY
    return Math.floor(spare / (full - capScaled))
  }

  /** Moves the head forward to `index`, emptying the buckets that fall out of the window. */
  #advanceTo(index: number): void {
    if (this.#headIndex === null) {
      this.#headIndex = index
      return
    }
    if (index <= this.#headIndex) return
    const clearCount = Math.min(index - this.#headIndex, this.bucketCount)
    for (let step = 1; step <= clearCount; step++) {
      const slot = this.#slotOf(this.#headIndex + step)
      const abandoned = this.#abandoned[slot] ?? 0
      const connected = this.#connected[slot] ?? 0
      if (abandoned > 0) this.#abandonedSums.add(slot, -abandoned)
      if (connected > 0) this.#connectedSums.add(slot, -connected)
      this.#abandonedTotal -= abandoned
      this.#connectedTotal -= connected
      this.#abandoned[slot] = 0
      this.#connected[slot] = 0
    }
    this.#headIndex = index
  }

  #slotOf(index: number): number {
    return ((index % this.bucketCount) + this.bucketCount) % this.bucketCount
  }
}

/** The counts of the ring's slots from `from` forward to `to` (wrapping), `total` over all slots. */
function ringSum(sums: PrefixSums, from: number, to: number, total: number): number {
  return from <= to
    ? sums.through(to) - sums.through(from - 1)
    : total - (sums.through(from - 1) - sums.through(to))
}
