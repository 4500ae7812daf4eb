// Test support: the campaign, compliance settings and contact list the engine kit builds, as the
// campaign manager would hand them over (src/dialer/from-config.ts), with test-friendly defaults.

import {
  type ComplianceSettingsInput,
  complianceSettingsSchema,
  resolveCompliance,
} from '../compliance/profiles.ts'
import { DEFAULT_RETRY_SETTINGS, type RetryRules } from '../compliance/retry.ts'
import { ALWAYS_OPEN_WINDOW } from '../domain/calling-window.ts'
import type { CampaignMode } from '../domain/campaign/campaign-mode.ts'
import type { Contact } from '../domain/contact.ts'
import { outdialFlow } from '../flows/defaultFlows.ts'
import type { Flow } from '../flows/schema.ts'
import { InMemoryContactList } from './contact-list.ts'
import type { EngineCampaign, PacingChoice } from './types.ts'

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

/** A contact: a bare number, or fields of a Contact (id and numbers get defaults). */
export type KitContact = string | (Partial<Omit<Contact, 'campaignId'>> & { notBeforeSec?: number })

export interface KitCampaignOptions {
  mode?: CampaignMode
  pacing?: PacingChoice
  /** Progressive lines per agent (or per IVR port), R1.2 / R1.4. */
  dialingRate?: number
  ivrPorts?: number
  /** How many generated contacts, or the contacts themselves. Default 20. */
  contacts?: number | KitContact[]
  /** The outdial flow; default: a flow with no handlers (IVR: plays 'ivr-message' on LIVE_VOICE). */
  flow?: Flow | null
  /** Compliance settings over the kit's CUSTOM base (always-open window, no national list). */
  compliance?: Partial<ComplianceSettingsInput>
  preview?: Partial<EngineCampaign['preview']>
  retry?: RetryRules
  /** Teams of the campaign's outdial queue. Default [team-1]. */
  teamIds?: string[]
  /** Anything else of the campaign's configuration. */
  campaign?: Partial<EngineCampaign>
}

function defaultPacing(mode: CampaignMode, dialingRate: number): PacingChoice {
  if (mode === 'progressive' || mode === 'progressive_ivr') {
    return { kind: 'progressive', linesPerServer: dialingRate }
  }
  if (mode === 'predictive' || mode === 'predictive_ivr') return { kind: 'predictive' }
  return { kind: 'preview' }
}

function defaultFlow(mode: CampaignMode, id: string): Flow {
  const ivr = mode === 'progressive_ivr' || mode === 'predictive_ivr'
  return outdialFlow({ id: `flow-${id}`, ...(ivr ? { onLive: { play: 'ivr-message' } } : {}) })
}

export function kitCompliance(overrides: Partial<ComplianceSettingsInput> = {}) {
  const profile = overrides.profile ?? 'CUSTOM'
  // CUSTOM runs around the clock unless told otherwise; US and UK keep their own calling hours.
  const window = profile === 'CUSTOM' ? { callingWindow: ALWAYS_OPEN_WINDOW } : {}
  return resolveCompliance(
    complianceSettingsSchema.parse({ profile, ...window, ndncEnabled: false, ...overrides }),
  )
}

/** The campaign as the campaign manager would hand it over; CPA per mode as R2.2 says. */
export function kitCampaign(id: string, queueId: string, o: KitCampaignOptions): EngineCampaign {
  const mode = o.mode ?? 'progressive'
  const dialingRate = o.dialingRate ?? 1
  const ivr = mode === 'progressive_ivr' || mode === 'predictive_ivr'
  return {
    id,
    name: id === KIT_CAMPAIGN_ID ? KIT_CAMPAIGN_NAME : `Campaign ${id}`,
    mode,
    pacing: o.pacing ?? defaultPacing(mode, dialingRate),
    queueId,
    flow: o.flow === undefined ? defaultFlow(mode, id) : o.flow,
    callerId: KIT_CALLER_ID,
    timeZone: KIT_ZONE,
    ringLimitSec: 32,
    cpaEnabled: mode !== 'preview_direct',
    amdEnabled: mode !== 'preview_direct' && mode !== 'preview_standard',
    maxLinesPerServer: dialingRate,
    abandonTargetPct: 3,
    correctionPace: 70,
    gain: 1,
    amdHumanAsMachinePct: 0,
    ivrPorts: ivr ? (o.ivrPorts ?? 1) : 0,
    preview: { offerTimeoutSec: 600, autoAction: 'SKIP', actionsDisabled: [], ...o.preview },
    abandonMessagePromptId: KIT_ABANDON_PROMPT_ID,
    compliance: kitCompliance(o.compliance),
    dncListNames: [KIT_DNC_LIST],
    retry: o.retry ?? DEFAULT_RETRY_SETTINGS,
    capGuardEnabled: true,
    ...o.campaign,
  }
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
