// The benchmark's scenario set: every bench/scenarios/*.json, parsed by the simulator's own loader
// so a file the benchmark accepts is exactly a file `outdial sim` accepts.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  formatScenarioErrors,
  isAgentScenario,
  loadScenarioText,
  type Scenario,
} from '../../src/sim/scenario.ts'
import { meanSec } from '../../src/telephony/simulated/distributions.ts'
import type { ScenarioInfo } from './types.ts'

/**
 * `--quick` keeps the scenarios of at most this many staffed server-seconds (about 55
 * server-hours: the teams of under ten agents), which run in seconds.
 */
export const SMALL_SCENARIO_SERVER_SEC_MAX = 200_000

export function scenarioNamesIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .map((name) => name.slice(0, -'.json'.length))
    .sort()
}

export function loadScenarioInfo(dir: string, name: string): ScenarioInfo {
  const file = join(dir, `${name}.json`)
  const loaded = loadScenarioText(readFileSync(file, 'utf8'), file)
  if (!loaded.ok) throw new Error(formatScenarioErrors(file, loaded.errors))
  const scenario = loaded.scenario
  const agents = isAgentScenario(scenario)
  return {
    name,
    file,
    scenario,
    servers: agents ? scenario.agents : scenario.ivrPorts,
    serverLabel: agents ? 'agents' : 'IVR ports',
  }
}

export type ScenarioSelection =
  | { kind: 'all' }
  | { kind: 'small' }
  | { kind: 'named'; names: string[] }

export function selectScenarios(dir: string, selection: ScenarioSelection): ScenarioInfo[] {
  const available = scenarioNamesIn(dir)
  if (selection.kind === 'named') {
    const unknown = selection.names.filter((name) => !available.includes(name))
    if (unknown.length > 0) {
      throw new Error(`unknown scenario(s) ${unknown.join(', ')}: have ${available.join(', ')}`)
    }
  }
  const wanted = selection.kind === 'named' ? [...new Set(selection.names)].sort() : available
  const infos = wanted.map((name) => loadScenarioInfo(dir, name))
  if (selection.kind !== 'small') return infos
  return infos.filter(
    (info) => info.servers * info.scenario.durationSec <= SMALL_SCENARIO_SERVER_SEC_MAX,
  )
}

/**
 * A rough cost of one simulated day (calls handled ≈ server-seconds / holding time), used only to
 * start the slowest scenarios first so that their sequential fixed-best searches do not finish
 * last on an otherwise idle machine. It never affects the figures.
 */
export function costEstimate(info: ScenarioInfo): number {
  const scenario: Scenario = info.scenario
  const holdingSec = isAgentScenario(scenario)
    ? meanSec(scenario.talkSec) + meanSec(scenario.wrapSec)
    : meanSec(scenario.messageSec)
  return (info.servers * scenario.durationSec) / Math.max(1, holdingSec)
}
