// Test support for the simulator property tests: a checker watches a run's engine events
// (runScenario's `observe`) and collects every violation of one property, with enough context
// (time, ids) to find it again; `runChecked` runs a generated case under one checker.
import type { EngineEvent } from '../../../src/dialer/types.ts'
import { runScenario, SIM_START_MS, type SimResult } from '../../../src/sim/run.ts'
import type { RunCase } from '../arbitraries.ts'
import { buildRun, type RunSetup } from '../run-setup.ts'

/** At most this many violations are kept per run: the first ones tell the story. */
const VIOLATIONS_MAX = 5

export class Violations {
  readonly list: string[] = []
  count = 0
  add(atMs: number, message: string): void {
    this.count += 1
    if (this.list.length < VIOLATIONS_MAX)
      this.list.push(`t=+${((atMs - SIM_START_MS) / 1000).toFixed(3)}s ${message}`)
  }
  summary(): string[] {
    return this.count > this.list.length
      ? [...this.list, `… and ${this.count - this.list.length} more`]
      : this.list
  }
}

export interface Checker {
  observe(event: EngineEvent, nowMs: number): void
  /** After the run drained: checks on the totals. */
  finish?(result: SimResult): void
  readonly violations: Violations
}

export interface CheckedRun {
  setup: RunSetup
  result: SimResult
  violations: string[]
}

/** Runs the case once with the checker watching, and returns the violations it found. */
export function runChecked(
  runCase: RunCase,
  makeChecker: (setup: RunSetup) => Checker,
): CheckedRun {
  let checker: Checker | null = null
  const setup = buildRun(runCase, (event, nowMs) => checker!.observe(event, nowMs))
  checker = makeChecker(setup)
  const result = runScenario(setup.scenario, setup.options)
  checker.finish?.(result)
  return { setup, result, violations: checker.violations.summary() }
}
