// Inbound calls (R4.6, R8): an entry point's flow queues the call; it goes to the agent the queue's
// routing type picks (routing/inbound-agent.ts), or waits for the router. Also the target of
// GotoEntryPoint from outdial flows.
import { invariant } from '../domain/invariant.ts'
import { resumeFlow, startFlowEvent } from '../flows/interpreter.ts'
import type { FlowEffect } from '../flows/types.ts'
import { applyAgentEvent } from './agents.ts'
import type { AgentRuntime, EngineContext, InboundCallRuntime } from './context.ts'
import { startCollection, stopCollection } from './digit-collection.ts'
import { agentForInbound } from './routing/inbound-agent.ts'

/** A customer call arrives at an inbound entry point (directly, or by GotoEntryPoint). */
export function acceptInboundCall(
  ctx: EngineContext,
  callId: string,
  entryPointId: string,
  fromNumber: string,
): void {
  const entryPoint = ctx.entryPoints.get(entryPointId)
  invariant(entryPoint !== undefined, `unknown entry point ${entryPointId}`)
  invariant(!ctx.inbound.has(callId), `inbound call ${callId} arrived twice`)
  const call: InboundCallRuntime = {
    id: callId,
    queueId: null,
    arrivedAtMs: ctx.clock.nowMs(),
    agentId: null,
    flowState: null,
    flow: entryPoint.flow,
  }
  ctx.inbound.set(callId, call)
  const step = startFlowEvent(entryPoint.flow, 'NewPhoneContact', {
    ANI: fromNumber,
    DNIS: entryPointId,
  })
  call.flowState = step.state
  runInboundEffects(ctx, call, step.effects, step.status)
}

function runInboundEffects(
  ctx: EngineContext,
  call: InboundCallRuntime,
  effects: readonly FlowEffect[],
  status: 'waiting' | 'done',
): void {
  for (const effect of effects) {
    if (effect.kind === 'queue') return enqueue(ctx, call, effect.queueId)
    if (effect.kind === 'disconnect') return endInbound(ctx, call, true)
    if (effect.kind === 'play') ctx.telephony.play({ callId: call.id, ...effect })
    if (effect.kind === 'collectDigits') {
      startCollection(ctx, call.id, effect, (digits) => resumeInbound(ctx, call.id, digits))
    }
    if (effect.kind === 'virtualAgent') {
      ctx.telephony.startVirtualAgent(call.id, effect.botId, effect.maxDurationSec)
    }
    if (effect.kind === 'gotoEntryPoint') {
      ctx.inbound.delete(call.id)
      return acceptInboundCall(ctx, call.id, effect.entryPointId, '')
    }
  }
  if (status === 'done') endInbound(ctx, call, true)
}

/** A prompt, virtual agent or key collection of an inbound flow finished: continue the flow. */
export function resumeInbound(ctx: EngineContext, callId: string, digits?: string): boolean {
  const call = ctx.inbound.get(callId)
  if (!call || !call.flowState || call.queueId !== null) return false
  const step = resumeFlow(call.flow, call.flowState, digits)
  call.flowState = step.state
  runInboundEffects(ctx, call, step.effects, step.status)
  return true
}

function enqueue(ctx: EngineContext, call: InboundCallRuntime, queueId: string): void {
  const queue = ctx.queues.get(queueId)
  invariant(queue !== undefined, `flow queues to unknown queue ${queueId}`)
  call.queueId = queueId
  const agent = agentForInbound(ctx, queueId)
  ctx.bus.publish({
    kind: 'inbound',
    atMs: ctx.clock.nowMs(),
    callId: call.id,
    queueId,
    phase: 'queued',
  })
  if (agent) return connectInboundToAgent(ctx, call.id, agent)
  queue.waiting.push(call.id)
}

export function connectInboundToAgent(ctx: EngineContext, callId: string, agent: AgentRuntime) {
  const call = ctx.inbound.get(callId)
  invariant(call !== undefined && call.queueId !== null, 'connecting an unknown inbound call')
  if (agent.state.kind === 'Reserved') applyAgentEvent(ctx, agent, { kind: 'releaseReservation' })
  applyAgentEvent(ctx, agent, { kind: 'engage', interactionId: callId, origin: 'inbound' })
  agent.callId = callId
  call.agentId = agent.id
  ctx.queues.get(call.queueId)!.lastRoutedAgentId = agent.id
  ctx.telephony.callAgent(agent.id, 'inbound')
  ctx.telephony.bridge(callId, agent.id)
  ctx.bus.publish({
    kind: 'inbound',
    atMs: ctx.clock.nowMs(),
    callId,
    queueId: call.queueId,
    phase: 'answered',
    agentId: agent.id,
  })
}

/** The inbound customer hung up, or the agent ended the call. */
export function endInbound(ctx: EngineContext, call: InboundCallRuntime, bySystem = false): void {
  ctx.inbound.delete(call.id)
  stopCollection(ctx, call.id)
  if (bySystem) ctx.telephony.hangup(call.id)
  if (call.agentId === null) {
    if (call.queueId !== null) {
      const queue = ctx.queues.get(call.queueId)!
      const index = queue.waiting.indexOf(call.id)
      if (index >= 0) queue.waiting.splice(index, 1)
      ctx.bus.publish({
        kind: 'inbound',
        atMs: ctx.clock.nowMs(),
        callId: call.id,
        queueId: call.queueId,
        phase: 'abandoned',
      })
    }
    return
  }
  const agent = ctx.agents.get(call.agentId)!
  agent.callId = null
  applyAgentEvent(ctx, agent, { kind: 'endCall', wrapCode: agent.wrapCode })
}
