// Goal: the IVR ports kept as calls take and release them give pacing exactly the busy servers the
// earlier rebuild over every open attempt gave: the same elapsed times in the dial order of the
// calls (not the order they connected), so the forecast's sums stay identical to the last bit.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { InvariantError } from '../domain/invariant.ts'
import type { BusyServer } from '../pacing/model.ts'
import { PortHolders } from './port-holders.ts'

interface Call {
  dialSeq: number
  bridgedAtMs: number | null
  holdsPort: boolean
}

/** The rebuild the structure replaces: open attempts in dial order, those holding a port. */
function naiveBusy(open: Map<number, Call>, nowMs: number): BusyServer[] {
  const busy: BusyServer[] = []
  for (const call of open.values()) {
    if (call.holdsPort) {
      busy.push({ phase: 'talking', elapsedSec: (nowMs - call.bridgedAtMs!) / 1000 })
    }
  }
  return busy
}

const steps = fc.array(
  fc.oneof(
    fc.record({ kind: fc.constant('dial' as const), afterMs: fc.integer({ min: 0, max: 3000 }) }),
    fc.record({ kind: fc.constant('connect' as const), pick: fc.nat() }),
    fc.record({ kind: fc.constant('close' as const), pick: fc.nat() }),
  ),
  { maxLength: 200 },
)

describe('PortHolders (issue 15, engine speed)', () => {
  it('gives the same busy ports in the same order as the rebuild over open attempts', () => {
    fc.assert(
      fc.property(steps, (script) => {
        const holders = new PortHolders()
        const open = new Map<number, Call>()
        let nowMs = 0
        let dials = 0
        for (const step of script) {
          const calls = [...open.values()]
          if (step.kind === 'dial') {
            nowMs += step.afterMs
            open.set(dials, { dialSeq: dials, bridgedAtMs: null, holdsPort: false })
            dials++
          } else if (calls.length > 0) {
            const call = calls[step.pick % calls.length]!
            if (step.kind === 'connect' && call.bridgedAtMs === null) {
              nowMs += 10
              call.bridgedAtMs = nowMs
              call.holdsPort = true
              holders.take(call.dialSeq, nowMs)
            } else if (step.kind === 'close') {
              if (call.holdsPort) holders.release(call.dialSeq)
              open.delete(call.dialSeq)
            }
          }
          expect(holders.busyAt(nowMs + 1234)).toEqual(naiveBusy(open, nowMs + 1234))
        }
      }),
    )
  })

  it('keeps dial order when a later call connects first, and refuses a double take or release', () => {
    const holders = new PortHolders()
    holders.take(5, 1000)
    holders.take(2, 3000)
    expect(holders.busyAt(5000)).toEqual([
      { phase: 'talking', elapsedSec: 2 },
      { phase: 'talking', elapsedSec: 4 },
    ])
    expect(() => holders.take(5, 4000)).toThrow(InvariantError)
    holders.release(2)
    expect(() => holders.release(2)).toThrow(InvariantError)
    expect(holders.busyAt(5000)).toEqual([{ phase: 'talking', elapsedSec: 4 }])
  })
})
