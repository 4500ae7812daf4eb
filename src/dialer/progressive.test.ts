// Goal: progressive dials exactly dialingRate lines per answered reservation (R1.2, R7.2, R7.5).
import { describe, expect, it } from 'vitest'
import { makeEngineKit } from './test-kit.ts'

describe('R1.2 R7.2 progressive: dialingRate lines per answered reservation', () => {
  it('dials nothing for a reserved agent who has not answered the reservation call', () => {
    const kit = makeEngineKit({ agents: 1, dialingRate: 3 })
    expect(kit.agentState('agent-1')).toEqual({
      kind: 'Reserved',
      campaignId: 'camp-1',
      connected: false,
    })
    expect(kit.commands('callAgent')).toEqual([
      { kind: 'callAgent', atMs: kit.ms(0), agentId: 'agent-1', purpose: 'reservation' },
    ])
    kit.advanceSec(10)
    expect(kit.dials()).toEqual([])
  })

  it('dials exactly 3 lines the moment the agent answers, all owned by that agent', () => {
    const kit = makeEngineKit({ agents: 1, dialingRate: 3 })
    kit.advanceSec(4)
    kit.agentAnswered('agent-1')
    expect(kit.dials().map((d) => d.atMs)).toEqual([kit.ms(4), kit.ms(4), kit.ms(4)])
    expect(kit.dials().map((d) => d.toNumber)).toEqual([
      '+15551000001',
      '+15551000002',
      '+15551000003',
    ])
    expect(kit.campaign().linesByOwner.get('agent-1')).toBe(3)
    kit.advanceSec(10)
    expect(kit.dials()).toHaveLength(3)
  })

  it('dials 3 more only once all 3 resolved without a live answer', () => {
    const kit = makeEngineKit({ agents: 1, dialingRate: 3 })
    kit.agentAnswered('agent-1')
    const [a, b, c] = kit.dialIds()
    kit.advanceSec(2)
    kit.fail(a!, 'busy')
    kit.advanceSec(5)
    kit.machine(b!)
    expect(kit.dials()).toHaveLength(3)
    kit.advanceSec(25) // c rings out at 32 s
    expect(kit.outcomeOf(c!)).toBe('NO_ANSWER_CUSTOMER')
    expect(
      kit
        .dials()
        .slice(3)
        .map((d) => d.atMs),
    ).toEqual([kit.ms(32), kit.ms(32), kit.ms(32)])
  })

  it('dials for a second agent independently of the first', () => {
    const kit = makeEngineKit({ agents: 2, dialingRate: 2 })
    kit.agentAnswered('agent-2')
    expect(kit.campaign().linesByOwner).toEqual(new Map([['agent-2', 2]]))
    kit.agentAnswered('agent-1')
    expect(kit.campaign().linesByOwner).toEqual(
      new Map([
        ['agent-2', 2],
        ['agent-1', 2],
      ]),
    )
    expect(kit.dials()).toHaveLength(4)
  })

  it('gives the agent no new lines while engaged, and rate-many after wrap-up', () => {
    const kit = makeEngineKit({ agents: 1, dialingRate: 2, autoAnswerReservations: true })
    const [a, b] = kit.dialIds()
    kit.live(a!)
    kit.fail(b!, 'busy')
    kit.advanceSec(60)
    expect(kit.dials()).toHaveLength(2)
    kit.finishCall('agent-1')
    // Available → reserved again → auto-answered → 2 new lines.
    expect(kit.agentState('agent-1')).toMatchObject({ kind: 'Reserved', connected: true })
    expect(kit.dials()).toHaveLength(4)
  })
})

describe('R7.5 a second live answer on one agent lines', () => {
  function threeLines() {
    const kit = makeEngineKit({ agents: 2, agentsAvailable: false, dialingRate: 3 })
    kit.makeAvailable('agent-1')
    kit.agentAnswered('agent-1')
    const ids = kit.dialIds() as [string, string, string]
    kit.live(ids[0])
    return { kit, ids }
  }

  it('goes to another agent already ready in the campaign, at once', () => {
    const { kit, ids } = threeLines()
    kit.makeAvailable('agent-2')
    kit.agentAnswered('agent-2')
    // agent-2 answered: it got lines of its own too.
    expect(kit.campaign().linesByOwner.get('agent-2')).toBe(3)
    kit.advanceSec(3)
    kit.live(ids[1])
    expect(kit.commands('bridge')).toMatchObject([
      { callId: ids[0], agentId: 'agent-1' },
      { callId: ids[1], agentId: 'agent-2', atMs: kit.ms(3) },
    ])
    expect(kit.outcomes()).toEqual(['LIVE_VOICE', 'LIVE_VOICE'])
  })

  it('goes to an agent who becomes ready within the 2 s', () => {
    const { kit, ids } = threeLines()
    kit.live(ids[1])
    kit.advanceSec(1)
    kit.makeAvailable('agent-2')
    kit.advanceSec(0.9)
    kit.agentAnswered('agent-2')
    expect(kit.outcomeOf(ids[1])).toBe('LIVE_VOICE')
    expect(kit.agentState('agent-2')).toMatchObject({ kind: 'Engaged', interactionId: ids[1] })
  })

  it('is abandoned at 2 s when nobody is ready, and counted', () => {
    const { kit, ids } = threeLines()
    kit.live(ids[1])
    kit.makeAvailable('agent-2') // reserved, but never answers in time
    kit.advanceSec(2)
    expect(kit.outcomeOf(ids[1])).toBe('ABANDONED')
    expect(kit.campaign().ledger.counts(kit.clock.nowMs())).toEqual({ abandoned: 1, connected: 1 })
    kit.agentAnswered('agent-2')
    expect(kit.agentState('agent-2')).toMatchObject({ kind: 'Reserved', connected: true })
  })
})

describe('R1.2 R7.4 dial rate 1 never abandons', () => {
  it('bridges every live answer of a long run to the line owner', () => {
    const kit = makeEngineKit({ agents: 3, contacts: 60, autoAnswerReservations: true })
    for (let round = 0; round < 15; round++) {
      const open = kit.dialIds().filter((id) => kit.outcomeOf(id) === undefined)
      expect(open).toHaveLength(3)
      for (const id of open) {
        const owner = kit.engine.ctx.attempts.get(id)!.ownerAgentId
        kit.live(id)
        expect(kit.commands('bridge').at(-1)).toMatchObject({ callId: id, agentId: owner })
      }
      kit.advanceSec(30)
      for (const agentId of ['agent-1', 'agent-2', 'agent-3']) kit.finishCall(agentId)
    }
    expect(kit.outcomes()).toHaveLength(45)
    expect(new Set(kit.outcomes())).toEqual(new Set(['LIVE_VOICE']))
    expect(kit.assertAttemptAccounting()).toEqual({ dialled: 48, closed: 45, open: 3 })
  })
})
