// Goal: the flow builders produce valid flows (R3.1–R3.3) that route each CPA result as asked.
import { describe, expect, it } from 'vitest'
import { InvariantError } from '../domain/invariant.ts'
import { inboundQueueFlow, type OutdialFlowOptions, outdialFlow } from './defaultFlows.ts'
import { startFlowEvent } from './interpreter.ts'
import { validateFlow } from './validate.ts'

const OPTION_SETS: OutdialFlowOptions[] = [
  { id: 'plain' },
  { id: 'caller', callerId: '+15551230000' },
  { id: 'amd', onAmd: 'disconnect', onAbandoned: { play: 'sorry' } },
  { id: 'ivr-bot', onLive: { virtualAgent: { botId: 'bot', maxDurationSec: 120 } } },
  { id: 'ivr-agent', callerId: '+15551230000', onLive: { gotoEntryPoint: 'ep-1' } },
  { id: 'ivr-play', onAmd: { play: 'vm' }, onAbandoned: 'disconnect', onLive: { play: 'offer' } },
  { id: 'ivr-hangup', onLive: 'disconnect' },
]

describe('R3.1 R3.2 R3.3 outdialFlow', () => {
  it.each(OPTION_SETS)('builds a valid flow for $id', (options) => {
    const flow = outdialFlow(options)
    expect(validateFlow(flow)).toEqual({ ok: true, flow })
    expect(flow.kind).toBe('outdial')
    expect(flow.variables.map((v) => v.name)).toContain('campaignId')
  })

  it('adds PreDial only when a caller ID is given', () => {
    expect(outdialFlow({ id: 'a' }).handlers.PreDial).toBeUndefined()
    const flow = outdialFlow({ id: 'b', callerId: '+15551230000' })
    const step = startFlowEvent(flow, 'PreDial', { dialNumber: '+15559990000' })
    expect(step.effects).toEqual([{ kind: 'setCallerId', callerId: '+15551230000' }])
  })

  it('adds the call-result handler only when a route is given', () => {
    expect(outdialFlow({ id: 'a' }).handlers.OutboundCampaignCallResult).toBeUndefined()
    expect(
      outdialFlow({ id: 'b', onAmd: 'disconnect' }).handlers.OutboundCampaignCallResult,
    ).toBeDefined()
  })

  it('routes a live IVR customer to a bot, then disconnects', () => {
    const flow = outdialFlow({ id: 'bot', onLive: { virtualAgent: { botId: 'b1' } } })
    const step = startFlowEvent(flow, 'OutboundCampaignCallResult', { CPAResult: 'LIVE_VOICE' })
    expect(step).toMatchObject({
      status: 'waiting',
      effects: [{ kind: 'virtualAgent', botId: 'b1', maxDurationSec: 300 }],
    })
  })

  it('crashes on options that cannot make a valid flow', () => {
    expect(() => outdialFlow({ id: 'x', callerId: 'not-a-number' })).toThrow(InvariantError)
    expect(() =>
      outdialFlow({ id: 'x', onLive: { virtualAgent: { botId: 'b', maxDurationSec: 0 } } }),
    ).toThrow(/maxDurationSec/)
  })
})

describe('R3.3 R4.6 inboundQueueFlow', () => {
  it('builds a valid inbound flow that queues on NewPhoneContact', () => {
    const flow = inboundQueueFlow({ id: 'in', queueId: 'q-sales' })
    expect(validateFlow(flow)).toEqual({ ok: true, flow })
    const step = startFlowEvent(flow, 'NewPhoneContact', { ANI: '+15559990000' })
    expect(step).toMatchObject({ status: 'done', effects: [{ kind: 'queue', queueId: 'q-sales' }] })
  })
})
