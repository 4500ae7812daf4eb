// The end of a campaign call's wrap-up (R5.2, R7.1): the agent's business outcome code, from the
// campaign's outcome group, decides the contact's future. A final code closes the contact; a
// non-final one leaves it to the retry rules, decided when the call ended; a callback puts it back
// at the time the agent chose, inside the contact's calling window, for the agent or the campaign.
// Without a code (a simulated agent, an agent going Idle) the retry rules apply.
import { isWithinCallingWindow } from '../compliance/calling-window.ts'
import { applyDecision } from './close.ts'
import type { AgentRuntime, EngineContext, PendingWrapUp } from './context.ts'
import type { BusinessOutcome } from './types.ts'

/** A callback is at most this far ahead (a month: further is a new campaign, not a callback). */
export const CALLBACK_AHEAD_SEC_MAX = 31 * 24 * 3600

export interface WrapUpChoice {
  code: string
  /** A callback at `atMs` (UTC ms; the desktop converts the customer's local time) for the
   * agent themself (`forAgent`) or for any agent of the campaign. */
  callback?: { atMs: number; forAgent: boolean }
}

export type WrapUpRefusal = {
  kind: 'invalidDisposition'
  /** The field of the choice at fault: `code`, `callback.atMs` … */
  field: string
  reason: string
}

/** Checks the agent's choice against the call's campaign; null when it may be applied. */
export function checkWrapUpChoice(
  ctx: EngineContext,
  agent: AgentRuntime,
  choice: WrapUpChoice,
): WrapUpRefusal | null {
  const pending = agent.wrapUp
  const refuse = (field: string, reason: string): WrapUpRefusal => ({
    kind: 'invalidDisposition',
    field,
    reason,
  })
  if (pending === null)
    return refuse('code', `agent ${agent.id} has no campaign call in wrap-up to give a code to`)
  const campaign = ctx.campaigns.get(pending.campaignId)
  const outcomes = campaign?.config.businessOutcomes ?? []
  const outcome = outcomeOf(outcomes, choice.code)
  if (outcomes.length > 0 && outcome === undefined)
    return refuse(
      'code',
      `'${choice.code}' is not a code of campaign ${pending.campaignId}'s business outcome group (${outcomes.map((o) => o.code).join(', ')})`,
    )
  const callback = choice.callback
  if (callback === undefined) return null
  if (outcome?.final)
    return refuse(
      'callback',
      `'${choice.code}' is a final code: it closes the contact, so no callback can follow`,
    )
  const nowMs = ctx.clock.nowMs()
  if (callback.atMs <= nowMs) return refuse('callback.atMs', 'a callback is in the future')
  if (callback.atMs > nowMs + CALLBACK_AHEAD_SEC_MAX * 1000)
    return refuse(
      'callback.atMs',
      `a callback is at most ${CALLBACK_AHEAD_SEC_MAX / 86_400} days ahead`,
    )
  const window = campaign?.config.compliance.callingWindow
  if (window && !isWithinCallingWindow(callback.atMs, pending.zone, window))
    return refuse(
      'callback.atMs',
      `the customer's local time (${pending.zone}) is outside the campaign's calling window then (R5.5)`,
    )
  return null
}

/**
 * Ends the pending wrap-up: the contact follows the agent's choice (checked before) or, without
 * one, the retry rules. Publishes the disposition when there is a code.
 */
export function settleWrapUp(
  ctx: EngineContext,
  agent: AgentRuntime,
  choice: WrapUpChoice | undefined,
): void {
  const pending = agent.wrapUp
  if (pending === null) return
  agent.wrapUp = null
  const campaign = ctx.campaigns.get(pending.campaignId)
  if (!campaign) return
  const nowMs = ctx.clock.nowMs()
  if (choice === undefined) {
    applyDecision(campaign, pending.progress, pending.decision)
    ctx.dirty.add(campaign.config.id)
    return
  }
  const outcome = outcomeOf(campaign.config.businessOutcomes, choice.code)
  const final = outcome?.final ?? false
  const callback = choice.callback
  if (final) {
    campaign.list.finish(pending.progress, 'finalCode')
  } else if (callback) {
    scheduleCallback(ctx, agent, pending, callback)
  } else {
    applyDecision(campaign, pending.progress, pending.decision)
  }
  ctx.bus.publish({
    kind: 'disposition',
    atMs: nowMs,
    disposition: {
      attemptId: pending.attemptId,
      campaignId: pending.campaignId,
      contactId: pending.progress.contact.id,
      agentId: agent.id,
      code: choice.code,
      final,
      success: outcome?.success ?? false,
      ...(callback
        ? { callback: { atMs: callback.atMs, agentId: callback.forAgent ? agent.id : null } }
        : {}),
    },
  })
  ctx.dirty.add(campaign.config.id)
}

function scheduleCallback(
  ctx: EngineContext,
  agent: AgentRuntime,
  pending: PendingWrapUp,
  callback: { atMs: number; forAgent: boolean },
): void {
  const campaign = ctx.campaigns.get(pending.campaignId)!
  campaign.list.reschedule(
    pending.progress,
    callback.atMs,
    callback.forAgent ? agent.id : undefined,
  )
  campaign.hopperIdleUntilMs = Math.min(campaign.hopperIdleUntilMs, callback.atMs)
  if (callback.forAgent)
    campaign.agentCallbacks.set(pending.progress.contact.id, {
      agentId: agent.id,
      atMs: callback.atMs,
      held: null,
    })
  else campaign.agentCallbacks.delete(pending.progress.contact.id)
}

function outcomeOf(outcomes: readonly BusinessOutcome[], code: string) {
  return outcomes.find((outcome) => outcome.code === code)
}
