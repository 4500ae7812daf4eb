// Goal: the lines kept in flight as they are dialled and resolved give pacing exactly the whole-second
// age groups a rebuild over every open attempt gives (same ages, same counts, oldest first: the
// forecast's sums stay what they were before the grouping), whatever the order lines resolve in.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { InvariantError } from '../domain/invariant.ts'
import type { LineAgeGroup } from '../pacing/types.ts'
import { LinesInFlight } from './line-ages.ts'

interface Line {
  id: string
  dialedAtMs: number
  inFlight: boolean
  /** The run number the structure handed out for the line. */
  run: number
}

/** The rebuild the structure replaces: open attempts in dial order, those in flight, grouped. */
function naiveAges(open: Map<string, Line>, nowMs: number): LineAgeGroup[] {
  const groups: LineAgeGroup[] = []
  for (const line of open.values()) {
    if (!line.inFlight) continue
    const ageSec = Math.floor((nowMs - line.dialedAtMs) / 1000)
    const last = groups.at(-1)
    if (last?.ageSec === ageSec) last.count += 1
    else groups.push({ ageSec, count: 1 })
  }
  return groups
}

const steps = fc.array(
  fc.oneof(
    fc.record({ kind: fc.constant('dial' as const), afterMs: fc.integer({ min: 0, max: 5000 }) }),
    fc.record({ kind: fc.constant('resolve' as const), pick: fc.nat() }),
    fc.record({ kind: fc.constant('close' as const), pick: fc.nat() }),
  ),
  { maxLength: 200 },
)

describe('LinesInFlight (issue 15, engine speed)', () => {
  it('gives the age groups of the rebuild over open attempts, oldest first', () => {
    fc.assert(
      fc.property(steps, fc.integer({ min: 0, max: 10_000 }), (script, laterMs) => {
        const lines = new LinesInFlight()
        const open = new Map<string, Line>()
        let nowMs = 1_000_000
        let next = 0
        for (const step of script) {
          if (step.kind === 'dial') {
            nowMs += step.afterMs
            const id = `att-${next++}`
            open.set(id, { id, dialedAtMs: nowMs, inFlight: true, run: lines.add(nowMs) })
          } else {
            const ids = [...open.keys()]
            if (ids.length === 0) continue
            const line = open.get(ids[step.pick % ids.length]!)!
            // Resolving leaves the attempt open; closing a resolved attempt removes it.
            if (line.inFlight) {
              line.inFlight = false
              lines.remove(line.run)
            } else if (step.kind === 'close') {
              open.delete(line.id)
            }
          }
          expect(lines.ageGroupsAt(nowMs + laterMs)).toEqual(naiveAges(open, nowMs + laterMs))
        }
      }),
    )
  })

  it('ages a line by the whole seconds since its dial, oldest first, counting equal ages once', () => {
    const lines = new LinesInFlight()
    lines.add(1000)
    const b = lines.add(2500)
    lines.add(4000)
    lines.add(4000)
    lines.add(4900)
    expect(lines.ageGroupsAt(6500)).toEqual([
      { ageSec: 5, count: 1 },
      { ageSec: 4, count: 1 },
      { ageSec: 2, count: 2 },
      { ageSec: 1, count: 1 },
    ])
    lines.remove(b)
    expect(() => lines.remove(b)).toThrow(InvariantError)
    expect(lines.ageGroupsAt(6000)).toEqual([
      { ageSec: 5, count: 1 },
      { ageSec: 2, count: 2 },
      { ageSec: 1, count: 1 },
    ])
  })
})
