// Goal: a campaign call's wrap-up ends with the agent's business outcome code (R5.2, R7.1): a code
// outside the campaign's group is refused, a final code closes the contact, a non-final one leaves
// it to the retry rules, and a callback — inside the contact's calling window — brings it back at
// the chosen time, for any agent or held for the agent who asked (given to the campaign when that
// agent is logged out). Through the engine on the virtual clock.
import { describe, expect, it } from 'vitest'
import { dailyWindow } from '../domain/calling-window.ts'
import { campaignRetrySchema } from '../domain/campaign/retry-settings.ts'
import { CALLBACK_AGENT_WAIT_SEC } from './callbacks.ts'
import { type EngineKit, type EngineKitOptions, makeEngineKit } from './test-kit.ts'
import type { BusinessOutcome } from './types.ts'

const OUTCOMES: BusinessOutcome[] = [
  { code: 'SALE', final: true, success: true },
  { code: 'CALL_BACK', final: false, success: false },
]
const HOUR_SEC = 3600
/** LIVE_VOICE retried after an hour: so a final code visibly overrides the retry rules. */
const RETRY_LIVE = campaignRetrySchema.parse({
  perOutcome: { LIVE_VOICE: { retry: true, delayMin: 60, maxAttempts: 3 } },
})

/** A kit whose first agent talked to camp-1-c1 and is in wrap-up (09:00 UTC, 04:00 New York). */
function inWrapUp(options: EngineKitOptions = {}) {
  const kit = makeEngineKit({
    contacts: 3,
    retry: RETRY_LIVE,
    compliance: { callingWindow: dailyWindow('00:00', '20:00') },
    campaign: { businessOutcomes: OUTCOMES },
    ...options,
  })
  kit.agentAnswered('agent-1')
  const dial = kit.eventsOf('dial')[0]!
  kit.live(dial.attemptId)
  kit.advanceSec(30)
  kit.engine.agentHangup('agent-1')
  expect(kit.agentState('agent-1').kind).toBe('WrapUp')
  return { kit, attemptId: dial.attemptId, contactId: dial.contactId }
}

const pendingDue = (kit: EngineKit) => kit.list().nextDueMs()

