// Closed-form expectations the simulator is held to (docs/benchmarks.md "Method: analytic check",
// docs/pacing.md §6). Progressive 1:1 is a renewal process per agent: after wrap-up the agent is
// reserved, the dialer dials one line at a time until a live person is connected, then talk and
// wrap-up follow. Renewal-reward gives
//
//   occupancy = E[talk] / (E[reservation] + E[time to reach a live person] + E[talk] + E[wrap])
//
// which is E[talk] / (E[talk] + E[wrap] + E[time to live]) when the reservation
// call is answered at once (the default). Each dial is an independent trial; it "succeeds" (a live
// person reaches the agent) with probability p, so the number of failed dials before success is
// geometric with mean (1 − p)/p, and by Wald's identity
//
//   E[time to live] = E[cost of a failed dial] · (1 − p)/p + E[cost of the successful dial]
//                   = (Σ_f P(f) · cost_f) / p  +  E[answer | answered within the ring limit] + E[D]
//
// where D is the AMD decision time (0 without AMD) and the failures f, with A the answer time, L the
// ring limit, q = P(A ≤ L), c = customerLeftPct/100, h/m the AMD error rates, are:
//   busy → E[busySec]; SIT → E[sitSec]; no answer → L;
//   live or machine with A > L (rings out) → L;
//   live answered, hangs up before CPA completes (c) → E[A | A ≤ L] + E[D]  (approximation: the
//     scenario does not say when in the CPA window they leave; this is the upper bound);
//   live answered, AMD says machine (h) → E[A | A ≤ L] + E[D] (hung up on);
//   machine answered, AMD says machine (1 − m) → E[A | A ≤ L] + E[D] (hung up on);
//   machine answered and passed on (m with AMD, always without AMD) → E[A | A ≤ L] + E[D]
//     + E[machineTalk] + E[wrap] + E[reservation] (the agent wraps up and is reserved again).
// and p = live · q · (1 − c) · (1 − h with AMD).
// Assumptions: an answer exactly at the ring limit counts as answered; the agent stays on its
// reservation across failed dials (R7.2), so the reservation is paid once per connect; no pacing
// delay between a failed dial and the next. dialRate is ignored: this is the 1:1 value.
// IVR modes use the same cycle with messageSec as talk and no wrap-up or reservation.

import { assertNever, invariant } from '../../src/domain/invariant.ts'
import { isAgentScenario, type Scenario } from '../../src/sim/scenario.ts'
import type { Outcomes } from '../../src/telephony/simulated/customer-model.ts'
import {
  type Distribution,
  lognormalParams,
  meanSec,
} from '../../src/telephony/simulated/distributions.ts'

/** Simpson intervals for the lognormal integral; error ~1e-12 at the scenarios' parameters. */
const SIMPSON_INTERVALS = 4000
/** The normal density beyond this many standard deviations is below 1e-22: treat as zero. */
const NORMAL_TAIL_SIGMAS = 10

export interface WithinLimit {
  /** P(X ≤ limitSec). */
  probability: number
  /** E[X | X ≤ limitSec] in seconds; 0 when the probability is 0. */
  conditionalMeanSec: number
}

/** P(X ≤ limit) and E[X | X ≤ limit]: exact for const, uniform and exp; numeric for lognormal. */
export function withinLimit(dist: Distribution, limitSec: number): WithinLimit {
  invariant(limitSec >= 0, 'limitSec must be ≥ 0')
  switch (dist.dist) {
    case 'const':
      return dist.value <= limitSec
        ? { probability: 1, conditionalMeanSec: dist.value }
        : { probability: 0, conditionalMeanSec: 0 }
    case 'uniform': {
      if (dist.max === dist.min) return withinLimit({ dist: 'const', value: dist.min }, limitSec)
      if (limitSec < dist.min) return { probability: 0, conditionalMeanSec: 0 }
      const upperSec = Math.min(limitSec, dist.max)
      const probability = (upperSec - dist.min) / (dist.max - dist.min)
      return { probability, conditionalMeanSec: (dist.min + upperSec) / 2 }
    }
    case 'exp': {
      if (dist.mean === 0) return { probability: 1, conditionalMeanSec: 0 }
      const tail = Math.exp(-limitSec / dist.mean)
      const probability = 1 - tail
      if (probability === 0) return { probability: 0, conditionalMeanSec: 0 }
      // E[X; X ≤ L] = m(1 − e^(−L/m)) − L·e^(−L/m)
      const partialSec = dist.mean * probability - limitSec * tail
      return { probability, conditionalMeanSec: partialSec / probability }
    }
    case 'lognormal':
      return lognormalWithinLimit(dist.mean, dist.cv, limitSec)
    default:
      return assertNever(dist, 'distribution')
  }
}

/**
 * Integrates in log space, y = ln x, where the lognormal is a plain normal N(mu, sigma²):
 * P = ∫ φ_y dy and E[X; X ≤ L] = ∫ e^y φ_y dy over y ≤ ln L. Simpson's rule on a smooth integrand.
 */
