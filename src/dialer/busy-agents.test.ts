// Goal: the busy agents kept as agents change state reach the pacing snapshot as counts per
// (phase, whole second in it), phase by phase, oldest first; an agent is counted once, where it
// is busy now.
import { describe, expect, it } from 'vitest'
import { BusyAgents } from './busy-agents.ts'

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
})
