// Goal: the predictive pool dials above ready agents within its caps and cap guard (R1.3, R5.5).
import { describe, expect, it } from 'vitest'
import type { DialFailure } from './ports/telephony.ts'
import { type EngineKitOptions, makeEngineKit } from './test-kit.ts'

function predictive(options: EngineKitOptions & { targetPct?: number; capPct?: number } = {}) {
  const { targetPct = 3, capPct = 100, ...rest } = options
  return makeEngineKit({
    mode: 'predictive',
    agents: 2,
    autoAnswerReservations: true,
    compliance: { abandonRatePctMax: capPct },
    pacing: { abandonRatePercentage: targetPct, maxDialingRate: 3 },
    ...rest,
  })
}

describe('R1.3 predictive pool', () => {
  it('opens more lines than ready agents when the model allows', () => {
    const kit = predictive({ targetPct: 30 })
    expect(kit.campaign().ready.size).toBe(2)
    // Prior contact rate 25 %: with a loose target, more lines than agents fit.
    expect(kit.dials().length).toBeGreaterThan(2)
    expect(kit.dials().length).toBeLessThanOrEqual(6)
    expect(kit.eventsOf('pacing').at(-1)!.reason).not.toMatch(/cap guard/)
  })

  it('opens at least one line per ready agent, more for a looser target, at most maxLinesPerServer × agents', () => {
    const counts = [3, 10, 30, 100].map((targetPct) => predictive({ targetPct }).dials().length)
    expect(counts[0]).toBeGreaterThanOrEqual(2)
    for (let i = 1; i < counts.length; i++) expect(counts[i]).toBeGreaterThanOrEqual(counts[i - 1]!)
    expect(counts.every((count) => count <= 6)).toBe(true)
    expect(counts.at(-1)).toBe(6)
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
    expect(kit.campaign().liveWaiting.map((attempt) => attempt.id)).toEqual([first])
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
    expect(pacing.reason).toMatch(/^cap guard: at most 2 lines/)
  })

  it('lets the model go above the ready agents with budget, and clamps once abandons use it', () => {
    const kit = predictive({ targetPct: 30, capPct: 10, agents: 4 })
    const campaign = kit.campaign()
    // No connect yet in the window: no room, one line per ready agent.
    expect(kit.dials()).toHaveLength(4)
    expect(kit.eventsOf('pacing').at(-1)!.reason).toMatch(/^cap guard/)
    // Forty connects earlier in the window: room for the guard's margin of abandons.
    for (let i = 0; i < 40; i++) campaign.ledger.record(kit.ms(0), 'connected')
    kit.advanceSec(1)
    // Room for 4 abandons (10 % of 44), 3 of them the margin: one live answer beyond the ready
    // agents, so the guard bounds the lines at ready + ⌊1 / live rate⌋, above the ready agents.
    const opened = kit.eventsOf('pacing').at(-1)!
    expect(opened.inFlight).toBeGreaterThan(campaign.ready.size)
    const live = opened.inputs.liveProbability
    expect(opened.inFlight).toBeLessThanOrEqual(campaign.ready.size + Math.floor(1 / live))
    // Abandons use the room: the guard clamps to one line per ready agent again.
    for (let i = 0; i < 4; i++) campaign.ledger.record(kit.ms(1), 'abandoned')
    const open = kit.dialIds().filter((id) => kit.outcomeOf(id) === undefined)
    for (const id of open) kit.fail(id, 'busy')
    kit.advanceSec(1)
    const clamped = kit.eventsOf('pacing').at(-1)!
    expect(clamped.reason).toMatch(/^cap guard/)
    expect(clamped.target).toBeLessThanOrEqual(campaign.ready.size)
    expect(campaign.inFlight).toBeLessThanOrEqual(campaign.ready.size)
  })

  it('never dials a pool line with the guard on and no agent ready', () => {
    const kit = predictive({ targetPct: 100, capPct: 50, autoAnswerReservations: false })
    kit.advanceSec(30)
    expect(kit.dials()).toEqual([])
  })
})