function lognormalWithinLimit(meanSec: number, cv: number, limitSec: number): WithinLimit {
  if (meanSec === 0 || cv === 0) return withinLimit({ dist: 'const', value: meanSec }, limitSec)
  const { mu, sigma } = lognormalParams(meanSec, cv)
  const lowY = mu - NORMAL_TAIL_SIGMAS * sigma
  // e^y·φ_y is a normal density centred on mu + sigma² (times E[X]): cover its tail as well.
  const tailY = mu + sigma * sigma + NORMAL_TAIL_SIGMAS * sigma
  const upperY = limitSec > 0 ? Math.min(Math.log(limitSec), tailY) : -Infinity
  if (!(upperY > lowY)) return { probability: 0, conditionalMeanSec: 0 }
  const stepY = (upperY - lowY) / SIMPSON_INTERVALS
  let probability = 0
  let partialSec = 0
  for (let index = 0; index <= SIMPSON_INTERVALS; index++) {
    const y = lowY + index * stepY
    const weight = index === 0 || index === SIMPSON_INTERVALS ? 1 : index % 2 === 1 ? 4 : 2
    const z = (y - mu) / sigma
    const density = Math.exp(-0.5 * z * z) / (sigma * Math.sqrt(2 * Math.PI))
    probability += weight * density
    partialSec += weight * density * Math.exp(y)
  }
  probability *= stepY / 3
  partialSec *= stepY / 3
  if (probability <= 0) return { probability: 0, conditionalMeanSec: 0 }
  return { probability: Math.min(probability, 1), conditionalMeanSec: partialSec / probability }
}

export interface ProgressiveCycle {
  /** p: probability that one dial connects a live person to the agent. */
  liveConnectProbability: number
  /** Σ_f P(f)·cost_f: expected seconds a dial spends on failures, per dial. */
  failedCostPerDialSec: number
  /** E[answer | answered in time] + E[AMD decision]: the successful dial's own cost. */
  successfulDialSec: number
  /** E[time to reach a live person] = failedCostPerDialSec / p + successfulDialSec. */
  timeToLiveSec: number
  reservationMeanSec: number
  talkMeanSec: number
  wrapMeanSec: number
  /** Expected dials per live connect: 1/p. */
  dialsPerConnect: number
  /** Agent (or port) occupancy as a fraction in [0, 1]. */
  occupancy: number
}

interface HoldTimes {
  talkMeanSec: number
  wrapMeanSec: number
  reservationMeanSec: number
}

function holdTimes(scenario: Scenario): HoldTimes {
  if (isAgentScenario(scenario)) {
    return {
      talkMeanSec: meanSec(scenario.talkSec),
      wrapMeanSec: meanSec(scenario.wrapSec),
      reservationMeanSec: meanSec(scenario.reservationAnswerSec),
    }
  }
  return { talkMeanSec: meanSec(scenario.messageSec), wrapMeanSec: 0, reservationMeanSec: 0 }
}

/** The renewal cycle of progressive 1:1 (formula in the file comment) under `outcomes`. */
export function progressiveCycle(
  scenario: Scenario,
  outcomes: Outcomes = scenario.outcomes,
): ProgressiveCycle {
  const hold = holdTimes(scenario)
  const ringLimitSec = scenario.ringLimitSec
  const answer = withinLimit(scenario.answerSec, ringLimitSec)
  const amd = scenario.amd
  const decisionSec = amd.enabled ? meanSec(amd.decisionSec) : 0
  const humanAsMachine = amd.enabled ? amd.humanAsMachine : 0
  const machinePassed = amd.enabled ? amd.machineAsHuman : 1
  const customerLeft = scenario.customerLeftPct / 100
  const answeredSec = answer.conditionalMeanSec + decisionSec
  const machineHeldSec =
    meanSec(scenario.machineTalkSec) + hold.wrapMeanSec + hold.reservationMeanSec

  const liveAnswered = outcomes.live * answer.probability
  const machineAnswered = outcomes.machine * answer.probability
  const liveConnectProbability = liveAnswered * (1 - customerLeft) * (1 - humanAsMachine)
  invariant(liveConnectProbability > 0, 'no live person can ever be connected: occupancy is 0')
  const liveLost = liveAnswered - liveConnectProbability
  const ringOuts = outcomes.noAnswer + (outcomes.live + outcomes.machine) * (1 - answer.probability)
  const failedCostPerDialSec =
    outcomes.busy * meanSec(scenario.busySec) +
    outcomes.sit * meanSec(scenario.sitSec) +
    ringOuts * ringLimitSec +
    liveLost * answeredSec +
    machineAnswered * (answeredSec + machinePassed * machineHeldSec)

  const timeToLiveSec = failedCostPerDialSec / liveConnectProbability + answeredSec
  const cycleSec = hold.reservationMeanSec + timeToLiveSec + hold.talkMeanSec + hold.wrapMeanSec
  invariant(cycleSec > 0, 'a progressive cycle must take time')
  return {
    liveConnectProbability,
    failedCostPerDialSec,
    successfulDialSec: answeredSec,
    timeToLiveSec,
    ...hold,
    dialsPerConnect: 1 / liveConnectProbability,
    occupancy: hold.talkMeanSec / cycleSec,
  }
}

/** Renewal-theory occupancy of progressive 1:1, as a fraction in [0, 1] (× 100 for %). */
export function progressiveOccupancy(
  scenario: Scenario,
  outcomes: Outcomes = scenario.outcomes,
): number {
  return progressiveCycle(scenario, outcomes).occupancy
}
