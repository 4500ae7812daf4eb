// Goal: the interpreter runs flow events as data — branching, waiting/resuming, hand-off, limits.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { resolveCallerId } from '../domain/caller-id.ts'
import { InvariantError } from '../domain/invariant.ts'
import { CPA_RESULTS } from '../domain/outcomes.ts'
import type { Activity } from './activities/activity-schema.ts'
import { outdialFlow } from './defaultFlows.ts'
import {
  type FlowStep,
  FlowStepLimitError,
  preDialCallerId,
  resumeFlow,
  startFlowEvent,
} from './interpreter.ts'
import { FLOW_STEPS_MAX } from './limits.ts'
import type { Flow } from './schema.ts'
import type { FlowEffect } from './types.ts'

/** Whether the effects end the call or hand it on (the engine's call-result handling does so). */
const endsCall = (effects: readonly FlowEffect[]) =>
  effects.some((e) => e.kind === 'disconnect' || e.kind === 'gotoEntryPoint' || e.kind === 'queue')

/** A flow built by hand, skipping validation, to reach what validation would refuse. */
function rawFlow(event: keyof Flow['handlers'], activities: Record<string, Activity>): Flow {
  return {
    id: 'raw',
    name: 'raw',
    kind: event === 'NewPhoneContact' ? 'inbound' : 'outdial',
    variables: [{ name: 'campaignId', type: 'STRING' }],
    handlers: { [event]: { start: 'a0', activities } },
  }
}

/** Resumes until done, collecting every effect; the engine's loop in miniature. */
function runToEnd(flow: Flow, first: FlowStep): { effects: FlowEffect[]; waits: number } {
  const effects = [...first.effects]
  let step = first
  let waits = 0
  while (step.status === 'waiting') {
    waits += 1
    step = resumeFlow(flow, step.state)
    effects.push(...step.effects)
  }
  return { effects, waits }
}

describe('R3.3 OutboundCampaignCallResult branches on CPAResult', () => {
  const flow = outdialFlow({ id: 'f1', onAmd: { play: 'voicemail' }, onAbandoned: 'disconnect' })

  it('plays the AMD message, waits, then disconnects on resume', () => {
    const first = startFlowEvent(flow, 'OutboundCampaignCallResult', { CPAResult: 'AMD' })
    expect(first.status).toBe('waiting')
    expect(first.effects).toEqual([{ kind: 'play', promptId: 'voicemail', music: false }])
    const second = resumeFlow(flow, first.state)
    expect(second).toMatchObject({ status: 'done', effects: [{ kind: 'disconnect' }] })
    expect(second.state.currentActivityId).toBeNull()
  })

  it('disconnects ABANDONED at once', () => {
    const step = startFlowEvent(flow, 'OutboundCampaignCallResult', { CPAResult: 'ABANDONED' })
    expect(step).toMatchObject({ status: 'done', effects: [{ kind: 'disconnect' }] })
  })

  it('a flow without the handler is done with no effects (the engine then disconnects)', () => {
    const bare = outdialFlow({ id: 'bare' })
    const step = startFlowEvent(bare, 'OutboundCampaignCallResult', { CPAResult: 'AMD' })
    expect(step).toMatchObject({ status: 'done', effects: [] })
    expect(endsCall(step.effects)).toBe(false)
  })

  it('hands a live IVR customer to an inbound entry point with GotoEntryPoint', () => {
    const ivr = outdialFlow({ id: 'ivr', onLive: { gotoEntryPoint: 'ep-sales' } })
    const step = startFlowEvent(ivr, 'OutboundCampaignCallResult', { CPAResult: 'LIVE_VOICE' })
    expect(step.status).toBe('done')
    expect(step.effects).toEqual([{ kind: 'gotoEntryPoint', entryPointId: 'ep-sales' }])
    expect(endsCall(step.effects)).toBe(true)
  })

  it('every built flow ends the call for every CPA result (property)', () => {
    const action = fc.constantFrom<'disconnect' | { play: string }>('disconnect', { play: 'p' })
    fc.assert(
      fc.property(fc.constantFrom(...CPA_RESULTS), action, action, (cpa, onAmd, onAbandoned) => {
        const built = outdialFlow({
          id: 'p',
          onAmd,
          onAbandoned,
          onLive: { virtualAgent: { botId: 'b' } },
        })
        const first = startFlowEvent(built, 'OutboundCampaignCallResult', { CPAResult: cpa })
        const { effects, waits } = runToEnd(built, first)
        expect(endsCall(effects)).toBe(true)
        expect(waits).toBeLessThanOrEqual(1)
      }),
    )
  })
})

