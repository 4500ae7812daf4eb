// Property tests of the attempt lifecycle and of agents over random simulated runs (R2.1, R7, R8):
// every dial gets exactly one outcome and one close, no contact has two attempts open, no agent
// talks to two customers, including blended inbound calls.
// A failure prints the fast-check seed and path (replay with FC_SEED=… FC_PATH=…) and the case.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { AGENT_MODES } from '../../src/sim/scenario.ts'
import { fcParams, type RunCase, runCaseArbitrary } from './arbitraries.ts'
import {
  agentChecker,
  contactInFlightChecker,
  hangupPartyChecker,
  lifecycleChecker,
} from './checkers/attempts.ts'
import { runChecked } from './checkers/core.ts'
import { IVR_LIVE_VOICE_WITHOUT_HANGUP_PARTY } from './regressions.ts'

const RUNS = 25

describe('attempt and agent properties over random simulated runs', () => {
  it('R5.2: no contact has two attempts in flight at once (dial → attemptClosed), retries included', () => {
    let retries = 0
    fc.assert(
      fc.property(runCaseArbitrary(), (runCase: RunCase) => {
        let counted = { retries: 0 }
        const { violations } = runChecked(runCase, () => (counted = contactInFlightChecker()))
        retries += counted.retries
        expect(violations).toEqual([])
      }),
      fcParams(RUNS),
    )
    // Not vacuous: the short retry delays brought contacts back within the runs.
    expect(retries).toBeGreaterThan(0)
  })

  it('R2.1: every dial gets exactly one outcome and one attemptClosed; dials = Σ outcomes in the result', () => {
    fc.assert(
      fc.property(runCaseArbitrary(), (runCase: RunCase) => {
        const { violations } = runChecked(runCase, lifecycleChecker)
        expect(violations).toEqual([])
      }),
      fcParams(RUNS),
    )
  })

  it('R2.1: after a LIVE_VOICE connect, who hung up is recorded with the attempt', () => {
    fc.assert(
      fc.property(runCaseArbitrary(), (runCase: RunCase) => {
        const { violations } = runChecked(runCase, hangupPartyChecker)
        expect(violations).toEqual([])
      }),
      fcParams(RUNS, [IVR_LIVE_VOICE_WITHOUT_HANGUP_PARTY]),
    )
  })

  it('R7.3, R8: no agent is bridged to two customers at once (campaign and inbound calls)', () => {
    let bridges = 0
    let inbound = 0
    fc.assert(
      fc.property(runCaseArbitrary({ modes: AGENT_MODES }), (runCase: RunCase) => {
        let counted = { bridges: 0, inbound: 0 }
        const { violations } = runChecked(runCase, () => (counted = agentChecker()))
        bridges += counted.bridges
        inbound += counted.inbound
        expect(violations).toEqual([])
      }),
      fcParams(RUNS),
    )
    expect(bridges).toBeGreaterThan(0)
    expect(inbound).toBeGreaterThan(0)
  })
})
