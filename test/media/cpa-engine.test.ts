// Goal: the analyzer's outcomes, turned into Telephony port events by CPA_OUTCOME_EVENTS, drive the
// real engine to the outcomes the simulator's events do (R2.1): a hello is LIVE_VOICE and is
// bridged to the agent, a long greeting is AMD, fax tones are FAX, dead air is LIVE_VOICE, and SIT
// heard on early media (before the answer) or on the answered call is INVALID_NUMBER (the dialer
// hangs up the answered leg) — each at the analyzer's decision time.
import { describe, expect, it } from 'vitest'
import { makeEngineKit } from '../../src/dialer/test-kit.ts'
import { cpaSchema } from '../../src/domain/campaign/cpa.ts'
import type { AttemptOutcome } from '../../src/domain/outcomes.ts'
import { type CpaOutcome, createCallProgressAnalyzer } from '../../src/media/cpa/analyzer.ts'
import { CPA_OUTCOME_EVENTS } from '../../src/media/cpa/telephony-map.ts'
import { concatPcm } from '../../src/media/tone-gen.ts'
import {
  faxCng,
  frames,
  seededRandom,
  silenceMs,
  sitTone,
  speechLike,
} from '../support/synthetic-audio.ts'

const AMD = cpaSchema.parse({ cpaEnabled: true, amdEnabled: true })

function analyse(pcm: Int16Array): CpaOutcome {
  const analyzer = createCallProgressAnalyzer(AMD)
  for (const frame of frames(pcm)) {
    const outcome = analyzer.push(frame)
    if (outcome) return outcome
  }
  return analyzer.finish()
}

/** One call of a one-agent campaign: answered at 3 s (unless early media), then the analysis. */
function runCall(pcm: Int16Array, earlyMedia = false) {
  const kit = makeEngineKit({ agents: 1, contacts: 1 })
  kit.agentAnswered('agent-1')
  const [callId] = kit.dialIds()
  kit.advanceSec(3)
  if (!earlyMedia) kit.answer(callId!)
  const outcome = analyse(pcm)
  kit.advanceSec(outcome.atMs / 1000)
  kit.push({ ...CPA_OUTCOME_EVENTS[outcome.decision], callId: callId! })
  return { kit, callId: callId!, outcome }
}

describe('analyzer outcomes through the engine (issue 14, R2.1)', () => {
  it.each<[string, () => Int16Array, boolean, AttemptOutcome]>([
    [
      'a hello',
      () => concatPcm([silenceMs(300), speechLike(seededRandom(1), { ms: 600 }), silenceMs(2000)]),
      false,
      'LIVE_VOICE',
    ],
    [
      'a long greeting',
      () => concatPcm([silenceMs(200), speechLike(seededRandom(2), { ms: 4000 })]),
      false,
      'AMD',
    ],
    ['fax CNG', () => faxCng(), false, 'FAX'],
    ['dead air', () => silenceMs(5000), false, 'LIVE_VOICE'],
    ['SIT on early media', () => concatPcm([sitTone(), silenceMs(500)]), true, 'INVALID_NUMBER'],
    ['SIT after the answer', () => concatPcm([sitTone(), silenceMs(500)]), false, 'INVALID_NUMBER'],
  ])('%s ends as %s', (_name, audio, earlyMedia, expected) => {
    const { kit, callId, outcome } = runCall(audio(), earlyMedia)
    expect(kit.outcomeOf(callId)).toBe(expected)
    const decidedAt = kit.ms(3 + outcome.atMs / 1000)
    if (expected === 'LIVE_VOICE')
      expect(kit.commands('bridge')).toEqual([
        { kind: 'bridge', atMs: decidedAt, callId, agentId: 'agent-1' },
      ])
    else expect(kit.commands('bridge')).toEqual([])
    // An answered leg the dialer did not bridge is hung up by the dialer; early media has none.
    if (expected !== 'LIVE_VOICE' && expected !== 'AMD' && !earlyMedia)
      expect(kit.commands('hangup').map((c) => c.callId)).toContain(callId)
    kit.assertAttemptAccounting()
  })
})
