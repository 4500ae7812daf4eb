// Goal: the jitter buffer plays packets in sequence order a fixed depth after the first arrived,
// across the 16-bit wrap, drops duplicates and late packets, conceals losses by repeat-then-silence
// or silence, restarts on a sequence jump, and refuses a depth outside its limit.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createJitterBuffer, JITTER_DEPTH_MS_MAX, REPEAT_FRAMES_MAX } from './jitter-buffer.ts'
import { MediaFormatError } from './media-error.ts'

const frame = (value: number) => new Int16Array(160).fill(value)

describe('jitter buffer', () => {
  it('reorders packets and plays them depthMs after the first arrived', () => {
    const jb = createJitterBuffer({ depthMs: 60 })
    expect(jb.pull(1000)).toEqual([])
    expect(jb.push(11, frame(11), 1000)).toBe('queued')
    expect(jb.push(13, frame(13), 1005)).toBe('queued')
    expect(jb.push(12, frame(12), 1010)).toBe('queued')
    expect(jb.pull(1059)).toEqual([])
    const out = [...jb.pull(1060), ...jb.pull(1100)]
    expect(out.map((f) => [f.sequenceNumber, f.pcm[0], f.lost])).toEqual([
      [11, 11, false],
      [12, 12, false],
      [13, 13, false],
    ])
  })

  it('crosses the 16-bit wrap in order', () => {
    const jb = createJitterBuffer({ depthMs: 40 })
    for (const [seq, at] of [
      [65_534, 0],
      [0, 1],
      [65_535, 2],
      [1, 3],
    ] as const)
      jb.push(seq, frame(seq), at)
    expect(jb.pull(100).map((f) => f.sequenceNumber)).toEqual([65_534, 65_535, 0, 1])
  })

  it('drops duplicates and packets whose turn has passed', () => {
    const jb = createJitterBuffer({ depthMs: 20 })
    jb.push(100, frame(1), 0)
    expect(jb.push(100, frame(2), 1)).toBe('duplicate')
    jb.pull(40) // plays 100 and (lost) 101
    expect(jb.push(101, frame(3), 41)).toBe('late')
    expect(jb.push(99, frame(3), 41)).toBe('late')
    expect(jb.stats).toMatchObject({ queued: 1, duplicates: 1, late: 2, lost: 1 })
  })

  it('conceals a loss by repeating, then silence; or by silence', () => {
    const jb = createJitterBuffer({ depthMs: 0 })
    jb.push(1, frame(7), 0)
    const out = jb.pull(20 * (REPEAT_FRAMES_MAX + 2))
    expect(out.map((f) => [f.lost, f.pcm[0]])).toEqual([
      [false, 7],
      [true, 7],
      [true, 7],
      [true, 0],
      [true, 0],
    ])
    const quiet = createJitterBuffer({ depthMs: 0, concealment: 'silence' })
    quiet.push(1, frame(7), 0)
    expect(quiet.pull(20).map((f) => f.pcm[0])).toEqual([7, 0])
  })

  it('a jump of more than RESYNC_PACKETS restarts the stream', () => {
    const jb = createJitterBuffer({ depthMs: 20 })
    jb.push(10, frame(1), 0)
    expect(jb.push(5000, frame(2), 5)).toBe('resync')
    expect(jb.pull(24)).toEqual([])
    expect(jb.pull(25).map((f) => f.sequenceNumber)).toEqual([5000])
  })

  it('any arrival order within the depth plays every packet exactly once, in order', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0xffff }),
        fc.array(fc.integer({ min: 0, max: 59 }), { minLength: 30, maxLength: 30 }),
        (first, jitterMs) => {
          const jb = createJitterBuffer({ depthMs: 100 })
          const sends = jitterMs
            .map((j, i) => ({ seq: (first + i) & 0xffff, at: i * 20 + j + (i === 0 ? 0 : 1) }))
            .sort((a, b) => a.at - b.at)
          const got: number[] = []
          for (const s of sends) {
            got.push(...jb.pull(s.at - 1).map((f) => f.sequenceNumber))
            jb.push(s.seq, frame(s.seq), s.at)
          }
          got.push(...jb.pull(10_000).map((f) => f.sequenceNumber))
          const played = got.slice(0, 30)
          expect(played).toEqual(jitterMs.map((_, i) => (first + i) & 0xffff))
        },
      ),
      { seed: 20, numRuns: 200 },
    )
  })

  it('plays 30 ms packets every 30 ms, concealing with 30 ms of silence', () => {
    const jb = createJitterBuffer({ depthMs: 0, packetMs: 30, concealment: 'silence' })
    jb.push(1, new Int16Array(240).fill(1), 0)
    jb.push(3, new Int16Array(240).fill(3), 5)
    const out = jb.pull(60)
    expect(out.map((f) => [f.sequenceNumber, f.pcm.length, f.pcm[0], f.lost])).toEqual([
      [1, 240, 1, false],
      [2, 240, 0, true],
      [3, 240, 3, false],
    ])
    expect(() => createJitterBuffer({ packetMs: 5 })).toThrow(/packetMs/)
  })

  it('refuses a depth outside 0–JITTER_DEPTH_MS_MAX', () => {
    expect(() => createJitterBuffer({ depthMs: JITTER_DEPTH_MS_MAX + 1 })).toThrow(MediaFormatError)
    expect(() => createJitterBuffer({ depthMs: -1 })).toThrow(/depthMs/)
    expect(() => createJitterBuffer().push(70_000, frame(0), 0)).toThrow(/sequenceNumber/)
  })
})
