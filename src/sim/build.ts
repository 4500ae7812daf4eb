// From a scenario (and the CLI's overrides) to what the engine runs. The scenario first becomes
// configuration (a campaign group with its pacing, a campaign with its compliance profile, the
// outdial queue and flow), then the server's own builder (engineCampaignOf) makes the engine's
// campaign of it, so the simulator measures the product's mapping. A scenario may explore beyond
// the product's ranges (ring limit, abandon target, the pooled baselines' dial-rate ceiling): those
// values are set on the configuration as given, not parsed.

import {
  ABANDON_RATE_PCT_MAX_MAX,
  ABANDON_RATE_PCT_MAX_MIN,
  ABANDON_WINDOW_SEC_MIN,
  complianceSettingsSchema,
} from '../compliance/profiles.ts'
import {
  ABANDON_MESSAGE_PROMPT_DEFAULT,
  type BaselinePacing,
  type CampaignConfig,
  complianceConfigOf,
  engineCampaignOf,
} from '../dialer/from-config.ts'
import type { EngineCampaign } from '../dialer/types.ts'
import { ALWAYS_OPEN_WINDOW } from '../domain/calling-window.ts'
import { type Campaign, campaignSchema } from '../domain/campaign/campaign.ts'
import type { CampaignGroup } from '../domain/campaign/campaign-group.ts'
import {
  type CampaignMode,
  isIvrMode,
  isPreviewMode,
  isProgressiveMode,
} from '../domain/campaign/campaign-mode.ts'
import { type Pacing, pacingSchema } from '../domain/campaign/pacing.ts'
import { outdialFlow } from '../flows/defaultFlows.ts'
import { FIXED_RATIO_MAX } from '../pacing/fixed.ts'
import { constSec } from '../telephony/simulated/distributions.ts'
import type { SimPolicy } from './policy.ts'
import { campaignModeOf, isAgentScenario, type Scenario, type ScenarioMode } from './scenario.ts'

export const SIM_CAMPAIGN_ID = 'sim-campaign'
export const SIM_CAMPAIGN_GROUP_ID = 'sim-campaign-group'
export const SIM_OUTCOME_GROUP_ID = 'sim-outcomes'
export const SIM_OUTDIAL_ENTRY_POINT_ID = 'ep-outdial'
export const SIM_OUTDIAL_QUEUE_ID = 'q-outdial'
export const SIM_INBOUND_QUEUE_ID = 'q-inbound'
export const SIM_INBOUND_ENTRY_POINT_ID = 'ep-inbound'
export const SIM_CALLER_ID = '+15550100000'
export const SIM_ZONE = 'America/New_York'

export class ScenarioSettingsError extends Error {
  override name = 'ScenarioSettingsError'
}

/** Runs a scenario in another mode (the test that every mode runs every scenario). */
export function retarget(scenario: Scenario, mode: ScenarioMode | undefined): Scenario {
  if (mode === undefined || mode === scenario.mode) return scenario
  const toIvr = mode === 'ivr-progressive' || mode === 'ivr-predictive'
  if (isAgentScenario(scenario)) {
    if (!toIvr) return { ...scenario, mode }
    const { agents, talkSec, wrapSec: _wrap, inbound: _inbound, ...rest } = scenario
    return { ...rest, mode, ivrPorts: agents, messageSec: talkSec } as Scenario
  }
  if (toIvr) return { ...scenario, mode } as Scenario
  const { ivrPorts, messageSec, ...rest } = scenario
  return { ...rest, mode, agents: ivrPorts, talkSec: messageSec, wrapSec: constSec(0) } as Scenario
}

/** The mode the day runs in: the scenario's own, or the one the `--policy` override implies. */
function campaignMode(scenario: Scenario, policy: SimPolicy): CampaignMode {
  const ivr = !isAgentScenario(scenario)
  if (policy.kind === 'scenario') return campaignModeOf(scenario.mode)
  if (policy.kind === 'progressive') return ivr ? 'progressive_ivr' : 'progressive'
  return ivr ? 'predictive_ivr' : 'predictive'
}

/**
 * The oracle runs as a fixed-ratio baseline (no cap guard) whose policy the simulator replaces by
 * the oracle's (run.ts): the engine's campaign is the same as fixed-best's.
 */
function baselineOf(policy: SimPolicy): BaselinePacing | undefined {
  if (policy.kind === 'fixed' || policy.kind === 'oracle') {
    return { kind: 'fixed', ratio: policy.ratio }
  }
  if (policy.kind === 'adaptive-reference') return { kind: 'adaptive-reference' }
  return undefined
}

/**
 * A progressive scenario's dialRate is its lines per agent; run with a pooled policy (predictive,
 * fixed, adaptive) it sets no maximum dial rate, so the pooled policies share the fixed grid's
 * ceiling — the benchmark compares them on the same scenario without one capped and one not.
 */
function maxDialingRate(scenario: Scenario): number {
  const progressiveScenario = scenario.mode === 'progressive' || scenario.mode === 'ivr-progressive'
  return progressiveScenario ? FIXED_RATIO_MAX : scenario.dialRate
}

function linesPerServer(scenario: Scenario, policy: SimPolicy): number {
  if (policy.kind === 'progressive') return policy.linesPerServer
  return Math.max(1, Math.round(scenario.dialRate))
}

