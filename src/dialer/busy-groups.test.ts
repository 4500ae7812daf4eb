// Goal: busy agents reach the pacing snapshot as counts per (phase, whole second in it), each
// snapshot built afresh in the reused records.
import { describe, expect, it } from 'vitest'
import { BusyGroups } from './busy-groups.ts'

describe('BusyGroups (issue 15, engine speed)', () => {
  it('counts agents of one phase and whole second together, in first-seen order', () => {
    const groups = new BusyGroups()
    groups.begin()
    groups.add('talking', 12.4)
    groups.add('wrapUp', 12.9)
    groups.add('talking', 12.9)
    groups.add('reserving', 0.2)
    expect(groups.list()).toEqual([
      { phase: 'talking', elapsedSec: 12, count: 2 },
      { phase: 'wrapUp', elapsedSec: 12, count: 1 },
      { phase: 'reserving', elapsedSec: 0, count: 1 },
    ])
    groups.begin()
    groups.add('wrapUp', 3)
    expect(groups.list()).toEqual([{ phase: 'wrapUp', elapsedSec: 3, count: 1 }])
  })
})
