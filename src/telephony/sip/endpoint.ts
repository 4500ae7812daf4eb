// One SIP endpoint of the process: a UDP socket and a TCP listener on the same port
// (tcp-transport.ts, for trunks whose transport is TCP), the client transactions, and the dispatch
// of what arrives — responses to their transaction (or, once it is gone, a retransmitted 2xx to its
// dialog), requests inside a dialog to that dialog by Call-ID, OPTIONS answered 200, anything else
// 481. Requests the far end retransmits get the same response again (the server side of RFC 3261
// §17.2, kept as a response cache for 64·T1). Malformed datagrams are counted and logged, never
// thrown out of the socket handler. Over TCP the transactions are reliable (no retransmissions),
// responses go back on the connection their request came on, and a connection's close fails the
// transactions sent on it at once.
import { randomBytes } from 'node:crypto'
import { createSocket, type Socket } from 'node:dgram'
import type { Clock } from '../../dialer/ports/clock.ts'
import {
  header,
  headerParam,
  parseCSeq,
  parseMessage,
  type SipMessage,
  type SipRequest,
  type SipResponse,
  serializeMessage,
} from './message.ts'
import { SipTcpTransport, streamKey } from './tcp-transport.ts'
import {
  ClientTransactions,
  SIP_TRANSACTION_TIMEOUT_MS,
  type TransactionUser,
} from './transactions.ts'

export interface SipLog {
  warn(message: string, fields?: Record<string, unknown>): void
  /** What happened on a call that is not a fault (CPA decisions, DTMF digits). */
  info?(message: string, fields?: Record<string, unknown>): void
}

export type SipTransport = 'udp' | 'tcp'

export interface SipPeer {
  host: string
  port: number
  /** How to reach it; UDP when absent. */
  transport?: SipTransport
}

/** What a dialog (a call) hears from the endpoint. */
export interface DialogHandler {
  /** A request inside the dialog; returns the response to send (not for ACK). */
  onRequest(request: SipRequest, from: SipPeer): SipResponse | null
  /** A 2xx to INVITE whose transaction is gone (a retransmission to ACK again). */
  onStray2xx(response: SipResponse): void
}

export interface SipCounters {
  received: number
  sent: number
  malformed: number
}

export function randomToken(bytes = 8): string {
  return randomBytes(bytes).toString('hex')
}

/** A response to `request` with its Via, From, To (our tag added when `toTag`), Call-ID, CSeq. */
export function responseTo(
  request: SipRequest,
  status: number,
  reason: string,
  toTag?: string,
  extra: SipResponse['headers'] = [],
  body = '',
): SipResponse {
  const headers: SipResponse['headers'] = request.headers.filter(([n]) => n === 'via')
  const to = header(request, 'to') ?? ''
  headers.push(
    ['from', header(request, 'from') ?? ''],
    ['to', toTag && headerParam(to, 'tag') === undefined ? `${to};tag=${toTag}` : to],
    ['call-id', header(request, 'call-id') ?? ''],
    ['cseq', header(request, 'cseq') ?? ''],
    ...extra,
  )
  return { kind: 'response', status, reason, headers, body }
}

export class SipEndpoint {
  readonly transactions: ClientTransactions
  readonly counters: SipCounters = { received: 0, sent: 0, malformed: 0 }
  private readonly dialogs = new Map<string, DialogHandler>()
  private readonly answered = new Map<string, string>()
  /** REGISTER outside any dialog (the softphones' registrar); 405 without one. */
  onRegister: ((request: SipRequest, from: SipPeer) => SipResponse) | null = null

  private tcp: SipTcpTransport | null = null

  private constructor(
    private readonly socket: Socket,
    readonly address: SipPeer,
    private readonly clock: Clock,
    private readonly log: SipLog,
  ) {
    this.transactions = new ClientTransactions(clock)
    socket.on('message', (data, rinfo) =>
      this.receiveSafely(data.toString('utf8'), { host: rinfo.address, port: rinfo.port }),
    )
    socket.on('error', (error) => this.log.warn('SIP socket error', { error: error.message }))
  }

  /** Binds UDP on `host:port` (port 0: any free one) and listens on TCP on the same port. */
  static async open(host: string, port: number, clock: Clock, log: SipLog): Promise<SipEndpoint> {
    // With port 0 the TCP port is the one UDP got; when TCP finds it taken, both try again.
    for (let tries = 1; ; tries++) {
      const socket = await bindUdp(host, port)
      const endpoint = new SipEndpoint(socket, { host, port: socket.address().port }, clock, log)
      try {
        endpoint.tcp = await SipTcpTransport.listen(
          host,
          endpoint.address.port,
          {
            onMessage: (text, from, reply) => endpoint.receiveSafely(text, from, reply),
            onClosed: (key) => endpoint.transactions.transportFailedOn(key),
          },
          log,
        )
        return endpoint
      } catch (error) {
        await endpoint.close()
        if (port !== 0 || tries >= SIP_OPEN_TRIES_MAX) throw error
      }
    }
  }

  via(branch: string, transport: SipTransport = 'udp'): string {
    const proto = transport === 'tcp' ? 'TCP' : 'UDP'
    return `SIP/2.0/${proto} ${this.address.host}:${this.address.port};branch=${branch};rport`
  }

