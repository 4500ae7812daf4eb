// Goal: the renewal-theory occupancy of progressive 1:1 matches a hand calculation on
// progressive-analytic.json, the truncated answer-time moments are right for every distribution,
// and the cycle formula agrees with an independent Monte Carlo of the same customer model.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { isAgentScenario, parseScenario, type Scenario } from '../../src/sim/scenario.ts'
import {
  type Distribution,
  meanSec,
  sampleSec,
} from '../../src/telephony/simulated/distributions.ts'
import { createRng, createStream } from '../../src/telephony/simulated/rng.ts'
import { progressiveCycle, progressiveOccupancy, withinLimit } from './analytic.ts'

const SCENARIO_DIR = join(import.meta.dirname, '../../bench/scenarios')

function loadScenario(fileName: string, overrides: Record<string, unknown> = {}): Scenario {
  const json = JSON.parse(readFileSync(join(SCENARIO_DIR, fileName), 'utf8'))
  const result = parseScenario({ ...json, ...overrides })
  if (!result.ok) throw new Error(JSON.stringify(result.errors))
  return result.scenario
}

describe('progressiveOccupancy', () => {
  it('matches the hand calculation for progressive-analytic.json', () => {
    // live 0.40, busy 0.20 (3 s), no answer 0.40 (rings the 20 s limit); answer U(2, 10) s is
    // always within the limit, so E[answer | live] = 6 s; no AMD, no machines.
    // Failed cost per dial = 0.20·3 + 0.40·20 = 8.6 s; E[time to live] = 8.6/0.4 + 6 = 27.5 s.
    // Occupancy = 120 / (120 + 10 + 27.5) = 0.761904…
    const scenario = loadScenario('progressive-analytic.json')
    const cycle = progressiveCycle(scenario)
    expect(cycle.liveConnectProbability).toBeCloseTo(0.4, 12)
    expect(cycle.failedCostPerDialSec).toBeCloseTo(8.6, 12)
    expect(cycle.timeToLiveSec).toBeCloseTo(27.5, 12)
    expect(cycle.dialsPerConnect).toBeCloseTo(2.5, 12)
    expect(progressiveOccupancy(scenario)).toBeCloseTo(120 / 157.5, 12)
  })

  it('turns live people who answer after the ring limit into no answers', () => {
    // Answer U(10, 30) with a 20 s limit: half the live people ring out (cost 20 s), the others
    // answer after 15 s on average. p = 0.4·0.5 = 0.2; failures: 0.2·3 + (0.4 + 0.2)·20 = 12.6 s.
    const scenario = loadScenario('progressive-analytic.json', {
      answerSec: { dist: 'uniform', min: 10, max: 30 },
    })
    const cycle = progressiveCycle(scenario)
    expect(cycle.liveConnectProbability).toBeCloseTo(0.2, 12)
    expect(cycle.timeToLiveSec).toBeCloseTo(12.6 / 0.2 + 15, 10)
    expect(cycle.occupancy).toBeCloseTo(120 / (120 + 10 + 78), 10)
  })

  it('adds the reservation answer once per connect', () => {
    const scenario = loadScenario('progressive-analytic.json', {
      reservationAnswerSec: { dist: 'const', value: 4 },
    })
    expect(progressiveOccupancy(scenario)).toBeCloseTo(120 / 161.5, 12)
  })

  it('uses the message time and no wrap-up for IVR ports', () => {
    const scenario = loadScenario('ivr-predictive.json')
    const cycle = progressiveCycle(scenario)
    expect(cycle.talkMeanSec).toBe(35)
    expect(cycle.wrapMeanSec).toBe(0)
    expect(cycle.occupancy).toBeCloseTo(35 / (35 + cycle.timeToLiveSec), 12)
  })

  it('takes the outcome set to evaluate, for a drifting day', () => {
    const scenario = loadScenario('drift.json', { mode: 'progressive' })
    const low = progressiveOccupancy(scenario, scenario.schedule[0]!.outcomes)
    expect(low).toBeLessThan(progressiveOccupancy(scenario))
  })
})

