// Routing (R8): an agent who becomes Available goes to the best-ranked work among the inbound
// queues that route to them and the campaign queues of their teams (campaigns only when their
// profile allows outbound, R7.1); an inbound call goes to the agent its queue's routing type picks.

import { invariant } from '../../domain/invariant.ts'
import { agentOrThrow, applyAgentEvent, queueRankForAgent, queuesOfAgent } from '../agents.ts'
import type { AgentRuntime, CampaignRuntime, EngineContext } from '../context.ts'
import { isIvr, isPreview, outsideSchedule } from '../context.ts'
import { connectInboundToAgent } from '../inbound.ts'

/** How long an agent may take to answer a reservation call before it is withdrawn (R7.2). */
export const RESERVATION_ANSWER_SEC_MAX = 30
/** Idle code given to an agent whose reservation call went unanswered (documented, R7.2). */
export const IDLE_CODE_RESERVATION_NOT_ANSWERED = 'RESERVATION_NOT_ANSWERED'

type Work =
  | { kind: 'inbound'; queueId: string; rank: number; sinceMs: number }
  | { kind: 'campaign'; campaign: CampaignRuntime; rank: number; sinceMs: number }

export function campaignWantsAgents(ctx: EngineContext, campaign: CampaignRuntime): boolean {
  if (isIvr(campaign.config)) return false
  // A paused or stopped pool campaign, or one outside its dialing hours, still takes the agents its
  // lines out and live customers need: lines dialled while it ran answer afterwards, and a live
  // answer with no agent is an abandon.
  const nowMs = ctx.clock.nowMs()
  if (campaign.status !== 'running' || outsideSchedule(campaign, nowMs)) {
    const needed = campaign.inFlight > 0 || campaign.liveWaiting.length > 0
    return needed && !isPreview(campaign.config) && campaign.config.pacing.kind !== 'progressive'
  }
  const nextDueMs = campaign.list.nextDueMs() ?? Number.POSITIVE_INFINITY
  const contactDue = campaign.hopperIdleUntilMs <= nowMs && nextDueMs <= nowMs
  // A preview line belongs to the agent who accepted it: another agent cannot help it, and
  // reserving one only to release it again would loop at one instant.
  if (isPreview(campaign.config)) return contactDue
  return contactDue || campaign.inFlight > 0 || campaign.liveWaiting.length > 0
}

function candidateWork(ctx: EngineContext, agent: AgentRuntime): Work[] {
  const work: Work[] = []
  for (const queueId of queuesOfAgent(ctx, agent)) {
    const queue = ctx.queues.get(queueId)!
    const rank = queueRankForAgent(ctx, agent, queueId)
    if (queue.type === 'INBOUND' && queue.waiting.length > 0) {
      const oldest = ctx.inbound.get(queue.waiting[0]!)!
      work.push({ kind: 'inbound', queueId, rank, sinceMs: oldest.arrivedAtMs })
    }
  }
  // R7.1: campaigns reserve only agents whose profile allows outbound campaigns.
  if (!agent.outboundAllowed) return sortWork(work)
  for (const campaign of ctx.campaigns.values()) {
    if (!campaignWantsAgents(ctx, campaign)) continue
    const queue = ctx.queues.get(campaign.config.queueId)
    if (!queue || !queue.teamIds.some((teamId) => agent.teamIds.includes(teamId))) continue
    const rank = queueRankForAgent(ctx, agent, queue.id)
    const sinceMs = reservationRequestSinceMs(ctx, campaign)
    work.push({ kind: 'campaign', campaign, rank, sinceMs })
  }
  return sortWork(work)
}

/**
 * R4.3: when the campaign's pending request for an agent was issued. A request that waited the
 * outdial queue's maximum time in queue is withdrawn and issued again, so it queues behind the
 * requests issued since (a request keeps its place for at most that long).
 */
