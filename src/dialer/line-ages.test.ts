// Goal: the lines kept in flight as they are dialled and resolved give pacing exactly the ages the
// earlier rebuild over every open attempt gave (same numbers, same order: the forecast's sums stay
// identical to the last bit), whatever the order lines resolve in.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { LinesInFlight } from './line-ages.ts'

interface Line {
  id: string
  dialedAtMs: number
  inFlight: boolean
}

/** The rebuild the structure replaces: every open attempt in dial order, those still in flight. */
function naiveAges(open: Map<string, Line>, nowMs: number): number[] {
  const ages: number[] = []
  for (const line of open.values()) if (line.inFlight) ages.push((nowMs - line.dialedAtMs) / 1000)
  return ages
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
  it('gives the same ages in the same order as the rebuild over open attempts', () => {
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
            open.set(id, { id, dialedAtMs: nowMs, inFlight: true })
            lines.add(id, nowMs)
          } else {
            const ids = [...open.keys()]
            if (ids.length === 0) continue
            const line = open.get(ids[step.pick % ids.length]!)!
            // Resolving leaves the attempt open; closing a resolved attempt removes it.
            if (line.inFlight) {
              line.inFlight = false
              lines.remove(line.id)
            } else if (step.kind === 'close') {
              open.delete(line.id)
            }
          }
          expect(lines.agesSec(nowMs + laterMs)).toEqual(naiveAges(open, nowMs + laterMs))
        }
      }),
    )
  })

  it('ages a line by the time since its dial, oldest first', () => {
    const lines = new LinesInFlight()
    lines.add('a', 1000)
    lines.add('b', 2500)
    lines.add('c', 4000)
    lines.remove('b')
    lines.remove('unknown')
    expect(lines.agesSec(6000)).toEqual([5, 2])
  })
})
