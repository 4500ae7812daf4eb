// Goal: every attempt goes dial → one outcome → one close, with the 2-second rule (R2.1, R5.5).
import { describe, expect, it } from 'vitest'
import { outdialFlow } from '../flows/defaultFlows.ts'
import { KIT_ABANDON_PROMPT_ID, makeEngineKit } from './test-kit.ts'

/** One agent, progressive dial rate 1, reserved and answered: the first line is out at t=0. */
function oneLine() {
  const kit = makeEngineKit({ agents: 1, contacts: 3 })
  kit.agentAnswered('agent-1')
  const [callId] = kit.dialIds()
  return { kit, callId: callId! }
}

describe('R2.1 live answer is bridged to the reserved agent at once', () => {
  it('bridges, engages the agent and records LIVE_VOICE', () => {
    const { kit, callId } = oneLine()
    kit.advanceSec(5)
    kit.answer(callId)
    expect(kit.outcomeOf(callId)).toBeUndefined()
    kit.advanceSec(1)
    kit.cpa(callId, 'live')
    expect(kit.commands('bridge')).toEqual([
      { kind: 'bridge', atMs: kit.ms(6), callId, agentId: 'agent-1' },
    ])
    expect(kit.agentState('agent-1')).toEqual({
      kind: 'Engaged',
      interactionId: callId,
      origin: 'campaign',
    })
    expect(kit.outcomes()).toEqual(['LIVE_VOICE'])
    expect(kit.eventsOf('bridged')).toMatchObject([{ attemptId: callId, agentId: 'agent-1' }])
  })

  it('records the customer as the party who hung up, and the agent goes to wrap-up', () => {
    const { kit, callId } = oneLine()
    kit.live(callId)
    kit.advanceSec(40)
    kit.customerHangup(callId)
    expect(kit.closedOf(callId)).toMatchObject({
      outcome: 'LIVE_VOICE',
      agentId: 'agent-1',
      hangupParty: 'customer',
      endedAtMs: kit.ms(40),
    })
    expect(kit.agentState('agent-1')).toEqual({ kind: 'WrapUp', code: 'Default' })
    // The network ended the call: the dialer sends no hangup of its own.
    expect(kit.commands('hangup')).toEqual([])
  })

  it('records the agent as the party who hung up, and hangs the customer up', () => {
    const { kit, callId } = oneLine()
    kit.live(callId)
    kit.advanceSec(30)
    expect(kit.engine.agentHangup('agent-1')).toEqual({ kind: 'ok' })
    expect(kit.closedOf(callId)).toMatchObject({ outcome: 'LIVE_VOICE', hangupParty: 'agent' })
    expect(kit.commands('hangup')).toEqual([{ kind: 'hangup', atMs: kit.ms(30), callId }])
    expect(kit.engine.agentHangup('agent-1')).toEqual({ kind: 'noCall' })
  })
})

