// Goal: the outcome-to-event table is complete, frozen, and uses only the port's event names (the
// type check against the dialer's port itself is test/media/telephony-map.test.ts, outside the
// media layer, which may not import the dialer).
import { describe, expect, it } from 'vitest'
import { CPA_OUTCOME_EVENTS } from './telephony-map.ts'

describe('CPA_OUTCOME_EVENTS', () => {
  it('covers the five decisions with cpa or failed events and cannot be changed', () => {
    expect(Object.isFrozen(CPA_OUTCOME_EVENTS)).toBe(true)
    for (const event of Object.values(CPA_OUTCOME_EVENTS)) {
      if (event.kind === 'cpa') expect(['live', 'machine', 'fax']).toContain(event.decision)
      else expect(event).toEqual({ kind: 'failed', reason: 'sit' })
    }
    expect(CPA_OUTCOME_EVENTS.deadAir).toEqual(CPA_OUTCOME_EVENTS.live)
  })
})