/** Direct simulation of one agent's progressive 1:1 cycles: an independent model of the formula. */
function monteCarloOccupancy(scenario: Scenario, cycles: number): number {
  if (!isAgentScenario(scenario)) throw new Error('agent scenario expected')
  const rng = createRng(scenario.seed)
  const outcomeRandom = rng.stream('outcome')
  const durationRandom = rng.stream('durations')
  const sample = (dist: Distribution) => sampleSec(dist, durationRandom)
  const { amd, outcomes } = scenario
  let talkSec = 0
  let staffedSec = 0
  for (let cycle = 0; cycle < cycles; cycle++) {
    staffedSec += sample(scenario.reservationAnswerSec)
    for (;;) {
      const u = outcomeRandom.next()
      if (u < outcomes.busy) {
        staffedSec += sample(scenario.busySec)
        continue
      }
      if (u < outcomes.busy + outcomes.sit) {
        staffedSec += sample(scenario.sitSec)
        continue
      }
      const isLive = u < outcomes.busy + outcomes.sit + outcomes.live
      const isMachine = !isLive && u < 1 - outcomes.noAnswer
      const answerSec = sample(scenario.answerSec)
      if ((!isLive && !isMachine) || answerSec > scenario.ringLimitSec) {
        staffedSec += scenario.ringLimitSec
        continue
      }
      staffedSec += answerSec + (amd.enabled ? sample(amd.decisionSec) : 0)
      if (isMachine) {
        if (!amd.enabled || outcomeRandom.bernoulli(amd.machineAsHuman)) {
          staffedSec += sample(scenario.machineTalkSec) + sample(scenario.wrapSec)
          staffedSec += sample(scenario.reservationAnswerSec)
        }
        continue
      }
      if (outcomeRandom.bernoulli(scenario.customerLeftPct / 100)) continue
      if (amd.enabled && outcomeRandom.bernoulli(amd.humanAsMachine)) continue
      const talk = sample(scenario.talkSec)
      talkSec += talk
      staffedSec += talk + sample(scenario.wrapSec)
      break
    }
  }
  return talkSec / staffedSec
}

describe('progressiveCycle against a Monte Carlo of the customer model', () => {
  const cases: [string, Record<string, unknown>][] = [
    ['progressive-analytic.json', {}],
    ['small-team.json', { mode: 'progressive', dialRate: 1, customerLeftPct: 3 }],
    ['drift.json', { mode: 'progressive', amd: { enabled: false }, ringLimitSec: 10 }],
    ['large-stationary.json', { reservationAnswerSec: { dist: 'exp', mean: 3 } }],
  ]
  for (const [fileName, overrides] of cases) {
    it(`agrees within 1 % relative on ${fileName} ${JSON.stringify(overrides)}`, () => {
      const scenario = loadScenario(fileName, overrides)
      const simulated = monteCarloOccupancy(scenario, 200_000)
      const analytic = progressiveOccupancy(scenario)
      expect(Math.abs(simulated / analytic - 1)).toBeLessThan(0.01)
    })
  }
})

describe('withinLimit', () => {
  it('is exact for const and uniform', () => {
    expect(withinLimit({ dist: 'const', value: 20 }, 20)).toEqual({
      probability: 1,
      conditionalMeanSec: 20,
    })
    expect(withinLimit({ dist: 'const', value: 21 }, 20).probability).toBe(0)
    expect(withinLimit({ dist: 'uniform', min: 10, max: 30 }, 25)).toEqual({
      probability: 0.75,
      conditionalMeanSec: 17.5,
    })
    expect(withinLimit({ dist: 'uniform', min: 10, max: 30 }, 5).probability).toBe(0)
    expect(withinLimit({ dist: 'uniform', min: 4, max: 4 }, 5).conditionalMeanSec).toBe(4)
  })

  const monteCarlo = (dist: Distribution, limitSec: number) => {
    const random = createStream(77, 'within')
    let count = 0
    let sum = 0
    const samples = 400_000
    for (let index = 0; index < samples; index++) {
      const value = sampleSec(dist, random)
      if (value > limitSec) continue
      count++
      sum += value
    }
    return { probability: count / samples, conditionalMeanSec: sum / count }
  }

  const continuous: [Distribution, number][] = [
    [{ dist: 'exp', mean: 10 }, 20],
    [{ dist: 'lognormal', mean: 9, cv: 0.4 }, 12],
    [{ dist: 'lognormal', mean: 10, cv: 0.9 }, 20],
  ]
  for (const [dist, limitSec] of continuous) {
    it(`matches a Monte Carlo for ${JSON.stringify(dist)} truncated at ${limitSec} s`, () => {
      const exact = withinLimit(dist, limitSec)
      const simulated = monteCarlo(dist, limitSec)
      expect(Math.abs(exact.probability - simulated.probability)).toBeLessThan(0.003)
      expect(Math.abs(exact.conditionalMeanSec / simulated.conditionalMeanSec - 1)).toBeLessThan(
        0.005,
      )
    })
  }

  it('recovers the full mean when the limit is far in the tail', () => {
    for (const dist of [
      { dist: 'lognormal', mean: 9, cv: 0.4 },
      { dist: 'lognormal', mean: 9, cv: 3 },
      { dist: 'exp', mean: 9 },
    ] as const) {
      const result = withinLimit(dist, 1e6)
      expect(result.probability).toBeCloseTo(1, 6)
      expect(result.conditionalMeanSec).toBeCloseTo(meanSec(dist), 4)
    }
  })
})
