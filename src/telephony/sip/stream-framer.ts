// SIP over a stream (RFC 3261 §18.3): TCP delivers bytes, not messages, so each connection's bytes
// are cut into messages by their Content-Length (mandatory on a stream). A chunk may hold part of
// a message or several; CRLFs between messages (keep-alive pings, RFC 5626 §3.5.1) are skipped.
// A header block or a body over its limit, or a message without Content-Length, is a
// SipFramingError: the connection can no longer be read in step and is closed by its owner.

/** Largest header block (start line and headers) accepted on a stream, in bytes. */
const SIP_STREAM_HEADER_BYTES_MAX = 16_384
/** Largest body accepted on a stream, in bytes (with the headers, under SIP_MESSAGE_BYTES_MAX). */
const SIP_STREAM_BODY_BYTES_MAX = 48_000

class SipFramingError extends Error {
  override name = 'SipFramingError'
}

const HEADERS_END = Buffer.from('\r\n\r\n')
const CONTENT_LENGTH = /^(?:content-length|l)[ \t]*:[ \t]*(\S*)[ \t]*$/im

export class SipStreamFramer {
  private pending: Buffer = Buffer.alloc(0)

  /** Adds bytes read from the stream; returns the messages now complete, in order. */
  push(chunk: Buffer): string[] {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk])
    const messages: string[] = []
    for (;;) {
      let start = 0
      while (
        start + 1 < this.pending.length &&
        this.pending[start] === 0x0d &&
        this.pending[start + 1] === 0x0a
      )
        start += 2
      if (start > 0) this.pending = this.pending.subarray(start)
      const end = this.pending.indexOf(HEADERS_END)
      if (end < 0) {
        if (this.pending.length > SIP_STREAM_HEADER_BYTES_MAX)
          throw new SipFramingError(
            `SIP header block over ${SIP_STREAM_HEADER_BYTES_MAX} bytes without its end`,
          )
        return messages
      }
      if (end > SIP_STREAM_HEADER_BYTES_MAX)
        throw new SipFramingError(
          `SIP header block of ${end} bytes over ${SIP_STREAM_HEADER_BYTES_MAX}`,
        )
      const head = this.pending.subarray(0, end).toString('utf8')
      const declared = CONTENT_LENGTH.exec(head)?.[1]
      if (declared === undefined)
        throw new SipFramingError('SIP message on a stream without Content-Length')
      if (!/^\d{1,9}$/.test(declared))
        throw new SipFramingError(`bad Content-Length: ${declared.slice(0, 20)}`)
      const bodyBytes = Number(declared)
      if (bodyBytes > SIP_STREAM_BODY_BYTES_MAX)
        throw new SipFramingError(
          `SIP body of ${bodyBytes} bytes over ${SIP_STREAM_BODY_BYTES_MAX}`,
        )
      const total = end + HEADERS_END.length + bodyBytes
      if (this.pending.length < total) return messages
      messages.push(this.pending.subarray(0, total).toString('utf8'))
      this.pending = this.pending.subarray(total)
    }
  }
}