describe('R3.3 waiting and resuming', () => {
  const flow = rawFlow('OutboundCampaignCallResult', {
    a0: { kind: 'PlayMusic', musicId: 'hold', durationSec: 5, next: 'a1' },
    a1: { kind: 'VirtualAgent', botId: 'bot', maxDurationSec: 60, next: 'a2' },
    a2: { kind: 'SetVariable', name: 'campaignId', value: 'after-bot', next: 'a3' },
    a3: { kind: 'PlayMessage', promptId: 'thanks' },
  })

  it('pauses at each waiting activity and keeps its place, vars and step count', () => {
    const first = startFlowEvent(flow, 'OutboundCampaignCallResult', { CPAResult: 'LIVE_VOICE' })
    expect(first.effects).toEqual([{ kind: 'play', promptId: 'hold', music: true, durationSec: 5 }])
    expect(first.state).toMatchObject({ currentActivityId: 'a1', steps: 1 })
    const second = resumeFlow(flow, first.state)
    expect(second.effects).toEqual([{ kind: 'virtualAgent', botId: 'bot', maxDurationSec: 60 }])
    const third = resumeFlow(flow, second.state)
    expect(third.effects).toEqual([{ kind: 'play', promptId: 'thanks', music: false }])
    expect(third.state).toMatchObject({ currentActivityId: null, steps: 4 })
    expect(third.state.vars.campaignId).toBe('after-bot')
    // The last activity waits even with no next: the engine must finish the prompt first.
    expect(third.status).toBe('waiting')
    expect(resumeFlow(flow, third.state)).toMatchObject({ status: 'done', effects: [] })
  })

  it('is pure: the same state resumed twice gives the same step, and is left unchanged', () => {
    const first = startFlowEvent(flow, 'OutboundCampaignCallResult', { CPAResult: 'AMD' })
    const snapshot = structuredClone(first.state)
    expect(resumeFlow(flow, first.state)).toEqual(resumeFlow(flow, first.state))
    expect(first.state).toEqual(snapshot)
  })

  it('refuses to resume a state on another flow', () => {
    const first = startFlowEvent(flow, 'OutboundCampaignCallResult', { CPAResult: 'AMD' })
    const other = { ...flow, id: 'other' }
    expect(() => resumeFlow(other, first.state)).toThrow(InvariantError)
  })
})

describe('R3.1 R3.2 variables', () => {
  it('sets event variables under plain and qualified names', () => {
    const flow = outdialFlow({ id: 'f', callerId: '+15551230000' })
    const step = startFlowEvent(flow, 'PreDial', {
      dialNumber: '+15559990000',
      operationType: 'OUTDIAL',
    })
    expect(step.state.vars).toMatchObject({
      dialNumber: '+15559990000',
      'PreDial.dialNumber': '+15559990000',
      operationType: 'OUTDIAL',
      'PreDial.operationType': 'OUTDIAL',
      campaignId: '',
    })
  })

  it('lets a PreDial flow branch on an event variable and pick the caller ID (R6.1)', () => {
    const flow = rawFlow('PreDial', {
      a0: {
        kind: 'Case',
        variable: 'PreDial.operationType',
        branches: { PREVIEW_CAMPAIGN: 'uk' },
        defaultNext: 'us',
      },
      uk: { kind: 'SetCallerID', callerId: '+442071234567' },
      us: { kind: 'SetCallerID', callerId: { variable: 'campaignId' } },
    })
    const preview = startFlowEvent(flow, 'PreDial', { operationType: 'PREVIEW_CAMPAIGN' })
    expect(preDialCallerId(preview.effects)).toBe('+442071234567')
    const outdial = startFlowEvent(
      flow,
      'PreDial',
      { operationType: 'OUTDIAL' },
      { campaignId: 'c7' },
    )
    expect(preDialCallerId(outdial.effects)).toBe('c7')
    // 'c7' is no caller ID: resolution refuses it, reports it and falls back (Appendix A).
    const resolved = resolveCallerId({
      campaignCallerId: '+15550000001',
      preDialCallerId: preDialCallerId(outdial.effects),
    })
    expect(resolved).toMatchObject({ source: 'campaign', rejected: [{ source: 'preDial' }] })
  })

  it('starts a declared variable with no default at the empty value of its type', () => {
    const flow: Flow = {
      ...rawFlow('PreDial', { a0: { kind: 'SetCallerID', callerId: '+15551230000' } }),
      variables: [
        { name: 'campaignId', type: 'STRING', defaultValue: 'c1' },
        { name: 'n', type: 'INTEGER' },
        { name: 'ok', type: 'BOOLEAN' },
      ],
    }
    const step = startFlowEvent(flow, 'PreDial', {})
    expect(step.state.vars).toEqual({ campaignId: 'c1', n: 0, ok: false })
  })

  it('crashes on a variable the event does not carry, or an undeclared flow variable', () => {
    const flow = outdialFlow({ id: 'f', callerId: '+15551230000' })
    expect(() => startFlowEvent(flow, 'PreDial', { CPAResult: 'AMD' })).toThrow(InvariantError)
    expect(() => startFlowEvent(flow, 'PreDial', {}, { campaign: 'x' })).toThrow(InvariantError)
    expect(() => startFlowEvent(flow, 'PreDial', {}, { campaignId: 3 })).toThrow(InvariantError)
  })
})

