// Goal: DNC, calling hours, the 72 h repeat block and retry rules gate every dial (R5.4, R5.5).
import { describe, expect, it } from 'vitest'
import { campaignRetrySchema } from '../domain/campaign/retry-settings.ts'
import { KIT_DNC_LIST, kitNumber, makeEngineKit } from './test-kit.ts'

const HOUR_SEC = 3600
const A = kitNumber(1, 1)
const B = kitNumber(1, 2)
const C = kitNumber(1, 3)

describe('R5.4 DNC scrubbing in the dial path', () => {
  it('never dials a contact whose only number is on a DNC list', () => {
    const blocked = makeEngineKit({ contacts: [A, B], start: false, autoAnswerReservations: true })
    blocked.dnc.addToList(KIT_DNC_LIST, A, { source: 'api' })
    blocked.engine.startCampaign('camp-1')
    blocked.advanceSec(0)
    expect(blocked.eventsOf('dialBlocked')).toEqual([
      {
        kind: 'dialBlocked',
        atMs: blocked.ms(0),
        campaignId: 'camp-1',
        contactId: 'camp-1-c1',
        reason: 'every number is on a do-not-call list',
      },
    ])
    expect(blocked.disposition('camp-1-c1')).toBe('dncBlocked')
    expect(blocked.dials().map((d) => d.toNumber)).toEqual([B])
    blocked.fail(blocked.dialIds()[0]!, 'busy')
    blocked.advanceSec(2 * HOUR_SEC)
    expect(blocked.dials().every((d) => d.toNumber !== A)).toBe(true)
  })

  it("dials a contact's second number when the first is on the DNC list", () => {
    const kit = makeEngineKit({ contacts: [{ numbers: [A, C] }], start: false })
    kit.dnc.addToList(KIT_DNC_LIST, A)
    kit.engine.startCampaign('camp-1')
    kit.agentAnswered('agent-1')
    expect(kit.dials().map((d) => d.toNumber)).toEqual([C])
    expect(kit.eventsOf('dialBlocked')).toEqual([])
  })

  it('scrubs against the national list when NDNC is on, and refuses to dial without one', () => {
    const kit = makeEngineKit({
      contacts: [A, B],
      dialingRate: 2,
      compliance: { ndncEnabled: true },
      start: false,
    })
    kit.engine.startCampaign('camp-1')
    kit.agentAnswered('agent-1')
    expect(kit.dials()).toEqual([])
    expect(kit.eventsOf('dialBlocked')).toMatchObject([{ reason: 'ndncMissing' }])
    kit.dnc.loadNational([A], kit.clock.nowMs())
    kit.advanceSec(60)
    kit.agentAnswered('agent-1')
    expect(kit.dials().map((d) => d.toNumber)).toEqual([B])
    expect(kit.disposition('camp-1-c1')).toBe('dncBlocked')
  })
})

describe('R5.5 calling hours in the contact local time', () => {
  it('reschedules a contact to its window opening and dials it then, not before', () => {
    // 09:00 UTC is 04:00 in New York and 01:00 in Los Angeles; the US window is 08:00–21:00.
    const kit = makeEngineKit({
      compliance: { profile: 'US', ndncEnabled: false },
      contacts: [
        { numbers: [A], timeZone: 'America/Los_Angeles' },
        { numbers: [B], timeZone: 'America/New_York' },
      ],
      autoAnswerReservations: true,
    })
    expect(kit.dials()).toEqual([])
    expect(kit.eventsOf('dialBlocked').map((e) => [e.contactId, e.reason])).toEqual([
      ['camp-1-c1', 'outsideWindow'],
      ['camp-1-c2', 'outsideWindow'],
    ])
    // Nothing to dial for hours: the agent is let go meanwhile (R8).
    expect(kit.agentState('agent-1')).toEqual({ kind: 'Available' })
    kit.advanceToSec(4 * HOUR_SEC - 1)
    expect(kit.dials()).toEqual([])
    kit.advanceToSec(4 * HOUR_SEC)
    expect(kit.dials()).toMatchObject([{ toNumber: B, atMs: Date.parse('2026-03-02T13:00:00Z') }])
    kit.fail(kit.dialIds()[0]!, 'sit')
    kit.advanceToSec(7 * HOUR_SEC - 1)
    expect(kit.dials()).toHaveLength(1)
    kit.advanceToSec(7 * HOUR_SEC)
    expect(kit.dials()[1]).toMatchObject({ toNumber: A, atMs: Date.parse('2026-03-02T16:00:00Z') })
  })

  it("uses the campaign's zone for a contact without one", () => {
    const kit = makeEngineKit({
      compliance: { profile: 'US', ndncEnabled: false },
      contacts: [A],
      autoAnswerReservations: true,
    })
    kit.advanceToSec(4 * HOUR_SEC)
    expect(kit.eventsOf('dial')).toMatchObject([
      { zone: 'America/New_York', atMs: kit.ms(4 * HOUR_SEC) },
    ])
  })
})

