// Goal (issue 14, RFC 3261 §18): a trunk whose transport is TCP — sipp `-t t1`, which listens on
// TCP only — carries the calls on one connection the network opens on demand and reuses: a person
// answers and hangs up (their BYE arrives on our connection and is answered there), busy 486
// fails as busy with the code kept, no answer is CANCELled at the ring limit (487 ACKed over TCP),
// the OPTIONS keep-alive sees the trunk up, and a call ringing when the connection dies fails as
// unavailable (transport failure) at once, without waiting for timer B.
import { describe, expect, it } from 'vitest'
import { eventually, haveSipp } from './sipp.ts'
import { dialOne, finish, sipTrunkSuite } from './trunk-harness.ts'

const enabled = haveSipp('the SIP over TCP suite (test/sip/sip-tcp.test.ts)')
const suite = sipTrunkSuite('127.0.0.3', enabled)
const harness = (scenario: string, keepAliveSec = 0) =>
  suite.harness(scenario, { transport: 'tcp', keepAliveSec, sippRunSecMax: 20, eventWaitMs: 8000 })
const dial = dialOne
const done = finish

describe.skipIf(!enabled)('SIP over TCP against sipp -t t1', () => {
  it('a person answers and hangs up: their BYE comes on our connection and is answered there', async () => {
    const h = await harness('customer-bye.xml')
    dial(h.network, 't1')
    await h.waitFor('answered')
    expect(h.network.status().tcpConnections).toBe(1)
    await h.waitFor('customerHangup')
    expect(await done(h)).toBe(0)
    expect(h.events.map((e) => e.kind)).toEqual(['ringing', 'answered', 'customerHangup'])
    // sipp closed its end: the connection is gone, and the next call will connect again.
    expect(await eventually(() => suite.endpoint().tcpConnections === 0, 3000)).toBe(true)
  })

  it('busy 486 → failed(busy), code kept; the ACK goes over TCP', async () => {
    const h = await harness('busy.xml')
    dial(h.network, 't2')
    expect(await h.waitFor('failed')).toEqual({
      kind: 'failed',
      callId: 't2',
      reason: 'busy',
      code: 486,
    })
    expect(await done(h)).toBe(0)
  })

  it('no answer: the ring limit sends CANCEL, 487 is ACKed, the engine hears only ringing', async () => {
    const h = await harness('no-answer.xml')
    dial(h.network, 't3')
    await h.waitFor('ringing')
    h.network.hangup('t3')
    expect(await done(h)).toBe(0)
    expect(h.events.map((e) => e.kind)).toEqual(['ringing'])
  })

  it('the OPTIONS keep-alive goes over TCP and sees the trunk up', async () => {
    const h = await harness('options.xml', 30)
    expect(await done(h)).toBe(0)
    const { trunk } = h.network.status()
    expect(trunk).toMatchObject({ transport: 'tcp', state: 'up' })
    expect(trunk?.rttMs).toBeGreaterThanOrEqual(0)
  })

  it('a ringing call whose connection dies fails as unavailable (transport failure) at once', async () => {
    const h = await harness('no-answer.xml')
    const dialedAt = Date.now()
    dial(h.network, 't4')
    await h.waitFor('ringing')
    h.sipp.stop()
    expect(await h.waitFor('failed', 5000)).toEqual({
      kind: 'failed',
      callId: 't4',
      reason: 'unavailable',
      code: 408,
    })
    expect(Date.now() - dialedAt).toBeLessThan(10_000)
    expect(h.network.status().callsInFlight).toBe(0)
    h.network.close()
  })
})
