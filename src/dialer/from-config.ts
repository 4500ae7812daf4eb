// The one way to the engine's campaign: from validated configuration (a campaign group R5.1, a
// campaign R5.2, the outdial entry point's queue and flow R4.5, the compliance profile R5.5) to
// what the engine runs. The server's campaigns, Dialer-API campaigns, the simulator's scenarios
// and the test kits all become configuration first and are built here. Defaults are the named
// constants of the configuration; the schemas have checked every range already: this only maps.
import {
  type ComplianceRules,
  type ComplianceSettings,
  resolveCompliance,
} from '../compliance/profiles.ts'
import { DEFAULT_RETRY_RULES, type RetryRule, type RetryRules } from '../compliance/retry.ts'
import { dailyWindow } from '../domain/calling-window.ts'
import type { Campaign, CampaignRetry } from '../domain/campaign/campaign.ts'
import type { CampaignGroup } from '../domain/campaign/campaign-group.ts'
import { isPredictiveMode } from '../domain/campaign/campaign-mode.ts'
import { type ContactStrategy, localHoursOf } from '../domain/campaign/contact-strategy.ts'
import type { CpaParams } from '../domain/campaign/cpa.ts'
import {
  ABANDON_RATE_PCT_DEFAULT,
  PREDICTIVE_CORRECTION_PACE_CONNECTS_DEFAULT,
  PREDICTIVE_GAIN_DEFAULT,
  PREVIEW_OFFER_TIMEOUT_SEC_DEFAULT,
  RING_LIMIT_SEC_MAX,
} from '../domain/campaign/limits.ts'
import { cpaPolicy, type Pacing, type PacingOf } from '../domain/campaign/pacing.ts'
import { PREVIEW_OFFER_TIMEOUT_AUTO_ACTION_DEFAULT } from '../domain/campaign/preview.ts'
import { CUSTOM_COMPLIANCE_RULE_FIELDS } from '../domain/compliance-profile.ts'
import { invariant } from '../domain/invariant.ts'
import type { Flow } from '../flows/schema.ts'
import { engineScheduleOf } from './schedule-period.ts'
import type {
  BusinessOutcome,
  EngineCampaign,
  EngineContactStrategy,
  PacingChoice,
} from './types.ts'

export const ABANDON_MESSAGE_PROMPT_DEFAULT = 'abandon-information-message'
/** A preview agent dials the one record they accepted. */
export const PREVIEW_LINES_PER_AGENT = 1

/** Rules of the campaign's compliance profile set to other values than the profile's (R5.5). */
export type ComplianceOverrides = Partial<Omit<ComplianceRules, 'callingWindow'>>

/**
 * Pooled pacing the product does not offer, run as benchmark baselines (`outdial sim --policy
 * fixed:<ratio> | adaptive-reference`) in a predictive mode's place. Without the forecast's
 * guard room they run without the abandon-cap guard, as the baselines are measured.
 */
export type BaselinePacing = Extract<PacingChoice, { kind: 'fixed' | 'adaptive-reference' }>

/** The validated configuration of one campaign, as the engine needs it. */
export interface CampaignConfig {
  group: CampaignGroup
  campaign: Campaign
  /** The outdial entry point's queue (R4.3, R4.5) and its flow. */
  queueId: string
  flow: Flow | null
  /** Rules over the campaign's profile (the simulator's window, tests); stored campaigns: none. */
  complianceOverrides?: ComplianceOverrides
  abandonMessagePromptId?: string
  baseline?: BaselinePacing
  /** R5.2: the codes of the campaign's business outcome group (absent: not checked). */
  outcomes?: readonly BusinessOutcome[]
}

type PredictivePacing = PacingOf<'predictive' | 'predictive_ivr'>
type PreviewPacing = PacingOf<'preview_standard' | 'preview_direct'>

function predictivePacing(pacing: Pacing): PredictivePacing | null {
  return pacing.mode === 'predictive' || pacing.mode === 'predictive_ivr' ? pacing : null
}

function previewPacing(pacing: Pacing): PreviewPacing | null {
  return pacing.mode === 'preview_standard' || pacing.mode === 'preview_direct' ? pacing : null
}

/** How the engine paces the mode's lines: the mode's own pacing, or a baseline in its place. */
function pacingChoice(pacing: Pacing, baseline: BaselinePacing | undefined): PacingChoice {
  if (baseline !== undefined) {
    invariant(isPredictiveMode(pacing.mode), 'a pacing baseline replaces predictive pacing only')
    return baseline
  }
  switch (pacing.mode) {
    case 'preview_standard':
    case 'preview_direct':
      return { kind: 'preview' }
    case 'progressive':
    case 'progressive_ivr':
      return { kind: 'progressive', linesPerServer: pacing.dialingRate }
    case 'predictive':
    case 'predictive_ivr':
      return { kind: 'predictive' }
  }
}

function cpaFlags(pacing: Pacing): {
  cpaEnabled: boolean
  amdEnabled: boolean
  cpa: CpaParams | null
} {
  const policy = cpaPolicy(pacing)
  if (policy.kind === 'none') return { cpaEnabled: false, amdEnabled: false, cpa: null }
  return {
    cpaEnabled: policy.params.cpaEnabled,
    amdEnabled: policy.params.amdEnabled,
    cpa: policy.params.cpaEnabled ? policy.params : null,
  }
}

/** Lines per agent or port at most: predictive's maximum dial rate, else the fixed rate. */
function maxLinesPerServer(pacing: Pacing): number {
  const predictive = predictivePacing(pacing)
  if (predictive !== null) return predictive.maxDialingRate
  return 'dialingRate' in pacing ? pacing.dialingRate : PREVIEW_LINES_PER_AGENT
}

