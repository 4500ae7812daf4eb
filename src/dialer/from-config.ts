// From validated configuration (a campaign group and a campaign, R5.1, R5.2) to the engine's
// runtime view of one campaign. The schemas have checked every range already; this only maps.
import { resolveCompliance } from '../compliance/profiles.ts'
import { DEFAULT_RETRY_RULES, type RetryRule, type RetryRules } from '../compliance/retry.ts'
import type { Campaign, CampaignRetry } from '../domain/campaign/campaign.ts'
import type { CampaignGroup } from '../domain/campaign/campaign-group.ts'
import { RING_LIMIT_SEC_MAX } from '../domain/campaign/limits.ts'
import { cpaPolicy, type Pacing } from '../domain/campaign/pacing.ts'
import type { Flow } from '../flows/schema.ts'
import type { EngineCampaign, PacingChoice } from './types.ts'

export const ABANDON_MESSAGE_PROMPT_DEFAULT = 'abandon-information-message'
/** The pacing target of campaigns without predictive parameters (Appendix A default). */
const ABANDON_TARGET_PCT_DEFAULT = 3

export interface EngineCampaignSources {
  group: CampaignGroup
  campaign: Campaign
  /** The outdial entry point's queue and flow (R4.5). */
  queueId: string
  flow: Flow | null
  abandonMessagePromptId?: string
}

function pacingChoice(pacing: Pacing): PacingChoice {
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

function cpaFlags(pacing: Pacing): { cpaEnabled: boolean; amdEnabled: boolean } {
  const policy = cpaPolicy(pacing)
  if (policy.kind === 'none') return { cpaEnabled: false, amdEnabled: false }
  return { cpaEnabled: policy.params.cpaEnabled, amdEnabled: policy.params.amdEnabled }
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

export function engineCampaignFrom(sources: EngineCampaignSources): EngineCampaign {
  const { group, campaign } = sources
  const pacing = group.pacing
  const predictive =
    pacing.mode === 'predictive' || pacing.mode === 'predictive_ivr' ? pacing : null
  const preview =
    pacing.mode === 'preview_standard' || pacing.mode === 'preview_direct' ? pacing : null
  const dialingRate = 'dialingRate' in pacing ? pacing.dialingRate : 1
  return {
    id: campaign.id,
    name: campaign.name,
    mode: pacing.mode,
    pacing: pacingChoice(pacing),
    queueId: sources.queueId,
    flow: sources.flow,
    callerId: pacing.callerId,
    timeZone: campaign.timeZone,
    // Preview direct has no ring limit of its own (the agent hears it ring): the product maximum.
    ringLimitSec:
      'noAnswerRingLimitSec' in pacing ? pacing.noAnswerRingLimitSec : RING_LIMIT_SEC_MAX,
    ...cpaFlags(pacing),
    maxLinesPerServer: predictive ? predictive.maxDialingRate : dialingRate,
    abandonTargetPct: predictive ? predictive.abandonRatePercentage : ABANDON_TARGET_PCT_DEFAULT,
    correctionPace: predictive ? predictive.predictiveCorrectionPace : 70,
    gain: predictive ? predictive.predictiveGain : 1,
    amdHumanAsMachinePct: group.amdHumanAsMachinePctEstimate,
    ivrPorts: 'ivrPorts' in pacing ? pacing.ivrPorts : 0,
    preview: {
      offerTimeoutSec: preview?.previewOfferTimeoutSec ?? 600,
      autoAction: preview?.previewOfferTimeoutAutoAction ?? 'SKIP',
      actionsDisabled: preview ? [...preview.previewActionsDisabled] : [],
    },
    abandonMessagePromptId: sources.abandonMessagePromptId ?? ABANDON_MESSAGE_PROMPT_DEFAULT,
    compliance: resolveCompliance({
      profile: campaign.complianceProfile,
      ...(campaign.callingWindow ? { callingWindow: campaign.callingWindow } : {}),
      dncEnabled: campaign.dncEnabled,
      ndncEnabled: campaign.ndncEnabled,
    }),
    dncListNames: [...campaign.dncListNames],
    retry: retryRulesOf(campaign.retry),
    capGuardEnabled: true,
  }
}
