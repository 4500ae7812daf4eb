// The share of dials that become live connects, counted by when they were dialled and only once
// every dial of that second has had time to resolve. Counting resolutions as they arrive is biased:
// busy tones and SIT come back in 2–3 s, live answers after ~10 s and no-answers at the ring limit,
// so right after a burst of dials (a campaign's start, 1000 ports freeing) the first 400
// resolutions are mostly not live, the rate reads far too low, and pacing floods the lines
// (measured: 1000 IVR ports abandoned a quarter of their customers in the first minute).
import { invariant } from '../domain/invariant.ts'

/** Seconds of dial history kept (a slow campaign's 400 dials can span an hour and more). */
export const LIVE_RATE_HISTORY_SEC = 8192

interface Bucket {
  second: number
  live: number
  total: number
}

/** Dials of one second that is still settling: `ageSec` whole seconds ago. */
export interface RecentDials {
  ageSec: number
  live: number
  resolved: number
}

export interface LiveCounts {
  live: number
  total: number
}

export class LiveRate {
  /** The oldest dial second recorded: walks never go further back. */
  private oldestSecond = Number.POSITIVE_INFINITY
  /** The last answer per window size, valid until a record lands at or before its frontier. */
  private readonly cache = new Map<number, { frontier: number; counts: LiveCounts }>()
  private readonly buckets: Bucket[] = Array.from({ length: LIVE_RATE_HISTORY_SEC }, () => ({
    second: Number.NEGATIVE_INFINITY,
    live: 0,
    total: 0,
  }))

  /** A dial placed at `dialedAtMs` resolved (live or not). */
  record(live: boolean, dialedAtMs: number): void {
    const second = Math.floor(dialedAtMs / 1000)
    const index = ((second % LIVE_RATE_HISTORY_SEC) + LIVE_RATE_HISTORY_SEC) % LIVE_RATE_HISTORY_SEC
    const bucket = this.buckets[index]!
    for (const [dials, entry] of this.cache) if (second <= entry.frontier) this.cache.delete(dials)
    if (bucket.second !== second) {
      // A newer second reuses the slot; a resolution older than the history is dropped.
      if (bucket.second > second) return
      bucket.second = second
      bucket.live = 0
      bucket.total = 0
    }
    bucket.total += 1
    if (live) bucket.live += 1
    this.oldestSecond = Math.min(this.oldestSecond, second)
  }

  /**
   * The newest settled dials (dialled at least `settleSec` before `nowMs`), going back until at
   * least `dials` of them are counted (or the history runs out).
   */
  settled(nowMs: number, settleSec: number, dials: number): LiveCounts {
    invariant(settleSec >= 0, 'settleSec must be ≥ 0')
    const frontier = Math.floor(nowMs / 1000) - Math.ceil(settleSec)
    const cached = this.cache.get(dials)
    if (cached !== undefined && cached.frontier === frontier) return cached.counts
    let live = 0
    let total = 0
    const span = Math.min(LIVE_RATE_HISTORY_SEC, frontier - this.oldestSecond + 1)
    for (let k = 0; k < span && total < dials; k++) {
      const second = frontier - k
      const index =
        ((second % LIVE_RATE_HISTORY_SEC) + LIVE_RATE_HISTORY_SEC) % LIVE_RATE_HISTORY_SEC
      const bucket = this.buckets[index]!
      if (bucket.second !== second) continue
      live += bucket.live
      total += bucket.total
    }
    const counts = { live, total }
    this.cache.set(dials, { frontier, counts })
    return counts
  }

  /**
   * The dials of the last `withinSec` seconds (younger than the settle time: `settled` leaves them
   * out), per dial second: how many resolved so far and how many of those as live. Only seconds
   * with a resolution are listed; the lines still ringing are the pacing snapshot's own.
   */
  unsettled(nowMs: number, withinSec: number): RecentDials[] {
    const now = Math.floor(nowMs / 1000)
    const recent: RecentDials[] = []
    const span = Math.min(LIVE_RATE_HISTORY_SEC, Math.ceil(withinSec))
    for (let ageSec = 0; ageSec < span; ageSec++) {
      const second = now - ageSec
      if (second < this.oldestSecond) break
      const index =
        ((second % LIVE_RATE_HISTORY_SEC) + LIVE_RATE_HISTORY_SEC) % LIVE_RATE_HISTORY_SEC
      const bucket = this.buckets[index]!
      if (bucket.second !== second || bucket.total === 0) continue
      recent.push({ ageSec, live: bucket.live, resolved: bucket.total })
    }
    return recent
  }
}