describe('R2.1 R5.5 the 2-second rule', () => {
  /** Dial rate 2 for one agent: the first live line takes the agent, the second has nobody. */
  function twoLive(extra: Parameters<typeof makeEngineKit>[0] = {}) {
    const kit = makeEngineKit({ agents: 2, agentsAvailable: false, dialingRate: 2, ...extra })
    kit.makeAvailable('agent-1')
    kit.agentAnswered('agent-1')
    const [first, second] = kit.dialIds()
    kit.advanceSec(10)
    kit.live(first!)
    kit.live(second!)
    return { kit, first: first!, second: second! }
  }

  it('keeps a live customer with no ready agent waiting, without an outcome yet', () => {
    const { kit, second } = twoLive()
    expect(kit.campaign().liveWaiting.map((attempt) => attempt.id)).toEqual([second])
    kit.advanceSec(1.999)
    expect(kit.outcomeOf(second)).toBeUndefined()
  })

  it('bridges the waiting customer to an agent who becomes ready within 2 s', () => {
    const { kit, second } = twoLive()
    kit.advanceSec(1)
    kit.makeAvailable('agent-2')
    expect(kit.agentState('agent-2')).toEqual({
      kind: 'Reserved',
      campaignId: 'camp-1',
      connected: false,
    })
    kit.advanceSec(0.5)
    kit.agentAnswered('agent-2')
    expect(kit.outcomeOf(second)).toBe('LIVE_VOICE')
    expect(kit.commands('bridge').at(-1)).toEqual({
      kind: 'bridge',
      atMs: kit.ms(11.5),
      callId: second,
      agentId: 'agent-2',
    })
    expect(kit.outcomes()).not.toContain('ABANDONED')
  })

  it('abandons at exactly 2 s, plays the information message, hangs up after it', () => {
    const { kit, second } = twoLive()
    kit.advanceSec(2)
    const abandoned = kit.eventsOf('outcome').find((e) => e.attemptId === second)
    expect(abandoned).toMatchObject({ outcome: 'ABANDONED', atMs: kit.ms(12) })
    expect(kit.commands('play')).toEqual([
      {
        kind: 'play',
        atMs: kit.ms(12),
        callId: second,
        promptId: KIT_ABANDON_PROMPT_ID,
        music: false,
      },
    ])
    expect(kit.callCommands(second)).toEqual(['dial', 'play'])
    expect(kit.closedOf(second)).toBeUndefined()
    kit.advanceSec(8)
    kit.playDone(second)
    expect(kit.callCommands(second)).toEqual(['dial', 'play', 'hangup'])
    expect(kit.closedOf(second)).toMatchObject({
      outcome: 'ABANDONED',
      endedAtMs: kit.ms(20),
      hangupParty: 'system',
    })
    expect(kit.campaign().ledger.counts(kit.clock.nowMs())).toEqual({ abandoned: 1, connected: 1 })
  })

  it('runs the flow handler instead of the default message when there is one', () => {
    const flow = outdialFlow({ id: 'f', onAbandoned: { play: 'sorry' } })
    const { kit, second } = twoLive({ flow })
    kit.advanceSec(2)
    expect(kit.commands('play')).toMatchObject([{ callId: second, promptId: 'sorry' }])
    kit.playDone(second)
    expect(kit.callCommands(second)).toEqual(['dial', 'play', 'hangup'])
  })

  it('counts a customer who hangs up inside the 2 s as abandoned', () => {
    const { kit, second } = twoLive()
    kit.advanceSec(1)
    kit.customerHangup(second)
    expect(kit.closedOf(second)).toMatchObject({ outcome: 'ABANDONED', hangupParty: 'customer' })
    kit.advanceSec(5)
    expect(kit.commands('play')).toEqual([])
    expect(kit.eventsOf('outcome').filter((e) => e.attemptId === second)).toHaveLength(1)
  })
})

describe('R2.1 R2.2 CPA results other than live', () => {
  it('AMD: outcome AMD, disconnected without a handler, the line resolves', () => {
    const { kit, callId } = oneLine()
    kit.advanceSec(7)
    kit.machine(callId)
    expect(kit.closedOf(callId)).toMatchObject({
      outcome: 'AMD',
      endedAtMs: kit.ms(7),
      hangupParty: 'system',
    })
    expect(kit.callCommands(callId)).toEqual(['dial', 'hangup'])
    expect(kit.agentState('agent-1')).toMatchObject({ kind: 'Reserved', connected: true })
  })

  it('AMD with a handler plays the voicemail message, then disconnects', () => {
    const kit = makeEngineKit({ flow: outdialFlow({ id: 'f', onAmd: { play: 'voicemail' } }) })
    kit.agentAnswered('agent-1')
    const [callId] = kit.dialIds()
    kit.machine(callId!)
    expect(kit.callCommands(callId!)).toEqual(['dial', 'play'])
    expect(kit.outcomeOf(callId!)).toBe('AMD')
    kit.advanceSec(12)
    kit.playDone(callId!)
    expect(kit.callCommands(callId!)).toEqual(['dial', 'play', 'hangup'])
    expect(kit.closedOf(callId!)).toMatchObject({ outcome: 'AMD', endedAtMs: kit.ms(12) })
  })

  it('FAX: outcome FAX and hangup', () => {
    const { kit, callId } = oneLine()
    kit.answer(callId)
    kit.cpa(callId, 'fax')
    expect(kit.closedOf(callId)).toMatchObject({ outcome: 'FAX' })
    expect(kit.callCommands(callId)).toEqual(['dial', 'hangup'])
  })

  it('CUSTOMER_LEFT: the customer hangs up while CPA runs', () => {
    const { kit, callId } = oneLine()
    kit.answer(callId)
    kit.advanceSec(1)
    kit.customerHangup(callId)
    expect(kit.closedOf(callId)).toMatchObject({
      outcome: 'CUSTOMER_LEFT',
      hangupParty: 'customer',
    })
    // A late CPA decision about a call that is gone changes nothing.
    kit.cpa(callId, 'live')
    expect(kit.outcomes()).toEqual(['CUSTOMER_LEFT'])
    expect(kit.commands('bridge')).toEqual([])
  })
})

