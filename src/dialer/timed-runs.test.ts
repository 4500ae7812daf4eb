// Goal: the counts per start instant give the whole-second age groups a walk over every thing
// gives (oldest first, counts exact), through any order of ends and the deque's compaction.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { InvariantError } from '../domain/invariant.ts'
import type { LineAgeGroup } from '../pacing/types.ts'
import { TimedRuns } from './timed-runs.ts'

function naiveGroups(started: Map<number, { atMs: number }>, nowMs: number): LineAgeGroup[] {
  const groups: LineAgeGroup[] = []
  for (const { atMs } of started.values()) {
    const ageSec = Math.floor((nowMs - atMs) / 1000)
    const last = groups.at(-1)
    if (last?.ageSec === ageSec) last.count += 1
    else groups.push({ ageSec, count: 1 })
  }
  return groups
}

const steps = fc.array(
  fc.oneof(
    fc.record({ kind: fc.constant('start' as const), afterMs: fc.integer({ min: 0, max: 1500 }) }),
    fc.record({ kind: fc.constant('end' as const), pick: fc.nat() }),
  ),
  { maxLength: 300 },
)

describe('TimedRuns (issue 15, engine speed)', () => {
  it('groups by whole seconds of age as a walk over every thing does, oldest first', () => {
    fc.assert(
      fc.property(steps, fc.integer({ min: 1, max: 8 }), (script, compactAfter) => {
        const runs = new TimedRuns(compactAfter)
        /** Thing → its start and the run number it was handed. */
        const started = new Map<number, { atMs: number; run: number }>()
        let nowMs = 0
        let next = 0
        for (const step of script) {
          if (step.kind === 'start') {
            nowMs += step.afterMs
            started.set(next++, { atMs: nowMs, run: runs.add(nowMs) })
          } else if (started.size > 0) {
            const key = [...started.keys()][step.pick % started.size]!
            runs.remove(started.get(key)!.run)
            started.delete(key)
          }
          expect(runs.size).toBe(started.size)
          expect([...runs.groupsAt(nowMs + 700)]).toEqual(naiveGroups(started, nowMs + 700))
        }
      }),
    )
  })

  it('refuses a start earlier than the last, and an end of a run with nothing left', () => {
    const runs = new TimedRuns()
    const run = runs.add(2000)
    expect(runs.add(2000)).toBe(run)
    expect(() => runs.add(1000)).toThrow(InvariantError)
    runs.remove(run)
    runs.remove(run)
    expect(() => runs.remove(run)).toThrow(InvariantError)
    expect(runs.size).toBe(0)
  })

  it('reads again at the same instant: the same groups until a start or an end changes them', () => {
    const runs = new TimedRuns()
    const first = runs.add(1000)
    runs.add(1500)
    expect([...runs.groupsAt(3200)]).toEqual([
      { ageSec: 2, count: 1 },
      { ageSec: 1, count: 1 },
    ])
    expect([...runs.groupsAt(3200)]).toEqual([
      { ageSec: 2, count: 1 },
      { ageSec: 1, count: 1 },
    ])
    runs.remove(first)
    expect([...runs.groupsAt(3200)]).toEqual([{ ageSec: 1, count: 1 }])
    runs.add(3200)
    expect([...runs.groupsAt(3200)]).toEqual([
      { ageSec: 1, count: 1 },
      { ageSec: 0, count: 1 },
    ])
    expect([...runs.groupsAt(3600)]).toEqual([
      { ageSec: 2, count: 1 },
      { ageSec: 0, count: 1 },
    ])
  })
})
