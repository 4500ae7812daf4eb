// Preview offers going back to the list (R1.1, R7.5): below the agents' bookkeeping, which takes
// back the offers of an agent who leaves a reservation, and below the preview pump.
import type { CampaignRuntime, EngineContext, PreviewTask } from './context.ts'
import { isPreview } from './context.ts'

/** The record goes back to the list; the hopper, which may have found the list empty, looks again. */
export function backToList(
  campaign: CampaignRuntime,
  task: PreviewTask,
  notBeforeMs: number,
): void {
  campaign.list.reschedule(task.progress, notBeforeMs)
  campaign.hopperIdleUntilMs = Math.min(campaign.hopperIdleUntilMs, notBeforeMs)
}

/**
 * A paused or stopped campaign takes back its open offers (the records stay in the list); with
 * `agentId`, only that agent's, who left the reservation (R7.5): nobody could accept them.
 */
export function withdrawPreviewTasks(
  ctx: EngineContext,
  campaign: CampaignRuntime,
  agentId?: string,
): void {
  if (!isPreview(campaign.config)) return
  for (const task of [...campaign.previewTasks.values()]) {
    if (agentId !== undefined && task.agentId !== agentId) continue
    if (task.timer !== null) ctx.clock.cancelTimer(task.timer)
    campaign.previewTasks.delete(task.id)
    ctx.previewTasks.delete(task.id)
    backToList(campaign, task, ctx.clock.nowMs())
    ctx.dirty.add(campaign.config.id)
  }
}
