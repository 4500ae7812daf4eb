// Goal (issue 14, RFC 3261 §18.3): SIP messages cut out of a TCP stream by Content-Length — one
// message split across chunks (even inside the header end and the body), several in one chunk,
// CRLF keep-alives between them skipped, and oversize headers or bodies or a missing
// Content-Length refused with an error naming the limit.
import { describe, expect, it } from 'vitest'
import { SipStreamFramer } from './stream-framer.ts'

/** The framer's limits, as docs/telephony.md states them. */
const SIP_STREAM_HEADER_BYTES_MAX = 16_384
const SIP_STREAM_BODY_BYTES_MAX = 48_000

const message = (body: string, extra = '') =>
  [
    'INVITE sip:+15557654321@127.0.0.1 SIP/2.0',
    'Via: SIP/2.0/TCP 127.0.0.1:5060;branch=z9hG4bK1',
    'Call-ID: a@b',
    extra,
    `Content-Length: ${Buffer.byteLength(body)}`,
    '',
    body,
  ]
    .filter((line, i) => line !== '' || i >= 4)
    .join('\r\n')

describe('SIP stream framer', () => {
  it('one message split at every byte comes out whole, once', () => {
    const text = message('v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\n')
    const framer = new SipStreamFramer()
    const bytes = Buffer.from(text)
    const out: string[] = []
    for (let i = 0; i < bytes.length; i++) out.push(...framer.push(bytes.subarray(i, i + 1)))
    expect(out).toEqual([text])
  })

  it('several messages in one chunk, with CRLF keep-alives between, come out in order', () => {
    const a = message('')
    const b = message('hello é')
    const c = message('x'.repeat(300))
    const framer = new SipStreamFramer()
    expect(framer.push(Buffer.from(`\r\n\r\n${a}${b}\r\n${c}${a.slice(0, 20)}`))).toEqual([a, b, c])
    expect(framer.push(Buffer.from(a.slice(20)))).toEqual([a])
  })

  it('the body is counted in bytes, not characters', () => {
    const text = message('żółw')
    expect(new SipStreamFramer().push(Buffer.from(text))).toEqual([text])
  })

  it('refuses a header block over its limit, even before its end arrives', () => {
    const framer = new SipStreamFramer()
    const long = `X-Pad: ${'a'.repeat(SIP_STREAM_HEADER_BYTES_MAX)}`
    expect(() => framer.push(Buffer.from(long))).toThrow(
      `SIP header block over ${SIP_STREAM_HEADER_BYTES_MAX} bytes without its end`,
    )
    expect(() => new SipStreamFramer().push(Buffer.from(message('', long)))).toThrow(
      /header block of \d+ bytes over 16384/,
    )
  })

  it('refuses a body over its limit and a message without Content-Length', () => {
    const big = `INVITE sip:a SIP/2.0\r\nContent-Length: ${SIP_STREAM_BODY_BYTES_MAX + 1}\r\n\r\n`
    expect(() => new SipStreamFramer().push(Buffer.from(big))).toThrow(
      `SIP body of ${SIP_STREAM_BODY_BYTES_MAX + 1} bytes over ${SIP_STREAM_BODY_BYTES_MAX}`,
    )
    expect(() =>
      new SipStreamFramer().push(Buffer.from('OPTIONS sip:a SIP/2.0\r\nCall-ID: x\r\n\r\n')),
    ).toThrow('SIP message on a stream without Content-Length')
    expect(() =>
      new SipStreamFramer().push(Buffer.from('OPTIONS sip:a SIP/2.0\r\nl: -3\r\n\r\n')),
    ).toThrow('bad Content-Length: -3')
  })

  it('reads the compact form l: of Content-Length', () => {
    const text = 'OPTIONS sip:a SIP/2.0\r\nl: 2\r\n\r\nok'
    expect(new SipStreamFramer().push(Buffer.from(text))).toEqual([text])
  })
})
