// Goal: illegal agent actions change nothing; dropped reservations end cleanly (R7.1, R7.2, R7.5).
import { describe, expect, it } from 'vitest'
import { IDLE_CODE_RESERVATION_NOT_ANSWERED, RESERVATION_ANSWER_SEC_MAX } from './routing/router.ts'
import { makeEngineKit } from './test-kit.ts'

describe('R7.1 illegal desktop actions', () => {
  it.each([
    ['Available', { kind: 'endWrapUp' }],
    ['Available', { kind: 'reservationAnswered' }],
    ['Available', { kind: 'endCall', wrapCode: 'x' }],
  ] as const)('from %s, %o is illegal and changes nothing', (from, event) => {
    const kit = makeEngineKit({ start: false })
    expect(kit.agentState('agent-1').kind).toBe(from)
    const events = kit.events.length
    const commands = kit.telephony.commands.length
    expect(kit.engine.agentEvent('agent-1', event)).toEqual({
      kind: 'illegal',
      from,
      event: event.kind,
    })
    expect(kit.agentState('agent-1')).toEqual({ kind: 'Available' })
    expect(kit.events.length).toBe(events)
    expect(kit.telephony.commands.length).toBe(commands)
  })

  it('refuses logout while reserved, and setIdle while engaged', () => {
    const kit = makeEngineKit({ autoAnswerReservations: true })
    expect(kit.engine.agentEvent('agent-1', { kind: 'logout' })).toMatchObject({
      kind: 'illegal',
      from: 'Reserved',
    })
    kit.live(kit.dialIds()[0]!)
    expect(kit.engine.agentEvent('agent-1', { kind: 'setIdle', code: 'Break' })).toEqual({
      kind: 'illegal',
      from: 'Engaged',
      event: 'setIdle',
    })
    expect(kit.agentState('agent-1')).toMatchObject({ kind: 'Engaged', origin: 'campaign' })
  })

  it('refuses everything but login from LoggedOut', () => {
    const kit = makeEngineKit({ agents: 0, start: false })
    kit.engine.addAgent({ id: 'late', teamIds: ['team-1'] })
    expect(kit.engine.agentEvent('late', { kind: 'setAvailable' })).toMatchObject({
      kind: 'illegal',
      from: 'LoggedOut',
    })
    expect(kit.engine.agentEndWrapUp('late')).toMatchObject({ kind: 'illegal' })
    expect(kit.engine.agentLogin('late')).toEqual({
      kind: 'ok',
      state: { kind: 'Idle', code: 'Default' },
    })
  })

  it('publishes every state change of a full cycle', () => {
    const kit = makeEngineKit({ agentsAvailable: false })
    kit.makeAvailable('agent-1')
    kit.agentAnswered('agent-1')
    kit.live(kit.dialIds()[0]!)
    kit.finishCall('agent-1')
    const states = kit.eventsOf('agentState').map((e) => e.state.kind)
    expect(states).toEqual([
      'Idle',
      'Available',
      'Reserved',
      'Reserved',
      'Engaged',
      'WrapUp',
      'Available',
      'Reserved',
    ])
  })
})

describe('R7.2 a reservation call not answered in time', () => {
  it(`is withdrawn after ${RESERVATION_ANSWER_SEC_MAX} s and the agent set Idle with the documented code`, () => {
    const kit = makeEngineKit({ dialingRate: 2 })
    kit.advanceSec(RESERVATION_ANSWER_SEC_MAX - 0.001)
    expect(kit.agentState('agent-1')).toMatchObject({ kind: 'Reserved', connected: false })
    kit.advanceSec(0.001)
    expect(kit.agentState('agent-1')).toEqual({
      kind: 'Idle',
      code: IDLE_CODE_RESERVATION_NOT_ANSWERED,
    })
    expect(kit.commands('releaseAgent')).toEqual([
      { kind: 'releaseAgent', atMs: kit.ms(RESERVATION_ANSWER_SEC_MAX), agentId: 'agent-1' },
    ])
    expect(kit.campaign().reserved.size).toBe(0)
    expect(kit.dials()).toEqual([])
    // A late answer of the withdrawn call does nothing.
    kit.agentAnswered('agent-1')
    expect(kit.agentState('agent-1')).toMatchObject({ kind: 'Idle' })
    expect(kit.dials()).toEqual([])
  })

  it('is not withdrawn once answered', () => {
    const kit = makeEngineKit()
    kit.advanceSec(RESERVATION_ANSWER_SEC_MAX - 1)
    kit.agentAnswered('agent-1')
    kit.advanceSec(10)
    expect(kit.agentState('agent-1')).toMatchObject({ kind: 'Reserved', connected: true })
    expect(kit.commands('releaseAgent')).toEqual([])
  })
})

describe('R7.5 leaving a reservation before a customer is delivered', () => {
  it('going Idle while reserved releases the reservation call', () => {
    const kit = makeEngineKit()
    kit.agentAnswered('agent-1')
    kit.advanceSec(3)
    expect(kit.engine.agentEvent('agent-1', { kind: 'setIdle', code: 'Break' })).toEqual({
      kind: 'ok',
      state: { kind: 'Idle', code: 'Break' },
    })
    expect(kit.commands('releaseAgent')).toEqual([
      { kind: 'releaseAgent', atMs: kit.ms(3), agentId: 'agent-1' },
    ])
    expect(kit.campaign().reserved.has('agent-1')).toBe(false)
    expect(kit.campaign().ready.has('agent-1')).toBe(false)
  })

  it('a customer dialled for that agent goes to another ready agent, or is abandoned', () => {
    const kit = makeEngineKit({ agents: 2, agentsAvailable: false, dialingRate: 2 })
    kit.makeAvailable('agent-1')
    kit.agentAnswered('agent-1')
    const [a, b] = kit.dialIds()
    kit.engine.agentEvent('agent-1', { kind: 'setIdle', code: 'Break' })
    // Its lines stay out; agent-2 comes in and is reserved for them.
    kit.makeAvailable('agent-2')
    kit.agentAnswered('agent-2')
    kit.advanceSec(4)
    kit.live(a!)
    expect(kit.commands('bridge')).toMatchObject([{ callId: a, agentId: 'agent-2' }])
    kit.live(b!)
    kit.advanceSec(2)
    expect(kit.outcomeOf(b!)).toBe('ABANDONED')
    expect(kit.agentState('agent-1')).toEqual({ kind: 'Idle', code: 'Break' })
  })

  it('an Idle agent is not reserved again until Available', () => {
    const kit = makeEngineKit({ autoAnswerReservations: true })
    kit.engine.agentEvent('agent-1', { kind: 'setIdle', code: 'Break' })
    kit.advanceSec(60)
    expect(kit.agentState('agent-1')).toEqual({ kind: 'Idle', code: 'Break' })
    kit.makeAvailable('agent-1')
    expect(kit.agentState('agent-1')).toMatchObject({ kind: 'Reserved', connected: true })
  })
})
