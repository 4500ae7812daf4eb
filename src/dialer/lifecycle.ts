// The attempt lifecycle (R2.1): dial → progress → CPA → bridge, flow or abandon → closed. Every
// attempt ends in exactly one outcome; the 2-second rule abandons a live customer no agent (or IVR
// port) took in time (R5.5).
import { InvariantError, invariant } from '../domain/invariant.ts'
import type { AttemptOutcome, HangupParty } from '../domain/outcomes.ts'
import { applyAgentEvent, syncBusyAgent } from './agents.ts'
import { campaignOf, hangupAndClose, setOutcome } from './attempts.ts'
import { runCallResult } from './call-result.ts'
import { closeAttempt } from './close.ts'
import type { AgentRuntime, AttemptRuntime, CampaignRuntime, EngineContext } from './context.ts'
import { isIvr, isPreview } from './context.ts'
import { endInbound } from './inbound.ts'
import type { DialFailure, TelephonyEvent } from './ports/telephony.ts'

/** The line stops counting as "in flight" for pacing; `live` feeds the contact-rate estimate. */
function resolveLine(ctx: EngineContext, attempt: AttemptRuntime, live: boolean): void {
  if (!attempt.inFlight) return
  const campaign = campaignOf(ctx, attempt)
  attempt.inFlight = false
  campaign.inFlight -= 1
  campaign.linesInFlight.remove(attempt.lineRun)
  invariant(campaign.inFlight >= 0, 'negative lines in flight')
  if (attempt.ownerAgentId !== null) {
    const lines = (campaign.linesByOwner.get(attempt.ownerAgentId) ?? 0) - 1
    invariant(lines >= 0, 'negative lines for an agent')
    if (lines === 0) campaign.linesByOwner.delete(attempt.ownerAgentId)
    else campaign.linesByOwner.set(attempt.ownerAgentId, lines)
  }
  if (attempt.ringTimer !== null) ctx.clock.cancelTimer(attempt.ringTimer)
  attempt.ringTimer = null
  const nowMs = ctx.clock.nowMs()
  campaign.estimator.observeResolution(live, (nowMs - attempt.dialedAtMs) / 1000, nowMs)
  ctx.dirty.add(campaign.config.id)
}

export function noAnswerAtRingLimit(ctx: EngineContext, attempt: AttemptRuntime): void {
  if (attempt.phase !== 'dialing') return
  resolveLine(ctx, attempt, false)
  setOutcome(ctx, attempt, 'NO_ANSWER_CUSTOMER')
  hangupAndClose(ctx, attempt)
}

const FAILURE_OUTCOMES: Record<DialFailure, AttemptOutcome> = {
  busy: 'CUSTOMER_BUSY',
  sit: 'INVALID_NUMBER',
  invalid: 'INVALID_NUMBER',
  unavailable: 'CUSTOMER_UNAVAILABLE',
  error: 'SYSTEM_ABANDONED',
  unknown: 'UNKNOWN',
}

/** Dispatches a telephony event about an outbound attempt. */
export function onAttemptEvent(ctx: EngineContext, attempt: AttemptRuntime, event: TelephonyEvent) {
  switch (event.kind) {
    case 'ringing':
      return
    case 'answered':
      if (attempt.phase !== 'dialing') return
      if (attempt.ringTimer !== null) ctx.clock.cancelTimer(attempt.ringTimer)
      attempt.ringTimer = null
      if (campaignOf(ctx, attempt).config.cpaEnabled) attempt.phase = 'analysing'
      else onLive(ctx, attempt)
      return
    case 'cpa':
      if (attempt.phase !== 'analysing') return
      if (event.decision === 'live') return onLive(ctx, attempt)
      resolveLine(ctx, attempt, false)
      setOutcome(ctx, attempt, event.decision === 'machine' ? 'AMD' : 'FAX')
      if (event.decision === 'machine') return runCallResult(ctx, attempt, 'AMD')
      return hangupAndClose(ctx, attempt)
    case 'failed':
      // A failure may also come from the analysis of an answered call (some networks answer, then
      // play a SIT): the number is invalid, and the dialer hangs up the leg it answered.
      if (attempt.phase !== 'dialing' && attempt.phase !== 'analysing') return
      resolveLine(ctx, attempt, false)
      setOutcome(ctx, attempt, FAILURE_OUTCOMES[event.reason]!)
      if (event.code !== undefined) attempt.networkCode = event.code
      if (attempt.phase === 'analysing') return hangupAndClose(ctx, attempt)
      return closeAttempt(ctx, attempt)
    case 'customerHangup':
      return onCustomerHangup(ctx, attempt)
    default:
      return
  }
}

