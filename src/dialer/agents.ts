// Agent bookkeeping around the pure state machine (R7): every change goes through here so the
// campaign pools (reserved, ready) always mirror the agents' states.
import {
  type AgentEvent,
  type AgentState,
  type AgentTransition,
  transitionAgent,
} from '../domain/agent-state.ts'
import { InvariantError, invariant } from '../domain/invariant.ts'
import type { Phase as BusyPhase } from './busy-agents.ts'
import { holdsCallbackFor } from './callback-hold.ts'
import type { AgentRuntime, EngineContext, QueueRuntime } from './context.ts'
import { isPreview } from './context.ts'
import { withdrawPreviewTasks } from './preview-tasks.ts'
import { settleWrapUp } from './wrap-up.ts'

/** Applies an event the engine knows to be legal; an illegal one here is a bug. */
export function applyAgentEvent(ctx: EngineContext, agent: AgentRuntime, event: AgentEvent): void {
  const result = tryAgentEvent(ctx, agent, event)
  if (result.kind !== 'ok')
    throw new InvariantError(`illegal agent transition ${agent.state.kind} → ${event.kind}`)
}

/** Applies an event that came from outside (desktop, API): illegal ones are returned, not fixed. */
export function tryAgentEvent(
  ctx: EngineContext,
  agent: AgentRuntime,
  event: AgentEvent,
): AgentTransition {
  const before = agent.state
  const result = transitionAgent(before, event)
  if (result.kind !== 'ok') return result
  leavePools(ctx, agent)
  agent.state = result.state
  agent.stateSinceMs = ctx.clock.nowMs()
  if (agent.reservationTimer !== null && result.state.kind !== 'Reserved') {
    ctx.clock.cancelTimer(agent.reservationTimer)
    agent.reservationTimer = null
  }
  // Leaving a reservation (not answering it, not being bridged on it) drops its call leg, and
  // takes back the preview offers nobody else could accept (R7.5).
  if (before.kind === 'Reserved' && result.state.kind !== 'Reserved') {
    if (result.state.kind !== 'Engaged') ctx.telephony.releaseAgent(agent.id)
    const campaign = ctx.campaigns.get(before.campaignId)
    if (campaign) withdrawPreviewTasks(ctx, campaign, agent.id)
  }
  // Leaving a campaign call's wrap-up without a code (going Idle): the retry rules decide (R5.2).
  if (before.kind === 'WrapUp' && agent.wrapUp !== null) settleWrapUp(ctx, agent, undefined)
  enterPools(ctx, agent)
  syncBusyAgent(ctx, agent)
  ctx.bus.publish({
    kind: 'agentState',
    atMs: agent.stateSinceMs,
    agentId: agent.id,
    state: agent.state,
  })
  return result
}

function leavePools(ctx: EngineContext, agent: AgentRuntime): void {
  if (agent.state.kind !== 'Reserved') return
  const campaign = ctx.campaigns.get(agent.state.campaignId)
  if (!campaign) return
  campaign.reserved.delete(agent.id)
  campaign.ready.delete(agent.id)
  ctx.dirty.add(campaign.config.id)
}

function enterPools(ctx: EngineContext, agent: AgentRuntime): void {
  if (agent.state.kind === 'Available') {
    ctx.toRoute.add(agent.id)
    // A callback held for the agent (R5.2): its campaign reserves them if routing does not first.
    for (const campaign of ctx.campaigns.values())
      if (holdsCallbackFor(campaign, agent.id)) ctx.dirty.add(campaign.config.id)
  }
  if (agent.state.kind !== 'Reserved') return
  const campaign = ctx.campaigns.get(agent.state.campaignId)
  invariant(campaign !== undefined, 'agent reserved by an unknown campaign')
  campaign.reserved.add(agent.id)
  agent.poolCampaignId = campaign.config.id
  if (agent.state.connected && !isPreview(campaign.config)) campaign.ready.add(agent.id)
  ctx.dirty.add(campaign.config.id)
}

export function agentOrThrow(ctx: EngineContext, agentId: string): AgentRuntime {
  const agent = ctx.agents.get(agentId)
  // The message is built only when thrown: this runs on every agent event (issue 15).
  if (agent === undefined) throw new InvariantError(`unknown agent ${agentId}`)
  return agent
}

/**
 * Whether the queue routes to this agent: its distribution group names one of the agent's teams,
 * and for a SKILLS_BASED queue the agent's skill profile has every required skill at its minimum
 * level or above.
 */
export function agentServesQueue(agent: AgentRuntime, queue: QueueRuntime): boolean {
  if (!queue.teamIds.some((teamId) => agent.teamIds.includes(teamId))) return false
  if (queue.routingType !== 'SKILLS_BASED') return true
  return queue.skillRequirements.every(
    (required) => (agent.skills.get(required.skillId) ?? 0) >= required.minLevel,
  )
}

/** The agent's queues: every queue that routes to the agent (agentServesQueue). */
export function queuesOfAgent(ctx: EngineContext, agent: AgentRuntime): string[] {
  const queueIds: string[] = []
  for (const queue of ctx.queues.values()) {
    if (agentServesQueue(agent, queue)) queueIds.push(queue.id)
  }
  return queueIds
}

/** A queue's rank for an agent (R8.2): the best explicit rank of the agent's teams, else the
 * default, which puts inbound queues above campaign queues (R8.1). Lower wins. */
export const RANK_DEFAULT_INBOUND = 1000
export const RANK_DEFAULT_OUTBOUND = 2000

export function queueRankForAgent(
  ctx: EngineContext,
  agent: AgentRuntime,
  queueId: string,
): number {
  let best = Number.POSITIVE_INFINITY
  for (const teamId of agent.teamIds) {
    const rank = ctx.teams.get(teamId)?.queueRankings.get(queueId)
    if (rank !== undefined && rank < best) best = rank
  }
  if (best !== Number.POSITIVE_INFINITY) return best
  return ctx.queues.get(queueId)?.type === 'INBOUND' ? RANK_DEFAULT_INBOUND : RANK_DEFAULT_OUTBOUND
}

/** After the agent's state or pool changed: count it where it is busy now (or nowhere). */
export function syncBusyAgent(ctx: EngineContext, agent: AgentRuntime): void {
  const campaign =
    agent.poolCampaignId === null ? undefined : ctx.campaigns.get(agent.poolCampaignId)
  const phase = campaign === undefined ? null : busyPhase(agent.state, campaign.config.id)
  const target = phase === null ? null : campaign!.busyAgents
  if (
    target !== null &&
    target === agent.busyIn &&
    target.holds(agent.id, phase!, agent.stateSinceMs)
  )
    return
  agent.busyIn?.remove(agent.id)
  agent.busyIn = target
  target?.add(agent.id, phase!, agent.stateSinceMs)
}

function busyPhase(state: AgentState, campaignId: string): BusyPhase | null {
  if (state.kind === 'Reserved') {
    return state.campaignId === campaignId && !state.connected ? 'reserving' : null
  }
  if (state.kind === 'Engaged') return state.origin === 'campaign' ? 'talking' : null
  if (state.kind === 'WrapUp') return 'wrapUp'
  return null
}
