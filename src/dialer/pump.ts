// The pump: after every event (and on a 1-second tick) each campaign opens the lines its pacing
// asks for. Progressive owns lines per agent (R1.2) or per port (R1.4); predictive and the
// benchmark baselines pool them (R1.3); the abandon-cap guard is the last line of defence (R5.5).

import type { BusyServerGroup } from '../pacing/model.ts'
import type { PacingSnapshot } from '../pacing/types.ts'
import { windowsHeld } from '../pacing/window-budget.ts'
import { applyAgentEvent } from './agents.ts'
import { holdsCallbackFor } from './callback-hold.ts'
import { serveCallbacks } from './callbacks.ts'
import { guardLineLimit } from './cap-guard.ts'
import type { CampaignRuntime, EngineContext } from './context.ts'
import { dialingEndsAt, isIvr, outsideSchedule } from './context.ts'
import { placeDial } from './dialing.ts'
import { nextDialable } from './hopper.ts'
import { serveWaiting } from './lifecycle.ts'
import { pumpPreview } from './preview.ts'
import { withdrawPreviewTasks } from './preview-tasks.ts'
import { anyInboundWaiting, campaignWantsAgents, inboundWaitingOutranks } from './routing/router.ts'
import type { PacingInputs } from './types.ts'

export const PACING_TICK_MS = 1000
/**
 * Pooled pacing decides at most this often (simulated or real time). Events arrive many times a
 * second at scale (1000 IVR ports: ~80 a second) and each decision forecasts every line and
 * server; a line opened a quarter second later changes nothing when lines take ~10 s to answer.
 * The 1-second tick and the next event after the interval make the next decision.
 */
export const POOL_DECISION_INTERVAL_MS = 250
/** Lines one pump may open at once (a bound on the loop, far above any real need). */
export const DIALS_PER_PUMP_MAX = 2000

export function pumpCampaign(ctx: EngineContext, campaign: CampaignRuntime): void {
  serveWaiting(ctx, campaign)
  if (campaign.status !== 'running' || outsideSchedule(campaign, ctx.clock.nowMs())) {
    return releaseWhenDrained(ctx, campaign)
  }
  serveCallbacks(ctx, campaign)
  const pacing = campaign.config.pacing
  if (pacing.kind === 'preview') return pumpPreview(ctx, campaign)
  if (isIvr(campaign.config)) {
    if (pacing.kind === 'progressive') {
      return pumpPortsProgressive(ctx, campaign, pacing.linesPerServer)
    }
    return pumpPool(ctx, campaign)
  }
  yieldToInbound(ctx, campaign)
  if (pacing.kind === 'progressive') pumpAgentsProgressive(ctx, campaign, pacing.linesPerServer)
  else pumpPool(ctx, campaign)
  releaseWhenNotNeeded(ctx, campaign)
}

/**
 * R8.1: a ready agent with no line of their own out goes back to routing when an inbound call
 * waits in a queue that outranks the campaign for them (the router then gives them that call).
 * One agent per pump: the router takes the call before the campaign is pumped again, so no more
 * agents are released than calls wait.
 */
function yieldToInbound(ctx: EngineContext, campaign: CampaignRuntime): void {
  if (!anyInboundWaiting(ctx)) return
  for (const agentId of campaign.ready) {
    if (campaign.linesByOwner.has(agentId)) continue
    const agent = ctx.agents.get(agentId)!
    if (inboundWaitingOutranks(ctx, agent, campaign.config.queueId)) {
      return applyAgentEvent(ctx, agent, { kind: 'releaseReservation' })
    }
  }
}

/**
 * R8: a running campaign with nothing due to dial, no line out and nobody waiting lets its reserved
 * agents go, so that other campaigns and inbound queues can have them; it asks again when a
 * contact falls due (the tick routes Available agents).
 */
function releaseWhenNotNeeded(ctx: EngineContext, campaign: CampaignRuntime): void {
  if (campaign.reserved.size === 0 || campaignWantsAgents(ctx, campaign)) return
  for (const agentId of [...campaign.reserved]) {
    const agent = ctx.agents.get(agentId)!
    if (agent.state.kind === 'Reserved' && !holdsCallbackFor(campaign, agentId)) {
      applyAgentEvent(ctx, agent, { kind: 'releaseReservation' })
    }
  }
}

function dialLines(
  ctx: EngineContext,
  campaign: CampaignRuntime,
  count: number,
  owner: string | null,
) {
  const bounded = Math.min(count, DIALS_PER_PUMP_MAX)
  for (let i = 0; i < bounded; i++) {
    const choice = nextDialable(ctx, campaign, owner)
    if (!choice) return false
    placeDial(ctx, campaign, choice, owner)
  }
  return true
}

/** R1.2: each reserved agent who answered and has no line out gets `dialingRate` new lines. */
function pumpAgentsProgressive(ctx: EngineContext, campaign: CampaignRuntime, lines: number) {
  for (const agentId of [...campaign.ready]) {
    if (campaign.linesByOwner.has(agentId)) continue
    if (!dialLines(ctx, campaign, lines, agentId)) return
  }
}

/** R1.4: each free port keeps `dialingRate` lines out. */
function pumpPortsProgressive(ctx: EngineContext, campaign: CampaignRuntime, lines: number) {
  const freePorts = campaign.config.ivrPorts - campaign.portsHeld - campaign.liveWaiting.length
  const target = Math.max(0, freePorts) * lines
  dialLines(ctx, campaign, target - campaign.inFlight, null)
}

