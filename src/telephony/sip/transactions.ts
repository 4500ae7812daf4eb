// RFC 3261 §17.1 client transactions: INVITE (timers A, B, D; the ACK for a non-2xx final
// response, sent again on each retransmission of it) and non-INVITE (timers E, F, K). On a
// reliable transport (TCP) nothing is retransmitted (no timers A and E), timers B and F still
// apply, timers D and K are 0, and the close of the connection a transaction was sent on fails it
// at once (§17.1.4, transportFailedOn). Time comes
// from the Clock port, so unit tests drive the timers on a VirtualClock without waiting. The ACK
// for a 2xx and everything about dialogs belong to the user agent (sip-call.ts), not here.
import type { Clock, TimerId } from '../../dialer/ports/clock.ts'
import {
  header,
  headerParam,
  parseCSeq,
  type SipRequest,
  type SipResponse,
  serializeMessage,
} from './message.ts'

/** RFC 3261 timer values (§17.1.1.1, table 4), in milliseconds. */
export const SIP_T1_MS = 500
export const SIP_T2_MS = 4000
export const SIP_T4_MS = 5000
/** Timers B and F: a transaction without a final response gives up after 64·T1. */
export const SIP_TRANSACTION_TIMEOUT_MS = 64 * SIP_T1_MS
/** Timer D: how long a completed INVITE transaction absorbs retransmitted final responses. */
export const SIP_TIMER_D_MS = 32_000

export interface TransactionUser {
  /** A provisional (1xx) or final response; 2xx responses to INVITE arrive here every time. */
  onResponse(response: SipResponse): void
  /** Timer B or F fired: no final response came (or the transport failed). */
  onTimeout(): void
}

export type SendText = (text: string) => void

/** How a transaction's requests travel: `reliable` (a stream) and the connection's key. */
interface TransactionTransport {
  reliable: boolean
  channel: string
}

interface ClientTransaction {
  key: string
  request: SipRequest
  user: TransactionUser
  state: 'calling' | 'proceeding' | 'completed' | 'terminated'
  retransmitTimer: TimerId | null
  timeoutTimer: TimerId | null
  endTimer: TimerId | null
  intervalMs: number
  ack: string | null
  send: SendText
  /** On a stream: the connection's key; null over UDP. */
  channel: string | null
}

function branchOf(viaValue: string | undefined): string {
  return viaValue ? (headerParam(viaValue, 'branch') ?? '') : ''
}

/** The client transactions of one SIP endpoint. */
export class ClientTransactions {
  private readonly live = new Map<string, ClientTransaction>()

  constructor(private readonly clock: Clock) {}

  get size(): number {
    return this.live.size
  }

  /** Sends a request in a new transaction (its top Via must carry a unique branch). */
  start(
    request: SipRequest,
    send: SendText,
    user: TransactionUser,
    transport?: TransactionTransport,
  ): void {
    const cseq = parseCSeq(header(request, 'cseq') ?? '')
    const key = `${branchOf(header(request, 'via'))}|${cseq?.method ?? request.method}`
    const tx: ClientTransaction = {
      key,
      request,
      user,
      state: 'calling',
      retransmitTimer: null,
      timeoutTimer: null,
      endTimer: null,
      intervalMs: SIP_T1_MS,
      ack: null,
      send,
      channel: transport?.reliable ? transport.channel : null,
    }
    this.live.set(key, tx)
    const text = serializeMessage(request)
    send(text)
    if (tx.channel === null) this.scheduleRetransmit(tx, text)
    tx.timeoutTimer = this.after(SIP_TRANSACTION_TIMEOUT_MS, () => {
      tx.timeoutTimer = null
      if (tx.state === 'calling' || tx.state === 'proceeding') {
        this.terminate(tx)
        tx.user.onTimeout()
      }
    })
  }

  /** The transport could not send: the transaction fails as a timeout does (§17.1.4). */
  transportFailed(request: SipRequest): void {
    const tx = this.live.get(this.keyOf(request))
    if (!tx || tx.state === 'completed' || tx.state === 'terminated') return
    this.terminate(tx)
    tx.user.onTimeout()
  }

  /** The connection `channel` closed: every transaction still waiting on it fails (§17.1.4). */
  transportFailedOn(channel: string): void {
    for (const tx of [...this.live.values()]) {
      if (tx.channel !== channel || (tx.state !== 'calling' && tx.state !== 'proceeding')) continue
      this.terminate(tx)
      tx.user.onTimeout()
    }
  }

