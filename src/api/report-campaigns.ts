// The campaigns reports know (R9.1): the built-in campaign manager's (configuration documents,
// their mode from their campaign group's pacing) and the outside managers' started through the
// Dialer API (their persisted state, the mode from the start request's campaignType). Reports
// group them by mode family: predictive and progressive together, preview, and IVR.
import {
  CAMPAIGN_MODES,
  type CampaignMode,
  isIvrMode,
  isPreviewMode,
} from '../domain/campaign/campaign-mode.ts'
import type { TenantStores } from '../store/ports/tenant-stores.ts'

export const MODE_FAMILIES = ['predictive_progressive', 'preview', 'ivr', 'unknown'] as const
export type ModeFamily = (typeof MODE_FAMILIES)[number]

export interface ReportCampaign {
  campaignId: string
  name: string
  mode: CampaignMode | null
  source: 'campaignManager' | 'dialerApi'
  /** The campaign's own zone (built-in campaigns), the default for its interval rows. */
  timeZone: string | null
}

export function familyOf(mode: CampaignMode | null): ModeFamily {
  if (mode === null) return 'unknown'
  if (isIvrMode(mode)) return 'ivr'
  if (isPreviewMode(mode)) return 'preview'
  return 'predictive_progressive'
}

const modeOf = (value: unknown): CampaignMode | null => {
  const text = typeof value === 'string' ? value.toLowerCase() : ''
  if (text === 'campaign') return 'progressive'
  return (CAMPAIGN_MODES as readonly string[]).includes(text) ? (text as CampaignMode) : null
}

const field = (body: unknown, name: string): unknown =>
  typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined

/** Every campaign of the tenant, by id; a built-in campaign wins over a Dialer-API one. */
export async function reportCampaigns(
  stores: Pick<TenantStores, 'documents' | 'runtime'>,
): Promise<Map<string, ReportCampaign>> {
  const campaigns = new Map<string, ReportCampaign>()
  for (const state of await stores.runtime.campaignStates.load()) {
    if (!state.dialerApi) continue
    const request = state.dialerApi.request
    campaigns.set(state.campaignId, {
      campaignId: state.campaignId,
      name: request.campaignName ?? state.campaignId,
      mode: modeOf(request.campaignType),
      source: 'dialerApi',
      timeZone: null,
    })
  }
  const groups = new Map(
    (await stores.documents.all('campaign-group')).map((g) => [
      g.id,
      modeOf(field(field(g.body, 'pacing'), 'mode')),
    ]),
  )
  for (const doc of await stores.documents.all('campaign')) {
    const zone = field(doc.body, 'timeZone')
    campaigns.set(doc.id, {
      campaignId: doc.id,
      name: doc.name,
      mode: groups.get(String(field(doc.body, 'campaignGroupId'))) ?? null,
      source: 'campaignManager',
      timeZone: typeof zone === 'string' ? zone : null,
    })
  }
  return campaigns
}