describe('R2.1 R2.3 network results', () => {
  it('NO_ANSWER_CUSTOMER at exactly the ring limit, with a hangup', () => {
    const { kit, callId } = oneLine()
    kit.advanceSec(31.999)
    expect(kit.outcomeOf(callId)).toBeUndefined()
    kit.advanceSec(0.001)
    expect(kit.eventsOf('outcome')).toMatchObject([
      { attemptId: callId, outcome: 'NO_ANSWER_CUSTOMER', atMs: kit.ms(32) },
    ])
    expect(kit.commands('hangup')).toEqual([{ kind: 'hangup', atMs: kit.ms(32), callId }])
  })

  it("never gives up before the compliance profile's minimum ring time (R5.5)", () => {
    const kit = makeEngineKit({ campaign: { ringLimitSec: 10 }, compliance: { ringSecMin: 15 } })
    kit.agentAnswered('agent-1')
    const [callId] = kit.dialIds()
    kit.advanceSec(14.999)
    expect(kit.outcomeOf(callId!)).toBeUndefined()
    kit.advanceSec(0.001)
    expect(kit.closedOf(callId!)).toMatchObject({
      outcome: 'NO_ANSWER_CUSTOMER',
      endedAtMs: kit.ms(15),
    })
  })

  it('an answer stops the ring limit', () => {
    const { kit, callId } = oneLine()
    kit.advanceSec(20)
    kit.answer(callId)
    kit.advanceSec(20)
    expect(kit.outcomeOf(callId)).toBeUndefined()
  })

  it.each([
    ['busy', 'CUSTOMER_BUSY'],
    ['sit', 'INVALID_NUMBER'],
    ['unavailable', 'CUSTOMER_UNAVAILABLE'],
    ['error', 'SYSTEM_ABANDONED'],
    ['invalid', 'INVALID_NUMBER'],
    ['unknown', 'UNKNOWN'],
  ] as const)('failed(%s) ends as %s with no hangup from the dialer', (reason, outcome) => {
    const { kit, callId } = oneLine()
    kit.advanceSec(3)
    kit.fail(callId, reason)
    expect(kit.closedOf(callId)).toMatchObject({ outcome, endedAtMs: kit.ms(3) })
    expect(kit.callCommands(callId)).toEqual(['dial'])
    kit.advanceSec(60)
    expect(kit.outcomes()).toHaveLength(kit.dialIds().length - 1)
  })

  it("keeps the network's code of a failed dial on the closed record (issue 14: SIP status)", () => {
    const { kit, callId } = oneLine()
    kit.engine.handleTelephony({ kind: 'failed', callId, reason: 'unknown', code: 599 })
    expect(kit.closedOf(callId)).toMatchObject({ outcome: 'UNKNOWN', networkCode: 599 })
  })
})

describe('R2.1 every attempt gets exactly one outcome and closes once', () => {
  it('holds over a mixed run of results, duplicates and late events included', () => {
    const kit = makeEngineKit({ agents: 1, dialingRate: 3, contacts: 30 })
    kit.agentAnswered('agent-1')
    for (let round = 0; round < 4; round++) {
      const [a, b, c] = kit.dialIds().slice(-3)
      kit.fail(a!, 'busy')
      kit.fail(a!, 'busy')
      kit.machine(b!)
      kit.customerHangup(b!)
      kit.advanceSec(32)
      kit.answer(c!)
    }
    const accounting = kit.assertAttemptAccounting()
    expect(accounting).toEqual({ dialled: 15, closed: 12, open: 3 })
    expect(kit.outcomes().filter((o) => o === 'CUSTOMER_BUSY')).toHaveLength(4)
    expect(kit.outcomes().filter((o) => o === 'AMD')).toHaveLength(4)
    expect(kit.outcomes().filter((o) => o === 'NO_ANSWER_CUSTOMER')).toHaveLength(4)
  })
})
