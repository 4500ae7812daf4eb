// Goal (issue 14, RFC 3261 §18): a trunk whose transport is TCP — sipp `-t t1`, which listens on
// TCP only — carries the calls on one connection the network opens on demand and reuses: a person
// answers and hangs up (their BYE arrives on our connection and is answered there), busy 486
// fails as busy with the code kept, no answer is CANCELled at the ring limit (487 ACKed over TCP),
// the OPTIONS keep-alive sees the trunk up, and a call ringing when the connection dies fails as
// unavailable (transport failure) at once, without waiting for timer B.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TelephonyEvent } from '../../src/dialer/ports/telephony.ts'
import { RealClock } from '../../src/runtime/real-clock.ts'
import { SipEndpoint } from '../../src/telephony/sip/endpoint.ts'
import { SipNetwork } from '../../src/telephony/sip/sip-network.ts'
import {
  eventually,
  freeUdpPort,
  haveSipp,
  type SippRun,
  startSippUas,
  telephonyEvents,
  waitTcpListening,
} from './sipp.ts'

const enabled = haveSipp('the SIP over TCP suite (test/sip/sip-tcp.test.ts)')
const clock = new RealClock()
const warnings: string[] = []
const log = { warn: (message: string) => void warnings.push(message) }
let endpoint: SipEndpoint
let rtpBase = 0

beforeAll(async () => {
  if (!enabled) return
  endpoint = await SipEndpoint.open('127.0.0.3', 0, clock, log)
  rtpBase = await freeUdpPort('127.0.0.3')
})

afterAll(async () => {
  await endpoint?.close()
  clock.stopAll()
})

interface Harness {
  network: SipNetwork
  events: TelephonyEvent[]
  sipp: SippRun
  waitFor(kind: TelephonyEvent['kind'], ms?: number): Promise<TelephonyEvent>
}

async function harness(scenario: string, keepAliveSec = 0): Promise<Harness> {
  const sipp = await startSippUas(scenario, 1, ['-t', 't1'], 20)
  await waitTcpListening(sipp.port)
  const { events, push, waitFor } = telephonyEvents(() => sipp.output(), 8000)
  const network = new SipNetwork(
    {
      endpoint,
      trunk: {
        host: '127.0.0.1',
        port: sipp.port,
        transport: 'tcp',
        credentials: null,
        maxConcurrentCalls: 4,
        keepAliveSec,
        allowedCallerIdPrefixes: [],
      },
      rtp: { host: '127.0.0.3', ports: { min: rtpBase, max: rtpBase + 40 } },
      clock,
      log,
    },
    push,
  )
  return { network, events, sipp, waitFor }
}

const dial = (network: SipNetwork, callId: string) =>
  network.dial({
    callId,
    toNumber: '+15557654321',
    callerId: '+15551230000',
    cpaEnabled: false,
    amdEnabled: false,
    cpa: null,
  })

async function done(h: Harness): Promise<number> {
  const code = await Promise.race([
    h.sipp.exited,
    new Promise<number>((resolve) => setTimeout(() => resolve(-2), 8000)),
  ])
  h.network.close()
  h.sipp.stop()
  return code
}

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
    expect(await eventually(() => endpoint.tcpConnections === 0, 3000)).toBe(true)
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