function reservationRequestSinceMs(ctx: EngineContext, campaign: CampaignRuntime): number {
  const queue = ctx.queues.get(campaign.config.queueId)
  const issuedMs = campaign.requestIssuedAtMs
  if (!queue || !Number.isFinite(issuedMs)) return issuedMs
  const maxMs = queue.maxTimeInQueueSec * 1000
  const reissues = Math.floor((ctx.clock.nowMs() - issuedMs) / maxMs)
  if (reissues > 0) campaign.requestIssuedAtMs = issuedMs + reissues * maxMs
  return campaign.requestIssuedAtMs
}

/** Best rank first; among equals, inbound before campaigns, then whoever waited longest. */
function sortWork(work: Work[]): Work[] {
  work.sort(
    (a, b) =>
      a.rank - b.rank ||
      (a.kind === b.kind ? 0 : a.kind === 'inbound' ? -1 : 1) ||
      a.sinceMs - b.sinceMs ||
      // Requests issued at one instant: the campaign that got an agent least recently first.
      (a.kind === 'campaign' && b.kind === 'campaign'
        ? a.campaign.lastAssignedMs - b.campaign.lastAssignedMs
        : 0),
  )
  return work
}

/** Gives an Available agent the best work there is; leaves them Available when there is none. */
export function routeAgent(ctx: EngineContext, agentId: string): void {
  const agent = agentOrThrow(ctx, agentId)
  if (agent.state.kind !== 'Available') return
  const best = candidateWork(ctx, agent)[0]
  if (!best) return
  if (best.kind === 'inbound') {
    const queue = ctx.queues.get(best.queueId)!
    const callId = queue.waiting.shift()
    invariant(callId !== undefined, 'inbound queue emptied under the router')
    connectInboundToAgent(ctx, callId, agent)
    return
  }
  reserveAgent(ctx, agent, best.campaign)
}

export function reserveAgent(ctx: EngineContext, agent: AgentRuntime, campaign: CampaignRuntime) {
  campaign.lastAssignedMs = ctx.clock.nowMs()
  // The request is served; the campaign's next request for an agent is issued now.
  campaign.requestIssuedAtMs = campaign.lastAssignedMs
  applyAgentEvent(ctx, agent, { kind: 'reserve', campaignId: campaign.config.id })
  agent.reservationTimer = ctx.setTimerWith(
    RESERVATION_ANSWER_SEC_MAX * 1000,
    reservationNotAnswered,
    agent,
  )
  ctx.telephony.callAgent(agent.id, 'reservation')
}

function reservationNotAnswered(ctx: EngineContext, agent: AgentRuntime): void {
  agent.reservationTimer = null
  if (agent.state.kind === 'Reserved' && !agent.state.connected) {
    applyAgentEvent(ctx, agent, { kind: 'setIdle', code: IDLE_CODE_RESERVATION_NOT_ANSWERED })
  }
}

/** Routes every Available agent (after a campaign starts or contacts arrive). */
export function routeAllAvailable(ctx: EngineContext): void {
  // The Available ones only, not a copy of every agent first: this runs at every pacing tick.
  const available: AgentRuntime[] = []
  for (const agent of ctx.agents.values())
    if (agent.state.kind === 'Available') available.push(agent)
  available.sort((a, b) => a.stateSinceMs - b.stateSinceMs)
  for (const agent of available) routeAgent(ctx, agent.id)
}

/** Whether an inbound call waits in one of the agent's queues ranked above `campaignQueueId`. */
/** Whether any inbound call waits in a queue at all (most pumps: none, and nothing to yield to). */
export function anyInboundWaiting(ctx: EngineContext): boolean {
  for (const queue of ctx.queues.values()) {
    if (queue.type === 'INBOUND' && queue.waiting.length > 0) return true
  }
  return false
}

export function inboundWaitingOutranks(
  ctx: EngineContext,
  agent: AgentRuntime,
  campaignQueueId: string,
): boolean {
  const campaignRank = queueRankForAgent(ctx, agent, campaignQueueId)
  return queuesOfAgent(ctx, agent).some((queueId) => {
    const queue = ctx.queues.get(queueId)!
    if (queue.type !== 'INBOUND' || queue.waiting.length === 0) return false
    return queueRankForAgent(ctx, agent, queueId) < campaignRank
  })
}
