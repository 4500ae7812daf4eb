// Goal (issue 14): the RFC 3261 client transactions keep their timers on a virtual clock —
// INVITE retransmitted by timer A (T1 doubling) until a provisional, given up by timer B; the ACK
// of a non-2xx sent once and again for each retransmitted final response (timer D); 2xx passed up
// each time; non-INVITE retransmitted by timer E capped at T2, given up by timer F, kept for K.
// On a reliable transport (TCP): nothing retransmitted, timers B/F still give up, D and K are 0,
// and the close of the connection fails the transactions sent on it, not the others.
import { describe, expect, it } from 'vitest'
import { VirtualClock } from '../../dialer/ports/virtual-clock.ts'
import { parseMessage, type SipRequest, type SipResponse } from './message.ts'
import {
  ClientTransactions,
  SIP_T1_MS,
  SIP_T2_MS,
  SIP_TRANSACTION_TIMEOUT_MS,
} from './transactions.ts'

function request(method: string): SipRequest {
  return {
    kind: 'request',
    method,
    uri: 'sip:+15550001111@127.0.0.1:5080',
    headers: [
      ['via', 'SIP/2.0/UDP 127.0.0.2:5070;branch=z9hG4bK-t1'],
      ['from', '<sip:d@127.0.0.2>;tag=f'],
      ['to', '<sip:+15550001111@127.0.0.1:5080>'],
      ['call-id', 'c@x'],
      ['cseq', `1 ${method}`],
    ],
    body: '',
  }
}

function response(status: number, method: string): SipResponse {
  return {
    kind: 'response',
    status,
    reason: 'X',
    headers: [
      ['via', 'SIP/2.0/UDP 127.0.0.2:5070;branch=z9hG4bK-t1'],
      ['from', '<sip:d@127.0.0.2>;tag=f'],
      ['to', '<sip:+15550001111@127.0.0.1:5080>;tag=remote'],
      ['call-id', 'c@x'],
      ['cseq', `1 ${method}`],
    ],
    body: '',
  }
}

function setup() {
  const clock = new VirtualClock(0)
  const txs = new ClientTransactions(clock)
  const sent: { atMs: number; text: string }[] = []
  const got: number[] = []
  let timeouts = 0
  const send = (text: string) => sent.push({ atMs: clock.nowMs(), text })
  const user = { onResponse: (r: SipResponse) => got.push(r.status), onTimeout: () => timeouts++ }
  return { clock, txs, sent, got, send, user, timeouts: () => timeouts }
}

describe('INVITE client transaction', () => {
  it('retransmits on timer A (T1, 2T1, 4T1 …) and gives up at timer B', () => {
    const t = setup()
    t.txs.start(request('INVITE'), t.send, t.user)
    t.clock.advanceMs(SIP_TRANSACTION_TIMEOUT_MS + 1)
    const times = t.sent.map((s) => s.atMs)
    expect(times).toEqual([0, 500, 1500, 3500, 7500, 15_500, 31_500])
    expect(t.timeouts()).toBe(1)
  })

  it('stops retransmitting on a provisional and passes it up; a 2xx each time it comes', () => {
    const t = setup()
    t.txs.start(request('INVITE'), t.send, t.user)
    t.clock.advanceMs(SIP_T1_MS)
    expect(t.txs.receive(response(180, 'INVITE'))).toBe(true)
    t.clock.advanceMs(10_000)
    expect(t.sent).toHaveLength(2)
    t.txs.receive(response(200, 'INVITE'))
    t.txs.receive(response(200, 'INVITE'))
    expect(t.got).toEqual([180, 200, 200])
    t.clock.advanceMs(SIP_TRANSACTION_TIMEOUT_MS * 2)
    expect(t.timeouts()).toBe(0)
    expect(t.txs.size).toBe(0)
  })

  it('ACKs a non-2xx final response on the same branch, again for its retransmission', () => {
    const t = setup()
    t.txs.start(request('INVITE'), t.send, t.user)
    t.txs.receive(response(486, 'INVITE'))
    t.txs.receive(response(486, 'INVITE'))
    expect(t.got).toEqual([486])
    const acks = t.sent.slice(1).map((s) => parseMessage(s.text))
    expect(acks).toHaveLength(2)
    for (const ack of acks) {
      expect(ack.kind === 'request' && ack.method).toBe('ACK')
      expect(ack.headers.find(([n]) => n === 'cseq')?.[1]).toBe('1 ACK')
      expect(ack.headers.find(([n]) => n === 'to')?.[1]).toContain('tag=remote')
      expect(ack.headers.find(([n]) => n === 'via')?.[1]).toContain('branch=z9hG4bK-t1')
    }
    t.clock.advanceMs(40_000)
    expect(t.txs.size).toBe(0)
    expect(t.txs.receive(response(486, 'INVITE'))).toBe(false)
  })
})