describe('R5.5 no repeat call within 72 h after an abandoned call', () => {
  it('does not dial the number again within 72 h, and dials it at 72 h', () => {
    const kit = makeEngineKit({ dialingRate: 2, contacts: [A, B], autoAnswerReservations: true })
    const [a, b] = kit.dialIds()
    kit.live(b!)
    kit.live(a!)
    kit.advanceSec(2)
    expect(kit.outcomeOf(a!)).toBe('ABANDONED')
    kit.playDone(a!)
    const abandonClosedMs = kit.clock.nowMs()
    kit.finishCall('agent-1')
    expect(abandonClosedMs).toBe(kit.ms(2))
    kit.advanceToSec(72 * HOUR_SEC + 1.999)
    expect(kit.dials()).toHaveLength(2)
    kit.advanceToSec(72 * HOUR_SEC + 2)
    expect(kit.dials().map((d) => [d.toNumber, d.atMs])).toEqual([
      [A, kit.ms(0)],
      [B, kit.ms(0)],
      [A, abandonClosedMs + 72 * HOUR_SEC * 1000],
    ])
  })

  it('blocks the same number in another contact, until the 72 h are over', () => {
    const kit = makeEngineKit({ dialingRate: 2, contacts: [A, B, A], autoAnswerReservations: true })
    const [a, b] = kit.dialIds()
    kit.live(b!)
    kit.live(a!)
    kit.advanceSec(2)
    kit.playDone(a!)
    const abandonClosedMs = kit.clock.nowMs()
    kit.finishCall('agent-1')
    const blocked = kit.eventsOf('dialBlocked')
    expect(blocked).toMatchObject([{ contactId: 'camp-1-c3', reason: 'repeatAfterAbandon' }])
    const thirdContact = kit.list().nextDueMs()
    expect(thirdContact).toBe(abandonClosedMs + 72 * HOUR_SEC * 1000)
    expect(kit.dials()).toHaveLength(2)
  })
})

describe('R5.2 retry rules', () => {
  const retry = campaignRetrySchema.parse({
    perOutcome: { NO_ANSWER_CUSTOMER: { retry: true, delayMin: 5, maxAttempts: 2 } },
  })

  it('reschedules a NO_ANSWER contact after the rule delay, then closes it at its maximum', () => {
    const kit = makeEngineKit({ contacts: [A], retry, autoAnswerReservations: true })
    kit.advanceSec(32)
    expect(kit.outcomes()).toEqual(['NO_ANSWER_CUSTOMER'])
    expect(kit.list().nextDueMs()).toBe(kit.ms(32 + 300))
    kit.advanceToSec(32 + 299)
    expect(kit.dials()).toHaveLength(1)
    kit.advanceToSec(32 + 300)
    expect(kit.dials().map((d) => d.atMs)).toEqual([kit.ms(0), kit.ms(332)])
    kit.advanceSec(32)
    expect(kit.outcomes()).toEqual(['NO_ANSWER_CUSTOMER', 'NO_ANSWER_CUSTOMER'])
    expect(kit.disposition('camp-1-c1')).toBe('maxAttempts')
    kit.advanceSec(HOUR_SEC)
    expect(kit.dials()).toHaveLength(2)
  })

  it('tries the next number of the contact on the retry', () => {
    const kit = makeEngineKit({
      contacts: [{ numbers: [A, C] }],
      retry,
      autoAnswerReservations: true,
    })
    kit.advanceSec(32 + 300)
    expect(kit.dials().map((d) => d.toNumber)).toEqual([A, C])
  })

  it('closes a LIVE_VOICE contact as a success and never dials it again', () => {
    const kit = makeEngineKit({ contacts: [A], autoAnswerReservations: true })
    kit.live(kit.dialIds()[0]!)
    kit.finishCall('agent-1')
    expect(kit.disposition('camp-1-c1')).toBe('success')
    kit.advanceSec(HOUR_SEC)
    expect(kit.dials()).toHaveLength(1)
  })
})
