// The campaign status machine (R5.2, R5.7, R10.2), the one set of rules for every view of a
// campaign's status: draft → running ⇄ paused → stopped, and running → completed when a Dialer-API
// campaign's records are all done. Start, pause, resume and stop are what a user asks for;
// `complete` is the dialer's own move. Anything else is an expected, typed refusal, not an
// exception. The runtime persists these statuses as they are; the engine sees their projection
// (`engineStatusOf`) and its moves are derived from this table (`engineTransition`).
import { enumSchema } from '../config/schema-kit.ts'
import { invariant } from '../invariant.ts'

export const CAMPAIGN_STATUSES = ['draft', 'running', 'paused', 'stopped', 'completed'] as const
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number]

/**
 * The statuses a configured campaign may be stored with: `completed` is reached only by the
 * dialer's `complete` move (Dialer-API campaigns), never set by configuration.
 */
export const CONFIGURED_CAMPAIGN_STATUSES = ['draft', 'running', 'paused', 'stopped'] as const
export type ConfiguredCampaignStatus = (typeof CONFIGURED_CAMPAIGN_STATUSES)[number]
export const campaignStatusSchema = enumSchema(
  'status',
  CONFIGURED_CAMPAIGN_STATUSES,
  'R5.2 lifecycle draft → running ⇄ paused → stopped',
)

/** What a user (desktop, API) asks of a campaign. */
export const CAMPAIGN_ACTIONS = ['start', 'pause', 'resume', 'stop'] as const
export type CampaignAction = (typeof CAMPAIGN_ACTIONS)[number]

/** Every move of the machine: a user's action, or `complete` (R10.2: every record done). */
export const CAMPAIGN_MOVES = [...CAMPAIGN_ACTIONS, 'complete'] as const
export type CampaignMove = (typeof CAMPAIGN_MOVES)[number]

export type CampaignTransition =
  | { kind: 'ok'; to: CampaignStatus }
  | { kind: 'illegal'; from: CampaignStatus; action: CampaignMove }

/**
 * Every legal move. A draft is never stopped (it never dialled; it is deleted instead), and a
 * stopped or completed campaign is final: a new run is a new campaign, so its reports stay whole.
 */
const TRANSITIONS: Record<CampaignStatus, Partial<Record<CampaignMove, CampaignStatus>>> = {
  draft: { start: 'running' },
  running: { pause: 'paused', stop: 'stopped', complete: 'completed' },
  paused: { resume: 'running', stop: 'stopped' },
  stopped: {},
  completed: {},
}

export function campaignTransition(from: CampaignStatus, action: CampaignMove): CampaignTransition {
  const to = TRANSITIONS[from][action]
  return to === undefined ? { kind: 'illegal', from, action } : { kind: 'ok', to }
}

/** A final status has no move out of it. */
export function isFinal(status: CampaignStatus): boolean {
  return Object.keys(TRANSITIONS[status]).length === 0
}

/** The dialer places calls only for a running campaign. */
export function isDialing(status: CampaignStatus): boolean {
  return status === 'running'
}

// --- the engine's view -------------------------------------------------------------------------

/**
 * What the engine distinguishes: dialing, paused (lines out finish, none open), or stopped (no
 * line opens; also a campaign not started yet, or completed).
 */
export const ENGINE_CAMPAIGN_STATUSES = ['running', 'paused', 'stopped'] as const
export type EngineCampaignStatus = (typeof ENGINE_CAMPAIGN_STATUSES)[number]

const ENGINE_STATUS_OF: Record<CampaignStatus, EngineCampaignStatus> = {
  draft: 'stopped',
  running: 'running',
  paused: 'paused',
  stopped: 'stopped',
  completed: 'stopped',
}

export function engineStatusOf(status: CampaignStatus): EngineCampaignStatus {
  return ENGINE_STATUS_OF[status]
}

export type EngineCampaignTransition =
  | { kind: 'ok'; to: EngineCampaignStatus }
  | { kind: 'illegal'; from: EngineCampaignStatus; action: CampaignAction }

/**
 * The machine seen through `engineStatusOf`: an action is legal in an engine status when it is
 * legal in some campaign status the engine sees that way, and leads to that move's projection.
 * Built once from TRANSITIONS; every status seen alike must agree on where an action leads.
 */
const ENGINE_TRANSITIONS = projectTransitions()

function projectTransitions(): Record<
  EngineCampaignStatus,
  Partial<Record<CampaignAction, EngineCampaignStatus>>
> {
  const table: Record<
    EngineCampaignStatus,
    Partial<Record<CampaignAction, EngineCampaignStatus>>
  > = { running: {}, paused: {}, stopped: {} }
  for (const status of CAMPAIGN_STATUSES) {
    const from = engineStatusOf(status)
    for (const action of CAMPAIGN_ACTIONS) {
      const transition = campaignTransition(status, action)
      if (transition.kind === 'illegal') continue
      const to = engineStatusOf(transition.to)
      const known = table[from][action]
      invariant(known === undefined || known === to, `engine ${from} --${action}--> is ambiguous`)
      table[from][action] = to
    }
  }
  return table
}

export function engineTransition(
  from: EngineCampaignStatus,
  action: CampaignAction,
): EngineCampaignTransition {
  const to = ENGINE_TRANSITIONS[from][action]
  return to === undefined ? { kind: 'illegal', from, action } : { kind: 'ok', to }
}
