// The agent for an inbound call (R8): below the inbound call handling and the router, which both
// ask it.
import { invariant } from '../../domain/invariant.ts'
import { queueRankForAgent } from '../agents.ts'
import type { AgentRuntime, EngineContext } from '../context.ts'

/**
 * The agent for an inbound call in `queueId`: the longest-available agent of its teams; failing
 * that, when the queue outranks the campaign for that agent (R8.1 default), a reserved agent
 * waiting in a pooled (predictive) campaign, whose reservation is withdrawn.
 */
export function agentForInbound(ctx: EngineContext, queueId: string): AgentRuntime | null {
  const queue = ctx.queues.get(queueId)
  invariant(queue !== undefined, `unknown queue ${queueId}`)
  let best: AgentRuntime | null = null
  let preempt: AgentRuntime | null = null
  for (const agent of ctx.agents.values()) {
    if (!queue.teamIds.some((teamId) => agent.teamIds.includes(teamId))) continue
    if (agent.state.kind === 'Available') {
      if (!best || agent.stateSinceMs < best.stateSinceMs) best = agent
    } else if (!preempt && isPreemptable(ctx, agent, queueId)) {
      preempt = agent
    }
  }
  return best ?? preempt
}

function isPreemptable(ctx: EngineContext, agent: AgentRuntime, queueId: string): boolean {
  if (agent.state.kind !== 'Reserved' || !agent.state.connected) return false
  const campaign = ctx.campaigns.get(agent.state.campaignId)
  if (!campaign || campaign.config.pacing.kind === 'progressive') return false
  if (!campaign.ready.has(agent.id)) return false
  return (
    queueRankForAgent(ctx, agent, queueId) < queueRankForAgent(ctx, agent, campaign.config.queueId)
  )
}