function onCustomerHangup(ctx: EngineContext, attempt: AttemptRuntime): void {
  switch (attempt.phase) {
    case 'dialing':
      resolveLine(ctx, attempt, false)
      setOutcome(ctx, attempt, 'CUSTOMER_UNAVAILABLE')
      return closeAttempt(ctx, attempt, 'customer')
    case 'analysing':
      resolveLine(ctx, attempt, false)
      setOutcome(ctx, attempt, 'CUSTOMER_LEFT')
      return closeAttempt(ctx, attempt, 'customer')
    case 'waitingServer':
      // A live customer who gives up inside the 2 seconds is still one the dialer abandoned.
      stopWaiting(ctx, attempt)
      recordAbandon(ctx, attempt)
      return closeAttempt(ctx, attempt, 'customer')
    case 'bridged':
      return endBridged(ctx, attempt, 'customer')
    case 'flow':
      return closeAttempt(ctx, attempt, 'customer')
    case 'closed':
      return
  }
}

/** The dialer saw a live person: connect them to an agent (or port) now, or wait ≤ 2 s. */
function onLive(ctx: EngineContext, attempt: AttemptRuntime): void {
  resolveLine(ctx, attempt, true)
  const campaign = campaignOf(ctx, attempt)
  if (isIvr(campaign.config)) {
    if (campaign.portsHeld < campaign.config.ivrPorts) return connectToPort(ctx, attempt)
  } else {
    const agentId = agentFor(ctx, campaign, attempt)
    if (agentId !== null) return bridgeToAgent(ctx, attempt, agentId)
  }
  attempt.phase = 'waitingServer'
  campaign.liveWaiting.push(attempt)
  const connectSecMax = campaign.config.compliance.connectSecMax
  attempt.waitTimer = ctx.setTimerWith(connectSecMax * 1000, noServerInTime, attempt)
}

/** R5.5: no agent (or port) within the connect limit: the live call is abandoned. */
function noServerInTime(ctx: EngineContext, attempt: AttemptRuntime): void {
  attempt.waitTimer = null
  if (attempt.phase !== 'waitingServer') return
  stopWaiting(ctx, attempt)
  recordAbandon(ctx, attempt)
  runCallResult(ctx, attempt, 'ABANDONED')
}

/** The line's own agent if ready (progressive, preview), else the longest-waiting ready agent. */
function agentFor(ctx: EngineContext, campaign: CampaignRuntime, attempt: AttemptRuntime) {
  const owner = attempt.ownerAgentId
  if (owner !== null && isPreview(campaign.config)) {
    const agent = ctx.agents.get(owner)
    const ok =
      agent?.state.kind === 'Reserved' &&
      agent.state.campaignId === campaign.config.id &&
      agent.state.connected
    return ok ? owner : null
  }
  if (owner !== null && campaign.ready.has(owner)) return owner
  const first = campaign.ready.values().next()
  return first.done ? null : first.value
}

function stopWaiting(ctx: EngineContext, attempt: AttemptRuntime): void {
  const campaign = campaignOf(ctx, attempt)
  const index = campaign.liveWaiting.indexOf(attempt)
  if (index >= 0) campaign.liveWaiting.splice(index, 1)
  if (attempt.waitTimer !== null) ctx.clock.cancelTimer(attempt.waitTimer)
  attempt.waitTimer = null
}

function recordAbandon(ctx: EngineContext, attempt: AttemptRuntime): void {
  const campaign = campaignOf(ctx, attempt)
  setOutcome(ctx, attempt, 'ABANDONED')
  const nowMs = ctx.clock.nowMs()
  campaign.ledger.record(nowMs, 'abandoned')
  campaign.policy?.observe?.({ kind: 'abandoned', nowMs })
}

function recordConnect(ctx: EngineContext, campaign: CampaignRuntime, attempt: AttemptRuntime) {
  setOutcome(ctx, attempt, 'LIVE_VOICE')
  const nowMs = ctx.clock.nowMs()
  campaign.ledger.record(nowMs, 'connected')
  campaign.policy?.observe?.({ kind: 'connected', nowMs })
}

