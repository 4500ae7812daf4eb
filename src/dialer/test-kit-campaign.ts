// Test support: the campaign, compliance settings and contact list the engine kit builds. The kit
// writes the campaign as configuration (a campaign group with its pacing, a campaign) with
// test-friendly values and builds it with the product's own engineCampaignOf.

import { type ComplianceSettingsInput, complianceSettingsSchema } from '../compliance/profiles.ts'
import { ALWAYS_OPEN_WINDOW } from '../domain/calling-window.ts'
import { type Campaign, type CampaignRetry, campaignSchema } from '../domain/campaign/campaign.ts'
import type { CampaignGroup } from '../domain/campaign/campaign-group.ts'
import { type CampaignMode, isIvrMode } from '../domain/campaign/campaign-mode.ts'
import {
  type ContactStrategyInput,
  everyNumberInRecordOrder,
} from '../domain/campaign/contact-strategy.ts'
import { DIALING_RATE_MIN, IVR_PORTS_MIN } from '../domain/campaign/limits.ts'
import { type Pacing, pacingSchema } from '../domain/campaign/pacing.ts'
import type { CampaignScheduleInput } from '../domain/campaign/schedule.ts'
import type { Contact } from '../domain/contact.ts'
import { outdialFlow } from '../flows/defaultFlows.ts'
import type { Flow } from '../flows/schema.ts'
import { complianceConfigOf, engineCampaignOf } from './from-config.ts'
import { InMemoryContactList } from './test-kit-contact-list.ts'
import type { EngineCampaign } from './types.ts'

/** Monday 2026-03-02 09:00 UTC (04:00 in New York, before the US calling window opens). */
export const KIT_START_ISO = '2026-03-02T09:00:00Z'
export const KIT_CAMPAIGN_ID = 'camp-1'
export const KIT_CAMPAIGN_NAME = 'Campaign One'
export const KIT_TEAM_ID = 'team-1'
export const KIT_CALLER_ID = '+15550100000'
export const KIT_ZONE = 'America/New_York'
export const KIT_ABANDON_PROMPT_ID = 'abandon-information-message'
export const KIT_INBOUND_QUEUE_ID = 'q-inbound'
export const KIT_INBOUND_ENTRY_POINT_ID = 'ep-inbound'
export const KIT_DNC_LIST = 'internal'
/** The kit's campaigns leave no room for AMD's false positives unless a test sets it. */
const KIT_AMD_HUMAN_AS_MACHINE_PCT = 0

/** A contact: a bare number, or fields of a Contact (id and numbers get defaults). */
export type KitContact = string | (Partial<Omit<Contact, 'campaignId'>> & { notBeforeSec?: number })

export interface KitCampaignOptions {
  mode?: CampaignMode
  /** Progressive lines per agent (or per IVR port), R1.2 / R1.4; predictive: maxDialingRate. */
  dialingRate?: number
  ivrPorts?: number
  /** Pacing fields of the campaign group over the kit's (e.g. abandonRatePercentage). */
  pacing?: Record<string, unknown>
  /** How many generated contacts, or the contacts themselves. Default 20. */
  contacts?: number | KitContact[]
  /** The outdial flow; default: a flow with no handlers (IVR: plays 'ivr-message' on LIVE_VOICE). */
  flow?: Flow | null
  /** Compliance settings over the kit's CUSTOM base (always-open window, no national list). */
  compliance?: Partial<ComplianceSettingsInput>
  /** Preview modes: the offer settings (R1.1). */
  preview?: Partial<EngineCampaign['preview']>
  /** The campaign's retry settings (R5.2). */
  retry?: CampaignRetry
  /** The campaign's contact strategy (R5.2, input form). Default: every number in record order. */
  contactStrategy?: ContactStrategyInput
  /** Teams of the campaign's outdial queue. Default [team-1]. */
  teamIds?: string[]
  /** The outdial queue's maximum time in queue (R4.3). Default 3600 s. */
  maxTimeInQueueSec?: number
  /** R5.1: contact fields bound to global variables (the group's business parameters). */
  businessParameters?: CampaignGroup['businessParameters']
  /** The campaign's schedule (issue 15), as configuration writes it; in the kit's zone. */
  schedule?: CampaignScheduleInput
  /** Engine fields set directly, beyond what configuration allows (tests of the engine's guards). */
  campaign?: Partial<EngineCampaign>
}

function defaultFlow(mode: CampaignMode, id: string): Flow {
  return outdialFlow({
    id: `flow-${id}`,
    ...(isIvrMode(mode) ? { onLive: { play: 'ivr-message' } } : {}),
  })
}

