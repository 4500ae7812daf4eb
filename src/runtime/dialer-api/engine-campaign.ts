// A Dialer-API start request (R10.2) as configuration, built into the engine's campaign by the
// same function as the built-in campaign manager's campaigns (src/dialer/from-config.ts): the
// request's pacing becomes a campaign group's (toCampaignGroupPacing), its entry point gives the
// queue and flow. The campaign manager that drives a Dialer-API campaign owns its retries (it
// serves a record again to retry it), so the campaign retries no outcome and tries each record
// once; Outdial's compliance gate still runs on every dial.
import { engineCampaignOf } from '../../dialer/from-config.ts'
import type { EngineCampaign } from '../../dialer/types.ts'
import type { Campaign, CampaignRetry } from '../../domain/campaign/campaign.ts'
import type { CampaignGroup } from '../../domain/campaign/campaign-group.ts'
import { everyNumberInRecordOrder } from '../../domain/campaign/contact-strategy.ts'
import {
  type StartCampaignRequest,
  toCampaignGroupPacing,
} from '../../domain/campaign/dialer-api.ts'
import {
  AMD_HUMAN_AS_MACHINE_PCT_DEFAULT,
  CAMPAIGN_DNC_LISTS_MAX,
} from '../../domain/campaign/limits.ts'
import { ATTEMPT_OUTCOMES } from '../../domain/outcomes.ts'
import type { TenantConfig } from '../../store/ports/dialer-store.ts'

/** The zone of a record that names none (docs/dialer-api.md: records should carry theirs). */
export const DIALER_API_ZONE_DEFAULT = 'America/New_York'
export const DIALER_API_GROUP_ID = 'dialer-api'

/** One try per record: every outcome is final for the dialer. */
const NO_RETRIES: CampaignRetry = {
  perOutcome: Object.fromEntries(ATTEMPT_OUTCOMES.map((outcome) => [outcome, { retry: false }])),
  maxAttemptsPerDay: 1,
  maxAttemptsTotal: 1,
}

export interface FieldIssue {
  path: string
  message: string
}

export type EngineCampaignFromRequest =
  | { ok: true; config: EngineCampaign }
  | { ok: false; issues: FieldIssue[] }

export interface DialerApiTenant {
  config: TenantConfig
  /** Internal DNC lists every Dialer-API campaign is scrubbed against (R5.4). */
  dncListNames: string[]
  timeZone: string
}

export function engineCampaignFromRequest(
  request: StartCampaignRequest,
  tenant: DialerApiTenant,
): EngineCampaignFromRequest {
  const pacing = toCampaignGroupPacing(request)
  if (pacing.kind === 'invalid') {
    return {
      ok: false,
      issues: pacing.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    }
  }
  const entryPoint = tenant.config.entryPoints.find((ep) => ep.id === request.entryPointId)
  const queueId = entryPoint?.type === 'OUTBOUND' ? entryPoint.queueId : undefined
  if (!entryPoint || queueId === undefined) {
    return {
      ok: false,
      issues: [
        {
          path: 'entryPointId',
          message: `${request.entryPointId} is not an outdial entry point of this tenant (R4.5)`,
        },
      ],
    }
  }
  if (!tenant.config.queues.some((queue) => queue.id === queueId)) {
    return {
      ok: false,
      issues: [{ path: 'entryPointId', message: `its outdial queue ${queueId} is missing (R4.3)` }],
    }
  }
  const flow = tenant.config.flows.find((f) => f.id === entryPoint.flowId) ?? null
  const name = request.campaignName ?? request.id
  const group: CampaignGroup = {
    id: DIALER_API_GROUP_ID,
    name,
    entryPointId: entryPoint.id,
    pacing: pacing.pacing,
    businessParameters: [],
    amdHumanAsMachinePctEstimate: AMD_HUMAN_AS_MACHINE_PCT_DEFAULT,
  }
  const campaign: Campaign = {
    id: request.id,
    name,
    category: 'OTHER',
    businessOutcomeGroupId: DIALER_API_GROUP_ID,
    timeZone: tenant.timeZone,
    campaignGroupId: group.id,
    // The campaign manager sends each record's numbers in the order to try them.
    contactStrategy: everyNumberInRecordOrder(),
    retry: NO_RETRIES,
    dncEnabled: true,
    // The campaign manager scrubs against the national list (docs/dialer-api.md §4).
    ndncEnabled: false,
    dncListNames: tenant.dncListNames.slice(0, CAMPAIGN_DNC_LISTS_MAX),
    complianceProfile: 'US',
    status: 'running',
  }
  return { ok: true, config: engineCampaignOf({ group, campaign, queueId, flow }) }
}