function pumpPool(ctx: EngineContext, campaign: CampaignRuntime): void {
  const policy = campaign.policy!
  const nowMs = ctx.clock.nowMs()
  // Events of one instant (a campaign's start, agents logging in together) are all decided: only
  // later events within the interval are throttled.
  const sinceMs = nowMs - campaign.lastPoolDecisionMs
  if (sinceMs > 0 && sinceMs < POOL_DECISION_INTERVAL_MS) {
    // Between decisions a server that came free still gets its line at once: the progressive
    // floor needs no forecast and can never over-connect (the guard allows it too).
    const free = readyServers(campaign) - campaign.liveWaiting.length - campaign.inFlight
    if (free > 0) dialLines(ctx, campaign, free, null)
    return
  }
  campaign.lastPoolDecisionMs = nowMs
  campaign.pacingStartedAtMs ??= nowMs
  const snapshot = buildSnapshot(ctx, campaign)
  const limit = campaign.config.capGuardEnabled
    ? guardLineLimit(campaign, snapshot)
    : Number.POSITIVE_INFINITY
  snapshot.capGuardActive = snapshot.linesInFlight > limit
  const decided = policy.decide(snapshot)
  let { targetLinesInFlight: target, reason } = decided
  if (target > limit) {
    target = limit
    reason = `cap guard: at most ${limit} lines (${reason})`
  }
  const toOpen = target - campaign.inFlight
  if (toOpen > 0) dialLines(ctx, campaign, toOpen, null)
  ctx.bus.publish({
    kind: 'pacing',
    atMs: snapshot.nowMs,
    campaignId: campaign.config.id,
    target,
    inFlight: campaign.inFlight,
    reason,
    inputs: pacingInputs(campaign, snapshot, decided.targetLinesInFlight, policy.name),
  })
}

function pacingInputs(
  campaign: CampaignRuntime,
  snapshot: PacingSnapshot,
  policyTarget: number,
  policy: string,
): PacingInputs {
  const { estimates } = snapshot
  return {
    readyServers: snapshot.readyServers,
    // An agent pool's busy agents are its busy groups' counts added up, known without the walk.
    busyServers: isIvr(campaign.config)
      ? serverCount(snapshot.busyServers)
      : campaign.busyAgents.size,
    linesInFlight: snapshot.linesInFlight,
    liveWaiting: snapshot.liveWaiting,
    liveProbability: estimates.liveProbability,
    dialToLiveSec: estimates.dialToLiveSec,
    talkSec: estimates.talkSec,
    wrapSec: estimates.wrapSec,
    liveSamples: estimates.liveSamples,
    windowAbandonPct: snapshot.windowAbandonPct,
    abandonCapPct: campaign.config.compliance.abandonRatePctMax,
    abandonTargetPct: snapshot.abandonTargetPct,
    capGuardActive: snapshot.capGuardActive,
    policyTarget,
    policy,
  }
}

function readyServers(campaign: CampaignRuntime): number {
  return isIvr(campaign.config)
    ? campaign.config.ivrPorts - campaign.portsHeld
    : campaign.ready.size
}

export function buildSnapshot(ctx: EngineContext, campaign: CampaignRuntime): PacingSnapshot {
  const nowMs = ctx.clock.nowMs()
  const config = campaign.config
  let busy: readonly BusyServerGroup[]
  const ready = readyServers(campaign)
  let staffed: number
  if (isIvr(config)) {
    staffed = config.ivrPorts
    busy = campaign.portHolders.busyAt(nowMs)
  } else {
    busy = campaign.busyAgents.groupsAt(nowMs)
    staffed = ready + campaign.busyAgents.size
  }
  const counts = campaign.ledger.counts(nowMs)
  const estimates = campaign.estimator.snapshot(nowMs)
  const holdSec = estimates.talkSec + (isIvr(config) ? 0 : estimates.wrapSec)
  const held = windowsHeld({
    capacityConnectsPerSec: holdSec > 0 ? staffed / holdSec : 0,
    nowMs,
    startedAtMs: campaign.pacingStartedAtMs ?? nowMs,
    endsAtMs: dialingEndsAt(campaign, nowMs) ?? null,
    windowSec: campaign.ledger.windowSec,
    ledger: campaign.ledger,
  })
  return {
    nowMs,
    readyServers: ready,
    busyServers: busy,
    staffedServers: staffed,
    linesInFlight: campaign.inFlight,
    lineAges: campaign.linesInFlight.ageGroupsAt(nowMs),
    capGuardActive: false,
    liveWaiting: campaign.liveWaiting.length,
    maxLinesPerServer: config.maxLinesPerServer,
    abandonTargetPct: config.abandonTargetPct,
    hiddenAbandonPct: config.amdEnabled ? config.amdHumanAsMachinePct : 0,
    windowAbandonPct: campaign.ledger.ratePct(nowMs),
    windowConnects: counts.connected,
    windowAbandons: counts.abandoned,
    windowSec: campaign.ledger.windowSec,
    ...(held === null ? {} : { windowsHeld: held }),
    estimates,
  }
}

function serverCount(groups: readonly BusyServerGroup[]): number {
  let count = 0
  for (const group of groups) count += group.count
  return count
}

/** A paused or stopped campaign lets its agents go once no line or live customer needs them. */
function releaseWhenDrained(ctx: EngineContext, campaign: CampaignRuntime): void {
  withdrawPreviewTasks(ctx, campaign)
  if (campaign.inFlight > 0 || campaign.liveWaiting.length > 0) return
  for (const agentId of [...campaign.reserved]) {
    const agent = ctx.agents.get(agentId)!
    if (agent.state.kind === 'Reserved' && !campaign.linesByOwner.has(agentId)) {
      applyAgentEvent(ctx, agent, { kind: 'releaseReservation' })
    }
  }
}
