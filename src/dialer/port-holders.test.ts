// Goal: the IVR ports kept as calls take and release them give pacing the busy servers a rebuild
// over every open attempt gives, as counts per whole second into the call, oldest first.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { InvariantError } from '../domain/invariant.ts'
import type { BusyServerGroup } from '../pacing/model.ts'
import { PortHolders } from './port-holders.ts'

interface Call {
  dialSeq: number
  bridgedAtMs: number | null
  holdsPort: boolean
  /** The run number the structure handed out for the call's port. */
  run: number
}

/** The rebuild the structure replaces: open attempts holding a port, grouped, oldest first. */
function naiveBusy(open: Map<number, Call>, nowMs: number): BusyServerGroup[] {
  const elapsed = [...open.values()]
    .filter((call) => call.holdsPort)
    .map((call) => Math.floor((nowMs - call.bridgedAtMs!) / 1000))
    .sort((a, b) => b - a)
  const busy: BusyServerGroup[] = []
  for (const elapsedSec of elapsed) {
    const last = busy.at(-1)
    if (last?.elapsedSec === elapsedSec) last.count += 1
    else busy.push({ phase: 'talking', elapsedSec, count: 1 })
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
  it('gives the busy ports the rebuild over open attempts gives, grouped, oldest first', () => {
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
            open.set(dials, { dialSeq: dials, bridgedAtMs: null, holdsPort: false, run: -1 })
            dials++
          } else if (calls.length > 0) {
            const call = calls[step.pick % calls.length]!
            if (step.kind === 'connect' && call.bridgedAtMs === null) {
              nowMs += 10
              call.bridgedAtMs = nowMs
              call.holdsPort = true
              call.run = holders.take(nowMs)
            } else if (step.kind === 'close') {
              if (call.holdsPort) holders.release(call.run)
              open.delete(call.dialSeq)
            }
          }
          expect(holders.busyAt(nowMs + 1234)).toEqual(naiveBusy(open, nowMs + 1234))
        }
      }),
    )
  })

  it('counts ports taken in the same second together, and refuses a double release', () => {
    const holders = new PortHolders()
    holders.take(1000)
    const second = holders.take(1500)
    holders.take(3000)
    expect(holders.busyAt(5200)).toEqual([
      { phase: 'talking', elapsedSec: 4, count: 1 },
      { phase: 'talking', elapsedSec: 3, count: 1 },
      { phase: 'talking', elapsedSec: 2, count: 1 },
    ])
    expect(holders.busyAt(5600)).toEqual([
      { phase: 'talking', elapsedSec: 4, count: 2 },
      { phase: 'talking', elapsedSec: 2, count: 1 },
    ])
    holders.release(second)
    expect(() => holders.release(second)).toThrow(InvariantError)
    expect(holders.busyAt(5600)).toEqual([
      { phase: 'talking', elapsedSec: 4, count: 1 },
      { phase: 'talking', elapsedSec: 2, count: 1 },
    ])
  })

  it('reads again at the same instant: the same groups until a port is taken or released', () => {
    const ports = new PortHolders()
    const run = ports.take(0)
    const read = () => ports.busyAt(2500).map((group) => ({ ...group }))
    expect(read()).toEqual([{ phase: 'talking', elapsedSec: 2, count: 1 }])
    expect(read()).toEqual([{ phase: 'talking', elapsedSec: 2, count: 1 }])
    ports.take(2500)
    expect(read()).toEqual([
      { phase: 'talking', elapsedSec: 2, count: 1 },
      { phase: 'talking', elapsedSec: 0, count: 1 },
    ])
    ports.release(run)
    expect(read()).toEqual([{ phase: 'talking', elapsedSec: 0, count: 1 }])
  })
})
