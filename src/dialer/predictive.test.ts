// Goal: the predictive pool dials above ready agents within its caps and cap guard (R1.3, R5.5).
import { describe, expect, it } from 'vitest'
import type { DialFailure } from '../ports/telephony.ts'
import { type EngineKitOptions, makeEngineKit } from './test-kit.ts'

function predictive(options: EngineKitOptions & { targetPct?: number; capPct?: number } = {}) {
  const { targetPct = 3, capPct = 100, ...rest } = options
  return makeEngineKit({
    mode: 'predictive',
    agents: 2,
    autoAnswerReservations: true,
    compliance: { abandonRatePctMax: capPct },
    campaign: { abandonTargetPct: targetPct, maxLinesPerServer: 3 },
    ...rest,
  })
}

describe('R1.3 predictive pool', () => {
  it('opens more lines than ready agents when the model allows', () => {
    const kit = predictive()
    expect(kit.campaign().ready.size).toBe(2)
    // Prior contact rate 25 %, 3 % abandon target: 3 lines fit for 2 agents.
    expect(kit.dials()).toHaveLength(3)
    expect(kit.eventsOf('pacing').at(-1)).toMatchObject({ target: 3, inFlight: 3 })
    expect(kit.eventsOf('pacing').at(-1)!.reason).not.toMatch(/cap guard/)
  })

  it('opens more lines for a looser abandon target, capped at maxLinesPerServer × agents', () => {
    expect(predictive({ targetPct: 10 }).dials()).toHaveLength(5)
    expect(predictive({ targetPct: 30 }).dials()).toHaveLength(6)
    expect(predictive({ targetPct: 100 }).dials()).toHaveLength(6)
  })

  it('never has more than maxLinesPerServer × agents in flight over a long run', () => {
    const kit = predictive({ targetPct: 100, contacts: 400, agents: 3 })
    const failures: DialFailure[] = ['busy', 'unavailable', 'sit']
    for (let step = 0; step < 150; step++) {
      const open = kit.dialIds().filter((id) => kit.outcomeOf(id) === undefined)
      const id = open[step % open.length]!
      if (step % 4 === 0) kit.live(id)
      else kit.fail(id, failures[step % 3]!)
      kit.advanceSec(3)
      for (const agentId of ['agent-1', 'agent-2', 'agent-3']) {
        if (kit.agentState(agentId).kind === 'Engaged' && step % 5 === 0) kit.finishCall(agentId)
      }
      expect(kit.campaign().inFlight).toBeLessThanOrEqual(9)
    }
    const pacing = kit.eventsOf('pacing')
    expect(Math.max(...pacing.map((e) => e.inFlight))).toBe(9)
    expect(pacing.every((e) => e.target <= 9 && e.inFlight <= 9)).toBe(true)
    kit.assertAttemptAccounting()
  })

  it('may open lines for agents about to answer, but bridges only to agents who answered (R7.2)', () => {
    const kit = predictive({ targetPct: 30, autoAnswerReservations: false })
    // Two reservations ringing: the model forecasts them, the customers wait for an answer.
    expect(kit.dials().length).toBeGreaterThan(0)
    const [first] = kit.dialIds()
    kit.live(first!)
    expect(kit.commands('bridge')).toEqual([])
    expect(kit.campaign().liveWaiting).toEqual([first])
    kit.advanceSec(0.5)
    kit.agentAnswered('agent-1')
    expect(kit.commands('bridge')).toMatchObject([
      { callId: first, agentId: 'agent-1', atMs: kit.ms(0.5) },
    ])
  })

  it('bridges only to an agent who answered, never to one still ringing (R7.2)', () => {
    const kit = predictive({ targetPct: 30, autoAnswerReservations: false })
    kit.agentAnswered('agent-1')
    const [first, second] = kit.dialIds()
    kit.live(first!)
    kit.live(second!)
    expect(kit.commands('bridge')).toMatchObject([{ callId: first, agentId: 'agent-1' }])
    expect(kit.agentState('agent-2')).toMatchObject({ kind: 'Reserved', connected: false })
    kit.advanceSec(1)
    kit.agentAnswered('agent-2')
    expect(kit.commands('bridge')).toMatchObject([
      { callId: first, agentId: 'agent-1' },
      { callId: second, agentId: 'agent-2', atMs: kit.ms(1) },
    ])
  })

  it('hands a live customer to the agent ready longest', () => {
    const kit = predictive({ agents: 3, agentsAvailable: false, autoAnswerReservations: false })
    for (const [sec, agentId] of [
      [0, 'agent-2'],
      [1, 'agent-3'],
      [2, 'agent-1'],
    ] as const) {
      kit.advanceToSec(sec)
      kit.makeAvailable(agentId)
      kit.agentAnswered(agentId)
    }
    const [first] = kit.dialIds()
    kit.live(first!)
    expect(kit.commands('bridge')).toMatchObject([{ agentId: 'agent-2' }])
  })
})

describe('R5.5 R1.3 the abandon-cap guard', () => {
  it('dials one line per ready agent while the window has no room for an abandon', () => {
    // Cap 50 %: with no live answer yet, a single abandon would make 100 %.
    const kit = predictive({ targetPct: 30, capPct: 50 })
    expect(kit.dials()).toHaveLength(2)
    const pacing = kit.eventsOf('pacing').at(-1)!
    expect(pacing).toMatchObject({ target: 2, inFlight: 2 })
    expect(pacing.reason).toMatch(/^cap guard: one line per ready server/)
  })

  it('lets the model go above the ready agents with budget, and stops once abandons use it', () => {
    const kit = predictive({ targetPct: 30, capPct: 50 })
    const [first] = kit.dialIds()
    kit.live(first!)
    // One connect: one abandon more would be exactly 50 %, within the cap.
    const opened = kit.eventsOf('pacing').at(-1)!
    expect(opened.reason).not.toMatch(/cap guard/)
    expect(opened.inFlight).toBeGreaterThan(kit.campaign().ready.size)
    const open = kit.dialIds().filter((id) => kit.outcomeOf(id) === undefined)
    expect(open.length).toBeGreaterThanOrEqual(3)
    for (const id of open.slice(0, 3)) kit.live(id)
    kit.advanceSec(2)
    expect(kit.outcomes()).toEqual(['LIVE_VOICE', 'LIVE_VOICE', 'ABANDONED', 'ABANDONED'])
    for (const id of open.slice(3)) kit.fail(id, 'busy')
    expect(kit.campaign().inFlight).toBe(0)
    // 2 abandons of 4 live answers: no room. Agents come back one at a time, one line each.
    const dialsBefore = kit.dials().length
    kit.finishCall('agent-1')
    expect(kit.campaign().ready.size).toBe(1)
    expect(kit.dials().length - dialsBefore).toBe(1)
    expect(kit.eventsOf('pacing').at(-1)!.reason).toMatch(/^cap guard/)
    kit.finishCall('agent-2')
    expect(kit.dials().length - dialsBefore).toBe(2)
    expect(kit.campaign().inFlight).toBeLessThanOrEqual(kit.campaign().ready.size)
    expect(kit.eventsOf('pacing').at(-1)).toMatchObject({ target: 2, inFlight: 2 })
    expect(kit.eventsOf('pacing').at(-1)!.reason).toMatch(/^cap guard/)
  })

  it('never dials a pool line with the guard on and no agent ready', () => {
    const kit = predictive({ targetPct: 100, capPct: 50, autoAnswerReservations: false })
    kit.advanceSec(30)
    expect(kit.dials()).toEqual([])
  })
})
