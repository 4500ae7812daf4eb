// Goal (issue 14): RTP headers are written and read per RFC 3550 (version 2, marker, payload type,
// sequence, timestamp, SSRC; CSRCs, extension and padding skipped; non-RTP refused), and received
// audio of any packet length is cut into the 20 ms frames the CPA analyzer takes.
import { describe, expect, it } from 'vitest'
import { PcmFramer, readRtp, writeRtp } from './rtp.ts'

describe('RTP header', () => {
  it('writes and reads back every field', () => {
    const header = {
      payloadType: 8,
      marker: true,
      sequence: 65_535,
      timestamp: 0xfffffff0,
      ssrc: 0xdeadbeef,
    }
    const packet = writeRtp(header, new Uint8Array(160).fill(0xd5))
    expect(packet.length).toBe(172)
    const read = readRtp(packet)
    expect(read?.header).toEqual(header)
    expect(read?.payload.length).toBe(160)
  })

  it('skips CSRCs, the extension and padding; refuses what is not RTP v2', () => {
    const payload = new Uint8Array([1, 2, 3])
    const packet = Buffer.concat([
      Buffer.from([0x80 | 0x20 | 0x10 | 0x01, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3]),
      Buffer.from([0, 0, 0, 9]), // one CSRC
      Buffer.from([0xbe, 0xde, 0, 1, 7, 7, 7, 7]), // extension of one word
      Buffer.from(payload),
      Buffer.from([0, 2]), // two bytes of padding
    ])
    expect([...(readRtp(packet)?.payload ?? [])]).toEqual([...payload])
    expect(readRtp(Buffer.from([0x40, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]))).toBeNull()
    expect(readRtp(Buffer.from([0x80, 0]))).toBeNull()
  })
})

describe('PcmFramer', () => {
  it('cuts 30 ms packets into 20 ms frames, samples in order', () => {
    const framer = new PcmFramer()
    const packet = (start: number) => Int16Array.from({ length: 240 }, (_, i) => start + i)
    const frames = [...framer.push(packet(0)), ...framer.push(packet(240))]
    expect(frames.map((f) => f.length)).toEqual([160, 160, 160])
    expect(frames.flatMap((f) => [...f])).toEqual(Array.from({ length: 480 }, (_, i) => i))
  })
})
