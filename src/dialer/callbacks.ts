// Callbacks an agent scheduled for themself (R5.2): when the contact falls due the hopper does not
// give it to anyone else; it is held for that agent, who is reserved by the campaign when
// Available and gets it as their next line (or preview offer) once connected. An agent who is
// logged out when it falls due, logs out while it waits, or stays busy for longer than
// CALLBACK_AGENT_WAIT_SEC, loses it to the campaign: any agent's next line takes it.
import { tryAgentEvent } from './agents.ts'
import { publishCallback as publish } from './callback-hold.ts'
import type { ContactProgress } from './contact-list.ts'
import type { AgentCallback, CampaignRuntime, EngineContext } from './context.ts'
import { isPreview } from './context.ts'
import { placeDial } from './dialing.ts'
import { chooseNumber } from './hopper.ts'
import { offerChoice } from './preview.ts'

/** How long a due callback waits for its busy agent before any agent of the campaign takes it. */
export const CALLBACK_AGENT_WAIT_SEC = 15 * 60

/** Delivers held callbacks to their agents, or gives them to the campaign (pump, every round). */
export function serveCallbacks(ctx: EngineContext, campaign: CampaignRuntime): void {
  for (const [contactId, callback] of campaign.agentCallbacks) {
    const held = callback.held
    if (held === null) continue
    const agent = ctx.agents.get(callback.agentId)
    const nowMs = ctx.clock.nowMs()
    const waitedTooLong = nowMs - held.sinceMs > CALLBACK_AGENT_WAIT_SEC * 1000
    if (agent === undefined || agent.state.kind === 'LoggedOut' || waitedTooLong) {
      campaign.agentCallbacks.delete(contactId)
      campaign.list.reschedule(held.progress, nowMs)
      campaign.hopperIdleUntilMs = Math.min(campaign.hopperIdleUntilMs, nowMs)
      publish(ctx, campaign, held.progress, callback, 'toCampaign')
      continue
    }
    if (agent.state.kind === 'Available') {
      ctx.toRoute.delete(agent.id)
      tryAgentEvent(ctx, agent, { kind: 'reserve', campaignId: campaign.config.id })
      continue
    }
    const connectedHere =
      agent.state.kind === 'Reserved' &&
      agent.state.campaignId === campaign.config.id &&
      agent.state.connected
    if (!connectedHere || agent.callId !== null || campaign.linesByOwner.has(agent.id)) continue
    if ([...campaign.previewTasks.values()].some((task) => task.agentId === agent.id)) continue
    campaign.agentCallbacks.delete(contactId)
    deliver(ctx, campaign, held.progress, agent.id, callback)
  }
}

function deliver(
  ctx: EngineContext,
  campaign: CampaignRuntime,
  progress: ContactProgress,
  agentId: string,
  callback: AgentCallback,
): void {
  const nowMs = ctx.clock.nowMs()
  const zone = progress.contact.timeZone ?? campaign.config.timeZone
  // The compliance gate runs again: the number may have reached a DNC list since.
  const verdict = chooseNumber(ctx, campaign, progress, zone, nowMs)
  if (verdict.kind === 'never') return campaign.list.finish(progress, 'dncBlocked')
  if (verdict.kind !== 'dial') {
    const atMs = verdict.kind === 'later' ? verdict.atMs : nowMs
    campaign.list.reschedule(progress, atMs, callback.agentId)
    campaign.agentCallbacks.set(progress.contact.id, { ...callback, atMs, held: null })
    return
  }
  publish(ctx, campaign, progress, callback, 'delivered')
  if (isPreview(campaign.config)) offerChoice(ctx, campaign, ctx.agents.get(agentId)!, verdict)
  else placeDial(ctx, campaign, verdict, agentId)
}
