// Test support: runs one public scenario to the end in every campaign mode (issue 3).
import { describe, expect, it } from 'vitest'
import { ATTEMPT_OUTCOMES } from '../../../src/domain/outcomes.ts'
import { type SimResult, simulate } from '../../../src/sim/run.ts'
import { SCENARIO_MODES } from '../../../src/sim/scenario.ts'
import { tierDurationSec } from '../../tier.ts'
import { loadScenario } from '../scenario-files.ts'

/** A whole day of the largest public scenario in a mode it was not written for takes a while. */
const MODE_RUN_TIMEOUT_MS = 300_000

/** Runs the day, giving the event loop a turn after every step, so vitest keeps its worker alive. */
async function runDayYielding(...args: Parameters<typeof simulate>): Promise<SimResult> {
  const steps = simulate(...args)
  for (;;) {
    const step = steps.next()
    if (step.done) return step.value
    await new Promise<void>((resolve) => setImmediate(resolve))
  }
}

export function runsEveryMode(name: string): void {
  describe(`R1: every mode runs ${name}.json to the end`, () => {
    for (const mode of SCENARIO_MODES) {
      it(`${mode}`, { timeout: MODE_RUN_TIMEOUT_MS }, async () => {
        const full = loadScenario(name)
        const scenario = { ...full, durationSec: tierDurationSec(full.durationSec) }
        const result = await runDayYielding(scenario, { mode })
        expect(result.mode).toBe(mode)
        expect(result.dials).toBeGreaterThan(0)
        const outcomeSum = ATTEMPT_OUTCOMES.reduce((sum, o) => sum + result.outcomes[o], 0)
        expect(outcomeSum).toBe(result.dials)
        expect(result.outcomes.UNKNOWN).toBe(0)
        expect(result.occupancyPct).toBeGreaterThan(0)
        expect(result.occupancyPct).toBeLessThanOrEqual(100)
        expect(result.connects).toBeGreaterThan(0)
        if (mode === 'preview') expect(result.outcomes.ABANDONED).toBe(0)
      })
    }
  })
}
