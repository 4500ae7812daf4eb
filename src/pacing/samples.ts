// A bounded window of recent duration samples, with the empirical distribution's queries that
// pacing needs (cdf, conditional remaining time, quantiles). Seeded with prior pseudo-samples
// that real observations push out, so the first minutes have a sensible shape.
import { invariant } from '../domain/invariant.ts'

export class RecentSamples {
  private readonly ring: number[] = []
  /**
   * The ring's samples in ascending order, kept as samples come and go (a binary search and a
   * shift each), so a frozen view is a copy, not a sort per pacing decision (issue 15, engine
   * speed). Null once a NaN came: then each view sorts, as before.
   */
  private sorted: Float64Array | null
  private cursor = 0
  private sum = 0
  private added = 0
  private frozenView: SampleDistribution | null = null

  constructor(
    private readonly capacity: number,
    prior: readonly number[],
  ) {
    invariant(capacity > 0, 'sample window must hold at least one sample')
    this.sorted = new Float64Array(capacity)
    for (const value of prior) this.add(value)
    this.added = 0
  }

  add(valueSec: number): void {
    const value = Math.max(0, valueSec)
    const size = this.ring.length
    if (Number.isNaN(value)) this.sorted = null
    if (size < this.capacity) {
      this.ring.push(value)
      if (this.sorted !== null) insertSorted(this.sorted, size, value)
    } else {
      const evicted = this.ring[this.cursor]!
      this.sum -= evicted
      this.ring[this.cursor] = value
      this.cursor = (this.cursor + 1) % this.capacity
      if (this.sorted !== null) replaceSorted(this.sorted, size, evicted, value)
    }
    this.sum += value
    this.added += 1
    this.frozenView = null
  }

  /** Real (not prior) samples seen so far. */
  get observed(): number {
    return this.added
  }

  mean(): number {
    return this.sum / this.ring.length
  }

  /** The distribution of the samples now, unaffected by later ones (sorted once). */
  frozen(): SampleDistribution {
    if (this.frozenView === null) {
      const sorted =
        this.sorted === null
          ? Float64Array.from(this.ring).sort()
          : this.sorted.slice(0, this.ring.length)
      this.frozenView = new SampleDistribution(sorted)
    }
    return this.frozenView
  }
}

/**
 * Takes one `evicted` out of the first `size` (sorted) entries and puts `value` in: only the
 * entries between the two places move, by one (the same entries as a removal and an insertion,
 * with one shift instead of two: issue 15, engine speed).
 */
function replaceSorted(sorted: Float64Array, size: number, evicted: number, value: number): void {
  const from = countBelow(sorted, size, evicted)
  invariant(from < size && sorted[from] === evicted, 'a sample missing from the sorted samples')
  // Below `value` before the eviction: `evicted` among them when it lies below `value`'s place.
  const below = countBelow(sorted, size, value)
  if (below > from) {
    sorted.copyWithin(from, from + 1, below)
    sorted[below - 1] = value
  } else {
    sorted.copyWithin(below + 1, below, from)
    sorted[below] = value
  }
}

/** Puts `value` among the first `size` (sorted) entries, which must leave room for it. */
function insertSorted(sorted: Float64Array, size: number, value: number): void {
  const at = countBelow(sorted, size, value)
  sorted.copyWithin(at + 1, at, size)
  sorted[at] = value
}

/** How many of the first `size` sorted entries are below `x`. */
function countBelow(sorted: Float64Array, size: number, x: number): number {
  let low = 0
  let high = size
  while (low < high) {
    const middle = (low + high) >> 1
    if (sorted[middle]! < x) low = middle + 1
    else high = middle
  }
  return low
}

/** An empirical distribution over sorted samples. */
export class SampleDistribution {
  /** The tail's mean excess, computed once (conditionalCdf asks for it at every horizon step). */
  private tailMeanExcess: number | null = null
  /** The last `elapsed` asked about (conditionalCdf, addConditionalCdfs), its samples at or below. */
  private lastElapsed = Number.NaN
  private lastBelow = 0

  constructor(private readonly sorted: Float64Array) {
    invariant(sorted.length > 0, 'an empirical distribution needs a sample')
  }

  /** P(X ≤ x). */
  cdf(x: number): number {
    return countAtMost(this.sorted, x) / this.sorted.length
  }

  quantile(q: number): number {
    const n = this.sorted.length
    return this.sorted[Math.min(n - 1, Math.max(0, Math.floor(q * n)))]!
  }

  /**
   * P(X ≤ elapsed + x | X > elapsed): the chance that something already `elapsed` long ends within
   * `x` more. Past every sample, the tail is taken as exponential with the mean excess of the top
   * samples (heavy tails stay heavy).
   */
  conditionalCdf(elapsed: number, x: number): number {
    const sorted = this.sorted
    const n = sorted.length
    if (elapsed !== this.lastElapsed) {
      this.lastElapsed = elapsed
      this.lastBelow = countAtMost(sorted, elapsed)
    }
    const below = this.lastBelow
    const survivors = n - below
    if (survivors >= TAIL_SAMPLES_MIN) {
      return (countAtMost(sorted, elapsed + x) - below) / survivors
    }
    return 1 - Math.exp(-x / this.meanExcess())
  }

  /**
   * Adds conditionalCdf(elapsed, k − shift) to `out[k]` for every k ≥ 1 of `out` with k ≥ shift,
   * k ascending: the same values as asking each k in turn, with the count of samples below each
   * bound found by moving up from the last one instead of a search per k (the model's tables).
   */
  addConditionalCdfs(elapsed: number, shift: number, out: Float64Array): void {
    const sorted = this.sorted
    const n = sorted.length
    // The model asks once per wrap-up quantile for the same `elapsed`: one search for them all.
    if (elapsed !== this.lastElapsed) {
      this.lastElapsed = elapsed
      this.lastBelow = countAtMost(sorted, elapsed)
    }
    const below = this.lastBelow
    const survivors = n - below
    let atMost = below
    // The first whole k at or past the shift (from 1 when the shift is at most 1, or not a number).
    const first = shift > 1 ? Math.ceil(shift) : 1
    for (let k = first; k < out.length; k++) {
      const x = k - shift
      if (survivors >= TAIL_SAMPLES_MIN) {
        const bound = elapsed + x
        while (atMost < n && sorted[atMost]! <= bound) atMost++
        out[k] = out[k]! + (atMost - below) / survivors
      } else {
        out[k] = out[k]! + (1 - Math.exp(-x / this.meanExcess()))
      }
    }
  }

  private meanExcess(): number {
    if (this.tailMeanExcess === null) {
      const top = this.sorted.slice(Math.max(0, this.sorted.length - TAIL_SAMPLES_MIN))
      let excess = 0
      for (const value of top) excess += value - top[0]!
      this.tailMeanExcess = Math.max(1, excess / top.length)
    }
    return this.tailMeanExcess
  }
}

/** Survivors needed to trust the empirical conditional distribution. */
const TAIL_SAMPLES_MIN = 8

function countAtMost(sorted: Float64Array, x: number): number {
  let low = 0
  let high = sorted.length
  while (low < high) {
    const middle = (low + high) >> 1
    if (sorted[middle]! <= x) low = middle + 1
    else high = middle
  }
  return low
}
