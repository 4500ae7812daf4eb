// Test support for the simulator property tests: `buildRun` turns one generated case into fresh
// runScenario options every time it is called (the DNC registry is mutated during a run, so
// nothing may be shared between two runs), with a livelock guard and what the checkers need.
import { DncRegistry } from '../../src/compliance/dnc.ts'
import type { EngineCampaign, EngineEvent } from '../../src/dialer/types.ts'
import { SIM_ZONE } from '../../src/sim/build.ts'
import { SIM_START_MS, type SimOptions } from '../../src/sim/run.ts'
import { parseScenario, type Scenario, type ScenarioMode } from '../../src/sim/scenario.ts'
import type { RunCase } from './arbitraries.ts'
import {
  complianceOf,
  contactZone,
  hashString,
  INTERNAL_LIST,
  makeContactFor,
  nationalAgeSecOf,
  numberOf,
  retryRulesOf,
  UNIQUE_NUMBERS_LISTED,
  unit,
} from './world.ts'

export function parseOrThrow(json: Record<string, unknown>): Scenario {
  const parsed = parseScenario(json)
  if (!parsed.ok) throw new Error(`generated scenario is invalid: ${JSON.stringify(parsed.errors)}`)
  return parsed.scenario
}

/** What the checkers need to know about a run besides its events. */
export interface RunSetup {
  scenario: Scenario
  /** The mode the run really has (the override, else the scenario's). */
  mode: ScenarioMode
  options: SimOptions
  dnc: DncRegistry
  /** The national copy's load time, or null when none was loaded. */
  nationalLoadedAtMs: number | null
  /** The campaign as the engine received it (after adjustCampaign), set when the run starts. */
  campaign(): EngineCampaign
  /** The zone each contact's dials must carry. */
  expectedZone(contactId: string): string
}

/**
 * Events the engine may publish at one virtual instant before the run counts as a livelock (the
 * engine keeps acting without letting the clock advance). The busiest instant of 150 generated
 * runs published 164 events; a livelock publishes millions, until SIM_EVENTS_MAX.
 */
export const SAME_INSTANT_EVENTS_MAX = 20_000

export class LivelockError extends Error {
  override name = 'LivelockError'
}

/**
 * Fresh options for one run of the case. `observe` sees every event first; then, on an attempt's
 * close, the customer may ask to be put on the internal DNC list (R5.4: "added from the desktop").
 * A run whose virtual clock stops advancing throws a LivelockError instead of hanging the test.
 */
export function buildRun(
  runCase: RunCase,
  observe: (event: EngineEvent, nowMs: number) => void = () => {},
): RunSetup {
  const scenario = parseOrThrow(runCase.scenario)
  const { contacts, compliance } = runCase
  const dnc = new DncRegistry()
  const listedSlots = contacts.sharedPool ?? UNIQUE_NUMBERS_LISTED
  const national: string[] = []
  for (let slot = 0; slot < listedSlots; slot++) {
    if (unit(contacts.salt, slot, 7) < contacts.internalPct / 100) {
      dnc.addToList(INTERNAL_LIST, numberOf(slot), { source: 'test' })
    }
    if (unit(contacts.salt, slot, 8) < contacts.nationalPct / 100) national.push(numberOf(slot))
  }
  const nationalLoadedAtMs =
    compliance.nationalAgeSec === null ? null : SIM_START_MS - nationalAgeSecOf(compliance) * 1000
  // The national list of the profile's region (R5.4: a UK campaign scrubs against the UK list).
  const region = compliance.window.kind === 'profile' ? compliance.window.profile : 'US'
  if (nationalLoadedAtMs !== null)
    dnc.loadNational(national, nationalLoadedAtMs, { name: 'national', region })
  let adjusted: EngineCampaign | null = null
  const adjustCampaign = (campaign: EngineCampaign): EngineCampaign => {
    adjusted = {
      ...campaign,
      compliance: complianceOf(compliance, campaign.compliance),
      dncListNames: [INTERNAL_LIST],
      retry: retryRulesOf(compliance),
    }
    return adjusted
  }
  let addedOnClose = 0
  let instantMs = Number.NaN
  let instantEvents = 0
  const options: SimOptions = {
    seed: runCase.seed,
    policy: runCase.policy,
    ...(runCase.modeOverride !== undefined ? { mode: runCase.modeOverride } : {}),
    makeContact: makeContactFor(contacts),
    dnc,
    adjustCampaign,
    observe(event, nowMs) {
      if (nowMs === instantMs) instantEvents += 1
      else {
        instantMs = nowMs
        instantEvents = 1
      }
      if (instantEvents > SAME_INSTANT_EVENTS_MAX) {
        throw new LivelockError(
          `livelock: ${instantEvents} events at t=+${(nowMs - SIM_START_MS) / 1000} s ` +
            `without the clock advancing; the last: ${JSON.stringify(event)}`,
        )
      }
      observe(event, nowMs)
      if (event.kind !== 'attemptClosed' || addedOnClose >= contacts.dncOnCloseMax) return
      const number = event.attempt.number
      if (unit(contacts.salt, hashString(event.attempt.id), 9) < contacts.dncOnClosePct / 100) {
        if (dnc.addToList(INTERNAL_LIST, number, { source: 'desktop' }).kind === 'added') {
          addedOnClose += 1
        }
      }
    },
  }
  return {
    scenario,
    mode: runCase.modeOverride ?? scenario.mode,
    options,
    dnc,
    nationalLoadedAtMs,
    campaign() {
      if (adjusted === null) throw new Error('the run has not started')
      return adjusted
    },
    expectedZone(contactId) {
      const index = Number(contactId.replace(/^c-/, ''))
      return contactZone(contacts, index) ?? SIM_ZONE
    },
  }
}
