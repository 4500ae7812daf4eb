// Test support: the public scenarios of bench/scenarios, parsed.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { loadScenarioText, type Scenario } from '../../src/sim/scenario.ts'

export const SCENARIO_DIR = join(import.meta.dirname, '..', '..', 'bench', 'scenarios')

export function loadScenario(name: string): Scenario {
  const file = join(SCENARIO_DIR, `${name}.json`)
  const loaded = loadScenarioText(readFileSync(file, 'utf8'), file)
  if (!loaded.ok) throw new Error(`${file}: ${JSON.stringify(loaded.errors)}`)
  return loaded.scenario
}