export function bridgeToAgent(ctx: EngineContext, attempt: AttemptRuntime, agentId: string) {
  const campaign = campaignOf(ctx, attempt)
  const agent = ctx.agents.get(agentId)!
  invariant(agent.callId === null, 'agent bridged to two customers')
  recordConnect(ctx, campaign, attempt)
  applyAgentEvent(ctx, agent, { kind: 'engage', interactionId: attempt.id, origin: 'campaign' })
  agent.callId = attempt.id
  agent.poolCampaignId = campaign.config.id
  syncBusyAgent(ctx, agent)
  attempt.agentId = agentId
  attempt.phase = 'bridged'
  attempt.bridgedAtMs = ctx.clock.nowMs()
  ctx.telephony.bridge(attempt.id, agentId)
  ctx.bus.publish({
    kind: 'bridged',
    atMs: attempt.bridgedAtMs,
    attemptId: attempt.id,
    campaignId: campaign.config.id,
    agentId,
  })
}

function connectToPort(ctx: EngineContext, attempt: AttemptRuntime): void {
  const campaign = campaignOf(ctx, attempt)
  invariant(campaign.portsHeld < campaign.config.ivrPorts, 'more IVR ports held than configured')
  // The message is built only when thrown: this runs on every call a port takes (issue 15).
  if (attempt.holdsPort) throw new InvariantError(`port taken twice by call ${attempt.id}`)
  campaign.portsHeld += 1
  attempt.holdsPort = true
  attempt.bridgedAtMs = ctx.clock.nowMs()
  attempt.portRun = campaign.portHolders.take(attempt.bridgedAtMs)
  ctx.bus.publish({
    kind: 'ivrPort',
    atMs: attempt.bridgedAtMs,
    campaignId: campaign.config.id,
    attemptId: attempt.id,
    phase: 'held',
  })
  recordConnect(ctx, campaign, attempt)
  runCallResult(ctx, attempt, 'LIVE_VOICE')
}

/** A connected call with an agent ended; the agent goes to wrap-up. */
export function endBridged(ctx: EngineContext, attempt: AttemptRuntime, party: HangupParty) {
  invariant(attempt.phase === 'bridged' && attempt.agentId !== null, 'ending a call not bridged')
  const agent = ctx.agents.get(attempt.agentId)!
  const campaign = campaignOf(ctx, attempt)
  campaign.estimator.observeTalk((ctx.clock.nowMs() - attempt.bridgedAtMs!) / 1000)
  agent.callId = null
  applyAgentEvent(ctx, agent, { kind: 'endCall', wrapCode: agent.wrapCode })
  closeAttempt(ctx, attempt, party, agent)
}

/**
 * The agent hangs up: on the customer they are engaged with, or (R7.5) on the reservation call,
 * which leaves the reservation: Idle with `idleCode` (default: the agent's default idle code). A
 * customer already dialled for them goes to another ready agent within the 2-second rule, or is
 * abandoned and counted (onLive, serveWaiting).
 */
export function hangUpAgent(
  ctx: EngineContext,
  agent: AgentRuntime,
  idleCode?: string,
): { kind: 'ok' } | { kind: 'noCall' } {
  if (agent.callId === null && agent.state.kind === 'Reserved') {
    applyAgentEvent(ctx, agent, { kind: 'setIdle', code: idleCode ?? agent.idleCode })
    return { kind: 'ok' }
  }
  if (agent.callId === null) return { kind: 'noCall' }
  const attempt = ctx.attempts.get(agent.callId)
  if (attempt) {
    ctx.telephony.hangup(attempt.id)
    endBridged(ctx, attempt, 'agent')
    return { kind: 'ok' }
  }
  const call = ctx.inbound.get(agent.callId)
  invariant(call !== undefined, 'agent engaged on an unknown call')
  endInbound(ctx, call, true)
  return { kind: 'ok' }
}

/** Serves live customers waiting for an agent or port, oldest first, with what is free now. */
export function serveWaiting(ctx: EngineContext, campaign: CampaignRuntime): void {
  while (campaign.liveWaiting.length > 0) {
    const attempt = campaign.liveWaiting[0]!
    if (isIvr(campaign.config)) {
      if (campaign.portsHeld >= campaign.config.ivrPorts) return
      stopWaiting(ctx, attempt)
      connectToPort(ctx, attempt)
    } else {
      const agentId = agentFor(ctx, campaign, attempt)
      if (agentId === null) return
      stopWaiting(ctx, attempt)
      bridgeToAgent(ctx, attempt, agentId)
    }
  }
}
