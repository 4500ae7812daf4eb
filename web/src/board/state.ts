// The board's state and how one batch of live messages changes it (pure). Only the agents and
// campaigns a batch touches get new objects, so memoised rows of the others do not render again.
import type { BoardView, PacingDecisionView, SeriesPointView } from '../api.ts'

// The REST shapes come from the server's OpenAPI document (web/src/api-schema.d.ts), so a change
// of the API's schema breaks the build instead of the board.
export type BoardData = BoardView
export type BoardAgent = BoardView['agents'][number]
export type BoardCampaign = BoardView['campaigns'][number]
export type CampaignFigures = Omit<BoardCampaign, 'id' | 'name' | 'mode' | 'abandonCapPct'>
export type PacingDecision = PacingDecisionView
export type PacingInputs = PacingDecision['inputs']
export type SeriesPoint = SeriesPointView

/** The /v1/live messages the board reads (src/runtime/control.ts LiveMessage). */
export type BoardMessage =
  | {
      type: 'agentState'
      atMs: number
      agentId: string
      state: string
      code?: string
      campaignId?: string
    }
  | { type: 'campaign'; atMs: number; campaignId: string; data: CampaignFigures }
  | { type: 'pacing'; atMs: number; campaignId: string; decision: PacingDecision }
  | { type: 'series'; atMs: number; campaignId: string; point: SeriesPoint }

export interface BoardState {
  /** The newest time the server told (its clock), and when the browser heard it. */
  serverAtMs: number
  localAtMs: number
  agents: BoardAgent[]
  /** Position of each agent in `agents`. */
  index: ReadonlyMap<string, number>
  campaigns: BoardCampaign[]
  /** The newest pacing decision per campaign (the "why" button's number). */
  decisions: Readonly<Record<string, PacingDecision>>
  /** Live chart points per campaign since the series was read. */
  livePoints: Readonly<Record<string, SeriesPoint[]>>
}

/** Live chart points kept per campaign in the browser (a day at one point every 10 s). */
export const LIVE_POINTS_MAX = 8640

const CAMPAIGN_STATES = new Set(['Engaged', 'WrapUp'])

export function boardState(data: BoardData, localAtMs: number): BoardState {
  return {
    serverAtMs: data.atMs,
    localAtMs,
    agents: data.agents,
    index: new Map(data.agents.map((agent, i) => [agent.agentId, i])),
    campaigns: data.campaigns,
    decisions: {},
    livePoints: {},
  }
}

function nextAgent(agent: BoardAgent, message: Extract<BoardMessage, { type: 'agentState' }>) {
  const campaignId =
    message.campaignId ?? (CAMPAIGN_STATES.has(message.state) ? agent.campaignId : null)
  return {
    ...agent,
    state: message.state,
    code: message.code ?? null,
    sinceMs: message.atMs,
    campaignId,
  }
}

/** The state after one batch of messages, in their order. */
export function applyBatch(
  state: BoardState,
  batch: BoardMessage[],
  localAtMs: number,
): BoardState {
  if (batch.length === 0) return state
  let agents: BoardAgent[] | null = null
  let campaigns: BoardCampaign[] | null = null
  let decisions: Record<string, PacingDecision> | null = null
  let livePoints: Record<string, SeriesPoint[]> | null = null
  let serverAtMs = state.serverAtMs
  for (const message of batch) {
    serverAtMs = Math.max(serverAtMs, message.atMs)
    if (message.type === 'agentState') {
      const i = state.index.get(message.agentId)
      if (i === undefined) continue
      agents ??= [...state.agents]
      agents[i] = nextAgent(agents[i]!, message)
    } else if (message.type === 'campaign') {
      campaigns ??= [...state.campaigns]
      const i = campaigns.findIndex((c) => c.id === message.campaignId)
      if (i >= 0) campaigns[i] = { ...campaigns[i]!, ...message.data }
    } else if (message.type === 'pacing') {
      decisions ??= { ...state.decisions }
      decisions[message.campaignId] = message.decision
    } else if (message.type === 'series') {
      livePoints ??= { ...state.livePoints }
      const points = [...(livePoints[message.campaignId] ?? []), message.point]
      livePoints[message.campaignId] = points.slice(-LIVE_POINTS_MAX)
    }
  }
  return {
    ...state,
    serverAtMs,
    localAtMs,
    agents: agents ?? state.agents,
    campaigns: campaigns ?? state.campaigns,
    decisions: decisions ?? state.decisions,
    livePoints: livePoints ?? state.livePoints,
  }
}
