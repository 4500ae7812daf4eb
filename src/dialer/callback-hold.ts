// Agent callbacks as the hopper and the agents' bookkeeping see them (R5.2): whether a due contact
// is another agent's callback (then held for that agent; also one the contact list kept across a
// restart), and whether one is held for an agent.
// Delivery is callbacks.ts's.
import type { ContactProgress } from './contact-list.ts'
import type { AgentCallback, CampaignRuntime, EngineContext } from './context.ts'

/**
 * The hopper took a due contact for `forAgentId` (null: a pooled line). True when it is another
 * agent's callback, now held for them; the hopper then looks at the next contact.
 */
export function holdForOwner(
  ctx: EngineContext,
  campaign: CampaignRuntime,
  progress: ContactProgress,
  forAgentId: string | null,
): boolean {
  // No callback waiting (nearly every dial): no lookup of the contact's id.
  const waiting = campaign.agentCallbacks.size === 0 ? undefined : campaign.agentCallbacks
  const callback = waiting?.get(progress.contact.id) ?? restored(campaign, progress)
  if (callback === undefined) return false
  if (callback.agentId === forAgentId) {
    campaign.agentCallbacks.delete(progress.contact.id)
    publishCallback(ctx, campaign, progress, callback, 'delivered')
    return false
  }
  const owner = ctx.agents.get(callback.agentId)
  if (owner === undefined || owner.state.kind === 'LoggedOut') {
    campaign.agentCallbacks.delete(progress.contact.id)
    publishCallback(ctx, campaign, progress, callback, 'toCampaign')
    return false
  }
  callback.held = { progress, sinceMs: ctx.clock.nowMs() }
  publishCallback(ctx, campaign, progress, callback, 'held')
  return true
}

/** An agent callback the contact list kept (a restart lost the engine's memory of it). */
function restored(campaign: CampaignRuntime, progress: ContactProgress): AgentCallback | undefined {
  const agentId = progress.callbackAgentId
  if (agentId === undefined) return undefined
  delete progress.callbackAgentId
  const callback: AgentCallback = { agentId, atMs: progress.notBeforeMs, held: null }
  campaign.agentCallbacks.set(progress.contact.id, callback)
  return callback
}

/** True while a callback is held for the agent (the campaign keeps them reserved for it). */
export function holdsCallbackFor(campaign: CampaignRuntime, agentId: string): boolean {
  for (const callback of campaign.agentCallbacks.values())
    if (callback.held !== null && callback.agentId === agentId) return true
  return false
}

export function publishCallback(
  ctx: EngineContext,
  campaign: CampaignRuntime,
  progress: ContactProgress,
  callback: AgentCallback,
  phase: 'held' | 'delivered' | 'toCampaign',
): void {
  ctx.bus.publish({
    kind: 'callback',
    atMs: ctx.clock.nowMs(),
    campaignId: campaign.config.id,
    contactId: progress.contact.id,
    agentId: callback.agentId,
    phase,
  })
}
