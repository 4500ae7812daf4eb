// The campaign mode (R1): the one enum the configuration, the engine, the runtime and the API use.
// The values are the Dialer API's own `campaignType` spellings (docs/dialer-api.md); the scenario
// files of the simulator spell them their own way and are mapped at their parser (sim/scenario.ts).

export const CAMPAIGN_MODES = [
  'preview_standard',
  'preview_direct',
  'progressive',
  'predictive',
  'progressive_ivr',
  'predictive_ivr',
] as const
export type CampaignMode = (typeof CAMPAIGN_MODES)[number]

/** R1.4: agentless modes, paced by IVR ports instead of agents. */
export const IVR_MODES: readonly CampaignMode[] = ['progressive_ivr', 'predictive_ivr']
/** R1.1: an agent sees the record before the dial. */
export const PREVIEW_MODES: readonly CampaignMode[] = ['preview_standard', 'preview_direct']
/** R1.3: lines pooled over the servers by a forecast, up to a maximum dial rate. */
export const PREDICTIVE_MODES: readonly CampaignMode[] = ['predictive', 'predictive_ivr']
/** R1.2, R1.4: a fixed number of lines per agent or per port. */
export const PROGRESSIVE_MODES: readonly CampaignMode[] = ['progressive', 'progressive_ivr']

export function isIvrMode(mode: CampaignMode): boolean {
  return IVR_MODES.includes(mode)
}

export function isPreviewMode(mode: CampaignMode): boolean {
  return PREVIEW_MODES.includes(mode)
}

export function isPredictiveMode(mode: CampaignMode): boolean {
  return PREDICTIVE_MODES.includes(mode)
}

export function isProgressiveMode(mode: CampaignMode): boolean {
  return PROGRESSIVE_MODES.includes(mode)
}