describe('R3 run limits and preconditions', () => {
  function chain(length: number): Record<string, Activity> {
    const activities: Record<string, Activity> = {}
    for (let i = 0; i < length; i += 1) {
      const next = i + 1 < length ? `a${i + 1}` : undefined
      activities[`a${i}`] = { kind: 'SetVariable', name: 'campaignId', value: `v${i}`, next }
    }
    return activities
  }

  it(`runs exactly FLOW_STEPS_MAX (${FLOW_STEPS_MAX}) activities`, () => {
    const step = startFlowEvent(
      rawFlow('NewPhoneContact', chain(FLOW_STEPS_MAX)),
      'NewPhoneContact',
      {},
    )
    expect(step.state.steps).toBe(FLOW_STEPS_MAX)
  })

  it('throws FlowStepLimitError on one more, and on a cycle', () => {
    const long = rawFlow('NewPhoneContact', chain(FLOW_STEPS_MAX + 1))
    expect(() => startFlowEvent(long, 'NewPhoneContact', {})).toThrow(FlowStepLimitError)
    const loop = rawFlow('NewPhoneContact', {
      a0: { kind: 'SetVariable', name: 'campaignId', value: 'x', next: 'a1' },
      a1: { kind: 'Case', variable: 'campaignId', branches: { x: 'a0' } },
    })
    const error = (() => {
      try {
        startFlowEvent(loop, 'NewPhoneContact', {})
      } catch (thrown) {
        return thrown
      }
    })()
    expect(error).toBeInstanceOf(FlowStepLimitError)
    expect(error).toMatchObject({
      flowId: 'raw',
      event: 'NewPhoneContact',
      steps: FLOW_STEPS_MAX + 1,
    })
  })

  it('crashes on an event the flow kind never raises', () => {
    const flow = outdialFlow({ id: 'f' })
    expect(() => startFlowEvent(flow, 'NewPhoneContact', {})).toThrow(InvariantError)
  })

  it('crashes on an activity that validation would have refused', () => {
    const queued = rawFlow('OutboundCampaignCallResult', {
      a0: { kind: 'QueueContact', queueId: 'q' },
    })
    expect(() => startFlowEvent(queued, 'OutboundCampaignCallResult', {})).toThrow(InvariantError)
    const dangling = rawFlow('PreDial', {
      a0: { kind: 'SetCallerID', callerId: '+15551230000', next: 'zz' },
    })
    expect(() => startFlowEvent(dangling, 'PreDial', {})).toThrow(/activity zz does not exist/)
  })
})

describe('IVR CollectDigits in a run', () => {
  const flow: Flow = {
    ...rawFlow('OutboundCampaignCallResult', {
      a0: {
        kind: 'CollectDigits',
        promptId: 'menu',
        variable: 'choice',
        maxDigits: 1,
        firstDigitTimeoutSec: 5,
        interDigitTimeoutSec: 3,
        retries: 1,
        branches: { '1': 'a1' },
        noMatch: 'a2',
      },
      a1: { kind: 'PlayMessage', promptId: 'sales' },
      a2: { kind: 'DisconnectContact' },
    }),
    variables: [{ name: 'choice', type: 'STRING' }],
  }
  const start = () =>
    startFlowEvent(flow, 'OutboundCampaignCallResult', { CPAResult: 'LIVE_VOICE' })

  it('waits on the same activity for keys, then stores them and branches', () => {
    const first = start()
    expect(first.status).toBe('waiting')
    expect(first.effects.map((e) => e.kind)).toEqual(['collectDigits'])
    expect(first.state).toMatchObject({ currentActivityId: 'a0', collectTries: 1, steps: 1 })
    const second = resumeFlow(flow, first.state, '1')
    expect(second.effects).toEqual([{ kind: 'play', promptId: 'sales', music: false }])
    expect(second.state.vars.choice).toBe('1')
    expect(second.state.collectTries).toBeUndefined()
    expect(second.state.steps).toBe(2)
  })

  it('retries once on no match, then takes noMatch; a try is not a new step', () => {
    const retry = resumeFlow(flow, start().state, '9')
    expect(retry.state).toMatchObject({ currentActivityId: 'a0', collectTries: 2, steps: 1 })
    const out = resumeFlow(flow, retry.state, '8')
    expect(out).toMatchObject({ status: 'done', effects: [{ kind: 'disconnect' }] })
    expect(out.state.vars.choice).toBe('8')
  })

  it('no input after the retry ends the run (no noInput exit): the engine disconnects', () => {
    const retry = resumeFlow(flow, start().state, '')
    expect(resumeFlow(flow, retry.state, '')).toMatchObject({ status: 'done', effects: [] })
  })

  it('refuses keys for a run that waits on a prompt, and a collection resumed without keys', () => {
    const waiting = start()
    expect(() => resumeFlow(flow, waiting.state)).toThrow(InvariantError)
    const onPrompt = resumeFlow(flow, waiting.state, '1')
    expect(() => resumeFlow(flow, onPrompt.state, '1')).toThrow(InvariantError)
  })
})
