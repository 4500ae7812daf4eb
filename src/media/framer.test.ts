// Goal: chunks of any length (30 ms RTP packets, odd prompt pieces) come out as whole 20 ms frames
// holding the same samples in the same order, the remainder padded with silence on flush.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createFramer } from './framer.ts'

describe('framer', () => {
  it('30 ms packets become 20 ms frames: three packets, four and a half frames', () => {
    const framer = createFramer()
    const packet = (n: number) => Int16Array.from({ length: 240 }, (_, i) => n * 240 + i)
    const frames = [0, 1, 2].flatMap((n) => framer.push(packet(n)))
    expect(frames).toHaveLength(4)
    expect(frames.flatMap((f) => [...f])).toEqual(Array.from({ length: 640 }, (_, i) => i))
    const rest = framer.flush()!
    expect([...rest.subarray(0, 80)]).toEqual(Array.from({ length: 80 }, (_, i) => 640 + i))
    expect(rest.subarray(80).every((s) => s === 0)).toBe(true)
    expect(framer.flush()).toBeNull()
  })

  it('any chunking keeps every sample, in order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 500 }), { maxLength: 30 }), (sizes) => {
        const framer = createFramer(160)
        let next = 0
        const out: number[] = []
        for (const size of sizes) {
          const chunk = Int16Array.from({ length: size }, () => next++ % 30_000)
          for (const frame of framer.push(chunk)) out.push(...frame)
        }
        const whole = Math.floor(next / 160) * 160
        expect(out).toEqual(Array.from({ length: whole }, (_, i) => i % 30_000))
      }),
      { seed: 160, numRuns: 200 },
    )
  })
})
