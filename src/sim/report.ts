// Printing a simulation result: a table for people, one JSON object for machines. Numbers are
// rounded to fixed decimals so the same run prints the same bytes.
import { ATTEMPT_OUTCOMES } from '../domain/outcomes.ts'
import type { SimResult } from './run.ts'

const DECIMALS = 4

export function round(value: number, decimals = DECIMALS): number {
  const factor = 10 ** decimals
  return Math.round(value * factor) / factor
}

export function resultJson(result: SimResult): string {
  const object = {
    scenario: result.scenario,
    seed: result.seed,
    policy: result.policy,
    mode: result.mode,
    occupancyPct: round(result.occupancyPct),
    abandonRatePct: round(result.abandonRatePct),
    worstWindowAbandonPct: round(result.worstWindowAbandonPct),
    connectsPerAgentHour: round(result.connectsPerAgentHour),
    meanAgentWaitSec: round(result.meanAgentWaitSec),
    dialsPerConnect: round(result.dialsPerConnect),
    dials: result.dials,
    connects: result.connects,
    abandoned: result.abandoned,
    hiddenAbandons: result.hiddenAbandons,
    outcomes: result.outcomes,
    ...(result.inbound
      ? {
          inbound: {
            offered: result.inbound.offered,
            answered: result.inbound.answered,
            meanWaitSec: round(result.inbound.meanWaitSec),
            answeredWithin20sPct: round(result.inbound.answeredWithin20sPct),
          },
        }
      : {}),
  }
  return JSON.stringify(object)
}

export function formatResultTable(result: SimResult): string {
  const rows: [string, string][] = [
    ['scenario', result.scenario],
    ['mode', result.mode],
    ['policy', result.policy],
    ['seed', String(result.seed)],
    ['occupancy', `${result.occupancyPct.toFixed(2)} %`],
    ['abandon rate (run)', `${result.abandonRatePct.toFixed(2)} %`],
    ['abandon rate (worst window)', `${result.worstWindowAbandonPct.toFixed(2)} %`],
    ['live connects per agent-hour', result.connectsPerAgentHour.toFixed(2)],
    ['mean agent wait (s)', result.meanAgentWaitSec.toFixed(1)],
    ['dials per connect', result.dialsPerConnect.toFixed(2)],
    ['dials', String(result.dials)],
    ['abandoned (of which AMD on people)', `${result.abandoned} (${result.hiddenAbandons})`],
  ]
  for (const outcome of ATTEMPT_OUTCOMES) {
    if (result.outcomes[outcome] > 0) rows.push([`  ${outcome}`, String(result.outcomes[outcome])])
  }
  if (result.inbound) {
    rows.push([
      'inbound offered / answered',
      `${result.inbound.offered} / ${result.inbound.answered}`,
    ])
    rows.push(['inbound mean wait (s)', result.inbound.meanWaitSec.toFixed(1)])
    rows.push(['inbound answered ≤ 20 s', `${result.inbound.answeredWithin20sPct.toFixed(1)} %`])
  }
  const width = Math.max(...rows.map(([k]) => k.length))
  return `${rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n')}\n`
}
