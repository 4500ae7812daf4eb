// Goal: the agent state machine of R7.1 allows exactly the legal transitions and types the rest.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type AgentEvent, type AgentState, transitionAgent } from './agent-state.ts'

const events: AgentEvent[] = [
  { kind: 'login', idleCode: 'Break' },
  { kind: 'logout' },
  { kind: 'setIdle', code: 'Lunch' },
  { kind: 'setAvailable' },
  { kind: 'reserve', campaignId: 'c1' },
  { kind: 'reservationAnswered' },
  { kind: 'releaseReservation' },
  { kind: 'engage', interactionId: 'i1', origin: 'campaign' },
  { kind: 'endCall', wrapCode: 'Done' },
  { kind: 'endWrapUp' },
]

describe('R7.1 agent state machine', () => {
  it('walks a full campaign cycle', () => {
    let state: AgentState = { kind: 'LoggedOut' }
    const path: AgentEvent['kind'][] = [
      'login',
      'setAvailable',
      'reserve',
      'reservationAnswered',
      'engage',
      'endCall',
      'endWrapUp',
    ]
    for (const kind of path) {
      const result = transitionAgent(state, events.find((e) => e.kind === kind)!)
      expect(result.kind).toBe('ok')
      if (result.kind === 'ok') state = result.state
    }
    expect(state).toEqual({ kind: 'Available' })
  })

  it('R7.5: going Idle while Reserved releases the reservation', () => {
    const result = transitionAgent(
      { kind: 'Reserved', campaignId: 'c1', connected: true },
      { kind: 'setIdle', code: 'Break' },
    )
    expect(result).toEqual({ kind: 'ok', state: { kind: 'Idle', code: 'Break' } })
  })

  it('refuses illegal transitions with a typed result', () => {
    expect(transitionAgent({ kind: 'LoggedOut' }, { kind: 'setAvailable' })).toEqual({
      kind: 'illegal',
      from: 'LoggedOut',
      event: 'setAvailable',
    })
    expect(
      transitionAgent(
        { kind: 'Engaged', interactionId: 'i', origin: 'inbound' },
        { kind: 'setIdle', code: 'x' },
      ).kind,
    ).toBe('illegal')
    expect(
      transitionAgent({ kind: 'Idle', code: 'x' }, { kind: 'reserve', campaignId: 'c' }).kind,
    ).toBe('illegal')
  })

  it('never reaches Engaged except from Available or Reserved', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: events.length - 1 }), { maxLength: 40 }),
        (seq) => {
          let state: AgentState = { kind: 'LoggedOut' }
          for (const index of seq) {
            const before = state.kind
            const result = transitionAgent(state, events[index]!)
            if (result.kind !== 'ok') continue
            if (result.state.kind === 'Engaged') expect(['Available', 'Reserved']).toContain(before)
            if (result.state.kind === 'WrapUp') expect(before).toBe('Engaged')
            state = result.state
          }
        },
      ),
    )
  })
})
