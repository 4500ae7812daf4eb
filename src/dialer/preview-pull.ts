// R1.1(b), the "Campaign Contact" button: an agent with no active contact asks for the next
// record across the preview campaigns of their teams, oldest-served campaign first.
import { agentOrThrow, tryAgentEvent } from './agents.ts'
import type { EngineContext } from './context.ts'
import { nextDialable } from './hopper.ts'
import { offerChoice } from './preview.ts'

export type PullPreviewResult = { kind: 'offered' } | { kind: 'busy' } | { kind: 'noContact' }

export function pullPreviewContact(ctx: EngineContext, agentId: string): PullPreviewResult {
  const agent = agentOrThrow(ctx, agentId)
  if (agent.state.kind !== 'Available' && agent.state.kind !== 'Idle')
    return { kind: 'busy' as const }
  // R7.1: an agent whose profile does not allow outbound campaigns gets no campaign record.
  if (!agent.outboundAllowed) return { kind: 'noContact' as const }
  const teams = new Set(agent.teamIds)
  const campaigns = [...ctx.campaigns.values()]
    .filter((c) => c.status === 'running' && c.config.pacing.kind === 'preview')
    .filter((c) => ctx.queues.get(c.config.queueId)?.teamIds.some((t) => teams.has(t)))
    .sort((a, b) => a.lastAssignedMs - b.lastAssignedMs)
  for (const campaign of campaigns) {
    const nowMs = ctx.clock.nowMs()
    if ((campaign.list.nextDueMs() ?? Number.POSITIVE_INFINITY) > nowMs) continue
    // The record first: an agent whose button found nothing dialable keeps their state.
    const choice = nextDialable(ctx, campaign, agent.id)
    if (!choice) continue
    if (agent.state.kind === 'Idle') tryAgentEvent(ctx, agent, { kind: 'setAvailable' })
    ctx.toRoute.delete(agent.id)
    campaign.lastAssignedMs = nowMs
    campaign.requestIssuedAtMs = nowMs
    tryAgentEvent(ctx, agent, { kind: 'reserve', campaignId: campaign.config.id })
    tryAgentEvent(ctx, agent, { kind: 'reservationAnswered' })
    offerChoice(ctx, campaign, agent, choice)
    return { kind: 'offered' as const }
  }
  return { kind: 'noContact' as const }
}
