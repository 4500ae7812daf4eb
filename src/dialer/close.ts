// Closing an attempt: exactly once, with its outcome already set. The record goes to the bus (the
// append-only attempt log), the number's history, and the retry rules decide the contact's future.
// A call an agent talked on waits for the agent's disposition (wrap-up.ts): the decision is taken
// now, handed to the contact list as the wrap-up's fallback (a durable list writes it at once, so
// a crash leaves the contact as the rules said) and applied when the wrap-up ends, unless the
// agent's code closes the contact or schedules a callback.
import { decideAfterAttemptOf, type RetryDecision } from '../compliance/retry.ts'
import { InvariantError, invariant } from '../domain/invariant.ts'
import type { HangupParty } from '../domain/outcomes.ts'
import type {
  AttemptSummary,
  ContactDisposition,
  ContactProgress,
  WrapUpFallback,
} from './contact-list.ts'
import type { AgentRuntime, AttemptRuntime, CampaignRuntime, EngineContext } from './context.ts'
import { isIvr } from './context.ts'
import { stopCollection } from './digit-collection.ts'
import type { AttemptRecord } from './types.ts'

export function closeAttempt(
  ctx: EngineContext,
  attempt: AttemptRuntime,
  party?: HangupParty,
  wrappingAgent?: AgentRuntime,
) {
  if (attempt.phase === 'closed') throw new InvariantError(`attempt ${attempt.id} closed twice`)
  if (attempt.outcome === null)
    throw new InvariantError(`attempt ${attempt.id} closed without an outcome`)
  if (attempt.inFlight) throw new InvariantError(`attempt ${attempt.id} closed while in flight`)
  const campaign = attempt.campaign
  const nowMs = ctx.clock.nowMs()
  attempt.phase = 'closed'
  if (attempt.ringTimer !== null) ctx.clock.cancelTimer(attempt.ringTimer)
  if (attempt.waitTimer !== null) ctx.clock.cancelTimer(attempt.waitTimer)
  stopCollection(ctx, attempt.id)
  if (attempt.holdsPort) releasePort(ctx, campaign, attempt)
  ctx.attempts.delete(attempt.id)
  campaign.openAttempts -= 1
  ctx.history.recordAttempt(attempt.number, nowMs, attempt.outcome)
  // A new array of the exact length, not a push: a push into an empty array reserves 17 slots,
  // and a contact waiting for its retry keeps its array for hours (issue 15: fewer bytes for the
  // young generation to copy and promote). A literal for a first attempt (most calls): V8 builds
  // it in line, where `new Array(n)` calls the runtime.
  const summary: AttemptSummary = {
    atMs: attempt.dialedAtMs,
    outcome: attempt.outcome,
    number: attempt.number,
  }
  const previous = attempt.progress.attempts
  attempt.progress.attempts = previous.length === 0 ? [summary] : previous.concat(summary)
  const decision = decideFor(ctx, campaign, attempt)
  if (wrappingAgent) {
    wrappingAgent.wrapUp = {
      attemptId: attempt.id,
      campaignId: campaign.config.id,
      progress: attempt.progress,
      zone: attempt.zone,
      decision,
    }
    campaign.list.holdForWrapUp(attempt.progress, fallbackOf(decision))
  } else {
    applyDecision(campaign, attempt.progress, decision)
  }
  // The optional fields are set in place, in this order (the event log's key order), instead of
  // spread from an object each: one record per closed call, no garbage around it (issue 15).
  const record: AttemptRecord = {
    id: attempt.id,
    campaignId: attempt.campaignId,
    contactId: attempt.progress.contact.id,
    number: attempt.number,
    callerId: attempt.callerId,
    dialedAtMs: attempt.dialedAtMs,
    endedAtMs: nowMs,
    outcome: attempt.outcome,
  }
  if (attempt.agentId !== null) record.agentId = attempt.agentId
  if (party !== undefined) record.hangupParty = party
  if (attempt.networkCode !== undefined) record.networkCode = attempt.networkCode
  if (attempt.ivrAnswers !== undefined) record.ivrAnswers = attempt.ivrAnswers
  ctx.bus.publish({ kind: 'attemptClosed', atMs: nowMs, attempt: record })
  ctx.dirty.add(campaign.config.id)
}

function releasePort(ctx: EngineContext, campaign: CampaignRuntime, attempt: AttemptRuntime) {
  invariant(isIvr(campaign.config), 'a port held by an agent campaign')
  campaign.portsHeld -= 1
  invariant(campaign.portsHeld >= 0, 'negative IVR ports held')
  attempt.holdsPort = false
  campaign.portHolders.release(attempt.portRun)
  const nowMs = ctx.clock.nowMs()
  campaign.estimator.observeTalk((nowMs - (attempt.bridgedAtMs ?? nowMs)) / 1000)
  campaign.estimator.observeWrap(0)
  ctx.bus.publish({
    kind: 'ivrPort',
    atMs: nowMs,
    campaignId: campaign.config.id,
    attemptId: attempt.id,
    phase: 'released',
  })
}

/** Retry rules per outcome (R5.2): back into the list at a later time, or a final disposition. */
function decideFor(
  ctx: EngineContext,
  campaign: CampaignRuntime,
  attempt: AttemptRuntime,
): RetryDecision {
  return decideAfterAttemptOf(
    attempt.outcome!,
    ctx.clock.nowMs(),
    attempt.progress.attempts,
    campaign.config.retry,
    attempt.zone,
    campaign.config.compliance.repeatAfterAbandonSec,
  )
}

export function applyDecision(
  campaign: CampaignRuntime,
  progress: ContactProgress,
  decision: RetryDecision,
): void {
  if (decision.kind === 'retry') {
    campaign.list.reschedule(progress, decision.notBeforeMs)
    campaign.hopperIdleUntilMs = Math.min(campaign.hopperIdleUntilMs, decision.notBeforeMs)
    return
  }
  campaign.list.finish(progress, dispositionOf(decision))
}

/** The retry decision as the contact list keeps it while the agent wraps up. */
function fallbackOf(decision: RetryDecision): WrapUpFallback {
  return decision.kind === 'retry'
    ? { kind: 'due', notBeforeMs: decision.notBeforeMs }
    : { kind: 'finished', disposition: dispositionOf(decision) }
}

function dispositionOf(decision: RetryDecision & { kind: 'final' }): ContactDisposition {
  return decision.reason === 'maxAttemptsTotal' ? 'maxAttempts' : decision.reason
}
