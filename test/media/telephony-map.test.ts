// Goal: every call progress outcome maps to an event the engine's Telephony port accepts (checked by
// the compiler against src/dialer/ports/telephony.ts), with the documented choices: SIT is a dial
// failure (INVALID_NUMBER) and dead air counts as live.
import { describe, expect, it } from 'vitest'
import type { TelephonyEvent } from '../../src/dialer/ports/telephony.ts'
import type { CpaOutcomeDecision } from '../../src/media/cpa/analyzer.ts'
import { CPA_OUTCOME_EVENTS } from '../../src/media/cpa/telephony-map.ts'

type PortEvent = Extract<TelephonyEvent, { kind: 'cpa' } | { kind: 'failed' }>

function toPortEvent(decision: CpaOutcomeDecision, callId: string): PortEvent {
  return { ...CPA_OUTCOME_EVENTS[decision], callId }
}

describe('CPA outcome → Telephony port event', () => {
  it('maps every decision, as documented', () => {
    expect(toPortEvent('live', 'c1')).toEqual({ kind: 'cpa', decision: 'live', callId: 'c1' })
    expect(toPortEvent('machine', 'c1')).toEqual({ kind: 'cpa', decision: 'machine', callId: 'c1' })
    expect(toPortEvent('fax', 'c1')).toEqual({ kind: 'cpa', decision: 'fax', callId: 'c1' })
    expect(toPortEvent('sit', 'c1')).toEqual({ kind: 'failed', reason: 'sit', callId: 'c1' })
    expect(toPortEvent('deadAir', 'c1')).toEqual({ kind: 'cpa', decision: 'live', callId: 'c1' })
    expect(Object.keys(CPA_OUTCOME_EVENTS).sort()).toEqual(
      ['deadAir', 'fax', 'live', 'machine', 'sit'].sort(),
    )
  })
})
