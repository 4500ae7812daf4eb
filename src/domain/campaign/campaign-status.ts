// Campaign lifecycle (R5.2, R5.7): draft → running ⇄ paused → stopped. Start, pause, resume and
// stop are the only moves; anything else is an expected, typed refusal, not an exception.
import { enumSchema } from '../config/schema-kit.ts'

export const CAMPAIGN_STATUSES = ['draft', 'running', 'paused', 'stopped'] as const
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number]
export const campaignStatusSchema = enumSchema(
  'status',
  CAMPAIGN_STATUSES,
  'R5.2 lifecycle draft → running ⇄ paused → stopped',
)

export const CAMPAIGN_ACTIONS = ['start', 'pause', 'resume', 'stop'] as const
export type CampaignAction = (typeof CAMPAIGN_ACTIONS)[number]
export const campaignActionSchema = enumSchema(
  'action',
  CAMPAIGN_ACTIONS,
  'R5.2 start / pause / resume / stop',
)

export type CampaignTransition =
  | { kind: 'ok'; to: CampaignStatus }
  | { kind: 'illegal'; from: CampaignStatus; action: CampaignAction }

/**
 * Every legal move. A draft is never stopped (it never dialled; it is deleted instead), and a
 * stopped campaign is final: a new run is a new campaign, so its reports stay whole.
 */
const TRANSITIONS: Record<CampaignStatus, Partial<Record<CampaignAction, CampaignStatus>>> = {
  draft: { start: 'running' },
  running: { pause: 'paused', stop: 'stopped' },
  paused: { resume: 'running', stop: 'stopped' },
  stopped: {},
}

export function campaignTransition(
  from: CampaignStatus,
  action: CampaignAction,
): CampaignTransition {
  const to = TRANSITIONS[from][action]
  return to === undefined ? { kind: 'illegal', from, action } : { kind: 'ok', to }
}

/** The dialer places calls only for a running campaign. */
export function isDialing(status: CampaignStatus): boolean {
  return status === 'running'
}
