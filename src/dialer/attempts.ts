// What every part of an attempt's life shares, below them all: its campaign, its one outcome
// (R2.1), ending it from the dialer's side, and the flow variables its campaign declares.
import { invariant } from '../domain/invariant.ts'
import type { AttemptOutcome, HangupParty } from '../domain/outcomes.ts'
import { closeAttempt } from './close.ts'
import type { AttemptRuntime, CampaignRuntime, EngineContext } from './context.ts'

export function campaignOf(ctx: EngineContext, attempt: AttemptRuntime): CampaignRuntime {
  const campaign = ctx.campaigns.get(attempt.campaignId)
  invariant(campaign !== undefined, 'attempt of an unknown campaign')
  return campaign
}

export function setOutcome(ctx: EngineContext, attempt: AttemptRuntime, outcome: AttemptOutcome) {
  invariant(attempt.outcome === null, `attempt ${attempt.id} got a second outcome ${outcome}`)
  attempt.outcome = outcome
  ctx.bus.publish({
    kind: 'outcome',
    atMs: ctx.clock.nowMs(),
    attemptId: attempt.id,
    campaignId: attempt.campaignId,
    outcome,
  })
}

/** Ends the call from the dialer's side and closes the attempt. */
export function hangupAndClose(ctx: EngineContext, attempt: AttemptRuntime, party?: HangupParty) {
  ctx.telephony.hangup(attempt.id)
  closeAttempt(ctx, attempt, party)
}

export function flowVarsOf(campaign: CampaignRuntime): Record<string, string> {
  const declared = campaign.config.flow?.variables.some((v) => v.name === 'campaignId')
  return declared ? { campaignId: campaign.config.name } : {}
}
