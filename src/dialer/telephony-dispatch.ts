// The engine's dispatch of a telephony event (R2, R3): agent legs, inbound calls, IVR digits and
// prompts, then the outbound attempt it belongs to; run inside the engine's settle (engine.ts).
import { agentOrThrow, tryAgentEvent } from './agents.ts'
import { resumeCallResult } from './call-result.ts'
import type { EngineContext } from './context.ts'
import { collectDigit, collectionPromptDone } from './digit-collection.ts'
import { acceptInboundCall, endInbound, resumeInbound } from './inbound.ts'
import { hangUpAgent, onAttemptEvent } from './lifecycle.ts'
import type { TelephonyEvent } from './ports/telephony.ts'

export function dispatchTelephony(ctx: EngineContext, event: TelephonyEvent): void {
  if (event.kind === 'agentAnswered') {
    const agent = agentOrThrow(ctx, event.agentId)
    if (agent.state.kind === 'Reserved' && !agent.state.connected) {
      tryAgentEvent(ctx, agent, { kind: 'reservationAnswered' })
    }
    return
  }
  if (event.kind === 'agentHangup') {
    hangUpAgent(ctx, agentOrThrow(ctx, event.agentId))
    return
  }
  if (event.kind === 'inboundCall') {
    return acceptInboundCall(ctx, event.callId, event.entryPointId, event.fromNumber)
  }
  if (event.kind === 'digit') return collectDigit(ctx, event.callId, event.digit)
  if (event.kind === 'playDone' && collectionPromptDone(ctx, event.callId)) return
  // An outbound day has no inbound call: no lookup of every event's call id in their map.
  const call = ctx.inbound.size === 0 ? undefined : ctx.inbound.get(event.callId)
  if (call) {
    if (event.kind === 'customerHangup') return endInbound(ctx, call)
    if (event.kind === 'playDone' || event.kind === 'virtualAgentDone') resumeInbound(ctx, call.id)
    return
  }
  const attempt = ctx.attempts.get(event.callId)
  if (!attempt) return
  if (event.kind === 'playDone' || event.kind === 'virtualAgentDone') {
    return resumeCallResult(ctx, attempt)
  }
  onAttemptEvent(ctx, attempt, event)
}