function kitComplianceSettings(overrides: Partial<ComplianceSettingsInput> = {}) {
  const profile = overrides.profile ?? 'CUSTOM'
  // CUSTOM runs around the clock unless told otherwise; US and UK keep their own calling hours.
  const window = profile === 'CUSTOM' ? { callingWindow: ALWAYS_OPEN_WINDOW } : {}
  return complianceSettingsSchema.parse({ profile, ...window, ndncEnabled: false, ...overrides })
}

/** The mode's pacing with the kit's values; CPA per mode as R2.2 says (progressive: on). */
function kitPacing(mode: CampaignMode, o: KitCampaignOptions): Pacing {
  const rate = o.dialingRate ?? DIALING_RATE_MIN
  const byMode: Record<CampaignMode, Record<string, unknown>> = {
    preview_standard: {},
    preview_direct: {},
    progressive: { dialingRate: rate, cpa: { cpaEnabled: true, amdEnabled: true } },
    predictive: { maxDialingRate: rate },
    progressive_ivr: { dialingRate: rate, ivrPorts: o.ivrPorts ?? IVR_PORTS_MIN },
    predictive_ivr: { maxDialingRate: rate, ivrPorts: o.ivrPorts ?? IVR_PORTS_MIN },
  }
  const preview = o.preview ?? {}
  const previewFields =
    mode === 'preview_standard' || mode === 'preview_direct'
      ? {
          previewOfferTimeoutSec: preview.offerTimeoutSec,
          previewOfferTimeoutAutoAction: preview.autoAction,
          previewActionsDisabled: preview.actionsDisabled,
        }
      : {}
  return pacingSchema.parse({
    mode,
    callerId: KIT_CALLER_ID,
    ...byMode[mode],
    ...previewFields,
    ...o.pacing,
  })
}

/** The campaign as the campaign manager would store it, built by the product's builder. */
export function kitCampaign(id: string, queueId: string, o: KitCampaignOptions): EngineCampaign {
  const mode = o.mode ?? 'progressive'
  const compliance = complianceConfigOf(kitComplianceSettings(o.compliance))
  const group: CampaignGroup = {
    id: `group-${id}`,
    name: `Group ${id}`,
    entryPointId: `ep-${id}`,
    pacing: kitPacing(mode, o),
    businessParameters: o.businessParameters ?? [],
    amdHumanAsMachinePctEstimate: KIT_AMD_HUMAN_AS_MACHINE_PCT,
  }
  const campaign: Campaign = {
    ...campaignSchema.parse({
      id,
      name: id === KIT_CAMPAIGN_ID ? KIT_CAMPAIGN_NAME : `Campaign ${id}`,
      category: 'OTHER',
      businessOutcomeGroupId: 'outcomes',
      timeZone: KIT_ZONE,
      campaignGroupId: group.id,
      contactStrategy: o.contactStrategy ?? everyNumberInRecordOrder(),
      dncListNames: [KIT_DNC_LIST],
      ...(o.retry ? { retry: o.retry } : {}),
      ...(o.schedule ? { schedule: o.schedule } : {}),
    }),
    ...compliance.campaign,
  }
  const built = engineCampaignOf({
    group,
    campaign,
    queueId,
    flow: o.flow === undefined ? defaultFlow(mode, id) : o.flow,
    complianceOverrides: compliance.overrides,
    abandonMessagePromptId: KIT_ABANDON_PROMPT_ID,
  })
  return { ...built, ...o.campaign }
}

/** Contact number n of a campaign's generated list: distinct per campaign and index. */
export function kitNumber(campaignIndex: number, n: number): string {
  return `+1555${campaignIndex}${String(n).padStart(6, '0')}`
}

export function kitList(
  campaignId: string,
  campaignIndex: number,
  o: KitCampaignOptions,
  startMs: number,
) {
  const list = new InMemoryContactList()
  const specs: KitContact[] =
    typeof o.contacts === 'object'
      ? o.contacts
      : Array.from({ length: o.contacts ?? 20 }, (_, i) => kitNumber(campaignIndex, i + 1))
  specs.forEach((spec, i) => {
    const fields = typeof spec === 'string' ? { numbers: [spec] } : spec
    const { notBeforeSec, ...rest } = fields
    list.add(
      {
        id: `${campaignId}-c${i + 1}`,
        numbers: [kitNumber(campaignIndex, i + 1)],
        fields: {},
        ...rest,
        campaignId,
      },
      startMs + (notBeforeSec ?? 0) * 1000,
    )
  })
  return list
}
