// Property test: a simulated run is a function of its scenario, seed and options (docs/design.md
// "One core, two clocks"): two runs give deeply equal results and identical engine event logs.
// A failure prints the fast-check seed and path (replay with FC_SEED=… FC_PATH=…) and the case.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { runScenario } from '../../src/sim/run.ts'
import { fcParams, type RunCase, runCaseArbitrary } from './arbitraries.ts'
import { buildRun } from './run-setup.ts'

/** One run; each event is logged as JSON at the instant it is published (later mutation of an
 * object the engine still holds cannot change the log). */
function runLogged(runCase: RunCase) {
  const log: string[] = []
  const setup = buildRun(runCase, (event, nowMs) => log.push(`${nowMs} ${JSON.stringify(event)}`))
  const result = runScenario(setup.scenario, setup.options)
  return { result, log }
}

describe('determinism over random simulated runs', () => {
  it('the same scenario, seed and options give deeply equal results and identical event logs', () => {
    fc.assert(
      fc.property(runCaseArbitrary(), (runCase: RunCase) => {
        const first = runLogged(runCase)
        const second = runLogged(runCase)
        expect(second.result).toEqual(first.result)
        // The first difference, with a little context, rather than two huge arrays.
        const at = first.log.findIndex((line, i) => second.log[i] !== line)
        if (at >= 0) expect(second.log.slice(at, at + 3)).toEqual(first.log.slice(at, at + 3))
        expect(second.log.length).toBe(first.log.length)
      }),
      fcParams(15),
    )
  })
})
