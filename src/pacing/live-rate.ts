// The share of dials that become live connects, counted by when they were dialled and only once
// every dial of that second has had time to resolve. Counting resolutions as they arrive is biased:
// busy tones and SIT come back in 2–3 s, live answers after ~10 s and no-answers at the ring limit,
// so right after a burst of dials (a campaign's start, 1000 ports freeing) the first 400
// resolutions are mostly not live, the rate reads far too low, and pacing floods the lines
// (measured: 1000 IVR ports abandoned a quarter of their customers in the first minute).
import { invariant } from '../domain/invariant.ts'
import { PrefixSums } from '../domain/prefix-sums.ts'

/** Seconds of dial history kept (a slow campaign's 400 dials can span an hour and more). */
export const LIVE_RATE_HISTORY_SEC = 8192

interface Bucket {
  second: number
  live: number
  total: number
  /** Its counts are in the running sums (its second lies in the summed span). */
  summed: boolean
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
    summed: false,
  }))
  /**
   * Running sums per slot of the buckets whose second lies in [summedFrom, summedThrough], the
   * span `settled` last looked at: a slow campaign's 400 settled dials can span hours, and the
   * walk over them ran at every decision (issue 15, bench speed). Empty until the first `settled`.
   */
  private readonly totalSums = new PrefixSums(LIVE_RATE_HISTORY_SEC)
  private readonly liveSums = new PrefixSums(LIVE_RATE_HISTORY_SEC)
  private summedFrom = Number.POSITIVE_INFINITY
  private summedThrough = Number.NEGATIVE_INFINITY

  /** A dial placed at `dialedAtMs` resolved (live or not). */
  record(live: boolean, dialedAtMs: number): void {
    const second = Math.floor(dialedAtMs / 1000)
    const index = slotOf(second)
    const bucket = this.buckets[index]!
    for (let i = 0; i < this.cache.length; i++) {
      const entry = this.cache[i]!
      if (second <= entry.frontier) entry.frontier = Number.NaN
    }
    if (bucket.second !== second) {
      // A newer second reuses the slot; a resolution older than the history is dropped.
      if (bucket.second > second) return
      if (bucket.summed) this.unsum(index, bucket)
      bucket.second = second
      bucket.live = 0
      bucket.total = 0
      bucket.summed = this.summedFrom <= second && second <= this.summedThrough
    }
    bucket.total += 1
    if (live) bucket.live += 1
    if (bucket.summed) {
      this.totalSums.add(index, 1)
      if (live) this.liveSums.add(index, 1)
    }
    this.oldestSecond = Math.min(this.oldestSecond, second)
  }

  private unsum(index: number, bucket: Bucket): void {
    this.totalSums.add(index, -bucket.total)
    this.liveSums.add(index, -bucket.live)
    bucket.summed = false
  }

  private sum(index: number, bucket: Bucket): void {
    this.totalSums.add(index, bucket.total)
    this.liveSums.add(index, bucket.live)
    bucket.summed = true
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
    const counts = this.countBack(frontier, dials)
    if (cached === undefined) this.cache.push({ dials, frontier, counts })
    else {
      cached.frontier = frontier
      cached.counts = counts
    }
    return counts
  }

  /**
   * The dials of the seconds from `frontier` back, one second after another, until at least
   * `dials` are counted or the history ends: the same counts as that walk, from the running sums
   * of the span, moved along as the frontier goes forward.
   */
  private countBack(frontier: number, dials: number): LiveCounts {
    const span = Math.min(LIVE_RATE_HISTORY_SEC, frontier - this.oldestSecond + 1)
    if (!(span > 0)) return { live: 0, total: 0 }
    const from = frontier - span + 1
    this.moveSpan(from, frontier)
    // The latest second `start` from which the seconds start … frontier hold `dials` or more.
    const spanTotal = this.sumOver(this.totalSums, from, frontier)
    if (spanTotal < dials)
      return { live: this.sumOver(this.liveSums, from, frontier), total: spanTotal }
    let lo = from
    let hi = frontier
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2)
      if (this.sumOver(this.totalSums, mid, frontier) >= dials) lo = mid
      else hi = mid - 1
    }
    return {
      live: this.sumOver(this.liveSums, lo, frontier),
      total: this.sumOver(this.totalSums, lo, frontier),
    }
  }

  /** The running sums' total over the seconds first … last (within the summed span). */
  private sumOver(sums: PrefixSums, first: number, last: number): number {
    const a = slotOf(first)
    const b = slotOf(last)
    if (a <= b) return sums.through(b) - sums.through(a - 1)
    return sums.through(LIVE_RATE_HISTORY_SEC - 1) - sums.through(a - 1) + sums.through(b)
  }

  /** The running sums hold the buckets of the seconds from … through, and no other. */
  private moveSpan(from: number, through: number): void {
    const moved =
      from >= this.summedFrom &&
      through >= this.summedThrough &&
      through - this.summedThrough < LIVE_RATE_HISTORY_SEC &&
      from - this.summedFrom < LIVE_RATE_HISTORY_SEC
    if (!moved) {
      // The first look, a frontier gone back (a longer settle time) or a leap: sum afresh.
      this.totalSums.clear()
      this.liveSums.clear()
      for (const bucket of this.buckets) bucket.summed = false
      this.summedFrom = from
      this.summedThrough = from - 1
    }
    for (let second = this.summedFrom; second < from; second++) {
      const index = slotOf(second)
      const bucket = this.buckets[index]!
      if (bucket.second === second && bucket.summed) this.unsum(index, bucket)
    }
    this.summedFrom = from
    for (let second = this.summedThrough + 1; second <= through; second++) {
      const index = slotOf(second)
      const bucket = this.buckets[index]!
      if (bucket.second === second && !bucket.summed) this.sum(index, bucket)
    }
    this.summedThrough = through
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
      const index = slotOf(second)
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

/** The bucket slot of a dial second (seconds before 1970 too). */
function slotOf(second: number): number {
  return ((second % LIVE_RATE_HISTORY_SEC) + LIVE_RATE_HISTORY_SEC) % LIVE_RATE_HISTORY_SEC
}
