// Preview campaigns (R1.1, R10.2): an agent reserved by the campaign (push) or asking for a
// contact (pull, the "Campaign Contact" button) is offered one record; accept dials it, skip keeps
// it in the list, remove drops it. The offer counts down on the server, which applies the
// auto-action on expiry; disabled actions are refused.
import { checkPreviewAction } from '../domain/campaign/preview.ts'
import { applyAgentEvent } from './agents.ts'
import type { AgentRuntime, CampaignRuntime, EngineContext, PreviewTask } from './context.ts'
import { placeDial } from './dialing.ts'
import { type DialChoice, gateNumber, nextDialable } from './hopper.ts'
import { backToList } from './preview-tasks.ts'
import type { PreviewAction } from './types.ts'

/** A skipped record stays in the list and comes back after this long (R1.1 "skip"). */
export const PREVIEW_SKIP_DELAY_SEC = 3600

export type PreviewActionResult =
  | { kind: 'ok' }
  | { kind: 'notFound'; taskId: string }
  | { kind: 'disabled'; action: PreviewAction }
  | { kind: 'notYourTask'; taskId: string }

function hasWork(campaign: CampaignRuntime, agent: AgentRuntime): boolean {
  if (agent.callId !== null || campaign.linesByOwner.has(agent.id)) return true
  for (const task of campaign.previewTasks.values()) if (task.agentId === agent.id) return true
  return false
}

export function pumpPreview(ctx: EngineContext, campaign: CampaignRuntime): void {
  for (const agentId of [...campaign.reserved]) {
    const agent = ctx.agents.get(agentId)!
    if (agent.state.kind !== 'Reserved' || !agent.state.connected) continue
    if (hasWork(campaign, agent)) continue
    // Nothing to offer now: the agent is free for other work (R8 blending).
    if (!offerNext(ctx, campaign, agent))
      applyAgentEvent(ctx, agent, { kind: 'releaseReservation' })
  }
}

export function offerNext(ctx: EngineContext, campaign: CampaignRuntime, agent: AgentRuntime) {
  const choice = nextDialable(ctx, campaign, agent.id)
  if (!choice) return false
  offerChoice(ctx, campaign, agent, choice)
  return true
}

/** Offers a record the hopper already chose (and took out of the list) to the agent. */
export function offerChoice(
  ctx: EngineContext,
  campaign: CampaignRuntime,
  agent: AgentRuntime,
  choice: DialChoice,
): void {
  const nowMs = ctx.clock.nowMs()
  const task: PreviewTask = {
    id: ctx.ids.next('task'),
    campaignId: campaign.config.id,
    agentId: agent.id,
    progress: choice.progress,
    number: choice.number,
    zone: choice.zone,
    timer: null,
  }
  campaign.previewTasks.set(task.id, task)
  ctx.previewTasks.set(task.id, task)
  const { offerTimeoutSec, autoAction } = campaign.config.preview
  task.timer = ctx.setTimer(offerTimeoutSec * 1000, () => {
    task.timer = null
    applyPreviewAction(ctx, task, autoAction)
  })
  ctx.bus.publish({
    kind: 'previewOffer',
    atMs: nowMs,
    taskId: task.id,
    campaignId: campaign.config.id,
    agentId: agent.id,
    contactId: choice.progress.contact.id,
    expiresAtMs: nowMs + offerTimeoutSec * 1000,
  })
}

/** An agent's (or the API's) action on a preview task; disabled actions are refused (R10.2). */
export function previewAction(
  ctx: EngineContext,
  taskId: string,
  action: PreviewAction,
  agentId?: string,
): PreviewActionResult {
  const task = ctx.previewTasks.get(taskId)
  if (!task) return { kind: 'notFound', taskId }
  if (agentId !== undefined && task.agentId !== agentId) return { kind: 'notYourTask', taskId }
  const campaign = ctx.campaigns.get(task.campaignId)!
  const check = checkPreviewAction(
    { previewActionsDisabled: campaign.config.preview.actionsDisabled },
    action,
  )
  if (check.kind === 'disabled') return check
  applyPreviewAction(ctx, task, action)
  return { kind: 'ok' }
}

function applyPreviewAction(ctx: EngineContext, task: PreviewTask, action: PreviewAction): void {
  const campaign = ctx.campaigns.get(task.campaignId)!
  if (task.timer !== null) ctx.clock.cancelTimer(task.timer)
  campaign.previewTasks.delete(task.id)
  ctx.previewTasks.delete(task.id)
  const nowMs = ctx.clock.nowMs()
  const zone = task.progress.contact.timeZone ?? campaign.config.timeZone
  if (action === 'ACCEPT' && campaign.status === 'running') {
    // The offer may have waited long: the compliance gate runs again right before the dial.
    const verdict = gateNumber(ctx, campaign, task.number, zone, nowMs)
    if (verdict.kind === 'ok') {
      placeDial(ctx, campaign, { progress: task.progress, number: task.number, zone }, task.agentId)
    } else {
      backToList(campaign, task, nowMs + PREVIEW_SKIP_DELAY_SEC * 1000)
      ctx.bus.publish({
        kind: 'dialBlocked',
        atMs: nowMs,
        campaignId: campaign.config.id,
        contactId: task.progress.contact.id,
        reason: verdict.kind,
      })
    }
  } else if (action === 'REMOVE') {
    campaign.list.finish(task.progress, 'removed')
  } else {
    backToList(campaign, task, nowMs + PREVIEW_SKIP_DELAY_SEC * 1000)
  }
  ctx.dirty.add(campaign.config.id)
}
