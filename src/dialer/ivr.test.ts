// Goal: IVR campaigns hold at most ivrPorts ports, run the LIVE_VOICE flow, hand off (R1.4, R3.3).
import { describe, expect, it } from 'vitest'
import { outdialFlow } from '../flows/defaultFlows.ts'
import { KIT_INBOUND_ENTRY_POINT_ID, KIT_INBOUND_QUEUE_ID, makeEngineKit } from './test-kit.ts'

const playFlow = outdialFlow({ id: 'ivr', onLive: { play: 'ivr-message' } })

function ivr(ivrPorts: number, dialingRate: number, flow = playFlow) {
  return makeEngineKit({ mode: 'progressive_ivr', agents: 0, ivrPorts, dialingRate, flow })
}

function portsHeld(kit: ReturnType<typeof ivr>): number {
  let held = 0
  for (const e of kit.eventsOf('ivrPort')) held += e.phase === 'held' ? 1 : -1
  return held
}

describe('R1.4 progressive IVR: ports and lines', () => {
  it('keeps dialingRate lines out per free port, with no agent at all', () => {
    const kit = ivr(2, 3)
    expect(kit.dials()).toHaveLength(6)
    expect(kit.commands('callAgent')).toEqual([])
  })

  it('holds a port from LIVE_VOICE until the call ends, then frees it', () => {
    const kit = ivr(2, 1)
    const [a] = kit.dialIds()
    kit.advanceSec(4)
    kit.live(a!)
    expect(kit.eventsOf('ivrPort')).toEqual([
      { kind: 'ivrPort', atMs: kit.ms(4), campaignId: 'camp-1', attemptId: a, phase: 'held' },
    ])
    expect(kit.outcomeOf(a!)).toBe('LIVE_VOICE')
    expect(kit.campaign().portsHeld).toBe(1)
    kit.advanceSec(20)
    kit.playDone(a!)
    expect(kit.eventsOf('ivrPort').at(-1)).toEqual({
      kind: 'ivrPort',
      atMs: kit.ms(24),
      campaignId: 'camp-1',
      attemptId: a,
      phase: 'released',
    })
    expect(kit.campaign().portsHeld).toBe(0)
    // R2.1: the dialer ended the call after the message.
    expect(kit.closedOf(a!)).toMatchObject({
      outcome: 'LIVE_VOICE',
      endedAtMs: kit.ms(24),
      hangupParty: 'system',
    })
  })

  it('frees the port when the customer hangs up during the message', () => {
    const kit = ivr(1, 1)
    const [a] = kit.dialIds()
    kit.live(a!)
    kit.advanceSec(3)
    kit.customerHangup(a!)
    expect(kit.eventsOf('ivrPort').map((e) => e.phase)).toEqual(['held', 'released'])
    expect(kit.closedOf(a!)).toMatchObject({ hangupParty: 'customer' })
    expect(kit.callCommands(a!)).toEqual(['dial', 'play'])
  })

  it('opens no line while every port is held, and one again when a port frees', () => {
    const kit = ivr(2, 1)
    const [a, b] = kit.dialIds()
    kit.live(a!)
    kit.live(b!)
    expect(kit.campaign().portsHeld).toBe(2)
    kit.advanceSec(60)
    expect(kit.dials()).toHaveLength(2)
    kit.playDone(a!)
    expect(kit.dials()).toHaveLength(3)
  })

  it('never holds more ports than configured over a run', () => {
    const kit = ivr(3, 2)
    for (let step = 0; step < 40; step++) {
      const open = kit.dialIds().filter((id) => kit.outcomeOf(id) === undefined)
      for (const id of open.slice(0, 2)) kit.live(id)
      kit.advanceSec(2)
      const holding = [...kit.engine.ctx.attempts.values()].filter((a) => a.holdsPort)
      if (step % 2 === 0) for (const attempt of holding) kit.playDone(attempt.id)
      expect(portsHeld(kit)).toBeLessThanOrEqual(3)
      expect(kit.campaign().portsHeld).toBe(portsHeld(kit))
    }
    expect(kit.outcomes()).toContain('ABANDONED')
    kit.assertAttemptAccounting()
  })
})

