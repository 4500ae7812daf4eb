// Goal (issue 14, RFC 3261 §18): the endpoint's TCP side on real loopback sockets — a request from
// the trunk arriving in pieces, and two in one write, is answered on the connection it came on;
// our requests to a TCP peer carry Via SIP/2.0/TCP and share one connection; a header block over
// its limit closes that connection with a logged error; after a close the next send connects again.
import { createServer, type Socket, connect as tcpConnect } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { VirtualClock } from '../../dialer/ports/virtual-clock.ts'
import { SipEndpoint } from './endpoint.ts'
import type { SipResponse } from './message.ts'
import { SipStreamFramer } from './stream-framer.ts'

/** The framer's header limit in bytes (docs/telephony.md). */
const SIP_STREAM_HEADER_BYTES_MAX = 16_384

const opened: { close(): unknown }[] = []
afterEach(async () => {
  for (const o of opened.splice(0)) await o.close()
})

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10))
}

const options = (n: number) =>
  [
    'OPTIONS sip:outdial@127.0.0.2 SIP/2.0',
    `Via: SIP/2.0/TCP 127.0.0.1:5999;branch=z9hG4bK-tcp${n}`,
    'From: <sip:probe@127.0.0.1>;tag=p1',
    'To: <sip:outdial@127.0.0.2>',
    `Call-ID: probe-${n}`,
    `CSeq: ${n} OPTIONS`,
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n')

async function endpointWithLog() {
  const warnings: string[] = []
  const endpoint = await SipEndpoint.open('127.0.0.2', 0, new VirtualClock(0), {
    warn: (message) => void warnings.push(message),
  })
  opened.push(endpoint)
  return { endpoint, warnings }
}

/** A client connection to the endpoint's TCP port that collects the messages read back. */
async function client(port: number) {
  const socket = tcpConnect({ host: '127.0.0.2', port })
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()))
  opened.push({ close: () => socket.destroy() })
  const framer = new SipStreamFramer()
  const got: string[] = []
  let closed = false
  socket.on('data', (chunk: Buffer) => got.push(...framer.push(chunk)))
  socket.on('close', () => {
    closed = true
  })
  return { socket, got, closed: () => closed }
}

describe('SIP over TCP on the endpoint', () => {
  it('answers requests read in pieces and two in one write, on their connection', async () => {
    const { endpoint } = await endpointWithLog()
    const c = await client(endpoint.address.port)
    const first = options(1)
    c.socket.write(first.slice(0, 30))
    await new Promise((r) => setTimeout(r, 30))
    c.socket.write(first.slice(30))
    c.socket.write(options(2) + options(3))
    await until(() => c.got.length === 3)
    expect(c.got.map((m) => m.split('\r\n')[0])).toEqual([
      'SIP/2.0 200 OK',
      'SIP/2.0 200 OK',
      'SIP/2.0 200 OK',
    ])
    expect(c.got.map((m) => /CSeq: (\d+)/.exec(m)?.[1])).toEqual(['1', '2', '3'])
    expect(endpoint.counters.received).toBe(3)
  })

  it('closes a connection whose header block is over its limit, with a logged error', async () => {
    const { endpoint, warnings } = await endpointWithLog()
    const c = await client(endpoint.address.port)
    c.socket.write(`OPTIONS sip:x SIP/2.0\r\nX-Pad: ${'a'.repeat(SIP_STREAM_HEADER_BYTES_MAX)}`)
    await until(() => c.closed())
    expect(c.closed()).toBe(true)
    expect(warnings).toContain('SIP TCP connection closed on a framing error')
  })

  it('sends our requests with Via TCP on one connection, and connects again after a close', async () => {
    const { endpoint } = await endpointWithLog()
    const accepted: Socket[] = []
    const got: string[] = []
    const trunk = createServer((socket) => {
      accepted.push(socket)
      const framer = new SipStreamFramer()
      socket.on('data', (chunk: Buffer) => got.push(...framer.push(chunk)))
    })
    await new Promise<void>((resolve) => trunk.listen(0, '127.0.0.1', () => resolve()))
    opened.push({ close: () => new Promise<void>((r) => trunk.close(() => r())) })
    const port = (trunk.address() as { port: number }).port
    const to = { host: '127.0.0.1', port, transport: 'tcp' as const }
    const responses: SipResponse[] = []
    let failures = 0
    const ping = (n: number) =>
      endpoint.request(
        {
          kind: 'request',
          method: 'OPTIONS',
          uri: `sip:127.0.0.1:${port}`,
          headers: [
            ['via', endpoint.via(`z9hG4bK-out${n}`, 'tcp')],
            ['from', '<sip:outdial@127.0.0.2>;tag=o'],
            ['to', `<sip:127.0.0.1:${port}>`],
            ['call-id', `out-${n}`],
            ['cseq', `${n} OPTIONS`],
          ],
          body: '',
        },
        to,
        { onResponse: (r) => responses.push(r), onTimeout: () => failures++ },
      )
    ping(1)
    ping(2)
    await until(() => got.length === 2)
    expect(accepted).toHaveLength(1)
    expect(got.every((m) => m.includes('Via: SIP/2.0/TCP 127.0.0.2:'))).toBe(true)
    // The trunk answers the first on the same connection; the second dies with the connection.
    const via = /Via: (.*)\r\n/.exec(got[0]!)![1]
    accepted[0]!.write(
      `SIP/2.0 200 OK\r\nVia: ${via}\r\nFrom: <sip:outdial@127.0.0.2>;tag=o\r\nTo: <sip:t>;tag=t\r\nCall-ID: out-1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n`,
    )
    await until(() => responses.length === 1)
    expect(responses.map((r) => r.status)).toEqual([200])
    accepted[0]!.destroy()
    await until(() => failures === 1)
    expect(failures).toBe(1)
    ping(3)
    await until(() => got.length === 3)
    expect(accepted).toHaveLength(2)
  })
})
