// Goal (issue 14): the SIP parser reads real message texts (sipp's and RFC 3261's, compact forms,
// folded lines, Content-Length), refuses malformed ones with SipParseError, and writes messages
// that parse back to the same thing.
import { describe, expect, it } from 'vitest'
import {
  addressUri,
  header,
  headerParam,
  parseCSeq,
  parseMessage,
  SipParseError,
  serializeMessage,
} from './message.ts'

const crlf = (lines: string[]) => lines.join('\r\n')

const SIPP_200 = crlf([
  'SIP/2.0 200 OK',
  'Via: SIP/2.0/UDP 127.0.0.2:5070;branch=z9hG4bK-abc;rport=5070, SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK-2',
  'From: <sip:+15551230000@127.0.0.2>;tag=from1',
  'To: <sip:+15557654321@127.0.0.1:5080>;tag=1234SIPpTag011',
  'Call-ID: call-1@127.0.0.2',
  'CSeq: 1 INVITE',
  'Contact: <sip:127.0.0.1:5080;transport=UDP>',
  'Content-Type: application/sdp',
  'Content-Length: 14',
  '',
  'v=0\r\no=- 1 1 IN',
])

describe('parseMessage', () => {
  it('reads a sipp 200 OK with SDP, its Vias and parameters', () => {
    const m = parseMessage(SIPP_200)
    expect(m.kind).toBe('response')
    if (m.kind !== 'response') return
    expect(m.status).toBe(200)
    expect(m.reason).toBe('OK')
    expect(m.headers.filter(([n]) => n === 'via')).toHaveLength(1)
    expect(headerParam(header(m, 'via')!, 'branch')).toBe('z9hG4bK-abc')
    expect(headerParam(header(m, 'to')!, 'tag')).toBe('1234SIPpTag011')
    expect(addressUri(header(m, 'contact')!)).toBe('sip:127.0.0.1:5080;transport=UDP')
    expect(m.body).toBe('v=0\r\no=- 1 1 I')
  })

  it('expands compact header names and joins folded lines (RFC 3261 §7.3.1)', () => {
    const m = parseMessage(
      crlf([
        'BYE sip:dialer@127.0.0.2:5070 SIP/2.0',
        'v: SIP/2.0/UDP 127.0.0.1:5080;branch=z9hG4bK-9',
        'f: <sip:a@127.0.0.1>;tag=x',
        't: <sip:b@127.0.0.2>',
        '  ;tag=y',
        'i: c1',
        'CSeq: 2 BYE',
        'l: 0',
        '',
        '',
      ]),
    )
    expect(m.kind === 'request' && m.method).toBe('BYE')
    expect(header(m, 'to')).toBe('<sip:b@127.0.0.2> ;tag=y')
    expect(headerParam(header(m, 'to')!, 'tag')).toBe('y')
    expect(header(m, 'call-id')).toBe('c1')
  })

  it.each([
    ['no blank line', 'SIP/2.0 200 OK\r\nVia: x'],
    [
      'bad start line',
      crlf(['HELLO', 'Via: a', 'From: a', 'To: a', 'Call-ID: a', 'CSeq: 1 A', '', '']),
    ],
    [
      'missing Call-ID',
      crlf(['SIP/2.0 200 OK', 'Via: a', 'From: a', 'To: a', 'CSeq: 1 A', '', '']),
    ],
    [
      'bad CSeq',
      crlf(['SIP/2.0 200 OK', 'Via: a', 'From: a', 'To: a', 'Call-ID: a', 'CSeq: x', '', '']),
    ],
    [
      'short body',
      crlf([
        'SIP/2.0 200 OK',
        'Via: a',
        'From: a',
        'To: a',
        'Call-ID: a',
        'CSeq: 1 A',
        'Content-Length: 99',
        '',
        'v=0',
      ]),
    ],
    [
      'status out of range',
      crlf(['SIP/2.0 700 X', 'Via: a', 'From: a', 'To: a', 'Call-ID: a', 'CSeq: 1 A', '', '']),
    ],
    ['header without name', crlf(['SIP/2.0 200 OK', ': x', '', ''])],
    ['binary noise', '\u0000\u0001\r\n\r\n'],
  ])('refuses %s with SipParseError', (_name, text) => {
    expect(() => parseMessage(text)).toThrow(SipParseError)
  })

  it('writes a request that parses back the same, Content-Length from the body', () => {
    const body = 'v=0\r\n'
    const text = serializeMessage({
      kind: 'request',
      method: 'INVITE',
      uri: 'sip:+15557654321@127.0.0.1:5080',
      headers: [
        ['via', 'SIP/2.0/UDP 127.0.0.2:5070;branch=z9hG4bK-1'],
        ['from', '<sip:+15551230000@127.0.0.2>;tag=a'],
        ['to', '<sip:+15557654321@127.0.0.1:5080>'],
        ['call-id', 'x@y'],
        ['cseq', '1 INVITE'],
        ['p-asserted-identity', '<sip:+15551230000@127.0.0.2>'],
        ['content-length', '999'],
      ],
      body,
    })
    expect(text).toContain('Call-ID: x@y\r\n')
    expect(text).toContain('P-Asserted-Identity: <sip:+15551230000@127.0.0.2>\r\n')
    expect(text).toContain('Content-Length: 5\r\n')
    const back = parseMessage(text)
    expect(back.kind === 'request' && back.uri).toBe('sip:+15557654321@127.0.0.1:5080')
    expect(back.body).toBe(body)
    expect(parseCSeq(header(back, 'cseq')!)).toEqual({ seq: 1, method: 'INVITE' })
  })
})