describe('R5.2 R7.1 wrap-up codes', () => {
  it('refuses a code outside the campaign outcome group; the agent stays in wrap-up', () => {
    const { kit } = inWrapUp()
    expect(kit.engine.agentEndWrapUp('agent-1', { code: 'BOGUS' })).toMatchObject({
      kind: 'invalidDisposition',
      field: 'code',
      reason: expect.stringMatching(/not a code of campaign camp-1's business outcome group/),
    })
    expect(kit.agentState('agent-1').kind).toBe('WrapUp')
    expect(kit.eventsOf('disposition')).toHaveLength(0)
  })

  it('a final code closes the contact although the retry rules would call again', () => {
    const { kit, attemptId, contactId } = inWrapUp()
    expect(kit.engine.agentEndWrapUp('agent-1', { code: 'SALE' })).toMatchObject({ kind: 'ok' })
    expect(kit.disposition(contactId)).toBe('finalCode')
    expect(kit.eventsOf('disposition')[0]!.disposition).toEqual({
      attemptId,
      campaignId: 'camp-1',
      contactId,
      agentId: 'agent-1',
      code: 'SALE',
      final: true,
      success: true,
    })
    expect(kit.closedOf(attemptId)?.outcome).toBe('LIVE_VOICE')
  })

  it('a non-final code follows the retry rules, decided when the call ended', () => {
    const { kit, contactId } = inWrapUp({ contacts: 1 })
    const endedMs = kit.clock.nowMs()
    expect(kit.list().pendingCount()).toBe(0)
    kit.advanceSec(40)
    kit.engine.agentEndWrapUp('agent-1', { code: 'CALL_BACK' })
    expect(kit.disposition(contactId)).toBeUndefined()
    expect(kit.list().pendingCount()).toBe(1)
    expect(pendingDue(kit)).toBe(endedMs + HOUR_SEC * 1000)
  })

  it('holds the contact until the wrap-up ends; going Idle without a code applies the retry rules', () => {
    const { kit, contactId } = inWrapUp({ retry: undefined })
    expect(kit.disposition(contactId)).toBeUndefined()
    kit.engine.agentEvent('agent-1', { kind: 'setIdle', code: 'Break' })
    expect(kit.disposition(contactId)).toBe('success')
    expect(kit.eventsOf('disposition')).toHaveLength(0)
  })
})

describe('R5.2 callbacks', () => {
  it('refuses a callback outside the calling window in the contact zone, in the past, or after a final code', () => {
    const { kit } = inWrapUp()
    const evening = Date.parse('2026-03-02T21:30:00-05:00')
    expect(
      kit.engine.agentEndWrapUp('agent-1', {
        code: 'CALL_BACK',
        callback: { atMs: evening, forAgent: false },
      }),
    ).toMatchObject({ field: 'callback.atMs', reason: expect.stringMatching(/calling window/) })
    expect(
      kit.engine.agentEndWrapUp('agent-1', {
        code: 'CALL_BACK',
        callback: { atMs: kit.clock.nowMs() - 1, forAgent: false },
      }),
    ).toMatchObject({ field: 'callback.atMs' })
    expect(
      kit.engine.agentEndWrapUp('agent-1', {
        code: 'SALE',
        callback: { atMs: kit.ms(HOUR_SEC), forAgent: false },
      }),
    ).toMatchObject({ field: 'callback' })
    expect(kit.agentState('agent-1').kind).toBe('WrapUp')
  })

  it('a callback for the campaign is dialled when due, by any agent', () => {
    const { kit, contactId } = inWrapUp({ agents: 2, contacts: 1, autoAnswerReservations: true })
    const atMs = Date.parse('2026-03-02T10:00:00-05:00')
    kit.engine.agentEndWrapUp('agent-1', {
      code: 'CALL_BACK',
      callback: { atMs, forAgent: false },
    })
    expect(kit.eventsOf('disposition')[0]!.disposition.callback).toEqual({ atMs, agentId: null })
    kit.engine.agentEvent('agent-1', { kind: 'logout' })
    kit.clock.runUntil(atMs - 1000, Number.MAX_SAFE_INTEGER)
    expect(kit.eventsOf('dial').filter((d) => d.contactId === contactId)).toHaveLength(1)
    kit.clock.runUntil(atMs + 2000, Number.MAX_SAFE_INTEGER)
    const again = kit.eventsOf('dial').filter((d) => d.contactId === contactId)
    expect(again).toHaveLength(2)
    expect(again[1]!.atMs).toBeGreaterThanOrEqual(atMs)
    expect(kit.engine.ctx.attempts.get(again[1]!.attemptId)?.ownerAgentId).toBe('agent-2')
  })

  it("a callback for the agent is held for them while another agent dials, then dialled on the agent's own line", () => {
    const { kit, contactId } = inWrapUp({ agents: 2, contacts: 1, autoAnswerReservations: true })
    const atMs = kit.ms(HOUR_SEC)
    kit.engine.agentEndWrapUp('agent-1', { code: 'CALL_BACK', callback: { atMs, forAgent: true } })
    kit.engine.agentEvent('agent-1', { kind: 'setIdle', code: 'Break' })
    kit.agentAnswered('agent-2')
    kit.advanceToSec(HOUR_SEC + 5)
    expect(kit.eventsOf('callback').map((e) => e.phase)).toEqual(['held'])
    expect(kit.eventsOf('dial').filter((d) => d.contactId === contactId)).toHaveLength(1)
    kit.makeAvailable('agent-1')
    expect(kit.agentState('agent-1')).toMatchObject({ kind: 'Reserved', campaignId: 'camp-1' })
    kit.agentAnswered('agent-1')
    const dials = kit.eventsOf('dial').filter((d) => d.contactId === contactId)
    expect(dials).toHaveLength(2)
    expect(kit.engine.ctx.attempts.get(dials[1]!.attemptId)?.ownerAgentId).toBe('agent-1')
    expect(kit.eventsOf('callback').map((e) => e.phase)).toEqual(['held', 'delivered'])
  })

  it('goes to the campaign when its agent is logged out when it falls due, or stays busy too long', () => {
    const { kit, contactId } = inWrapUp({ agents: 2, contacts: 1, autoAnswerReservations: true })
    const atMs = kit.ms(HOUR_SEC)
    kit.engine.agentEndWrapUp('agent-1', { code: 'CALL_BACK', callback: { atMs, forAgent: true } })
    kit.engine.agentEvent('agent-1', { kind: 'setIdle', code: 'Break' })
    kit.engine.agentEvent('agent-1', { kind: 'logout' })
    kit.agentAnswered('agent-2')
    kit.advanceToSec(HOUR_SEC + 5)
    expect(kit.eventsOf('callback').map((e) => e.phase)).toEqual(['toCampaign'])
    const dials = kit.eventsOf('dial').filter((d) => d.contactId === contactId)
    expect(dials).toHaveLength(2)
    expect(kit.engine.ctx.attempts.get(dials[1]!.attemptId)?.ownerAgentId).toBe('agent-2')
  })

  it('waits at most CALLBACK_AGENT_WAIT_SEC for a busy agent', () => {
    const { kit, contactId } = inWrapUp({ agents: 2, contacts: 1, autoAnswerReservations: true })
    const atMs = kit.ms(HOUR_SEC)
    kit.engine.agentEndWrapUp('agent-1', { code: 'CALL_BACK', callback: { atMs, forAgent: true } })
    kit.engine.agentEvent('agent-1', { kind: 'setIdle', code: 'Break' })
    kit.agentAnswered('agent-2')
    kit.advanceToSec(HOUR_SEC + CALLBACK_AGENT_WAIT_SEC + 5)
    expect(kit.eventsOf('callback').map((e) => e.phase)).toEqual(['held', 'toCampaign'])
    expect(kit.eventsOf('dial').filter((d) => d.contactId === contactId)).toHaveLength(2)
  })
})
