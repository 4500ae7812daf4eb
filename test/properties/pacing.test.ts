// Property tests of pacing over random simulated runs: the 2-second rule cannot fire with one line
// per agent (R1.1, R1.2, R5.5), lines go only to agents who answered their reservation (R7.2), IVR
// campaigns never hold more ports than configured (R1.4), and the virtual clock always advances.
// A failure prints the fast-check seed and path (replay with FC_SEED=… FC_PATH=…) and the case.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { runScenario } from '../../src/sim/run.ts'
import { IVR_MODES } from '../../src/sim/scenario.ts'
import {
  fcParams,
  oneLinePerAgentCaseArbitrary,
  previewBlockedMidRunCaseArbitrary,
  type RunCase,
  runCaseArbitrary,
} from './arbitraries.ts'
import { runChecked } from './checkers/core.ts'
import { abandonChecker, answeredReservationChecker, ivrPortChecker } from './checkers/pacing.ts'
import { PREVIEW_RESERVATION_LIVELOCK } from './regressions.ts'
import { buildRun } from './run-setup.ts'

const RUNS = 25

describe('pacing properties over random simulated runs', () => {
  it('R1.1, R1.2, R5.5: preview and progressive with dial rate 1 never abandon a customer (2-second rule)', () => {
    let liveVoice = 0
    fc.assert(
      fc.property(oneLinePerAgentCaseArbitrary(), (runCase: RunCase) => {
        let counted: ReturnType<typeof abandonChecker> | null = null
        const { violations } = runChecked(runCase, () => (counted = abandonChecker()))
        liveVoice += counted!.outcomes.LIVE_VOICE ?? 0
        expect(violations).toEqual([])
      }),
      fcParams(RUNS),
    )
    expect(liveVoice).toBeGreaterThan(0)
  })

  it('R1.2, R7.2: with one line per agent, customers are dialled only for agents who answered their reservation', () => {
    let dials = 0
    fc.assert(
      fc.property(oneLinePerAgentCaseArbitrary(), (runCase: RunCase) => {
        let counted = { dials: 0 }
        const { violations } = runChecked(runCase, () => (counted = answeredReservationChecker()))
        dials += counted.dials
        expect(violations).toEqual([])
      }),
      fcParams(RUNS),
    )
    expect(dials).toBeGreaterThan(0)
  })

  it('R1.4: IVR ports held never exceed ivrPorts; each is held and released once, by a LIVE_VOICE call', () => {
    let held = 0
    fc.assert(
      fc.property(runCaseArbitrary({ modes: IVR_MODES }), (runCase: RunCase) => {
        let counted = { held: 0 }
        const { violations, setup } = runChecked(runCase, (s) => (counted = ivrPortChecker(s)))
        held += counted.held
        expect(setup.campaign().ivrPorts).toBeGreaterThan(0)
        expect(violations).toEqual([])
      }),
      fcParams(RUNS),
    )
    expect(held).toBeGreaterThan(0)
  })

  it('R1.1, R7.2, R8: virtual time always advances (no reserve/release loop of agents at one instant)', () => {
    fc.assert(
      fc.property(
        fc.oneof(runCaseArbitrary(), previewBlockedMidRunCaseArbitrary()),
        (runCase: RunCase) => {
          const setup = buildRun(runCase)
          // buildRun's observer throws a LivelockError when the clock stops advancing.
          expect(() => runScenario(setup.scenario, setup.options)).not.toThrow()
        },
      ),
      fcParams(RUNS, [PREVIEW_RESERVATION_LIVELOCK]),
    )
  })
})
