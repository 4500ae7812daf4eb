// The property checkers catch what they claim to: each is fed a small stream of events that breaks
// its property (or a run whose engine was told to break it) and must report it. Without this, a
// checker that never fires would make its property pass vacuously.
import { describe, expect, it } from 'vitest'
import type { AttemptRecord, EngineEvent } from '../../src/dialer/types.ts'
import type { AttemptOutcome } from '../../src/domain/outcomes.ts'
import { runScenario, SIM_START_MS, type SimResult } from '../../src/sim/run.ts'
import type { RunCase } from './arbitraries.ts'
import { agentChecker, contactInFlightChecker, lifecycleChecker } from './checkers/attempts.ts'
import { dncChecker } from './checkers/compliance.ts'
import type { Checker } from './checkers/core.ts'
import { ivrPortChecker } from './checkers/pacing.ts'
import { IVR_LIVE_VOICE_WITHOUT_HANGUP_PARTY } from './regressions.ts'
import { buildRun } from './run-setup.ts'

const T = SIM_START_MS
const C = 'sim-campaign'

function dial(attemptId: string, contactId: string, atMs = T): EngineEvent {
  const number = '+15550000001'
  const zone = 'Europe/London'
  return { kind: 'dial', atMs, attemptId, campaignId: C, contactId, number, zone, callerId: '+1' }
}
function outcome(attemptId: string, value: AttemptOutcome, atMs = T): EngineEvent {
  return { kind: 'outcome', atMs, attemptId, campaignId: C, outcome: value }
}
function closed(id: string, contactId: string, value: AttemptOutcome, extra = {}): EngineEvent {
  const attempt: AttemptRecord = {
    id,
    campaignId: C,
    contactId,
    number: '+15550000001',
    callerId: '+1',
    dialedAtMs: T,
    endedAtMs: T,
    outcome: value,
    ...extra,
  }
  return { kind: 'attemptClosed', atMs: T, attempt }
}
function feed(checker: Checker, events: EngineEvent[]): string[] {
  for (const event of events) checker.observe(event, event.atMs)
  return checker.violations.summary()
}

describe('the property checkers detect violations', () => {
  it('contactInFlightChecker: a second dial of a contact whose attempt is open', () => {
    const found = feed(contactInFlightChecker(), [dial('a1', 'c-1'), dial('a2', 'c-1')])
    expect(found.join()).toContain('c-1 dialled (a2) while a1 is still open')
  })

  it('lifecycleChecker: two outcomes, a close with another outcome, result totals', () => {
    const checker = lifecycleChecker()
    const found = feed(checker, [
      dial('a1', 'c-1'),
      outcome('a1', 'AMD'),
      outcome('a1', 'LIVE_VOICE'),
      closed('a1', 'c-1', 'LIVE_VOICE'),
      dial('a2', 'c-2'),
    ])
    checker.finish?.({ dials: 1, outcomes: { LIVE_VOICE: 1 } } as unknown as SimResult)
    const text = checker.violations.list.join('\n')
    expect(found.length).toBeGreaterThan(0)
    expect(text).toContain('a1 got outcomes AMD, LIVE_VOICE')
    expect(text).toContain('a1 closed as LIVE_VOICE after outcomes [AMD,LIVE_VOICE]')
    expect(checker.violations.count).toBeGreaterThanOrEqual(4)
  })

  it('agentChecker: an agent bridged to a second customer before the first call closed', () => {
    const engaged = (agentId: string, interactionId: string): EngineEvent => ({
      kind: 'agentState',
      atMs: T,
      agentId,
      state: { kind: 'Engaged', interactionId, origin: 'campaign' },
    })
    const bridged = (attemptId: string): EngineEvent => ({
      kind: 'bridged',
      atMs: T,
      attemptId,
      campaignId: C,
      agentId: 'agent-1',
    })
    const found = feed(agentChecker(), [
      dial('a1', 'c-1'),
      dial('a2', 'c-2'),
      engaged('agent-1', 'a1'),
      bridged('a1'),
      engaged('agent-1', 'a2'),
      bridged('a2'),
    ])
    expect(found.join()).toContain('agent-1 bridged to a2 while still on a1')
  })

  it('ivrPortChecker: more ports held than configured', () => {
    const setup = buildRun(IVR_LIVE_VOICE_WITHOUT_HANGUP_PARTY)
    runScenario(setup.scenario, setup.options)
    const ports = setup.campaign().ivrPorts
    const held = (attemptId: string): EngineEvent => ({
      kind: 'ivrPort',
      atMs: T,
      campaignId: C,
      attemptId,
      phase: 'held',
    })
    const events = Array.from({ length: ports + 1 }, (_, i) => held(`a${i}`))
    const found = feed(ivrPortChecker(setup), events)
    expect(found.join()).toContain(`${ports + 1} ports held, only ${ports} configured`)
  })

  it('dncChecker: a run whose campaign is not scrubbed against the internal list', () => {
    const runCase: RunCase = {
      ...IVR_LIVE_VOICE_WITHOUT_HANGUP_PARTY,
      contacts: { ...IVR_LIVE_VOICE_WITHOUT_HANGUP_PARTY.contacts, internalPct: 50 },
    }
    let checker: Checker | null = null
    const setup = buildRun(runCase, (event, nowMs) => checker!.observe(event, nowMs))
    checker = dncChecker(setup)
    // The engine is given no DNC list to scrub against; the checker still reads 'internal'.
    const adjust = setup.options.adjustCampaign!
    runScenario(setup.scenario, {
      ...setup.options,
      adjustCampaign: (campaign) => ({ ...adjust(campaign), dncListNames: [] }),
    })
    expect(checker.violations.list.join()).toContain('on internal DNC list')
  })
})
