// Goal: inbound and campaign work share agents by rank; campaigns share agents over time (R8).
import { describe, expect, it } from 'vitest'
import { KIT_INBOUND_QUEUE_ID, makeEngineKit } from './test-kit.ts'

describe('R8 R4.6 inbound routing', () => {
  it('gives an inbound call to the agent Available longest', () => {
    const kit = makeEngineKit({ agents: 3, agentsAvailable: false, inbound: true, start: false })
    kit.makeAvailable('agent-3')
    kit.advanceSec(5)
    kit.makeAvailable('agent-1')
    kit.advanceSec(5)
    kit.makeAvailable('agent-2')
    kit.inboundCall('in-1')
    kit.inboundCall('in-2')
    expect(kit.eventsOf('inbound').filter((e) => e.phase === 'answered')).toMatchObject([
      { callId: 'in-1', agentId: 'agent-3', queueId: KIT_INBOUND_QUEUE_ID },
      { callId: 'in-2', agentId: 'agent-1' },
    ])
    expect(kit.commands('callAgent')).toMatchObject([
      { agentId: 'agent-3', purpose: 'inbound' },
      { agentId: 'agent-1', purpose: 'inbound' },
    ])
    expect(kit.agentState('agent-3')).toEqual({
      kind: 'Engaged',
      interactionId: 'in-1',
      origin: 'inbound',
    })
  })

  it('queues a call with no agent, oldest first, and an agent ending wrap-up takes it', () => {
    const kit = makeEngineKit({ agents: 1, agentsAvailable: false, inbound: true, start: false })
    kit.inboundCall('in-1')
    kit.advanceSec(1)
    kit.inboundCall('in-2')
    expect(kit.engine.ctx.queues.get(KIT_INBOUND_QUEUE_ID)!.waiting).toEqual(['in-1', 'in-2'])
    kit.makeAvailable('agent-1')
    expect(kit.agentState('agent-1')).toMatchObject({ kind: 'Engaged', interactionId: 'in-1' })
    kit.customerHangup('in-1')
    expect(kit.agentState('agent-1')).toEqual({ kind: 'WrapUp', code: 'Default' })
    kit.engine.agentEndWrapUp('agent-1')
    expect(kit.agentState('agent-1')).toMatchObject({ kind: 'Engaged', interactionId: 'in-2' })
  })
})

describe('R8.1 R8.2 inbound against campaign work', () => {
  /** agent-1 is on a campaign call; an inbound call waits; then agent-1 ends wrap-up. */
  function busyThenFree(queueRankings?: { queueId: string; rank: number }[]) {
    const kit = makeEngineKit({
      inbound: true,
      autoAnswerReservations: true,
      ...(queueRankings ? { queueRankings } : {}),
    })
    kit.live(kit.dialIds()[0]!)
    kit.inboundCall('in-1')
    expect(kit.engine.ctx.queues.get(KIT_INBOUND_QUEUE_ID)!.waiting).toEqual(['in-1'])
    kit.advanceSec(30)
    kit.finishCall('agent-1')
    return kit
  }

  it('by default the waiting inbound call wins over a campaign reservation', () => {
    const kit = busyThenFree()
    expect(kit.agentState('agent-1')).toEqual({
      kind: 'Engaged',
      interactionId: 'in-1',
      origin: 'inbound',
    })
    expect(kit.dials()).toHaveLength(1)
  })

  it('a team ranking the campaign queue first makes the campaign win', () => {
    const kit = busyThenFree([
      { queueId: 'q-outdial', rank: 1 },
      { queueId: KIT_INBOUND_QUEUE_ID, rank: 2 },
    ])
    expect(kit.agentState('agent-1')).toMatchObject({ kind: 'Reserved', campaignId: 'camp-1' })
    expect(kit.engine.ctx.queues.get(KIT_INBOUND_QUEUE_ID)!.waiting).toEqual(['in-1'])
    expect(kit.dials()).toHaveLength(2)
  })

  it('inbound preempts a ready agent of a predictive pool when nobody is Available', () => {
    const kit = makeEngineKit({ mode: 'predictive', inbound: true, autoAnswerReservations: true })
    expect(kit.campaign().ready.has('agent-1')).toBe(true)
    kit.advanceSec(3)
    kit.inboundCall('in-1')
    expect(kit.agentState('agent-1')).toEqual({
      kind: 'Engaged',
      interactionId: 'in-1',
      origin: 'inbound',
    })
    expect(kit.telephony.commands.filter((c) => c.atMs === kit.ms(3))).toEqual([
      { kind: 'releaseAgent', atMs: kit.ms(3), agentId: 'agent-1' },
      { kind: 'callAgent', atMs: kit.ms(3), agentId: 'agent-1', purpose: 'inbound' },
      { kind: 'bridge', atMs: kit.ms(3), callId: 'in-1', agentId: 'agent-1' },
    ])
    expect(kit.campaign().ready.size).toBe(0)
  })

  it('does not preempt when the team ranks the campaign first; the call waits', () => {
    const kit = makeEngineKit({
      mode: 'predictive',
      inbound: true,
      autoAnswerReservations: true,
      queueRankings: [
        { queueId: 'q-outdial', rank: 1 },
        { queueId: KIT_INBOUND_QUEUE_ID, rank: 2 },
      ],
    })
    kit.inboundCall('in-1')
    expect(kit.agentState('agent-1')).toMatchObject({ kind: 'Reserved', connected: true })
    expect(kit.engine.ctx.queues.get(KIT_INBOUND_QUEUE_ID)!.waiting).toEqual(['in-1'])
  })

  it('does not preempt a progressive agent with lines out, but takes the call once they resolve', () => {
    const kit = makeEngineKit({ inbound: true, autoAnswerReservations: true, dialingRate: 2 })
    expect(kit.campaign().linesByOwner.get('agent-1')).toBe(2)
    kit.inboundCall('in-1')
    expect(kit.agentState('agent-1')).toMatchObject({ kind: 'Reserved', campaignId: 'camp-1' })
    const [a, b] = kit.dialIds()
    kit.fail(a!, 'busy')
    expect(kit.agentState('agent-1')).toMatchObject({ kind: 'Reserved', campaignId: 'camp-1' })
    // Its last line resolves with nobody live: no new batch, the waiting inbound call wins.
    kit.fail(b!, 'busy')
    expect(kit.agentState('agent-1')).toMatchObject({ kind: 'Engaged', interactionId: 'in-1' })
    expect(kit.dials()).toHaveLength(2)
  })

  it('a pool agent who answers the reservation while an inbound call waits takes the call', () => {
    const kit = makeEngineKit({ mode: 'predictive', inbound: true })
    kit.inboundCall('in-1')
    // Reserved but not connected: not preemptable yet.
    expect(kit.engine.ctx.queues.get(KIT_INBOUND_QUEUE_ID)!.waiting).toEqual(['in-1'])
    kit.agentAnswered('agent-1')
    expect(kit.agentState('agent-1')).toMatchObject({ kind: 'Engaged', interactionId: 'in-1' })
  })
})

