// Goal: RFC 4733 telephone events become digits once each — on the first end packet, ignoring the
// repeated ends, with the right duration — and a digit whose end packets were all lost is still
// reported (at the next event or at flush); short payloads are a MediaFormatError.
import { describe, expect, it } from 'vitest'
import { createDtmfReceiver, parseTelephoneEvent } from './dtmf.ts'
import { MediaFormatError } from './media-error.ts'

function payload(event: number, end: boolean, duration: number, volume = 10): Uint8Array {
  return Uint8Array.of(event, (end ? 0x80 : 0) | volume, duration >> 8, duration & 0xff)
}

/** The packets a phone sends for one key: growing durations, then three end packets. */
function key(event: number, timestamp: number, durationMs = 100) {
  const units = durationMs * 8
  const packets = []
  for (let d = 160; d < units; d += 160)
    packets.push({ timestamp, payload: payload(event, false, d) })
  for (let i = 0; i < 3; i++) packets.push({ timestamp, payload: payload(event, true, units) })
  return packets
}

describe('DTMF (RFC 4733)', () => {
  it('parses the event payload', () => {
    expect(parseTelephoneEvent(payload(11, true, 800, 7))).toEqual({
      event: 11,
      end: true,
      volume: 7,
      duration: 800,
    })
    expect(() => parseTelephoneEvent(Uint8Array.of(1, 2, 3))).toThrow(MediaFormatError)
  })

  it('a key pressed twice, then #, gives three digits, once each, with durations', () => {
    const rx = createDtmfReceiver()
    const packets = [...key(5, 1000), ...key(5, 3000, 160), ...key(11, 6000, 80)]
    const digits = packets.map((p) => rx.push(p)).filter((d) => d !== null)
    expect(digits).toEqual([
      { digit: '5', timestamp: 1000, durationMs: 100, ended: true },
      { digit: '5', timestamp: 3000, durationMs: 160, ended: true },
      { digit: '#', timestamp: 6000, durationMs: 80, ended: true },
    ])
    expect(rx.flush()).toBeNull()
  })

  it('lost end packets: the digit comes with the next event, or at flush', () => {
    const rx = createDtmfReceiver()
    expect(rx.push({ timestamp: 10, payload: payload(1, false, 400) })).toBeNull()
    expect(rx.push({ timestamp: 900, payload: payload(2, false, 160) })).toEqual({
      digit: '1',
      timestamp: 10,
      durationMs: 50,
      ended: false,
    })
    expect(rx.flush()).toMatchObject({ digit: '2', ended: false })
    expect(rx.flush()).toBeNull()
  })

  it('events that are not DTMF digits (flash, 16) are not reported', () => {
    const rx = createDtmfReceiver()
    expect(
      key(16, 50)
        .map((p) => rx.push(p))
        .filter(Boolean),
    ).toEqual([])
  })
})
