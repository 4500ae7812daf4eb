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

/** `settled`'s last answer for one window size; `frontier` NaN once a record made it stale. */
interface CachedCounts {
  dials: number
  frontier: number
  counts: LiveCounts
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
  /**
   * The last answer per window size (a campaign asks for two), valid until a record lands at or
   * before its frontier. A short list walked by index: a record, on every resolved dial, allocates
   * nothing (issue 15, engine speed).
   */
  private readonly cache: CachedCounts[] = []
  /** Records reused by the next `unsettled`: its list is valid for the decision reading it. */
  private readonly recent: RecentDials[] = []
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
    for (let i = 0; i < this.cache.length; i++) {
      const entry = this.cache[i]!
      if (second <= entry.frontier) entry.frontier = Number.NaN
    }
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
    let cached: CachedCounts | undefined
    for (let i = 0; i < this.cache.length && cached === undefined; i++) {
      if (this.cache[i]!.dials === dials) cached = this.cache[i]
    }
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
    if (cached === undefined) this.cache.push({ dials, frontier, counts })
    else {
      cached.frontier = frontier
      cached.counts = counts
    }
    return counts
  }

  /**
   * The dials of the last `withinSec` seconds (younger than the settle time: `settled` leaves them
   * out), per dial second: how many resolved so far and how many of those as live. Only seconds
   * with a resolution are listed; the lines still ringing are the pacing snapshot's own. The list
   * and its records are reused by the next call.
   */
  unsettled(nowMs: number, withinSec: number): RecentDials[] {
    const now = Math.floor(nowMs / 1000)
    const recent = this.recent
    let count = 0
    const span = Math.min(LIVE_RATE_HISTORY_SEC, Math.ceil(withinSec))
    for (let ageSec = 0; ageSec < span; ageSec++) {
      const second = now - ageSec
      if (second < this.oldestSecond) break
      const index =
        ((second % LIVE_RATE_HISTORY_SEC) + LIVE_RATE_HISTORY_SEC) % LIVE_RATE_HISTORY_SEC
      const bucket = this.buckets[index]!
      if (bucket.second !== second || bucket.total === 0) continue
      const entry = recent[count]
      if (entry === undefined) recent.push({ ageSec, live: bucket.live, resolved: bucket.total })
      else {
        entry.ageSec = ageSec
        entry.live = bucket.live
        entry.resolved = bucket.total
      }
      count++
    }
    recent.length = count
    return recent
  }
}