describe('R8.1 yielding to inbound does not churn reservations', () => {
  it('releases one ready agent per waiting inbound call, the others stay reserved', () => {
    const kit = makeEngineKit({ mode: 'predictive', agents: 3, inbound: true })
    kit.inboundCall('in-1')
    // Nobody has answered a reservation yet: the call waits.
    expect(kit.engine.ctx.queues.get(KIT_INBOUND_QUEUE_ID)!.waiting).toEqual(['in-1'])
    const callsBefore = kit.commands('callAgent').length
    kit.agentAnswered('agent-2')
    kit.agentAnswered('agent-3')
    expect(kit.agentState('agent-2')).toMatchObject({ kind: 'Engaged', interactionId: 'in-1' })
    expect(kit.agentState('agent-3')).toMatchObject({ kind: 'Reserved', connected: true })
    expect(kit.commands('releaseAgent').map((c) => c.agentId)).toEqual(['agent-2'])
    expect(kit.commands('callAgent').slice(callsBefore)).toEqual([
      { kind: 'callAgent', atMs: kit.ms(0), agentId: 'agent-2', purpose: 'inbound' },
    ])
  })
})

describe('R1.5 R8.1 one agent shared by two campaigns', () => {
  it('takes turns between the campaigns as the agent comes back', () => {
    const kit = makeEngineKit({
      autoAnswerReservations: true,
      extraCampaigns: [{ id: 'camp-2', contacts: 20 }],
    })
    const reservedBy: string[] = []
    for (let round = 0; round < 6; round++) {
      const state = kit.agentState('agent-1')
      if (state.kind === 'Reserved') reservedBy.push(state.campaignId)
      const open = kit.dialIds().filter((id) => kit.outcomeOf(id) === undefined)
      expect(open).toHaveLength(1)
      kit.live(open[0]!)
      kit.advanceSec(20)
      kit.finishCall('agent-1')
    }
    expect(reservedBy).toEqual(['camp-1', 'camp-2', 'camp-1', 'camp-2', 'camp-1', 'camp-2'])
    expect(kit.dials('camp-1')).toHaveLength(4)
    expect(kit.dials('camp-2')).toHaveLength(3)
  })

  it('lets the agent go to the other campaign when its campaign has nothing left to dial', () => {
    const kit = makeEngineKit({
      contacts: 1,
      autoAnswerReservations: true,
      extraCampaigns: [{ id: 'camp-2', contacts: 5 }],
    })
    expect(kit.agentState('agent-1')).toMatchObject({ kind: 'Reserved', campaignId: 'camp-1' })
    // camp-1's only contact is busy: retried in 15 minutes, nothing else to dial now.
    kit.fail(kit.dialIds()[0]!, 'busy')
    expect(kit.agentState('agent-1')).toMatchObject({ kind: 'Reserved', campaignId: 'camp-2' })
    expect(kit.dials('camp-2')).toHaveLength(1)
  })

  it('lets the agent take inbound calls when its campaign has nothing left to dial', () => {
    const kit = makeEngineKit({ contacts: 1, inbound: true, autoAnswerReservations: true })
    kit.inboundCall('in-1')
    kit.fail(kit.dialIds()[0]!, 'busy')
    expect(kit.agentState('agent-1')).toMatchObject({ kind: 'Engaged', interactionId: 'in-1' })
  })
})
