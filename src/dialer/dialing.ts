// Placing dials: the pump decides how many lines each campaign opens now (by its pacing), the
// PreDial flow event sets the caller ID (R3.2, R6.1), and the Telephony port dials.
import { resolveCallerId } from '../domain/caller-id.ts'
import { invariant } from '../domain/invariant.ts'
import { preDialCallerId, startFlowEvent } from '../flows/interpreter.ts'
import { flowVarsOf } from './attempts.ts'
import type { AttemptRuntime, CampaignRuntime, EngineContext } from './context.ts'
import { isPreview } from './context.ts'
import type { DialChoice } from './hopper.ts'
import { noAnswerAtRingLimit } from './lifecycle.ts'

function callerIdFor(
  ctx: EngineContext,
  campaign: CampaignRuntime,
  choice: DialChoice,
  attemptId: string,
): string {
  const flow = campaign.config.flow
  let preDial: string | undefined
  if (flow?.handlers.PreDial) {
    const step = startFlowEvent(
      flow,
      'PreDial',
      {
        dialNumber: choice.number,
        operationType: isPreview(campaign.config) ? 'PREVIEW_CAMPAIGN' : 'OUTDIAL',
        direction: 'OUTBOUND',
        participantType: 'CUSTOMER',
      },
      flowVarsOf(campaign, choice.progress.contact),
    )
    preDial = preDialCallerId(step.effects)
  }
  const recordCallerId = choice.progress.contact.callerId
  // Nothing above the campaign's caller ID (nearly every dial): it is the one, with nothing
  // refused; resolveCallerId's check of the campaign's own is done once per caller ID.
  if (preDial === undefined && recordCallerId === undefined) {
    return campaignCallerIdChecked(campaign)
  }
  const resolved = resolveCallerId({
    campaignCallerId: campaign.config.callerId,
    recordCallerId,
    preDialCallerId: preDial,
  })
  for (const rejection of resolved.rejected) {
    ctx.bus.publish({
      kind: 'callerIdRejected',
      atMs: ctx.clock.nowMs(),
      attemptId,
      source: rejection.source,
      value: rejection.value,
      reason: rejection.reason,
    })
  }
  return resolved.callerId
}

/** The campaign's own caller ID, checked as resolveCallerId does whenever it changed. */
function campaignCallerIdChecked(campaign: CampaignRuntime): string {
  const callerId = campaign.config.callerId
  if (callerId !== campaign.checkedCallerId) {
    // resolveCallerId's own check, for the one candidate there is.
    resolveCallerId({ campaignCallerId: callerId })
    campaign.checkedCallerId = callerId
  }
  return callerId
}

/** Dials one contact for the campaign; `ownerAgentId` for progressive and preview lines. */
export function placeDial(
  ctx: EngineContext,
  campaign: CampaignRuntime,
  choice: DialChoice,
  ownerAgentId: string | null,
): AttemptRuntime {
  invariant(campaign.status === 'running', 'dialling for a campaign that is not running')
  const id = ctx.ids.next('att')
  const nowMs = ctx.clock.nowMs()
  const callerId = callerIdFor(ctx, campaign, choice, id)
  const attempt: AttemptRuntime = {
    id,
    campaignId: campaign.config.id,
    campaign,
    progress: choice.progress,
    number: choice.number,
    zone: choice.zone,
    callerId,
    dialedAtMs: nowMs,
    lineRun: -1,
    portRun: -1,
    phase: 'dialing',
    ownerAgentId,
    agentId: null,
    outcome: null,
    inFlight: true,
    holdsPort: false,
    ringTimer: null,
    waitTimer: null,
    flowState: null,
    bridgedAtMs: null,
  }
  ctx.attempts.set(id, attempt)
  campaign.openAttempts += 1
  campaign.inFlight += 1
  attempt.lineRun = campaign.linesInFlight.add(nowMs)
  if (ownerAgentId !== null) {
    campaign.linesByOwner.set(ownerAgentId, (campaign.linesByOwner.get(ownerAgentId) ?? 0) + 1)
  }
  ctx.bus.publish({
    kind: 'dial',
    atMs: nowMs,
    attemptId: id,
    campaignId: campaign.config.id,
    contactId: choice.progress.contact.id,
    number: choice.number,
    zone: choice.zone,
    callerId,
  })
  ctx.telephony.dial({
    callId: id,
    toNumber: choice.number,
    callerId,
    cpaEnabled: campaign.config.cpaEnabled,
    amdEnabled: campaign.config.cpaEnabled && campaign.config.amdEnabled,
    cpa: campaign.config.cpaEnabled ? campaign.config.cpa : null,
  })
  // R2.3, R5.5: the ring limit never cuts a call short of the compliance profile's minimum.
  const ringSec = Math.max(campaign.config.ringLimitSec, campaign.config.compliance.ringSecMin)
  attempt.ringTimer = ctx.setTimerWith(ringSec * 1000, ringLimitReached, attempt)
  return attempt
}

function ringLimitReached(ctx: EngineContext, attempt: AttemptRuntime): void {
  attempt.ringTimer = null
  noAnswerAtRingLimit(ctx, attempt)
}
