// Property tests of the compliance gate in the dial path (R5.4, R5.5), over random simulated runs:
// random scenarios in all five modes and every pacing policy, contacts with 1–3 numbers in zones
// around the world, internal and national DNC lists (some numbers added during the run, as a
// customer would ask from the desktop), real calling windows and repeat-after-abandon blocks.
// A failure prints the fast-check seed and path (replay with FC_SEED=… FC_PATH=…) and the case.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fcParams, type RunCase, runCaseArbitrary } from './arbitraries.ts'
import {
  dncChecker,
  minRingChecker,
  repeatAfterAbandonChecker,
  retryChecker,
  windowChecker,
} from './checkers/compliance.ts'
import { runChecked } from './checkers/core.ts'
import { RING_LIMIT_BELOW_MINIMUM_RING } from './regressions.ts'

const RUNS = 25

describe('compliance properties over random simulated runs', () => {
  it('R5.4: no number on an internal or the national DNC list is ever dialled, nor on a stale or missing national copy', () => {
    let dials = 0
    let blocked = 0
    fc.assert(
      fc.property(runCaseArbitrary(), (runCase: RunCase) => {
        let seen = { dials: 0, blocked: 0 }
        const { violations } = runChecked(runCase, (setup) => {
          const checker = dncChecker(setup)
          seen = checker
          return checker
        })
        dials += seen.dials
        blocked += seen.blocked
        expect(violations).toEqual([])
      }),
      fcParams(RUNS),
    )
    // Not vacuous: the runs dialled, and the gate refused some contacts.
    expect(dials).toBeGreaterThan(0)
    expect(blocked).toBeGreaterThan(0)
  })

  it('R5.5: no dial outside the calling window in the contact’s local time (its own zone, else the campaign’s)', () => {
    let dials = 0
    fc.assert(
      fc.property(runCaseArbitrary(), (runCase: RunCase) => {
        let counted = { dials: 0 }
        const { violations } = runChecked(runCase, (setup) => (counted = windowChecker(setup)))
        dials += counted.dials
        expect(violations).toEqual([])
      }),
      fcParams(RUNS),
    )
    expect(dials).toBeGreaterThan(0)
  })

  it('R5.5: no number is dialled again within repeatAfterAbandonSec of its abandoned call', () => {
    fc.assert(
      fc.property(runCaseArbitrary(), (runCase: RunCase) => {
        const { violations } = runChecked(runCase, repeatAfterAbandonChecker)
        expect(violations).toEqual([])
      }),
      fcParams(RUNS),
    )
  })

  it('R5.2: contacts are retried only as the retry rules allow (final outcomes, counts, daily quota, delays)', () => {
    let retries = 0
    fc.assert(
      fc.property(runCaseArbitrary(), (runCase: RunCase) => {
        let counted = { retries: 0 }
        const { violations } = runChecked(runCase, (setup) => (counted = retryChecker(setup)))
        retries += counted.retries
        expect(violations).toEqual([])
      }),
      fcParams(RUNS),
    )
    expect(retries).toBeGreaterThan(0)
  })

  it('R5.5, R2.3: no ringing call is given up before the profile’s minimum ring time', () => {
    let noAnswers = 0
    fc.assert(
      fc.property(runCaseArbitrary(), (runCase: RunCase) => {
        let counted = { noAnswers: 0 }
        const { violations } = runChecked(runCase, (setup) => (counted = minRingChecker(setup)))
        noAnswers += counted.noAnswers
        expect(violations).toEqual([])
      }),
      fcParams(RUNS, [RING_LIMIT_BELOW_MINIMUM_RING]),
    )
    expect(noAnswers).toBeGreaterThan(0)
  })
})
