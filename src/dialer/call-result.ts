// The OutboundCampaignCallResult flow event (R3.3): AMD and ABANDONED in agent campaigns, and
// LIVE_VOICE too in IVR campaigns, branch to play, virtual agent, GotoEntryPoint or disconnect.
// Without a handler AMD is disconnected; an abandoned customer first hears the information
// message the compliance profile requires (R5.5), then is disconnected. Every end from here is the
// dialer's, so the attempt records 'system' as the party who hung up (R2.1).
import { invariant } from '../domain/invariant.ts'
import type { CpaResult } from '../domain/outcomes.ts'
import type { FlowEffect, FlowStep } from '../flows/interpreter.ts'
import { resumeFlow, startFlowEvent } from '../flows/interpreter.ts'
import { campaignOf, flowVarsOf, hangupAndClose } from './attempts.ts'
import { closeAttempt } from './close.ts'
import type { AttemptRuntime, EngineContext } from './context.ts'
import { startCollection } from './digit-collection.ts'
import { acceptInboundCall } from './inbound.ts'
import type { PlayRequest } from './ports/telephony.ts'

/**
 * The event variables the flow gets for each result: CPAResult and its CPAResultCode. One frozen
 * object per result, shared by every call (the run copies them into its own variables: issue 15).
 */
const CALL_RESULT_VARS: Readonly<Record<CpaResult, Readonly<Record<string, string>>>> = {
  LIVE_VOICE: Object.freeze({ CPAResult: 'LIVE_VOICE', CPAResultCode: 'LIVE_VOICE' }),
  AMD: Object.freeze({ CPAResult: 'AMD', CPAResultCode: 'ANSWERING_MACHINE' }),
  ABANDONED: Object.freeze({ CPAResult: 'ABANDONED', CPAResultCode: 'NO_AGENT_AVAILABLE' }),
}

export function runCallResult(ctx: EngineContext, attempt: AttemptRuntime, result: CpaResult) {
  const campaign = campaignOf(ctx, attempt)
  const flow = campaign.config.flow
  attempt.phase = 'flow'
  if (!flow?.handlers.OutboundCampaignCallResult) {
    if (result === 'ABANDONED' && campaign.config.compliance.abandonMessageRequired) {
      attempt.flowState = null
      ctx.telephony.play({
        callId: attempt.id,
        promptId: campaign.config.abandonMessagePromptId,
        music: false,
      })
      return
    }
    return hangupAndClose(ctx, attempt, 'system')
  }
  const step = startFlowEvent(
    flow,
    'OutboundCampaignCallResult',
    CALL_RESULT_VARS[result],
    flowVarsOf(campaign, attempt.progress.contact),
  )
  applyStep(ctx, attempt, step)
}

/** A prompt or virtual agent finished: continue the flow (or end the default message). */
export function resumeCallResult(ctx: EngineContext, attempt: AttemptRuntime): void {
  if (attempt.phase !== 'flow') return
  if (attempt.flowState === null) return hangupAndClose(ctx, attempt, 'system')
  const flow = campaignOf(ctx, attempt).config.flow
  invariant(flow !== null, 'resuming a flow that does not exist')
  applyStep(ctx, attempt, resumeFlow(flow, attempt.flowState))
}

/** CollectDigits ended: the keys go to the attempt's IVR answers, and the flow goes on. */
function resumeWithDigits(ctx: EngineContext, attempt: AttemptRuntime, variable: string) {
  return (digits: string) => {
    if (attempt.phase !== 'flow' || attempt.flowState === null) return
    attempt.ivrAnswers = { ...attempt.ivrAnswers, [variable]: digits }
    const flow = campaignOf(ctx, attempt).config.flow
    invariant(flow !== null, 'resuming a flow that does not exist')
    applyStep(ctx, attempt, resumeFlow(flow, attempt.flowState, digits))
  }
}

function applyStep(ctx: EngineContext, attempt: AttemptRuntime, step: FlowStep): void {
  attempt.flowState = step.state
  for (const effect of step.effects) {
    switch (effect.kind) {
      case 'play':
        ctx.telephony.play(playRequest(attempt.id, effect))
        break
      case 'collectDigits':
        startCollection(ctx, attempt.id, effect, resumeWithDigits(ctx, attempt, effect.variable))
        break
      case 'virtualAgent':
        ctx.telephony.startVirtualAgent(attempt.id, effect.botId, effect.maxDurationSec)
        break
      case 'disconnect':
        return hangupAndClose(ctx, attempt, 'system')
      case 'gotoEntryPoint':
        return handOff(ctx, attempt, effect.entryPointId)
      case 'setCallerId':
      case 'queue':
        invariant(false, `${effect.kind} in a call-result flow (refused by validation)`)
    }
  }
  if (step.status === 'done') hangupAndClose(ctx, attempt, 'system')
}

/**
 * The play effect as the network's request: its fields named, not spread with the effect's kind
 * (a spread copies through the runtime on every prompt of a call: issue 15, engine speed).
 */
function playRequest(callId: string, effect: FlowEffect & { kind: 'play' }): PlayRequest {
  const request: PlayRequest = { callId, promptId: effect.promptId, music: effect.music }
  if (effect.durationSec !== undefined) request.durationSec = effect.durationSec
  return request
}

/** GotoEntryPoint: the call leaves the campaign (its port frees) for an inbound entry point. */
function handOff(ctx: EngineContext, attempt: AttemptRuntime, entryPointId: string): void {
  closeAttempt(ctx, attempt, 'system')
  acceptInboundCall(ctx, attempt.id, entryPointId, attempt.number)
}