  /** Our Contact (a name-addr) for requests and responses reaching `transport`'s peers. */
  contact(transport: SipTransport = 'udp'): string {
    const param = transport === 'tcp' ? ';transport=tcp' : ''
    return `<sip:outdial@${this.address.host}:${this.address.port}${param}>`
  }

  newBranch(): string {
    return `z9hG4bK${randomToken()}`
  }

  /** Sends text to a peer; `failed` runs when the datagram could not be sent. */
  sendText(text: string, to: SipPeer, failed?: () => void): void {
    this.counters.sent += 1
    if (to.transport === 'tcp' && this.tcp) return this.tcp.send(text, to)
    this.socket.send(text, to.port, to.host, (error) => {
      if (error) {
        this.log.warn('SIP send failed', { to: `${to.host}:${to.port}`, error: error.message })
        failed?.()
      }
    })
  }

  /** Starts a client transaction for `request` towards `to`. */
  request(request: SipRequest, to: SipPeer, user: TransactionUser): void {
    const stream = to.transport === 'tcp' ? { reliable: true, channel: streamKey(to) } : undefined
    this.transactions.start(
      request,
      (text) => this.sendText(text, to, () => this.transactions.transportFailed(request)),
      user,
      stream,
    )
  }

  /** Sends a request outside any transaction (the ACK of a 2xx). */
  sendRequest(request: SipRequest, to: SipPeer): void {
    this.sendText(serializeMessage(request), to)
  }

  addDialog(callId: string, handler: DialogHandler): void {
    this.dialogs.set(callId, handler)
  }

  removeDialog(callId: string): void {
    this.dialogs.delete(callId)
  }

  private receiveSafely(text: string, from: SipPeer, reply?: (text: string) => void): void {
    try {
      this.receive(text, from, reply)
    } catch (error) {
      this.counters.malformed += 1
      this.log.warn(reply ? 'SIP message dropped' : 'SIP datagram dropped', {
        from: `${from.host}:${from.port}`,
        error: error instanceof Error ? error.message : String(error),
      })
    }
  }

  /** `reply`: the connection a stream message came on (responses go back on it). */
  private receive(text: string, from: SipPeer, reply?: (text: string) => void): void {
    const message: SipMessage = parseMessage(text)
    this.counters.received += 1
    if (message.kind === 'response') {
      if (this.transactions.receive(message)) return
      const cseq = parseCSeq(header(message, 'cseq') ?? '')
      if (cseq?.method === 'INVITE' && message.status >= 200 && message.status < 300)
        this.dialogs.get(header(message, 'call-id') ?? '')?.onStray2xx(message)
      return
    }
    if (message.method === 'ACK') {
      this.dialogs.get(header(message, 'call-id') ?? '')?.onRequest(message, from)
      return
    }
    const key = `${headerParam(header(message, 'via') ?? '', 'branch')}|${message.method}`
    const again = this.answered.get(key)
    const answer = (out: string) => {
      if (!reply) return this.sendText(out, this.replyPeer(message, from))
      this.counters.sent += 1
      reply(out)
    }
    if (again !== undefined) return answer(again)
    const dialog = this.dialogs.get(header(message, 'call-id') ?? '')
    let response: SipResponse | null
    if (dialog) response = dialog.onRequest(message, from)
    else if (message.method === 'REGISTER')
      response = this.onRegister
        ? this.onRegister(message, from)
        : responseTo(message, 405, 'Method Not Allowed', randomToken())
    else if (message.method === 'OPTIONS')
      response = responseTo(message, 200, 'OK', randomToken(), [
        ['allow', 'INVITE, ACK, CANCEL, BYE, OPTIONS'],
      ])
    else response = responseTo(message, 481, 'Call/Transaction Does Not Exist', randomToken())
    if (!response) return
    const out = serializeMessage(response)
    this.answered.set(key, out)
    this.clock.setTimerAt(this.clock.nowMs() + SIP_TRANSACTION_TIMEOUT_MS, () =>
      this.answered.delete(key),
    )
    answer(out)
  }

  /** Responses go to the top Via's sent-by, or to the source with rport (RFC 3581). */
  private replyPeer(request: SipRequest, from: SipPeer): SipPeer {
    const via = header(request, 'via') ?? ''
    if (headerParam(via, 'rport') !== undefined) return from
    const m = /^SIP\/2\.0\/UDP\s+([^:;\s]+)(?::(\d+))?/i.exec(via)
    return m ? { host: m[1]!, port: m[2] ? Number(m[2]) : 5060 } : from
  }

  async close(): Promise<void> {
    this.transactions.close()
    await this.tcp?.close()
    await new Promise<void>((resolve) => this.socket.close(() => resolve()))
  }

  /** Connections of the TCP transport open now. */
  get tcpConnections(): number {
    return this.tcp?.connections ?? 0
  }
}

/** How often open() tries an ephemeral port whose TCP twin is taken. */
const SIP_OPEN_TRIES_MAX = 5

async function bindUdp(host: string, port: number): Promise<Socket> {
  const socket = createSocket('udp4')
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject)
    socket.bind(port, host, () => {
      socket.off('error', reject)
      resolve()
    })
  })
  return socket
}