describe('R1.4 R3.3 OutboundCampaignCallResult runs for LIVE_VOICE in IVR campaigns', () => {
  it('plays the message, then disconnects after playDone', () => {
    const kit = ivr(1, 1)
    const [a] = kit.dialIds()
    kit.live(a!)
    expect(kit.commands('play')).toMatchObject([{ callId: a, promptId: 'ivr-message' }])
    expect(kit.callCommands(a!)).toEqual(['dial', 'play'])
    kit.playDone(a!)
    expect(kit.callCommands(a!)).toEqual(['dial', 'play', 'hangup'])
  })

  it('hands the call to a virtual agent and disconnects when it is done', () => {
    const flow = outdialFlow({ id: 'bot', onLive: { virtualAgent: { botId: 'bot-7' } } })
    const kit = ivr(1, 1, flow)
    const [a] = kit.dialIds()
    kit.live(a!)
    expect(kit.commands('startVirtualAgent')).toMatchObject([{ callId: a, botId: 'bot-7' }])
    kit.advanceSec(90)
    kit.virtualAgentDone(a!)
    expect(kit.callCommands(a!)).toEqual(['dial', 'startVirtualAgent', 'hangup'])
    expect(kit.eventsOf('ivrPort').map((e) => [e.phase, e.atMs])).toEqual([
      ['held', kit.ms(0)],
      ['released', kit.ms(90)],
    ])
  })
})

describe('R1.4 R5.5 a live answer with no free port', () => {
  it('is abandoned after 2 s', () => {
    const kit = ivr(1, 2)
    const [a, b] = kit.dialIds()
    kit.live(a!)
    kit.live(b!)
    expect(kit.campaign().liveWaiting.map((attempt) => attempt.id)).toEqual([b])
    kit.advanceSec(2)
    expect(kit.eventsOf('outcome').at(-1)).toMatchObject({
      attemptId: b,
      outcome: 'ABANDONED',
      atMs: kit.ms(2),
    })
    // playFlow has no ABANDONED branch: the Case default disconnects.
    expect(kit.callCommands(b!)).toEqual(['dial', 'hangup'])
  })

  it('takes a port that frees within the 2 s', () => {
    const kit = ivr(1, 2)
    const [a, b] = kit.dialIds()
    kit.live(a!)
    kit.live(b!)
    kit.advanceSec(1.5)
    kit.playDone(a!)
    expect(kit.outcomeOf(b!)).toBe('LIVE_VOICE')
    expect(kit.eventsOf('ivrPort').map((e) => `${e.attemptId} ${e.phase}`)).toEqual([
      `${a} held`,
      `${a} released`,
      `${b} held`,
    ])
  })
})

describe('R1.4 R3.3 R4.6 GotoEntryPoint to an inbound queue', () => {
  const gotoFlow = outdialFlow({
    id: 'esc',
    onLive: { gotoEntryPoint: KIT_INBOUND_ENTRY_POINT_ID },
  })

  it('frees the port and connects the call to an agent of the inbound queue', () => {
    const kit = makeEngineKit({
      mode: 'progressive_ivr',
      ivrPorts: 1,
      flow: gotoFlow,
      inbound: true,
      agents: 1,
    })
    expect(kit.agentState('agent-1')).toEqual({ kind: 'Available' })
    const [a] = kit.dialIds()
    kit.advanceSec(5)
    kit.live(a!)
    expect(kit.eventsOf('ivrPort').map((e) => e.phase)).toEqual(['held', 'released'])
    expect(kit.closedOf(a!)).toMatchObject({ outcome: 'LIVE_VOICE', hangupParty: 'system' })
    expect(kit.agentState('agent-1')).toEqual({
      kind: 'Engaged',
      interactionId: a,
      origin: 'inbound',
    })
    expect(kit.eventsOf('inbound')).toMatchObject([
      { callId: a, queueId: KIT_INBOUND_QUEUE_ID, phase: 'queued' },
      { callId: a, queueId: KIT_INBOUND_QUEUE_ID, phase: 'answered', agentId: 'agent-1' },
    ])
    expect(kit.commands('bridge')).toMatchObject([{ callId: a, agentId: 'agent-1' }])
    // The freed port dials the next customer.
    expect(kit.dials()).toHaveLength(2)
    kit.advanceSec(60)
    kit.customerHangup(a!)
    expect(kit.agentState('agent-1')).toEqual({ kind: 'WrapUp', code: 'Default' })
  })

  it('queues the call when no agent is free, and an agent who becomes Available takes it', () => {
    const kit = makeEngineKit({
      mode: 'progressive_ivr',
      ivrPorts: 1,
      flow: gotoFlow,
      inbound: true,
      agents: 1,
      agentsAvailable: false,
    })
    const [a] = kit.dialIds()
    kit.live(a!)
    expect(kit.engine.ctx.queues.get(KIT_INBOUND_QUEUE_ID)!.waiting).toEqual([a])
    kit.advanceSec(10)
    kit.makeAvailable('agent-1')
    expect(kit.agentState('agent-1')).toMatchObject({ kind: 'Engaged', origin: 'inbound' })
  })
})