/** The campaign group's pacing: the mode's schema defaults, then the scenario's own values. */
function pacingOf(scenario: Scenario, policy: SimPolicy, mode: CampaignMode): Pacing {
  const amdOn = scenario.amd.enabled
  const ivrPorts = isAgentScenario(scenario) ? {} : { ivrPorts: scenario.ivrPorts }
  const progressive = { dialingRate: linesPerServer(scenario, policy) }
  const cpa = mode === 'progressive' ? { cpa: { cpaEnabled: amdOn, amdEnabled: amdOn } } : {}
  const rate = isProgressiveMode(mode) ? progressive : {}
  const parsed = pacingSchema.parse({ mode, callerId: SIM_CALLER_ID, ...ivrPorts, ...rate, ...cpa })
  const ringLimit = { noAnswerRingLimitSec: scenario.ringLimitSec }
  switch (parsed.mode) {
    case 'predictive':
    case 'predictive_ivr':
      return {
        ...parsed,
        ...ringLimit,
        maxDialingRate: maxDialingRate(scenario),
        abandonRatePercentage: scenario.abandonTargetPct,
      }
    case 'preview_direct':
      return parsed
    default:
      return { ...parsed, ...ringLimit }
  }
}

function complianceOf(scenario: Scenario) {
  const defaults = {
    profile: 'CUSTOM',
    callingWindow: ALWAYS_OPEN_WINDOW,
    abandonRatePctMax: Math.min(
      ABANDON_RATE_PCT_MAX_MAX,
      Math.max(ABANDON_RATE_PCT_MAX_MIN, Math.round(scenario.abandonTargetPct * 10) / 10),
    ),
    abandonWindowSec: Math.max(ABANDON_WINDOW_SEC_MIN, Math.round(scenario.abandonWindowSec)),
    ndncEnabled: false,
  }
  const extra = (scenario.compliance ?? {}) as Record<string, unknown>
  const parsed = complianceSettingsSchema.safeParse({ ...defaults, ...extra })
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `compliance.${i.path.join('.')}: ${i.message}`)
    throw new ScenarioSettingsError(detail.join('; '))
  }
  return complianceConfigOf(parsed.data)
}

/** The scenario as configuration: what a tenant would store for the same campaign. */
export function scenarioCampaignConfig(scenario: Scenario, policy: SimPolicy): CampaignConfig {
  const mode = campaignMode(scenario, policy)
  const amd = scenario.amd
  const group: CampaignGroup = {
    id: SIM_CAMPAIGN_GROUP_ID,
    name: SIM_CAMPAIGN_GROUP_ID,
    entryPointId: SIM_OUTDIAL_ENTRY_POINT_ID,
    pacing: pacingOf(scenario, policy, mode),
    businessParameters: [],
    amdHumanAsMachinePctEstimate: amd.enabled ? 100 * amd.humanAsMachine : 0,
  }
  const compliance = complianceOf(scenario)
  const campaign: Campaign = {
    ...campaignSchema.parse({
      id: SIM_CAMPAIGN_ID,
      name: SIM_CAMPAIGN_ID,
      category: 'OTHER',
      businessOutcomeGroupId: SIM_OUTCOME_GROUP_ID,
      timeZone: SIM_ZONE,
      campaignGroupId: SIM_CAMPAIGN_GROUP_ID,
      contactStrategy: { numberOrder: [{ numberIndex: 0, numberType: 'OTHER' }] },
      ...(scenario.campaignSchedule ? { schedule: scenario.campaignSchedule } : {}),
    }),
    // A scenario's name may be longer than a stored campaign's.
    name: scenario.name,
    ...compliance.campaign,
  }
  const baseline = baselineOf(policy)
  return {
    group,
    campaign,
    queueId: SIM_OUTDIAL_QUEUE_ID,
    flow: outdialFlow({
      id: 'sim-outdial-flow',
      onAmd: 'disconnect',
      onAbandoned: { play: ABANDON_MESSAGE_PROMPT_DEFAULT },
      ...(isIvrMode(mode) ? { onLive: { play: 'ivr-campaign-message' } } : {}),
    }),
    complianceOverrides: compliance.overrides,
    ...(baseline ? { baseline } : {}),
  }
}

/**
 * The one place the simulator still departs from the product's mapping: its preview runs AMD when
 * the scenario's network has it, where the product's preview standard runs CPA without AMD (R2.2,
 * `cpaPolicy`). Taking the product's mapping changes what a preview day logs (the recorded golden
 * hash of tiny-team/preview), so it waits for that decision (issue 10).
 */
function simulatorPreviewAmd(campaign: EngineCampaign, scenario: Scenario): EngineCampaign {
  if (!isPreviewMode(campaign.mode)) return campaign
  return { ...campaign, amdEnabled: scenario.amd.enabled }
}

export function buildCampaign(
  scenario: Scenario,
  policy: SimPolicy,
  dialingEndsAtMs?: number,
): EngineCampaign {
  const campaign = simulatorPreviewAmd(
    engineCampaignOf(scenarioCampaignConfig(scenario, policy)),
    scenario,
  )
  // The day's end as a user sets it: the campaign's schedule stops dialing then (R5.5).
  return dialingEndsAtMs === undefined ? campaign : { ...campaign, dialingEndsAtMs }
}