describe('non-INVITE client transaction', () => {
  it('retransmits on timer E capped at T2 and gives up at timer F', () => {
    const t = setup()
    t.txs.start(request('OPTIONS'), t.send, t.user)
    t.clock.advanceMs(SIP_TRANSACTION_TIMEOUT_MS + 1)
    const gaps = t.sent.slice(1).map((s, i) => s.atMs - t.sent[i]!.atMs)
    expect(gaps.slice(0, 4)).toEqual([500, 1000, 2000, 4000])
    expect(Math.max(...gaps)).toBe(SIP_T2_MS)
    expect(t.timeouts()).toBe(1)
  })

  it('retransmits at T2 once proceeding; a final response completes it, kept for timer K', () => {
    const t = setup()
    t.txs.start(request('BYE'), t.send, t.user)
    t.txs.receive(response(100, 'BYE'))
    t.clock.advanceMs(SIP_T1_MS + SIP_T2_MS)
    expect(t.sent.map((s) => s.atMs)).toEqual([0, 500, 4500])
    t.txs.receive(response(200, 'BYE'))
    t.txs.receive(response(200, 'BYE'))
    expect(t.got).toEqual([100, 200])
    expect(t.txs.size).toBe(1)
    t.clock.advanceMs(5000)
    expect(t.txs.size).toBe(0)
    expect(t.timeouts()).toBe(0)
  })

  it('a transport failure ends the transaction as a timeout', () => {
    const t = setup()
    const bye = request('BYE')
    t.txs.start(bye, t.send, t.user)
    t.txs.transportFailed(bye)
    expect(t.timeouts()).toBe(1)
    t.clock.advanceMs(SIP_TRANSACTION_TIMEOUT_MS)
    expect(t.sent).toHaveLength(1)
  })
})

describe('client transactions on a reliable transport (TCP)', () => {
  const tcp = { reliable: true, channel: 'tcp:127.0.0.1:5080' }

  it('sends an INVITE once (no timer A), still gives up at timer B', () => {
    const t = setup()
    t.txs.start(request('INVITE'), t.send, t.user, tcp)
    t.clock.advanceMs(SIP_TRANSACTION_TIMEOUT_MS - 1)
    expect(t.sent).toHaveLength(1)
    expect(t.timeouts()).toBe(0)
    t.clock.advanceMs(1)
    expect(t.timeouts()).toBe(1)
    expect(t.sent).toHaveLength(1)
  })

  it('ACKs a non-2xx once and ends at once (timer D is 0); non-INVITE has no timer E, K is 0', () => {
    const t = setup()
    t.txs.start(request('INVITE'), t.send, t.user, tcp)
    t.txs.receive(response(486, 'INVITE'))
    expect(t.sent.map((s) => s.text.split(' ')[0])).toEqual(['INVITE', 'ACK'])
    t.clock.advanceMs(0)
    expect(t.txs.size).toBe(0)
    const u = setup()
    u.txs.start(request('BYE'), u.send, u.user, tcp)
    u.clock.advanceMs(SIP_T2_MS * 2)
    expect(u.sent).toHaveLength(1)
    u.txs.receive(response(200, 'BYE'))
    u.clock.advanceMs(0)
    expect(u.txs.size).toBe(0)
    expect(u.got).toEqual([200])
  })

  it("the connection's close fails its transactions still waiting, and only those", () => {
    const t = setup()
    t.txs.start(request('INVITE'), t.send, t.user, tcp)
    t.txs.receive(response(180, 'INVITE'))
    t.txs.start(request('OPTIONS'), t.send, t.user, {
      reliable: true,
      channel: 'tcp:10.0.0.1:5060',
    })
    t.txs.transportFailedOn(tcp.channel)
    expect(t.timeouts()).toBe(1)
    expect(t.txs.size).toBe(2)
    t.txs.transportFailedOn(tcp.channel)
    expect(t.timeouts()).toBe(1)
  })
})
