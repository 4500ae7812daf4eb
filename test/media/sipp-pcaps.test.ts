// Goal: real RTP, as sipp sends it, goes through the media path end to end: the RFC 2833/4733 DTMF
// captures Debian's sip-tester ships become their digits once each (despite the repeated end
// packets), and the 7-second A-law capture (30 ms packets) passes the RTP parser, the jitter
// buffer, G.711 decoding and the 20 ms framer into the call progress analyzer, which hears its 6.5 s
// of continuous audio as a machine (and as live with AMD off). Off CI, a missing
// /usr/share/sip-tester skips loudly; with CI=true it fails.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cpaSchema } from '../../src/domain/campaign/cpa.ts'
import { type CpaOutcome, createCallProgressAnalyzer } from '../../src/media/cpa/analyzer.ts'
import { createDtmfReceiver, type DtmfDigit } from '../../src/media/dtmf.ts'
import { createFramer } from '../../src/media/framer.ts'
import { decodeG711 } from '../../src/media/g711.ts'
import { createJitterBuffer } from '../../src/media/jitter-buffer.ts'
import { parseRtp, type RtpPacket } from '../../src/media/rtp-packet.ts'

const DIR = '/usr/share/sip-tester'
const present = existsSync(join(DIR, 'g711a.pcap'))
if (!present) {
  const message = `${DIR} is missing (apt-get install sip-tester)`
  if (process.env.CI === 'true') throw new Error(`${message}: CI installs it`)
  console.warn(`\n*** SKIPPED the sipp capture suite: ${message} ***\n`)
}

interface Captured {
  atMs: number
  packet: RtpPacket
}

/** The RTP packets of a classic little-endian pcap of Ethernet/IPv4/UDP frames, with arrival times. */
function rtpFromPcap(file: string): Captured[] {
  const bytes = new Uint8Array(readFileSync(join(DIR, file)))
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  expect(view.getUint32(0, true)).toBe(0xa1b2c3d4)
  expect(view.getUint32(20, true)).toBe(1) // link type Ethernet
  const out: Captured[] = []
  let first: number | null = null
  for (let at = 24; at + 16 <= bytes.length; ) {
    const sec = view.getUint32(at, true)
    const usec = view.getUint32(at + 4, true)
    const length = view.getUint32(at + 8, true)
    const frame = bytes.subarray(at + 16, at + 16 + length)
    at += 16 + length
    const ipHeader = (frame[14]! & 0x0f) * 4
    const udpPayload = frame.subarray(14 + ipHeader + 8)
    const ms = sec * 1000 + usec / 1000
    first ??= ms
    out.push({ atMs: ms - first, packet: parseRtp(udpPayload) })
  }
  return out
}

describe.skipIf(!present)('sipp captures through the media path (issue 14)', () => {
  it('each RFC 2833 capture gives its one digit', () => {
    const names: [string, string][] = [
      ...Array.from({ length: 10 }, (_, d): [string, string] => [`dtmf_2833_${d}.pcap`, `${d}`]),
      ['dtmf_2833_pound.pcap', '#'],
      ['dtmf_2833_star.pcap', '*'],
    ]
    for (const [file, digit] of names) {
      const receiver = createDtmfReceiver()
      const digits: DtmfDigit[] = []
      for (const { packet } of rtpFromPcap(file)) {
        expect(packet.payloadType).toBe(101)
        const got = receiver.push(packet)
        if (got) digits.push(got)
      }
      expect(receiver.flush()).toBeNull()
      expect(
        digits.map((d) => d.digit),
        file,
      ).toEqual([digit])
      expect(digits[0]!.ended).toBe(true)
      expect(digits[0]!.durationMs).toBe(280)
    }
  })

  it('the A-law capture: RTP → jitter buffer → G.711 → 20 ms frames → a machine', () => {
    const captured = rtpFromPcap('g711a.pcap')
    expect(captured).toHaveLength(236)
    expect(
      captured.every((c) => c.packet.payloadType === 8 && c.packet.payload.length === 240),
    ).toBe(true)
    const analyse = (params: ReturnType<typeof cpaSchema.parse>): CpaOutcome => {
      const jitter = createJitterBuffer({ depthMs: 60, packetMs: 30 })
      const framer = createFramer()
      const analyzer = createCallProgressAnalyzer(params)
      const feed = (nowMs: number): CpaOutcome | null => {
        for (const out of jitter.pull(nowMs))
          for (const frame of framer.push(out.pcm)) {
            const outcome = analyzer.push(frame)
            if (outcome) return outcome
          }
        return null
      }
      for (const { atMs, packet } of captured) {
        const outcome = feed(atMs)
        if (outcome) return outcome
        expect(jitter.push(packet.sequenceNumber, decodeG711(packet.payload, 'a'), atMs)).toBe(
          'queued',
        )
      }
      return feed(captured.at(-1)!.atMs + 100) ?? analyzer.finish()
    }
    const amd = analyse(cpaSchema.parse({ cpaEnabled: true, amdEnabled: true }))
    expect(amd.decision).toBe('machine')
    // The capture is quiet for its first 0.6 s.
    expect(amd.evidence.speechOnsetMs).toBeGreaterThanOrEqual(560)
    expect(amd.atMs).toBeLessThanOrEqual(amd.evidence.speechOnsetMs! + 1000 + 20)
    const noAmd = analyse(cpaSchema.parse({ cpaEnabled: true }))
    expect(noAmd.decision).toBe('live')
  })
})
