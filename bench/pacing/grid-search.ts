// The search behind fixed-best (bench/pacing/fixed-best.ts), on its own: the largest feasible index
// of an integer grid whose verdict is (approximately) monotone, feasible up to a boundary and not
// above it. Bracket from a start index by doubling steps, then bisect: O(log n) evaluations.
//
// The search is written as a pure function of the verdicts known so far (`nextStep`), so a caller
// can ask, while one evaluation runs, which index each of its two verdicts would lead to next, and
// start those early on an idle worker (`hint`). The indices evaluated, and so the figures, do not
// depend on such hints: only indices the sequential search asks for enter the samples.

export interface Grid {
  /** Lowest index; the search reports null when even this one is infeasible. */
  min: number
  /** The first index evaluated. */
  start: number
  max: number
}

export type Verdicts = ReadonlyMap<number, boolean>

/** Evaluate `probe` next, or the search is over: `boundary` is the largest feasible index. */
export type Step = { probe: number } | { boundary: number | null }

/** From a feasible start: double the step up until an index is infeasible or the grid ends. */
function bracketUp(grid: Grid, verdicts: Verdicts): Step | { lo: number; hi: number } {
  let lo = grid.start
  for (let step = 1; ; step *= 2) {
    const next = Math.min(grid.max, lo + step)
    if (next === lo) return { lo, hi: grid.max + 1 }
    const verdict = verdicts.get(next)
    if (verdict === undefined) return { probe: next }
    if (!verdict) return { lo, hi: next }
    lo = next
  }
}

/** From an infeasible start: double the step down until an index is feasible or the grid ends. */
function bracketDown(grid: Grid, verdicts: Verdicts): Step | { lo: number; hi: number } {
  let hi = grid.start
  for (let step = 1; ; step *= 2) {
    const next = Math.max(grid.min, hi - step)
    const verdict = verdicts.get(next)
    if (verdict === undefined) return { probe: next }
    if (verdict) return { lo: next, hi }
    if (next === grid.min) return { boundary: null }
    hi = next
  }
}

/** The next index the bracket-and-bisect evaluates given these verdicts, or its result. */
export function nextStep(grid: Grid, verdicts: Verdicts): Step {
  const started = verdicts.get(grid.start)
  if (started === undefined) return { probe: grid.start }
  const bracket = started ? bracketUp(grid, verdicts) : bracketDown(grid, verdicts)
  if (!('lo' in bracket)) return bracket
  let { lo, hi } = bracket
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2)
    const verdict = verdicts.get(mid)
    if (verdict === undefined) return { probe: mid }
    if (verdict) lo = mid
    else hi = mid
  }
  return { boundary: lo }
}

export interface GridSearch<T> {
  grid: Grid
  /** One evaluation of index k; called at most once per index. */
  evaluate: (k: number) => Promise<T>
  feasible: (sample: T) => boolean
  /** Indices just below the boundary also evaluated (to absorb non-monotone noise). */
  below: number
  /**
   * Called before each wait with the indices the search may ask for next (the next probe on
   * either verdict, or the indices below the boundary); a caller may start them early.
   */
  hint?: (ks: number[]) => void
}

export interface GridSearchResult<T> {
  /** Largest feasible index found, or null when even `grid.min` is infeasible. */
  boundary: number | null
  /** Every index the search evaluated, ascending. */
  samples: { k: number; sample: T }[]
}

function belowOf(grid: Grid, boundary: number | null, below: number): number[] {
  if (boundary === null) return []
  const ks: number[] = []
  for (let k = boundary - 1; k >= Math.max(grid.min, boundary - below); k--) ks.push(k)
  return ks
}

/** The indices the search would evaluate next after `probe`, on either of its verdicts. */
function followers(search: GridSearch<unknown>, verdicts: Verdicts, probe: number): number[] {
  const ks = new Set<number>()
  for (const verdict of [true, false]) {
    const step = nextStep(search.grid, new Map(verdicts).set(probe, verdict))
    const next = 'probe' in step ? [step.probe] : belowOf(search.grid, step.boundary, search.below)
    for (const k of next) if (!verdicts.has(k) && k !== probe) ks.add(k)
  }
  return [...ks]
}

export async function searchMonotoneGrid<T>(search: GridSearch<T>): Promise<GridSearchResult<T>> {
  const verdicts = new Map<number, boolean>()
  const samples = new Map<number, T>()
  for (;;) {
    const step = nextStep(search.grid, verdicts)
    if (!('probe' in step)) {
      const rest = belowOf(search.grid, step.boundary, search.below).filter((k) => !samples.has(k))
      // Independent of each other: evaluated together.
      const pending = rest.map((k) => search.evaluate(k))
      search.hint?.([])
      const done = await Promise.all(pending)
      for (const [i, k] of rest.entries()) samples.set(k, done[i]!)
      const sorted = [...samples.entries()].sort((a, b) => a[0] - b[0])
      return { boundary: step.boundary, samples: sorted.map(([k, sample]) => ({ k, sample })) }
    }
    search.hint?.(followers(search as GridSearch<unknown>, verdicts, step.probe))
    const sample = await search.evaluate(step.probe)
    samples.set(step.probe, sample)
    verdicts.set(step.probe, search.feasible(sample))
  }
}
