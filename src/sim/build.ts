// From a scenario (and the CLI's overrides) to what the engine runs: one campaign, its team,
// queues, entry points and flows, with compliance set for a simulated day.

import { complianceSettingsSchema, resolveCompliance } from '../compliance/profiles.ts'
import { DEFAULT_RETRY_SETTINGS } from '../compliance/retry.ts'
import { ABANDON_MESSAGE_PROMPT_DEFAULT } from '../dialer/from-config.ts'
import type { EngineCampaign, PacingChoice } from '../dialer/types.ts'
import { ALWAYS_OPEN_WINDOW } from '../domain/calling-window.ts'
import type { CampaignMode } from '../domain/campaign/campaign-mode.ts'
import { outdialFlow } from '../flows/defaultFlows.ts'
import { FIXED_RATIO_MAX } from '../pacing/fixed.ts'
import { constSec } from '../telephony/simulated/distributions.ts'
import type { SimPolicy } from './policy.ts'
import { campaignModeOf, isAgentScenario, type Scenario, type ScenarioMode } from './scenario.ts'

export const SIM_CAMPAIGN_ID = 'sim-campaign'
export const SIM_OUTDIAL_QUEUE_ID = 'q-outdial'
export const SIM_INBOUND_QUEUE_ID = 'q-inbound'
export const SIM_INBOUND_ENTRY_POINT_ID = 'ep-inbound'
export const SIM_CALLER_ID = '+15550100000'
export const SIM_ZONE = 'America/New_York'
const ABANDON_WINDOW_SEC_MIN = 60

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

function campaignMode(mode: ScenarioMode, policy: SimPolicy): CampaignMode {
  const ivr = mode === 'ivr-progressive' || mode === 'ivr-predictive'
  if (policy.kind === 'progressive') return ivr ? 'progressive_ivr' : 'progressive'
  if (policy.kind !== 'scenario') return ivr ? 'predictive_ivr' : 'predictive'
  return campaignModeOf(mode)
}

function pacingChoice(scenario: Scenario, policy: SimPolicy): PacingChoice {
  switch (policy.kind) {
    case 'progressive':
      return { kind: 'progressive', linesPerServer: policy.linesPerServer }
    case 'fixed':
      return { kind: 'fixed', ratio: policy.ratio }
    case 'predictive':
    case 'adaptive-reference':
      return { kind: policy.kind }
    case 'scenario':
      if (scenario.mode === 'preview') return { kind: 'preview' }
      if (scenario.mode === 'progressive' || scenario.mode === 'ivr-progressive') {
        return { kind: 'progressive', linesPerServer: Math.max(1, Math.round(scenario.dialRate)) }
      }
      return { kind: 'predictive' }
  }
}

function simCompliance(scenario: Scenario) {
  const defaults = {
    profile: 'CUSTOM',
    callingWindow: ALWAYS_OPEN_WINDOW,
    abandonRatePctMax: Math.min(100, Math.max(1, Math.round(scenario.abandonTargetPct * 10) / 10)),
    abandonWindowSec: Math.max(ABANDON_WINDOW_SEC_MIN, Math.round(scenario.abandonWindowSec)),
    ndncEnabled: false,
  }
  const extra = (scenario.compliance ?? {}) as Record<string, unknown>
  const parsed = complianceSettingsSchema.safeParse({ ...defaults, ...extra })
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `compliance.${i.path.join('.')}: ${i.message}`)
    throw new ScenarioSettingsError(detail.join('; '))
  }
  return resolveCompliance(parsed.data)
}

/**
 * A progressive scenario's dialRate is its lines per agent; run with a pooled policy (predictive,
 * fixed, adaptive) it sets no maximum dial rate, so the pooled policies share the fixed grid's
 * ceiling — the benchmark compares them on the same scenario without one capped and one not.
 */
function maxLinesPerServer(scenario: Scenario, policy: SimPolicy): number {
  const pooled =
    policy.kind === 'predictive' || policy.kind === 'fixed' || policy.kind === 'adaptive-reference'
  const progressiveScenario = scenario.mode === 'progressive' || scenario.mode === 'ivr-progressive'
  return pooled && progressiveScenario ? FIXED_RATIO_MAX : scenario.dialRate
}

export function buildCampaign(scenario: Scenario, policy: SimPolicy): EngineCampaign {
  const mode = campaignMode(scenario.mode, policy)
  const ivr = mode === 'progressive_ivr' || mode === 'predictive_ivr'
  const amdOn = scenario.amd.enabled
  const pooledBaseline = policy.kind === 'fixed' || policy.kind === 'adaptive-reference'
  return {
    id: SIM_CAMPAIGN_ID,
    name: scenario.name,
    mode,
    pacing: pacingChoice(scenario, policy),
    queueId: SIM_OUTDIAL_QUEUE_ID,
    flow: outdialFlow({
      id: 'sim-outdial-flow',
      onAmd: 'disconnect',
      onAbandoned: { play: ABANDON_MESSAGE_PROMPT_DEFAULT },
      ...(ivr ? { onLive: { play: 'ivr-campaign-message' } } : {}),
    }),
    callerId: SIM_CALLER_ID,
    timeZone: SIM_ZONE,
    ringLimitSec: scenario.ringLimitSec,
    // R2.2: progressive follows its CPA switch; predictive, IVR and preview standard run CPA.
    cpaEnabled: mode === 'progressive' ? amdOn : true,
    amdEnabled: amdOn,
    maxLinesPerServer: maxLinesPerServer(scenario, policy),
    abandonTargetPct: scenario.abandonTargetPct,
    correctionPace: 70,
    gain: 1,
    amdHumanAsMachinePct: amdOn ? 100 * scenario.amd.humanAsMachine : 0,
    ivrPorts: isAgentScenario(scenario) ? 0 : scenario.ivrPorts,
    preview: { offerTimeoutSec: 600, autoAction: 'SKIP', actionsDisabled: [] },
    abandonMessagePromptId: ABANDON_MESSAGE_PROMPT_DEFAULT,
    compliance: simCompliance(scenario),
    dncListNames: [],
    retry: DEFAULT_RETRY_SETTINGS,
    capGuardEnabled: !pooledBaseline,
  }
}
