// Goal (issue 14, Appendix A, R6): the SIP network, against sipp on loopback, gives the engine the
// events the simulated network gives, in the same order — a person answering (ringing, answered,
// live at once without CPA; caller ID in From and P-Asserted-Identity; our ACK and BYE), busy 486,
// 404, 503 and 603 as their outcomes' reasons with the SIP code kept, no answer (CANCEL at the ring
// limit, 487 ACKed, nothing reported), the customer's BYE; RTP goes both ways
// (sipp's echo returns our packets; its pcap reaches us in sequence); digest on 401; a re-INVITE
// (hold) answered; the OPTIONS keep-alive sees sipp up. The real analyzer on real audio, prompts
// and DTMF are in sip-audio.test.ts.
import { describe, expect, it } from 'vitest'
import type { TelephonyEvent } from '../../src/dialer/ports/telephony.ts'
import type { RtpSession } from '../../src/telephony/sip/rtp.ts'
import type { SipNetwork } from '../../src/telephony/sip/sip-network.ts'
import { eventually, haveSipp } from './sipp.ts'
import { dialOne, finish, sipTrunkSuite } from './trunk-harness.ts'

const enabled = haveSipp('the SIP network suite (test/sip)')
const suite = sipTrunkSuite('127.0.0.2', enabled)
const harness = (
  scenario: string,
  maxConcurrentCalls = 4,
  keepAliveSec = 0,
  sippArgs: string[] = [],
  credentials: { username: string; password: string } | null = null,
) => suite.harness(scenario, { maxConcurrentCalls, keepAliveSec, sippArgs, credentials })
const dial = dialOne

/** The call's RTP session (the network keeps it private; the test reads its counters). */
function rtpOf(network: SipNetwork, callId: string): RtpSession | null {
  const legs = (network as unknown as { legs: Map<string, { rtp: RtpSession | null }> }).legs
  return legs.get(callId)?.rtp ?? null
}

function expectConsecutive(sequences: number[]): void {
  for (let i = 1; i < sequences.length; i++)
    expect((sequences[i]! - sequences[i - 1]! + 0x10000) & 0xffff).toBe(1)
}

const done = finish

describe.skipIf(!enabled)('SIP network against sipp', () => {
  it('a person answers: ringing, answered, our RTP echoed back; we hang up with BYE', async () => {
    const h = await harness('answer.xml', 4, 0, ['-rtp_echo'])
    dial(h.network, 'a1')
    await h.waitFor('answered')
    expect(h.events.map((e) => e.kind)).toEqual(['ringing', 'answered'])
    h.network.play({ callId: 'a1', promptId: 'zip', music: false, durationSec: 1 })
    await h.waitFor('playDone', 5000)
    const rtp = rtpOf(h.network, 'a1')!
    await eventually(() => rtp.stats.received >= rtp.stats.sent)
    expect(rtp.stats.sent).toBe(50)
    // sipp echoes each packet back: they arrive, in order, as we numbered them.
    expect(rtp.stats.received).toBeGreaterThanOrEqual(45)
    expectConsecutive(rtp.stats.receivedSequences)
    expect(h.network.status().callsInFlight).toBe(1)
    h.network.hangup('a1')
    expect(await done(h)).toBe(0)
  })

  it.each([
    ['busy.xml', 'busy', 486],
    ['not-found.xml', 'invalid', 404],
    ['unavailable.xml', 'unavailable', 503],
    ['decline.xml', 'unknown', 603],
  ] as const)('%s → failed(%s), code %i kept', async (scenario, reason, code) => {
    const h = await harness(scenario)
    dial(h.network, 'f1')
    expect(await h.waitFor('failed')).toEqual({ kind: 'failed', callId: 'f1', reason, code })
    expect(await done(h)).toBe(0)
  })

  it('no answer: the ring limit hangs up, CANCEL → 487 → ACK, and the engine hears nothing more', async () => {
    const h = await harness('no-answer.xml')
    dial(h.network, 'n1')
    await h.waitFor('ringing')
    h.network.hangup('n1')
    expect(await done(h)).toBe(0)
    expect(h.events.map((e) => e.kind)).toEqual(['ringing'])
  })

  it("the customer's BYE is customerHangup; their G.711 RTP (sipp's pcap) arrived in sequence", async () => {
    const h = await harness('customer-bye.xml')
    let sequences: number[] = []
    dial(h.network, 'b1')
    await h.waitFor('answered')
    // Read the RTP stats before the BYE closes the session.
    const poll = setInterval(() => {
      const seq = rtpOf(h.network, 'b1')?.stats.receivedSequences
      if (seq) sequences = [...seq]
    }, 50)
    await h.waitFor('customerHangup')
    clearInterval(poll)
    expect(await done(h)).toBe(0)
    expect(sequences.length).toBeGreaterThan(20)
    expectConsecutive(sequences)
  })

  it('over the trunk limit a dial fails as unavailable (503) without reaching the trunk', async () => {
    const h = await harness('busy.xml', 0)
    dial(h.network, 'o1')
    expect(await h.waitFor('failed')).toEqual({
      kind: 'failed',
      callId: 'o1',
      reason: 'unavailable',
      code: 503,
    })
    h.network.close()
    h.sipp.stop()
  })

  it('the OPTIONS keep-alive sees the trunk up, with the round trip', async () => {
    const h = await harness('options.xml', 4, 30)
    expect(await done(h)).toBe(0)
    const { trunk } = h.network.status()
    expect(trunk?.state).toBe('up')
    expect(trunk?.rttMs).toBeGreaterThanOrEqual(0)
  })

  it.each([
    ['trunk-digest-secret-7', ['answered']],
    ['wrong-password', ['failed']],
  ])('answers a 401 with digest credentials (%s)', async (password, kinds) => {
    const h = await harness('digest.xml', 4, 0, [], { username: 'outdial', password })
    dial(h.network, 'd1')
    await h.waitFor(kinds[0] as TelephonyEvent['kind'])
    if (kinds[0] === 'failed')
      expect(h.events).toEqual([{ kind: 'failed', callId: 'd1', reason: 'unknown', code: 403 }])
    else h.network.hangup('d1')
    expect(await done(h)).toBe(0)
  })

  it('answers a re-INVITE (hold) with 200 and its SDP, and the call goes on', async () => {
    const h = await harness('hold.xml')
    dial(h.network, 'h1')
    await h.waitFor('answered')
    await new Promise((resolve) => setTimeout(resolve, 800))
    expect(h.events.map((e) => e.kind)).toEqual(['ringing', 'answered'])
    h.network.hangup('h1')
    expect(await done(h)).toBe(0)
  })

  it('with CPA on and no analyzer, an answer is reported live at once', async () => {
    const h = await harness('answer.xml')
    dial(h.network, 'l1', true)
    await h.waitFor('cpa')
    expect(h.events).toEqual([
      { kind: 'ringing', callId: 'l1' },
      { kind: 'answered', callId: 'l1' },
      { kind: 'cpa', callId: 'l1', decision: 'live' },
    ])
    h.network.hangup('l1')
    expect(await done(h)).toBe(0)
  })
})
