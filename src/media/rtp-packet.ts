// RTP packets (RFC 3550 §5.1): the fixed 12-byte header, CSRC list, header extension and padding,
// parsed with bounds checks and written back. Bad input throws only MediaFormatError naming the
// field. The payload is returned as a view into the input (no copy).
import { MediaFormatError } from './media-error.ts'

export const RTP_HEADER_BYTES = 12
export const RTP_VERSION = 2
export const RTP_CSRC_MAX = 15
/** Largest RTP packet accepted: the largest UDP payload over IPv4. */
export const RTP_PACKET_BYTES_MAX = 65_507

export interface RtpExtension {
  /** The 16-bit profile-defined value (0xBEDE for RFC 8285 one-byte headers). */
  profile: number
  /** The extension body, a multiple of 4 bytes. */
  data: Uint8Array
}

export interface RtpPacket {
  marker: boolean
  payloadType: number
  sequenceNumber: number
  timestamp: number
  ssrc: number
  csrc: number[]
  extension?: RtpExtension
  payload: Uint8Array
  /** Padding bytes after the payload (0 when the P bit is clear). */
  paddingBytes: number
}

function fail(where: string, message: string): never {
  throw new MediaFormatError('rtp', where, message)
}

/** Parses one RTP packet. */
export function parseRtp(bytes: Uint8Array): RtpPacket {
  if (bytes.byteLength < RTP_HEADER_BYTES)
    fail('header', `packet is ${bytes.byteLength} bytes, needs ${RTP_HEADER_BYTES}`)
  if (bytes.byteLength > RTP_PACKET_BYTES_MAX)
    fail('packet', `${bytes.byteLength} bytes; RTP_PACKET_BYTES_MAX is ${RTP_PACKET_BYTES_MAX}`)
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const first = view.getUint8(0)
  const version = first >> 6
  if (version !== RTP_VERSION) fail('version', `${version}; RTP is version ${RTP_VERSION}`)
  const hasPadding = (first & 0x20) !== 0
  const hasExtension = (first & 0x10) !== 0
  const csrcCount = first & 0x0f
  const second = view.getUint8(1)
  let at = RTP_HEADER_BYTES
  if (bytes.byteLength < at + csrcCount * 4)
    fail(
      'csrc',
      `${csrcCount} CSRCs need ${at + csrcCount * 4} bytes, packet has ${bytes.byteLength}`,
    )
  const csrc: number[] = []
  for (let i = 0; i < csrcCount; i++, at += 4) csrc.push(view.getUint32(at))
  let extension: RtpExtension | undefined
  if (hasExtension) {
    if (bytes.byteLength < at + 4) fail('extension', 'X bit set but no extension header')
    const profile = view.getUint16(at)
    const words = view.getUint16(at + 2)
    const end = at + 4 + words * 4
    if (end > bytes.byteLength)
      fail('extension', `says ${words} words, only ${bytes.byteLength - at - 4} bytes remain`)
    extension = { profile, data: bytes.subarray(at + 4, end) }
    at = end
  }
  let end = bytes.byteLength
  let paddingBytes = 0
  if (hasPadding) {
    if (end === at) fail('padding', 'P bit set but no padding count byte')
    paddingBytes = view.getUint8(end - 1)
    if (paddingBytes === 0) fail('padding', 'padding count is 0 (it counts itself)')
    if (paddingBytes > end - at)
      fail('padding', `count ${paddingBytes} exceeds the ${end - at} bytes after the header`)
    end -= paddingBytes
  }
  return {
    marker: (second & 0x80) !== 0,
    payloadType: second & 0x7f,
    sequenceNumber: view.getUint16(2),
    timestamp: view.getUint32(4),
    ssrc: view.getUint32(8),
    csrc,
    ...(extension ? { extension } : {}),
    payload: bytes.subarray(at, end),
    paddingBytes,
  }
}

function check(field: string, value: number, max: number): void {
  if (!Number.isInteger(value) || value < 0 || value > max)
    throw new MediaFormatError('rtp', field, `${value} is outside 0–${max}`)
}

/** Writes one RTP packet (padding bytes are zeros ending in their count). */
export function serializeRtp(packet: RtpPacket): Uint8Array {
  check('payloadType', packet.payloadType, 0x7f)
  check('sequenceNumber', packet.sequenceNumber, 0xffff)
  check('timestamp', packet.timestamp, 0xffffffff)
  check('ssrc', packet.ssrc, 0xffffffff)
  check('csrc count', packet.csrc.length, RTP_CSRC_MAX)
  check('paddingBytes', packet.paddingBytes, 0xff)
  const ext = packet.extension
  if (ext) {
    check('extension profile', ext.profile, 0xffff)
    if (ext.data.byteLength % 4 !== 0)
      throw new MediaFormatError(
        'rtp',
        'extension',
        `${ext.data.byteLength} bytes, not a multiple of 4`,
      )
    check('extension words', ext.data.byteLength / 4, 0xffff)
  }
  const extBytes = ext ? 4 + ext.data.byteLength : 0
  const length =
    RTP_HEADER_BYTES +
    packet.csrc.length * 4 +
    extBytes +
    packet.payload.byteLength +
    packet.paddingBytes
  if (length > RTP_PACKET_BYTES_MAX)
    throw new MediaFormatError(
      'rtp',
      'packet',
      `${length} bytes; RTP_PACKET_BYTES_MAX is ${RTP_PACKET_BYTES_MAX}`,
    )
  const out = new Uint8Array(length)
  const view = new DataView(out.buffer)
  view.setUint8(
    0,
    (RTP_VERSION << 6) |
      (packet.paddingBytes > 0 ? 0x20 : 0) |
      (ext ? 0x10 : 0) |
      packet.csrc.length,
  )
  view.setUint8(1, (packet.marker ? 0x80 : 0) | packet.payloadType)
  view.setUint16(2, packet.sequenceNumber)
  view.setUint32(4, packet.timestamp)
  view.setUint32(8, packet.ssrc)
  let at = RTP_HEADER_BYTES
  for (const id of packet.csrc) {
    check('csrc', id, 0xffffffff)
    view.setUint32(at, id)
    at += 4
  }
  if (ext) {
    view.setUint16(at, ext.profile)
    view.setUint16(at + 2, ext.data.byteLength / 4)
    out.set(ext.data, at + 4)
    at += extBytes
  }
  out.set(packet.payload, at)
  if (packet.paddingBytes > 0) out[length - 1] = packet.paddingBytes
  return out
}
