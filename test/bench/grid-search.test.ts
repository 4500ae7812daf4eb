// The monotone grid search behind fixed-best (bench/pacing/grid-search.ts): what it evaluates must
// not depend on the hints a caller acts on, and each index it asks for was hinted beforehand, so
// that an idle worker can have started it.
import { describe, expect, it } from 'vitest'
import { type Grid, nextStep, searchMonotoneGrid } from '../../bench/pacing/grid-search.ts'

const GRID: Grid = { min: 10, start: 20, max: 400 }

/** A seeded pseudo-random verdict per index: feasible below `cross`, with some noise near it. */
function noisyVerdicts(seed: number, cross: number): (k: number) => boolean {
  return (k) => {
    const x = Math.sin(seed * 7919 + k * 104_729) * 10_000
    const noise = (x - Math.floor(x) - 0.5) * 6
    return k + noise < cross
  }
}

async function run(feasibleAt: (k: number) => boolean, withHints: boolean) {
  const asked: number[] = []
  const hinted = new Set<number>()
  const result = await searchMonotoneGrid({
    grid: GRID,
    below: 2,
    evaluate: async (k) => {
      asked.push(k)
      await new Promise((resolve) => setTimeout(resolve, 0))
      return { k, ok: feasibleAt(k) }
    },
    feasible: (sample) => sample.ok,
    ...(withHints
      ? {
          hint: (ks: number[]) => {
            for (const k of ks) hinted.add(k)
          },
        }
      : {}),
  })
  return { result, asked, hinted }
}

describe('monotone grid search', () => {
  it('finds the boundary of a monotone grid in a logarithmic number of steps', () => {
    const verdicts = new Map<number, boolean>()
    let probes = 0
    for (;;) {
      const step = nextStep(GRID, verdicts)
      if (!('probe' in step)) {
        expect(step.boundary).toBe(137)
        break
      }
      probes += 1
      verdicts.set(step.probe, step.probe <= 137)
    }
    expect(probes).toBeLessThan(20)
  })

  it('reports null when even the lowest index is infeasible', async () => {
    const { result } = await run(() => false, false)
    expect(result.boundary).toBeNull()
    expect(result.samples.map((s) => s.k)).toContain(GRID.min)
  })

  it('evaluates the same indices with and without hints, each one hinted first', async () => {
    for (let seed = 1; seed <= 40; seed++) {
      const feasibleAt = noisyVerdicts(seed, 15 + seed * 9)
      const plain = await run(feasibleAt, false)
      const hinted = await run(feasibleAt, true)
      expect(hinted.result).toEqual(plain.result)
      expect(hinted.asked).toEqual(plain.asked)
      for (const k of hinted.asked.slice(1)) expect(hinted.hinted.has(k)).toBe(true)
    }
  })

  it('evaluates the indices below the boundary together', async () => {
    // Boundary 43: the bisection never tried 42 and 41.
    let running = 0
    let most = 0
    await searchMonotoneGrid({
      grid: GRID,
      below: 2,
      evaluate: async (k) => {
        running += 1
        most = Math.max(most, running)
        await new Promise((resolve) => setTimeout(resolve, 0))
        running -= 1
        return k <= 43
      },
      feasible: (ok) => ok,
    })
    expect(most).toBe(2)
  })
})
