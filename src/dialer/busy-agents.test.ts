// Goal: the busy agents kept as agents change state reach the pacing snapshot as counts per
// (phase, whole second in it), phase by phase, oldest first; an agent is counted once, where it
// is busy now.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { BusyServerGroup } from '../pacing/model.ts'
import { BusyAgents, type Phase } from './busy-agents.ts'

const PHASES: readonly Phase[] = ['reserving', 'talking', 'wrapUp']

/** The groups from every agent's phase and entry instant, one by one. */
function naiveGroups(agents: Map<string, { phase: Phase; sinceMs: number }>, nowMs: number) {
  const groups: BusyServerGroup[] = []
  for (const phase of PHASES) {
    const instants = [...agents.values()]
      .filter((agent) => agent.phase === phase)
      .map((agent) => agent.sinceMs)
      .sort((a, b) => a - b)
    for (const sinceMs of instants) {
      const elapsedSec = Math.floor((nowMs - sinceMs) / 1000)
      const last = groups.at(-1)
      if (last?.phase === phase && last.elapsedSec === elapsedSec) last.count += 1
      else groups.push({ phase, elapsedSec, count: 1 })
    }
  }
  return groups
}

describe('BusyAgents (issue 15, engine speed)', () => {
  it('groups agents per phase and whole second, oldest first, and moves an agent between phases', () => {
    const busy = new BusyAgents()
    busy.add('a', 'talking', 1000)
    busy.add('b', 'talking', 1400)
    busy.add('c', 'reserving', 2000)
    busy.add('d', 'wrapUp', 2500)
    expect(busy.size).toBe(4)
    expect(busy.groupsAt(5500)).toEqual([
      { phase: 'reserving', elapsedSec: 3, count: 1 },
      { phase: 'talking', elapsedSec: 4, count: 2 },
      { phase: 'wrapUp', elapsedSec: 3, count: 1 },
    ])
    expect(busy.holds('a', 'talking', 1000)).toBe(true)
    busy.remove('a')
    busy.add('a', 'wrapUp', 3000)
    busy.remove('unknown')
    expect(busy.holds('a', 'talking', 1000)).toBe(false)
    expect(busy.size).toBe(4)
    expect(busy.groupsAt(5400)).toEqual([
      { phase: 'reserving', elapsedSec: 3, count: 1 },
      { phase: 'talking', elapsedSec: 4, count: 1 },
      { phase: 'wrapUp', elapsedSec: 2, count: 2 },
    ])
  })

  it('reads again at the same instant: the same groups until an agent changes phase', () => {
    const busy = new BusyAgents()
    busy.add('a', 'talking', 0)
    const read = () => busy.groupsAt(4000).map((group) => ({ ...group }))
    expect(read()).toEqual([{ phase: 'talking', elapsedSec: 4, count: 1 }])
    expect(read()).toEqual([{ phase: 'talking', elapsedSec: 4, count: 1 }])
    busy.remove('a')
    busy.add('a', 'wrapUp', 4000)
    expect(read()).toEqual([{ phase: 'wrapUp', elapsedSec: 0, count: 1 }])
    busy.remove('a')
    expect(read()).toEqual([])
  })

  it('groups as counting every agent one by one would, through entries and exits (property)', () => {
    const step = fc.record({
      agent: fc.integer({ min: 0, max: 9 }),
      phase: fc.constantFrom<Phase>(...PHASES),
      leave: fc.boolean(),
      afterMs: fc.constantFrom(0, 0, 1, 250, 999, 1000, 1750),
    })
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        const busy = new BusyAgents()
        const agents = new Map<string, { phase: Phase; sinceMs: number }>()
        let nowMs = 0
        for (const { agent, phase, leave, afterMs } of steps) {
          nowMs += afterMs
          const id = `a${agent}`
          busy.remove(id)
          agents.delete(id)
          if (!leave) {
            busy.add(id, phase, nowMs)
            agents.set(id, { phase, sinceMs: nowMs })
          }
          const at = nowMs + 1234
          expect(busy.groupsAt(at).map((group) => ({ ...group }))).toEqual(naiveGroups(agents, at))
          expect(busy.size).toBe(agents.size)
        }
      }),
    )
  })
})