/** The campaign's per-outcome rules over the defaults: an outcome not listed keeps its default. */
export function retryRulesOf(retry: CampaignRetry): RetryRules {
  const rules: RetryRule[] = DEFAULT_RETRY_RULES.map((fallback) => {
    const rule = retry.perOutcome[fallback.outcome]
    if (!rule) return fallback
    if (!rule.retry) return { ...fallback, retry: false }
    return {
      outcome: fallback.outcome,
      retry: true,
      delayMin: rule.delayMin,
      maxAttempts: rule.maxAttempts,
    }
  })
  return {
    rules,
    maxAttemptsPerDay: retry.maxAttemptsPerDay,
    maxAttemptsTotal: retry.maxAttemptsTotal,
  }
}

/**
 * Compliance settings (a profile, rule overrides, the DNC switches) as configuration: the
 * campaign's own fields and the rules it sets over its profile.
 */
export function complianceConfigOf(settings: ComplianceSettings): {
  campaign: Pick<Campaign, 'complianceProfile' | 'callingWindow' | 'dncEnabled' | 'ndncEnabled'>
  overrides: ComplianceOverrides
} {
  const { profile, callingWindow, dncEnabled, ndncEnabled, ...overrides } = settings
  return {
    campaign: {
      complianceProfile: profile,
      ...(callingWindow ? { callingWindow } : {}),
      dncEnabled,
      ndncEnabled,
    },
    overrides,
  }
}

/** The rules a CUSTOM campaign sets itself (R5.5); the schema allows them on CUSTOM only. */
function customRulesOf(campaign: Campaign): ComplianceOverrides {
  const rules: ComplianceOverrides = {}
  for (const field of CUSTOM_COMPLIANCE_RULE_FIELDS) {
    const value = campaign[field]
    if (value !== undefined) Object.assign(rules, { [field]: value })
  }
  return rules
}

function complianceOf(config: CampaignConfig) {
  const { campaign } = config
  return resolveCompliance({
    profile: campaign.complianceProfile,
    ...(campaign.callingWindow ? { callingWindow: campaign.callingWindow } : {}),
    ...customRulesOf(campaign),
    ...config.complianceOverrides,
    dncEnabled: campaign.dncEnabled,
    ndncEnabled: campaign.ndncEnabled,
  })
}

/** R5.2: the strategy's steps with each number type's local hours as a daily window. */
function engineContactStrategyOf(strategy: ContactStrategy): EngineContactStrategy {
  return {
    steps: strategy.numberOrder.map((step) => {
      const hours = localHoursOf(strategy, step)
      return {
        numberIndex: step.numberIndex,
        numberType: step.numberType,
        localHours: hours ? dailyWindow(hours.startLocal, hours.endLocal) : null,
      }
    }),
  }
}

export function engineCampaignOf(config: CampaignConfig): EngineCampaign {
  const { group, campaign } = config
  const pacing = group.pacing
  const predictive = predictivePacing(pacing)
  const preview = previewPacing(pacing)
  return {
    id: campaign.id,
    name: campaign.name,
    mode: pacing.mode,
    pacing: pacingChoice(pacing, config.baseline),
    queueId: config.queueId,
    flow: config.flow,
    businessParameters: group.businessParameters.map((parameter) => ({ ...parameter })),
    callerId: pacing.callerId,
    timeZone: campaign.timeZone,
    // Preview direct has no ring limit of its own (the agent hears it ring): the product maximum.
    ringLimitSec:
      'noAnswerRingLimitSec' in pacing ? pacing.noAnswerRingLimitSec : RING_LIMIT_SEC_MAX,
    ...cpaFlags(pacing),
    maxLinesPerServer: maxLinesPerServer(pacing),
    abandonTargetPct: predictive?.abandonRatePercentage ?? ABANDON_RATE_PCT_DEFAULT,
    correctionPace:
      predictive?.predictiveCorrectionPace ?? PREDICTIVE_CORRECTION_PACE_CONNECTS_DEFAULT,
    gain: predictive?.predictiveGain ?? PREDICTIVE_GAIN_DEFAULT,
    amdHumanAsMachinePct: group.amdHumanAsMachinePctEstimate,
    ivrPorts: 'ivrPorts' in pacing ? pacing.ivrPorts : 0,
    preview: {
      offerTimeoutSec: preview?.previewOfferTimeoutSec ?? PREVIEW_OFFER_TIMEOUT_SEC_DEFAULT,
      autoAction:
        preview?.previewOfferTimeoutAutoAction ?? PREVIEW_OFFER_TIMEOUT_AUTO_ACTION_DEFAULT,
      actionsDisabled: preview ? [...preview.previewActionsDisabled] : [],
    },
    abandonMessagePromptId: config.abandonMessagePromptId ?? ABANDON_MESSAGE_PROMPT_DEFAULT,
    compliance: complianceOf(config),
    contactStrategy: engineContactStrategyOf(campaign.contactStrategy),
    dncListNames: [...campaign.dncListNames],
    retry: retryRulesOf(campaign.retry),
    businessOutcomes: (config.outcomes ?? []).map(({ code, final, success }) => ({
      code,
      final,
      success,
    })),
    capGuardEnabled: config.baseline === undefined,
    ...(campaign.schedule === undefined
      ? {}
      : { schedule: engineScheduleOf(campaign.schedule, campaign.timeZone) }),
  }
}
