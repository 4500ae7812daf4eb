// Goal: the simulator is right before any pacing figure is trusted (docs/benchmarks.md
// "Method: analytic check", docs/pacing.md §6):
// progressive 1:1 on progressive-analytic.json matches the renewal-theory occupancy
// E[talk] / (E[talk] + E[wrap] + E[time to reach a live person]) within 1 % relative, the value
// computed here from the scenario's own parameters.
import { describe, expect, it } from 'vitest'
import { runScenario } from '../../src/sim/run.ts'
import { isAgentScenario } from '../../src/sim/scenario.ts'
import { meanSec } from '../../src/telephony/simulated/distributions.ts'
import { loadScenario } from './scenario-files.ts'

describe('R1.2 progressive 1:1 matches renewal theory', () => {
  it('occupancy within 1 % relative of the closed form on progressive-analytic.json', () => {
    const scenario = loadScenario('progressive-analytic')
    if (!isAgentScenario(scenario))
      throw new Error('progressive-analytic must be an agent scenario')
    // The closed form, from the file: answers are uniform(2, 10) < ring limit 20, no AMD, no
    // machines, no SIT; a failed dial costs busySec (busy) or the ring limit (no answer).
    const { live, busy, noAnswer } = scenario.outcomes
    expect(scenario.outcomes.machine + scenario.outcomes.sit).toBe(0)
    const failedCostSec =
      (busy * meanSec(scenario.busySec) + noAnswer * scenario.ringLimitSec) / (busy + noAnswer)
    const timeToLiveSec = (failedCostSec * (1 - live)) / live + meanSec(scenario.answerSec)
    const talkSec = meanSec(scenario.talkSec)
    const expected = talkSec / (talkSec + meanSec(scenario.wrapSec) + timeToLiveSec)

    const result = runScenario(scenario, { policy: { kind: 'progressive', linesPerServer: 1 } })
    const measured = result.occupancyPct / 100
    expect(Math.abs(measured - expected) / expected).toBeLessThan(0.01)
    expect(result.outcomes.ABANDONED).toBe(0)
    // The agent waits, on average, the time to reach a live person.
    expect(Math.abs(result.meanAgentWaitSec - timeToLiveSec) / timeToLiveSec).toBeLessThan(0.03)
  })
})
