// Goal: an RTP sender numbers packets and stamps them by samples sent, both wrapping, marks the first
// packet of each talkspurt, keeps its SSRC and payload type, and refuses bad starting values.
import { describe, expect, it } from 'vitest'
import { encodeG711 } from './g711.ts'
import { MediaFormatError } from './media-error.ts'
import { parseRtp } from './rtp-packet.ts'
import { createRtpSender } from './rtp-sender.ts'
import { zipTone } from './tone-gen.ts'

describe('RTP sender', () => {
  it('sequence and timestamp advance and wrap; the marker opens each talkspurt', () => {
    const sender = createRtpSender({
      ssrc: 0xabcdef01,
      payloadType: 0,
      firstSequenceNumber: 65_535,
      firstTimestamp: 0xffffff00,
    })
    const frame = encodeG711(zipTone().subarray(0, 160), 'mu')
    const sent = [1, 2, 3].map(() => parseRtp(sender.packet(frame, 160)))
    expect(sent.map((p) => p.sequenceNumber)).toEqual([65_535, 0, 1])
    expect(sent.map((p) => p.timestamp)).toEqual([0xffffff00, 0xffffffa0 >>> 0, 0x40])
    expect(sent.map((p) => p.marker)).toEqual([true, false, false])
    expect(sent.every((p) => p.ssrc === 0xabcdef01 && p.payloadType === 0)).toBe(true)
    expect(sent[0]!.payload).toEqual(frame)
    sender.skip(800)
    sender.startTalkspurt()
    const next = parseRtp(sender.packet(frame, 160))
    expect(next).toMatchObject({ sequenceNumber: 2, timestamp: 0x40 + 160 + 800, marker: true })
  })

  it('bad values are a MediaFormatError', () => {
    const sender = createRtpSender({
      ssrc: 1,
      payloadType: 8,
      firstSequenceNumber: 0,
      firstTimestamp: 0,
    })
    expect(() => sender.packet(new Uint8Array(160), -1)).toThrow(MediaFormatError)
    expect(() => sender.skip(1.5)).toThrow(/samples/)
    const bad = createRtpSender({
      ssrc: 1,
      payloadType: 200,
      firstSequenceNumber: 0,
      firstTimestamp: 0,
    })
    expect(() => bad.packet(new Uint8Array(1), 1)).toThrow(/payloadType: 200/)
  })
})
