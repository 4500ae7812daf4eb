// Goal: the server's demo network is configured by its own schema: `{}` is the demo as shipped
// (every field's named default), a field given replaces its default, bad or unknown fields are
// refused, and the network built from the settings dials by them.
import { describe, expect, it } from 'vitest'
import type { TelephonyEvent } from '../../dialer/ports/telephony.ts'
import { VirtualClock } from '../../dialer/ports/virtual-clock.ts'
import { CPA_ALWAYS_ON } from '../../domain/campaign/cpa.ts'
import { PREVIEW_REVIEW_SEC_DEFAULT } from './agent-model.ts'
import {
  DEMO_NETWORK_DEFAULTS,
  demoNetworkModel,
  demoNetworkSchema,
  simulatedNetwork,
} from './demo-network.ts'
import { constSec } from './distributions.ts'

const START_MS = Date.parse('2026-03-02T15:00:00Z')
const EVENTS_MAX = 10_000

describe('demo network settings', () => {
  it('are the named defaults when none are given, with no schedule and no early hang-ups', () => {
    expect(demoNetworkModel()).toEqual({
      ...DEMO_NETWORK_DEFAULTS,
      schedule: [],
      reservationAnswerSec: constSec(0),
      customerLeftPct: 0,
      previewReviewSec: constSec(PREVIEW_REVIEW_SEC_DEFAULT),
    })
  })

  it('take a field given in place of its default', () => {
    const model = demoNetworkModel({ talkSec: { dist: 'exp', mean: 60 }, customerLeftPct: 2 })
    expect(model.talkSec).toEqual({ dist: 'exp', mean: 60 })
    expect(model.customerLeftPct).toBe(2)
    expect(model.wrapSec).toEqual(DEMO_NETWORK_DEFAULTS.wrapSec)
  })

  it('refuse outcome shares that do not sum to 1, naming the field', () => {
    const outcomes = { live: 0.5, machine: 0, busy: 0, sit: 0, noAnswer: 0 }
    const parsed = demoNetworkSchema.safeParse({ outcomes })
    expect(parsed.error?.issues.map((issue) => issue.path)).toEqual([['outcomes']])
    expect(() => demoNetworkModel({ outcomes })).toThrow(/demo network invalid.*\n.*outcomes/)
  })

  it('refuse a key the demo network does not know (no scenario fields)', () => {
    const parsed = demoNetworkSchema.safeParse({ agents: 1, durationSec: 604_800 })
    expect(parsed.error?.issues.map((issue) => issue.code)).toEqual(['unrecognized_keys'])
    expect(() => demoNetworkModel({ agents: 1 })).toThrow(/agents/)
  })
})

describe('the demo network', () => {
  it('dials by its settings: every number busy fails busy after busySec', () => {
    const clock = new VirtualClock(START_MS)
    const outcomes = { live: 0, machine: 0, busy: 1, sit: 0, noAnswer: 0 }
    const model = demoNetworkModel({ outcomes, busySec: constSec(4) })
    const events: { atMs: number; event: TelephonyEvent }[] = []
    const network = simulatedNetwork({ model, seed: 1 })({
      clock,
      emit: (event) => events.push({ atMs: clock.nowMs(), event }),
      agentHangsUp: () => {},
    })
    for (const callId of ['c1', 'c2', 'c3']) {
      network.dial({
        callId,
        toNumber: '+15550100001',
        callerId: '+15550100000',
        cpaEnabled: true,
        amdEnabled: true,
        cpa: CPA_ALWAYS_ON,
      })
    }
    clock.runAll(EVENTS_MAX)
    expect(events).toEqual(
      ['c1', 'c2', 'c3'].map((callId) => ({
        atMs: START_MS + 4000,
        event: { kind: 'failed', callId, reason: 'busy' },
      })),
    )
  })

  it('customers answer an IVR menu with keys by ivrAnswer, seeded; other prompts get none', () => {
    const run = (seed: number) => {
      const clock = new VirtualClock(START_MS)
      const outcomes = { live: 1, machine: 0, busy: 0, sit: 0, noAnswer: 0 }
      const ivrAnswer = {
        answers: [
          { keys: '12#', probability: 0.5 },
          { keys: '3', probability: 0.5 },
        ],
        delaySec: { dist: 'uniform', min: 1, max: 3 },
        keyGapSec: constSec(0.5),
      }
      const model = demoNetworkModel({ outcomes, answerSec: constSec(2), ivrAnswer })
      const events: { atMs: number; event: TelephonyEvent }[] = []
      const network = simulatedNetwork({ model, seed })({
        clock,
        emit: (event) => events.push({ atMs: clock.nowMs(), event }),
        agentHangsUp: () => {},
      })
      const dial = { toNumber: '+15550100001', callerId: '+15550100000', cpa: null }
      for (const callId of ['c1', 'c2', 'c3', 'c4']) {
        network.dial({ callId, ...dial, cpaEnabled: false, amdEnabled: false })
      }
      clock.runUntil(START_MS + 2000, EVENTS_MAX)
      network.play({ callId: 'c1', promptId: 'plain', music: false })
      for (const callId of ['c2', 'c3', 'c4']) {
        network.play({ callId, promptId: 'menu', music: false, collectsDigits: true })
      }
      clock.runUntil(START_MS + 60_000, EVENTS_MAX)
      return events.filter((e) => e.event.kind === 'digit')
    }
    const digits = run(7)
    expect(digits.length).toBeGreaterThan(0)
    expect(digits.every((d) => d.event.kind === 'digit' && d.event.callId !== 'c1')).toBe(true)
    for (const d of digits) {
      if (d.event.kind === 'digit') expect(d.event.atMs).toBe(d.atMs)
    }
    const keysOf = (callId: string) =>
      digits.map((d) =>
        d.event.kind === 'digit' && d.event.callId === callId ? d.event.digit : '',
      )
    for (const callId of ['c2', 'c3', 'c4']) {
      expect(['12#', '3']).toContain(keysOf(callId).join(''))
    }
    // The first key 1-3 s after the prompt started (at 2 s), the next ones 0.5 s apart.
    for (const d of digits) expect(d.atMs).toBeGreaterThanOrEqual(START_MS + 3000)
    expect(run(7)).toEqual(digits)
  })
})
