// The oracle ceiling (issue 15): knowing each busy agent's true remaining talk and wrap-up, chosen
// in hindsight like fixed-best, it beats fixed-best and progressive on a small stationary day with
// the cap held; and the oracle's look-ahead draws leave every other policy's day as it was.
import { describe, expect, it } from 'vitest'
import { findFixedBest } from '../../bench/pacing/fixed-best.ts'
import { findOracleBest, oracleHorizonsSec } from '../../bench/pacing/oracle-best.ts'
import type { SimPolicy } from '../../src/sim/policy.ts'
import { runScenario, type SimResult } from '../../src/sim/run.ts'
import { loadScenario } from '../sim/scenario-files.ts'

/** Two hours of small-team keep the two searches to a few seconds. */
const scenario = { ...loadScenario('small-team'), durationSec: 7200 }
const target = scenario.abandonTargetPct

function day(policy: SimPolicy): SimResult {
  return runScenario(scenario, { policy })
}

describe('the oracle baseline', () => {
  it('beats fixed-best and progressive on a small stationary day, with the cap held', async () => {
    const fixedBest = await findFixedBest(async (ratio) => {
      const r = day({ kind: 'fixed', ratio })
      return { ratio, occupancyPct: r.occupancyPct, abandonRatePct: r.abandonRatePct, result: r }
    }, target)
    const oracle = await findOracleBest(
      async (ratio, horizonSec) => {
        const r = day({ kind: 'oracle', ratio, horizonSec })
        const held = Math.max(r.abandonRatePct, r.worstWindowAbandonPct)
        return { ratio, horizonSec, occupancyPct: r.occupancyPct, abandonRatePct: held, result: r }
      },
      target,
      oracleHorizonsSec(scenario),
      fixedBest.best.ratio,
    )
    const progressive = day({ kind: 'progressive', linesPerServer: 1 })
    expect(oracle.infeasible).toBe(false)
    expect(oracle.best.result.policy).toMatch(/^oracle:/)
    expect(oracle.best.result.abandonRatePct).toBeLessThanOrEqual(target)
    expect(oracle.best.result.worstWindowAbandonPct).toBeLessThanOrEqual(target)
    expect(oracle.best.occupancyPct).toBeGreaterThan(fixedBest.best.occupancyPct)
    expect(oracle.best.occupancyPct).toBeGreaterThan(progressive.occupancyPct)
  }, 120_000)

  it('dials for more agents the further it looks ahead', () => {
    const now = day({ kind: 'oracle', ratio: 1.2, horizonSec: 0 })
    const ahead = day({ kind: 'oracle', ratio: 1.2, horizonSec: 10 })
    expect(ahead.dialsPerConnect).toBeGreaterThan(now.dialsPerConnect)
  }, 60_000)

  it('refuses an IVR day', () => {
    expect(() =>
      runScenario(loadScenario('ivr-predictive'), {
        policy: { kind: 'oracle', ratio: 2, horizonSec: 5 },
      }),
    ).toThrow(/agent scenarios only/)
  })
})
