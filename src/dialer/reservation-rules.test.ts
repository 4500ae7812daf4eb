// Goal: the rules around a campaign's reservation of an agent hold on the engine: only agents
// whose profile allows outbound are reserved (R7.1); a request for an agent waits at most the
// outdial queue's maximum time in queue, then is issued again (R4.3); an agent leaves a
// reservation by hanging up the reservation call, and a customer already dialled for them goes to
// another reserved agent within 2 s or is abandoned and counted (R7.5).
import { describe, expect, it } from 'vitest'
import { makeEngineKit } from './test-kit.ts'

describe('R7.1 only agents whose profile allows outbound are reserved by campaigns', () => {
  it('a progressive campaign reserves the allowed agent and never the other', () => {
    const kit = makeEngineKit({
      agents: [{ id: 'agent-1', outboundAllowed: false }, { id: 'agent-2' }],
      autoAnswerReservations: true,
    })
    kit.advanceSec(600)
    expect(kit.agentState('agent-1')).toEqual({ kind: 'Available' })
    expect(kit.agentState('agent-2')).toMatchObject({ kind: 'Reserved', campaignId: 'camp-1' })
    expect(kit.commands('callAgent').map((c) => c.agentId)).not.toContain('agent-1')
  })

  it('the Campaign Contact button offers no preview record to an agent without outbound', () => {
    const kit = makeEngineKit({
      mode: 'preview_standard',
      agents: [{ id: 'agent-1', outboundAllowed: false }],
      agentsAvailable: false,
    })
    expect(kit.engine.requestCampaignContact('agent-1')).toEqual({ kind: 'noContact' })
    expect(kit.eventsOf('previewOffer')).toEqual([])
  })

  it('the same agent still takes inbound calls', () => {
    const kit = makeEngineKit({
      agents: [{ id: 'agent-1', outboundAllowed: false }],
      inbound: true,
    })
    kit.inboundCall('in-1')
    expect(kit.agentState('agent-1')).toMatchObject({ kind: 'Engaged', interactionId: 'in-1' })
  })
})

describe('R4.3 maximum time in queue of a reservation request', () => {
  /**
   * Two campaigns of one team: camp-1 starts at 0, camp-2 at 30 s; one agent comes at 100 s.
   * The older request (camp-1) is served first unless it was withdrawn and issued again.
   */
  function twoRequests(maxTimeInQueueSec: number) {
    const kit = makeEngineKit({
      agentsAvailable: false,
      start: false,
      maxTimeInQueueSec,
      extraCampaigns: [{ id: 'camp-2' }],
    })
    kit.engine.startCampaign('camp-1')
    kit.advanceSec(30)
    kit.engine.startCampaign('camp-2')
    kit.advanceSec(70)
    kit.makeAvailable('agent-1')
    return kit
  }

  it('a request still inside its maximum time keeps its place: the older request is served', () => {
    const kit = twoRequests(3600)
    expect(kit.agentState('agent-1')).toMatchObject({ kind: 'Reserved', campaignId: 'camp-1' })
  })

  it('a request older than the maximum is withdrawn and issued again, behind the requests since', () => {
    // camp-1's request (issued at 0) is withdrawn at 60 s and issued again: camp-2's (30 s) is older.
    const kit = twoRequests(60)
    expect(kit.agentState('agent-1')).toMatchObject({ kind: 'Reserved', campaignId: 'camp-2' })
    expect(kit.campaign('camp-1').requestIssuedAtMs).toBe(kit.ms(60))
  })
})

describe('R7.5 leaving a reservation by hanging up the reservation call', () => {
  it('the agent goes Idle with their default idle code, or the code they chose', () => {
    const kit = makeEngineKit({ agents: 2 })
    kit.agentAnswered('agent-1')
    expect(kit.engine.agentHangup('agent-1')).toEqual({ kind: 'ok' })
    expect(kit.agentState('agent-1')).toEqual({ kind: 'Idle', code: 'Default' })
    expect(kit.campaign().reserved.has('agent-1')).toBe(false)
    expect(kit.engine.agentHangup('agent-2', 'Lunch')).toEqual({ kind: 'ok' })
    expect(kit.agentState('agent-2')).toEqual({ kind: 'Idle', code: 'Lunch' })
    expect(kit.engine.agentHangup('agent-2')).toEqual({ kind: 'noCall' })
  })

  it('the network reporting the agent put down the reservation call leaves it the same way', () => {
    const kit = makeEngineKit({ agents: 1 })
    kit.agentAnswered('agent-1')
    kit.push({ kind: 'agentHangup', agentId: 'agent-1' })
    expect(kit.agentState('agent-1')).toEqual({ kind: 'Idle', code: 'Default' })
    expect(kit.campaign().ready.has('agent-1')).toBe(false)
  })

  it('a customer dialled for that agent goes to another reserved agent within 2 s', () => {
    const kit = makeEngineKit({ agents: 2, agentsAvailable: false })
    kit.makeAvailable('agent-1')
    kit.agentAnswered('agent-1')
    const [line] = kit.dialIds()
    kit.engine.agentHangup('agent-1')
    kit.makeAvailable('agent-2')
    kit.agentAnswered('agent-2')
    kit.advanceSec(3)
    kit.live(line!)
    kit.advanceSec(1)
    expect(kit.commands('bridge')).toMatchObject([{ callId: line, agentId: 'agent-2' }])
    expect(kit.outcomeOf(line!)).toBe('LIVE_VOICE')
  })

  it('with no other reserved agent, the customer is abandoned after 2 s and counted', () => {
    const kit = makeEngineKit({ agents: 1 })
    kit.agentAnswered('agent-1')
    const [line] = kit.dialIds()
    kit.engine.agentHangup('agent-1')
    kit.live(line!)
    kit.advanceSec(1.9)
    expect(kit.outcomeOf(line!)).toBeUndefined()
    kit.advanceSec(0.2)
    expect(kit.outcomeOf(line!)).toBe('ABANDONED')
    expect(kit.campaign().ledger.counts(kit.clock.nowMs())).toMatchObject({ abandoned: 1 })
    expect(kit.agentState('agent-1')).toEqual({ kind: 'Idle', code: 'Default' })
  })
})
