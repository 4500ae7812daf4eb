// Goal: RTP headers (RFC 3550) parse and serialise losslessly with CSRCs, extensions, padding and
// the marker bit; a known PCMU packet reads as expected; truncated or inconsistent packets, and any
// random bytes, fail only with a MediaFormatError naming the field.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MediaFormatError } from './media-error.ts'
import { parseRtp, type RtpPacket, serializeRtp } from './rtp-packet.ts'

const BASE: RtpPacket = {
  marker: false,
  payloadType: 0,
  sequenceNumber: 0x1234,
  timestamp: 0xdeadbeef,
  ssrc: 0x01020304,
  csrc: [],
  payload: Uint8Array.of(0xff, 0x7f, 0x00),
  paddingBytes: 0,
}

/** BASE with the P bit set and its last byte (the padding count) set to `count`. */
function padded(count: number): Uint8Array {
  const bytes = serializeRtp(BASE)
  bytes[0] = 0xa0
  bytes[bytes.length - 1] = count
  return bytes
}

describe('RTP packets', () => {
  it('reads a hand-made PCMU packet', () => {
    const bytes = Uint8Array.of(
      0x80,
      0x80,
      0x00,
      0x07,
      0,
      0,
      0x03,
      0x20,
      0xca,
      0xfe,
      0xba,
      0xbe,
      0xff,
      0xfe,
    )
    expect(parseRtp(bytes)).toEqual({
      marker: true,
      payloadType: 0,
      sequenceNumber: 7,
      timestamp: 800,
      ssrc: 0xcafebabe,
      csrc: [],
      payload: Uint8Array.of(0xff, 0xfe),
      paddingBytes: 0,
    })
  })

  it('round-trips CSRCs, an extension, padding and the marker', () => {
    const packet: RtpPacket = {
      ...BASE,
      marker: true,
      payloadType: 101,
      csrc: [1, 0xffffffff],
      extension: { profile: 0xbede, data: Uint8Array.of(0x10, 0xaa, 0, 0) },
      paddingBytes: 3,
    }
    const bytes = serializeRtp(packet)
    expect(bytes.length).toBe(12 + 8 + 8 + 3 + 3)
    expect(parseRtp(bytes)).toEqual(packet)
  })

  it('round-trips any valid packet', () => {
    const packet = fc.record({
      marker: fc.boolean(),
      payloadType: fc.integer({ min: 0, max: 127 }),
      sequenceNumber: fc.integer({ min: 0, max: 0xffff }),
      timestamp: fc.nat({ max: 0xffffffff }),
      ssrc: fc.nat({ max: 0xffffffff }),
      csrc: fc.array(fc.nat({ max: 0xffffffff }), { maxLength: 15 }),
      payload: fc.uint8Array({ maxLength: 200 }),
      paddingBytes: fc.integer({ min: 0, max: 255 }),
    })
    fc.assert(
      fc.property(packet, (p) => {
        expect(parseRtp(serializeRtp(p))).toEqual(p)
      }),
      { seed: 3550, numRuns: 300 },
    )
  })

  it('inconsistent packets name the field', () => {
    const good = serializeRtp({ ...BASE, csrc: [9] })
    const cases: [Uint8Array, RegExp][] = [
      [good.subarray(0, 11), /rtp header: packet is 11 bytes/],
      [Uint8Array.from(good, (b, i) => (i === 0 ? 0x41 : b)), /rtp version: 1/],
      [good.subarray(0, 14), /rtp csrc: 1 CSRCs need 16 bytes/],
      [Uint8Array.from(serializeRtp(BASE), (b, i) => (i === 0 ? 0x90 : b)), /rtp extension/],
      [padded(0), /padding count is 0/],
      [padded(9), /count 9 exceeds/],
    ]
    for (const [bytes, message] of cases) expect(() => parseRtp(bytes)).toThrow(message)
    expect(() => serializeRtp({ ...BASE, payloadType: 128 })).toThrow(/payloadType: 128/)
    expect(() => serializeRtp({ ...BASE, sequenceNumber: 65_536 })).toThrow(MediaFormatError)
    expect(() =>
      serializeRtp({ ...BASE, extension: { profile: 1, data: new Uint8Array(3) } }),
    ).toThrow(/multiple of 4/)
  })

  it('random bytes never throw anything but MediaFormatError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
        try {
          parseRtp(bytes)
        } catch (error) {
          expect(error).toBeInstanceOf(MediaFormatError)
        }
      }),
      { seed: 4733, numRuns: 1000 },
    )
  })
})
