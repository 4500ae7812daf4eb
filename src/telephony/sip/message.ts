// SIP messages (RFC 3261 §7): parse a datagram's text into a request or a response, and write one
// back. Header names are kept lower-case with the compact forms expanded (§7.3.3), in order;
// Content-Length is checked against the body and always written from it. Anything malformed is a
// SipParseError, which the transport counts and logs (it never escapes the socket handler).

/** Largest SIP datagram accepted, in bytes (RFC 3261 §18.1.1 path MTU advice, with room). */
export const SIP_MESSAGE_BYTES_MAX = 65_000
/** Most header lines one message may carry. */
export const SIP_HEADERS_MAX = 200

export class SipParseError extends Error {
  override name = 'SipParseError'
}

export type SipHeaders = [name: string, value: string][]

export interface SipRequest {
  kind: 'request'
  method: string
  uri: string
  headers: SipHeaders
  body: string
}

export interface SipResponse {
  kind: 'response'
  status: number
  reason: string
  headers: SipHeaders
  body: string
}

export type SipMessage = SipRequest | SipResponse

const COMPACT: Record<string, string> = {
  v: 'via',
  f: 'from',
  t: 'to',
  i: 'call-id',
  m: 'contact',
  l: 'content-length',
  c: 'content-type',
  k: 'supported',
  s: 'subject',
  e: 'content-encoding',
}

const TOKEN = /^[A-Za-z0-9.!%*_+`'~-]+$/
const REQUEST_LINE = /^([A-Za-z0-9.!%*_+`'~-]+) (\S+) SIP\/2\.0$/
const STATUS_LINE = /^SIP\/2\.0 ([1-6]\d\d) ?(.*)$/

/** Parses one SIP message; throws SipParseError on anything malformed. */
export function parseMessage(text: string): SipMessage {
  if (text.length > SIP_MESSAGE_BYTES_MAX) throw new SipParseError('message too large')
  const split = text.indexOf('\r\n\r\n')
  if (split < 0) throw new SipParseError('no empty line after the headers')
  const lines = text.slice(0, split).split('\r\n')
  let body = text.slice(split + 4)
  const start = lines.shift() ?? ''
  const headers: SipHeaders = []
  for (const line of lines) {
    if (line.startsWith(' ') || line.startsWith('\t')) {
      const last = headers.at(-1)
      if (!last) throw new SipParseError('continuation line before any header')
      last[1] = `${last[1]} ${line.trim()}`
      continue
    }
    const colon = line.indexOf(':')
    if (colon <= 0) throw new SipParseError(`header line without a name: ${line.slice(0, 40)}`)
    const raw = line.slice(0, colon).trim().toLowerCase()
    if (!TOKEN.test(raw)) throw new SipParseError(`bad header name: ${raw.slice(0, 40)}`)
    if (headers.length >= SIP_HEADERS_MAX) throw new SipParseError('too many headers')
    headers.push([COMPACT[raw] ?? raw, line.slice(colon + 1).trim()])
  }
  for (const required of ['via', 'from', 'to', 'call-id', 'cseq']) {
    if (!headers.some(([name]) => name === required))
      throw new SipParseError(`missing ${required} header`)
  }
  if (!parseCSeq(headerOf(headers, 'cseq') ?? '')) throw new SipParseError('bad CSeq')
  const length = headerOf(headers, 'content-length')
  if (length !== undefined) {
    if (!/^\d+$/.test(length)) throw new SipParseError('bad Content-Length')
    const bytes = Buffer.from(body, 'utf8')
    const declared = Number(length)
    if (declared > bytes.length) throw new SipParseError('body shorter than Content-Length')
    body = bytes.subarray(0, declared).toString('utf8')
  }
  const request = REQUEST_LINE.exec(start)
  if (request) return { kind: 'request', method: request[1]!, uri: request[2]!, headers, body }
  const status = STATUS_LINE.exec(start)
  if (status)
    return { kind: 'response', status: Number(status[1]), reason: status[2]!, headers, body }
  throw new SipParseError(`bad start line: ${start.slice(0, 60)}`)
}

const CANONICAL: Record<string, string> = {
  'call-id': 'Call-ID',
  cseq: 'CSeq',
  'www-authenticate': 'WWW-Authenticate',
  'p-asserted-identity': 'P-Asserted-Identity',
}

function canonical(name: string): string {
  return (
    CANONICAL[name] ?? name.replace(/(^|-)([a-z])/g, (_, dash, c: string) => dash + c.toUpperCase())
  )
}

/** Writes a message; Content-Length always comes from the body. */
export function serializeMessage(message: SipMessage): string {
  const start =
    message.kind === 'request'
      ? `${message.method} ${message.uri} SIP/2.0`
      : `SIP/2.0 ${message.status} ${message.reason}`
  const lines = [start]
  for (const [name, value] of message.headers) {
    if (name !== 'content-length') lines.push(`${canonical(name)}: ${value}`)
  }
  lines.push(`Content-Length: ${Buffer.byteLength(message.body, 'utf8')}`)
  return `${lines.join('\r\n')}\r\n\r\n${message.body}`
}

function headerOf(headers: SipHeaders, name: string): string | undefined {
  return headers.find(([n]) => n === name)?.[1]
}

/** The first value of a header (name lower-case). */
export function header(message: SipMessage, name: string): string | undefined {
  return headerOf(message.headers, name)
}

export function parseCSeq(value: string): { seq: number; method: string } | null {
  const m = /^(\d{1,10})\s+([A-Za-z]+)$/.exec(value.trim())
  return m ? { seq: Number(m[1]), method: m[2]!.toUpperCase() } : null
}

/** A header parameter (`;tag=…`, `;branch=…`) outside the angle brackets, or undefined. */
export function headerParam(value: string, param: string): string | undefined {
  const close = value.lastIndexOf('>')
  const tail = close >= 0 ? value.slice(close + 1) : value
  for (const part of tail.split(';').slice(1)) {
    const [key, v] = part.split('=')
    if (key?.trim().toLowerCase() === param) return v?.trim() ?? ''
  }
  return undefined
}

/** The URI of a name-addr (`"Bob" <sip:bob@h>;tag=1`) or an addr-spec (`sip:bob@h;tag=1`). */
export function addressUri(value: string): string {
  const open = value.indexOf('<')
  if (open >= 0) return value.slice(open + 1, value.indexOf('>', open))
  return value.split(';')[0]!.trim()
}

/** Where to send to reach a SIP URI (`sip:user@host:port`): its host and port (5060 by default). */
export function uriPeer(uri: string): { host: string; port: number } | null {
  const m = /^sips?:(?:[^@]*@)?([^:;>?]+)(?::(\d+))?/.exec(uri)
  return m ? { host: m[1]!, port: m[2] ? Number(m[2]) : 5060 } : null
}