  private keyOf(message: SipRequest | SipResponse): string {
    const cseq = parseCSeq(header(message, 'cseq') ?? '')
    return `${branchOf(header(message, 'via'))}|${cseq?.method ?? ''}`
  }

  private after(ms: number, callback: () => void): TimerId {
    return this.clock.setTimerAt(this.clock.nowMs() + ms, callback)
  }

  private scheduleRetransmit(tx: ClientTransaction, text: string): void {
    const invite = tx.request.method === 'INVITE'
    tx.retransmitTimer = this.after(tx.intervalMs, () => {
      tx.retransmitTimer = null
      const again = invite ? tx.state === 'calling' : tx.state !== 'completed'
      if (!again || tx.state === 'terminated') return
      tx.send(text)
      // Timer A doubles without bound; timer E doubles up to T2, and stays at T2 once proceeding.
      tx.intervalMs = invite
        ? tx.intervalMs * 2
        : tx.state === 'proceeding'
          ? SIP_T2_MS
          : Math.min(tx.intervalMs * 2, SIP_T2_MS)
      this.scheduleRetransmit(tx, text)
    })
  }

  /** A response from the network; false when no transaction matches it (a stray). */
  receive(response: SipResponse): boolean {
    const tx = this.live.get(this.keyOf(response))
    if (!tx) return false
    const invite = tx.request.method === 'INVITE'
    if (response.status < 200) {
      if (tx.state === 'calling') tx.state = 'proceeding'
      if (tx.state === 'proceeding') tx.user.onResponse(response)
      return true
    }
    if (invite && response.status < 300) {
      // A 2xx ends the INVITE transaction; the user agent sends the ACK, for each retransmission.
      if (tx.state !== 'terminated') this.terminate(tx)
      tx.user.onResponse(response)
      return true
    }
    if (tx.state === 'completed') {
      if (invite && tx.ack) tx.send(tx.ack)
      return true
    }
    if (tx.state === 'terminated') return true
    tx.state = 'completed'
    this.clearTimers(tx)
    if (invite) {
      tx.ack = serializeMessage(ackForFailure(tx.request, response))
      tx.send(tx.ack)
    }
    // Timers D and K absorb retransmissions, which a reliable transport does not make: 0 there.
    const endMs = tx.channel !== null ? 0 : invite ? SIP_TIMER_D_MS : SIP_T4_MS
    tx.endTimer = this.after(endMs, () => this.terminate(tx))
    tx.user.onResponse(response)
    return true
  }

  private clearTimers(tx: ClientTransaction): void {
    for (const id of [tx.retransmitTimer, tx.timeoutTimer, tx.endTimer]) {
      if (id !== null) this.clock.cancelTimer(id)
    }
    tx.retransmitTimer = tx.timeoutTimer = tx.endTimer = null
  }

  private terminate(tx: ClientTransaction): void {
    const completed = tx.state === 'completed'
    this.clearTimers(tx)
    tx.state = 'terminated'
    // A terminated INVITE transaction keeps its entry until timer D's length has passed, so
    // retransmitted 2xx responses still reach the user agent (which ACKs each).
    if (tx.request.method === 'INVITE' && !completed) {
      tx.endTimer = this.after(SIP_TIMER_D_MS, () => this.live.delete(tx.key))
    } else this.live.delete(tx.key)
  }

  /** Cancels every timer (endpoint shutting down). */
  close(): void {
    for (const tx of this.live.values()) this.clearTimers(tx)
    this.live.clear()
  }
}

/** The ACK of a non-2xx final response (§17.1.1.3): same branch, To with the response's tag. */
export function ackForFailure(invite: SipRequest, response: SipResponse): SipRequest {
  const cseq = parseCSeq(header(invite, 'cseq') ?? '')
  const headers: SipRequest['headers'] = [
    ['via', header(invite, 'via') ?? ''],
    ['max-forwards', '70'],
    ['from', header(invite, 'from') ?? ''],
    ['to', header(response, 'to') ?? ''],
    ['call-id', header(invite, 'call-id') ?? ''],
    ['cseq', `${cseq?.seq ?? 1} ACK`],
  ]
  for (const [name, value] of invite.headers) if (name === 'route') headers.push([name, value])
  return { kind: 'request', method: 'ACK', uri: invite.uri, headers, body: '' }
}
