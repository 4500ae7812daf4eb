// The agent for an inbound call (R8, Appendix A routing types): below the inbound call handling and
// the router, which both ask it.
import { InvariantError } from '../../domain/invariant.ts'
import { agentServesQueue, queueRankForAgent } from '../agents.ts'
import type { AgentRuntime, EngineContext, QueueRuntime } from '../context.ts'

/**
 * The queue's agents in its fixed order: its teams in call-distribution-group order, each team's
 * agents in the order they were configured; an agent in two of its teams comes once, first.
 */
function queueAgentsInOrder(ctx: EngineContext, queue: QueueRuntime): AgentRuntime[] {
  const seen = new Set<string>()
  const agents: AgentRuntime[] = []
  for (const teamId of queue.teamIds) {
    for (const agentId of ctx.teams.get(teamId)?.agentIds ?? []) {
      if (seen.has(agentId)) continue
      seen.add(agentId)
      const agent = ctx.agents.get(agentId)
      if (agent && agentServesQueue(agent, queue)) agents.push(agent)
    }
  }
  return agents
}

/**
 * The agent for an inbound call in `queueId`, among the Available agents the queue serves (its
 * teams; SKILLS_BASED: only agents whose skill profile meets every requirement):
 * - LONGEST_AVAILABLE_AGENT and SKILLS_BASED: the one Available longest;
 * - LINEAR: the first in the queue's fixed order (queueAgentsInOrder);
 * - CIRCULAR: the first in that order after the agent who got the queue's last call, wrapping.
 * Failing that, when the queue outranks the campaign for that agent (R8.1 default), a reserved
 * agent waiting in a pooled (predictive) campaign, whose reservation is withdrawn.
 */
export function agentForInbound(ctx: EngineContext, queueId: string): AgentRuntime | null {
  const queue = ctx.queues.get(queueId)
  if (queue === undefined) throw new InvariantError(`unknown queue ${queueId}`)
  const agents = rotated(queue, queueAgentsInOrder(ctx, queue))
  const available = agents.filter((agent) => agent.state.kind === 'Available')
  let best: AgentRuntime | null = available[0] ?? null
  if (queue.routingType === 'LONGEST_AVAILABLE_AGENT' || queue.routingType === 'SKILLS_BASED') {
    for (const agent of available) if (agent.stateSinceMs < best!.stateSinceMs) best = agent
  }
  return best ?? agents.find((agent) => isPreemptable(ctx, agent, queueId)) ?? null
}

/** CIRCULAR: the order starting after the last agent routed to; the others keep theirs. */
function rotated(queue: QueueRuntime, agents: AgentRuntime[]): AgentRuntime[] {
  if (queue.routingType !== 'CIRCULAR' || queue.lastRoutedAgentId === null) return agents
  const last = agents.findIndex((agent) => agent.id === queue.lastRoutedAgentId)
  return last < 0 ? agents : [...agents.slice(last + 1), ...agents.slice(0, last + 1)]
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
