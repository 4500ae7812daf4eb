// Goal (issue 14): the SIP endpoint on a real UDP socket never lets a malformed datagram escape
// (counted and logged), answers an OPTIONS from outside with 200 and a retransmitted request with
// the same response, and a trunk that never answers fails the dial as CUSTOMER_UNAVAILABLE (408)
// at timer B — on a virtual clock, so the 32 s take no time.
import { createSocket, type Socket } from 'node:dgram'
import { afterEach, describe, expect, it } from 'vitest'
import type { TelephonyEvent } from '../../dialer/ports/telephony.ts'
import { VirtualClock } from '../../dialer/ports/virtual-clock.ts'
import { SipEndpoint } from './endpoint.ts'
import { parseMessage } from './message.ts'
import { SipNetwork } from './sip-network.ts'
import { SIP_TRANSACTION_TIMEOUT_MS } from './transactions.ts'

const opened: { close(): unknown }[] = []
afterEach(async () => {
  for (const o of opened.splice(0)) await o.close()
})

async function peer(): Promise<{ socket: Socket; port: number; got: string[] }> {
  const socket = createSocket('udp4')
  const got: string[] = []
  socket.on('message', (m) => got.push(m.toString()))
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()))
  opened.push({ close: () => new Promise<void>((r) => socket.close(() => r())) })
  return { socket, port: socket.address().port, got }
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 10))
}

const OPTIONS = [
  'OPTIONS sip:outdial@127.0.0.2 SIP/2.0',
  'Via: SIP/2.0/UDP 127.0.0.1:5999;branch=z9hG4bK-opt1;rport',
  'From: <sip:probe@127.0.0.1>;tag=p1',
  'To: <sip:outdial@127.0.0.2>',
  'Call-ID: probe-1',
  'CSeq: 7 OPTIONS',
  'Content-Length: 0',
  '',
  '',
].join('\r\n')

describe('SipEndpoint', () => {
  it('counts and logs malformed datagrams, answers OPTIONS, and repeats itself for a retransmission', async () => {
    const warnings: string[] = []
    const endpoint = await SipEndpoint.open('127.0.0.2', 0, new VirtualClock(0), {
      warn: (message) => void warnings.push(message),
    })
    opened.push(endpoint)
    const p = await peer()
    const send = (text: string) => p.socket.send(text, endpoint.address.port, '127.0.0.2')
    send('garbage\r\n\r\n')
    send('\u0000\u0001\u0002')
    await until(() => endpoint.counters.malformed === 2)
    expect(endpoint.counters.malformed).toBe(2)
    expect(warnings).toEqual(['SIP datagram dropped', 'SIP datagram dropped'])
    send(OPTIONS)
    send(OPTIONS)
    await until(() => p.got.length === 2)
    expect(p.got).toHaveLength(2)
    expect(p.got[0]).toBe(p.got[1])
    const answer = parseMessage(p.got[0]!)
    expect(answer.kind === 'response' && answer.status).toBe(200)
  })

  it('a trunk that never answers fails the dial as unavailable (408) at timer B', async () => {
    const clock = new VirtualClock(0)
    const endpoint = await SipEndpoint.open('127.0.0.2', 0, clock, { warn: () => {} })
    opened.push(endpoint)
    const silent = await peer()
    const events: TelephonyEvent[] = []
    const network = new SipNetwork(
      {
        endpoint,
        trunk: {
          host: '127.0.0.1',
          port: silent.port,
          credentials: null,
          maxConcurrentCalls: 2,
          keepAliveSec: 0,
          allowedCallerIdPrefixes: [],
        },
        rtp: { host: '127.0.0.2', ports: { min: 41_000, max: 41_100 } },
        clock,
        log: { warn: () => {} },
      },
      (event) => events.push(event),
    )
    opened.push({ close: () => network.close() })
    network.dial({
      callId: 't1',
      toNumber: '+15557654321',
      callerId: '+15551230000',
      cpaEnabled: false,
      amdEnabled: false,
      cpa: null,
    })
    await until(() => silent.got.length > 0)
    expect(parseMessage(silent.got[0]!).kind).toBe('request')
    clock.advanceMs(SIP_TRANSACTION_TIMEOUT_MS)
    expect(events).toEqual([{ kind: 'failed', callId: 't1', reason: 'unavailable', code: 408 }])
    await until(() => silent.got.length >= 7)
    expect(silent.got.length).toBe(7)
  })
})
