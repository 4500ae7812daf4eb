// What the running dialer offers the HTTP layer (src/api): campaign lifecycle and live figures,
// the Dialer API and preview-task actions, the agent desktop's actions (R7) and the live feed
// (R9.2). Not storage: the runtime owns these, DialerService implements them, the API imports
// them. One process runs every tenant's dialer, so each call names its tenant.

import type { PacingInputs } from '../dialer/types.ts'
import type { AgentDataMessage, AgentDeskView } from './agent-data/messages.ts'

/**
 * One message of the live feed (R9.2): agents by state, lines, abandon rate, dial rate; and the
 * customer's data for the one agent the contact is for (agent-data/messages.ts).
 */
export type LiveMessage =
  | AgentDataMessage
  | { type: 'snapshot'; atMs: number; data: unknown }
  | {
      type: 'agentState'
      atMs: number
      agentId: string
      state: string
      code?: string
      /** The reserving campaign (state Reserved). */
      campaignId?: string
    }
  | { type: 'campaign'; atMs: number; campaignId: string; data: unknown }
  | {
      type: 'attempt'
      atMs: number
      campaignId: string
      attemptId: string
      outcome: string
      agentId: string | null
    }
  | {
      type: 'previewOffer'
      atMs: number
      campaignId: string
      taskId: string
      agentId: string
      expiresAtMs: number
    }
  /** Staff only: the campaign's newest pooled pacing decision with its inputs (board-history.ts). */
  | { type: 'pacing'; atMs: number; campaignId: string; decision: PacingDecisionRecord }
  /** Staff only: the campaign's chart point of now (one per SERIES_INTERVAL_MS). */
  | { type: 'series'; atMs: number; campaignId: string; point: SeriesPoint }

/**
 * Who watches the live feed: staff (`agentId` null) see the whole tenant; an agent sees their own
 * state, attempts and preview offers, and the figures of the campaigns they serve only.
 */
export interface LiveViewer {
  agentId: string | null
}

/** The running dialer's live state, per tenant, as the viewer may see it. */
export interface LiveFeed {
  snapshot(tenantId: string, viewer: LiveViewer): LiveMessage
  /** Calls `listener` for each message the viewer may see until the returned function is called. */
  subscribe(
    tenantId: string,
    viewer: LiveViewer,
    listener: (message: LiveMessage) => void,
  ): () => void
}

export type ControlRefusal =
  | { ok: false; reason: 'notFound'; message: string }
  | { ok: false; reason: 'illegal'; message: string }
  | { ok: false; reason: 'invalid'; message: string; details: { path: string; message: string }[] }
  | { ok: false; reason: 'forbidden'; message: string }

export type ControlResult<T = { status: string }> = ({ ok: true } & T) | ControlRefusal

export interface CampaignLiveFigures {
  status: string
  linesInFlight: number
  readyAgents: number
  abandonRateWindowPct: number
  abandonRateRunPct: number
  dialsPerMinute: number
  pendingContacts: number
  outcomes: Record<string, number>
  /** Outside the dialing hours of its schedule now (issue 15): no new dial until the next period. */
  outsideHours: boolean
}

/** The running dialer, as the HTTP layer drives it (built-in campaigns and the Dialer API alike). */
export interface DialerControl {
  campaignAction(
    tenantId: string,
    campaignId: string,
    action: 'start' | 'pause' | 'resume' | 'stop',
  ): Promise<ControlResult>
  campaignFigures(tenantId: string, campaignId: string): CampaignLiveFigures | null
  startDialerCampaign(
    tenantId: string,
    body: unknown,
  ): Promise<ControlResult<{ campaignId: string }>>
  updateDialerCampaign(tenantId: string, campaignId: string, body: unknown): Promise<ControlResult>
  stopDialerCampaign(tenantId: string, campaignId: string): Promise<ControlResult>
  previewAction(
    tenantId: string,
    campaignId: string,
    taskId: string,
    action: 'ACCEPT' | 'SKIP' | 'REMOVE',
    actingAgentId: string | null,
  ): Promise<ControlResult<object>>
}

export const AGENT_ACTIONS = [
  'login',
  'logout',
  'available',
  'idle',
  'endWrapUp',
  'answerReservation',
  'hangup',
  'requestCampaignContact',
] as const
export type AgentActionName = (typeof AGENT_ACTIONS)[number]

/** A callback the agent schedules at the end of wrap-up (R5.2). */
export interface CallbackRequest {
  /** The customer's local date and time (ISO, no offset), in the contact's zone. */
  localTime: string
  /** For the agent themself, or for any agent of the campaign. */
  for: 'agent' | 'campaign'
}

/** The agent desktop's actions on the running dialer (R7). */
export interface AgentControl {
  /** The agent's current state, or null when the dialer does not know the agent. */
  state(
    tenantId: string,
    agentId: string,
  ): { state: string; detail: Record<string, unknown> } | null
  act(
    tenantId: string,
    agentId: string,
    action: AgentActionName,
    code: string | undefined,
    callback?: CallbackRequest,
  ): Promise<ControlResult<{ state: string }>>
}

/** The customer's data as the agent's desktop shows it now (agent-data/messages.ts). */
export interface AgentDataControl {
  /** Null when the tenant's dialer does not know the agent. */
  deskView(tenantId: string, agentId: string): AgentDeskView | null
}

/**
 * What the running dialers are told when a DNC list changes through the API (R5.4). A number
 * added or removed changes every running dialer of the tenant synchronously, before the API
 * answers; a list loaded from a file is read again before the API answers.
 */
export interface DncChanges {
  numberAdded(tenantId: string, listName: string, phoneNumber: string): void
  numberRemoved(tenantId: string, listName: string, phoneNumber: string): void
  listLoaded(tenantId: string, listName: string): Promise<void>
}

/** One pooled pacing decision as the board explains it (board-history.ts keeps the recent ones). */
export interface PacingDecisionRecord {
  atMs: number
  target: number
  inFlight: number
  reason: string
  inputs: PacingInputs
}

export interface SeriesPoint {
  atMs: number
  linesInFlight: number
  /** Live connects since the previous point. */
  connects: number
  abandonRateRunPct: number
  abandonRateWindowPct: number
}

/** One agent as the supervisor's board lists them (issue 12). */
export interface BoardAgent {
  agentId: string
  name: string
  state: string
  /** The idle or wrap-up code. */
  code: string | null
  sinceMs: number
  /** The campaign the agent serves now (reserved, on its call or in its wrap-up). */
  campaignId: string | null
}

/** A campaign on the supervisor's board: its figures now and its abandon cap. */
export type BoardCampaign = {
  id: string
  name: string
  mode: string | null
  /** The compliance profile's cap on the window's abandon rate (%); null when not running. */
  abandonCapPct: number | null
} & CampaignLiveFigures

/** What the supervisor's board reads (R9.2, issue 12); null when the tenant runs no dialer. */
export interface BoardControl {
  board(tenantId: string): { atMs: number; agents: BoardAgent[]; campaigns: BoardCampaign[] } | null
  /** Null when the dialer does not know the campaign. */
  pacingDecisions(tenantId: string, campaignId: string): PacingDecisionRecord[] | null
  series(tenantId: string, campaignId: string): SeriesPoint[] | null
}
