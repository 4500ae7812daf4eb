// Goal: the seeded PRNG is reproducible (golden values pinned forever), its named streams are
// independent of one another and of who else draws, and its helpers respect their ranges.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createRng, createStream } from './rng.ts'

const draw = <T>(count: number, next: () => T): T[] => Array.from({ length: count }, next)

describe('createRng', () => {
  it('replays golden values for a seed and stream name (changing these breaks every replay)', () => {
    const answer = createRng(42).stream('answerModel')
    expect(draw(4, () => answer.next())).toEqual([
      0.6177997132763267, 0.7576748158317059, 0.1155133715365082, 0.6673919055610895,
    ])
    const talk = createRng(42).stream('talk')
    expect(draw(4, () => talk.int(1, 1000))).toEqual([793, 288, 514, 761])
    const wideSeed = createRng(2 ** 40 + 7).stream('answerModel')
    expect(draw(2, () => wideSeed.next())).toEqual([0.8675313992425799, 0.2089908116031438])
  })

  it('gives a stream the same numbers whether or not other streams are used', () => {
    const alone = createRng(7).stream('talk')
    const expected = draw(100, () => alone.next())
    const busy = createRng(7)
    const other = busy.stream('answer')
    draw(1000, () => other.next())
    const interleaved = busy.stream('talk')
    const newcomer = busy.stream('newConsumer')
    const got = draw(100, () => {
      newcomer.next()
      return interleaved.next()
    })
    expect(got).toEqual(expected)
  })

  it('returns the same advancing stream for the same name', () => {
    const rng = createRng(1)
    expect(rng.stream('a')).toBe(rng.stream('a'))
  })

  it('makes different names and different seeds give different sequences', () => {
    const first = (seed: number, name: string) => createStream(seed, name).next()
    expect(first(1, 'a')).not.toBe(first(1, 'b'))
    expect(first(1, 'a')).not.toBe(first(2, 'a'))
    expect(first(0, 'a')).not.toBe(first(2 ** 32, 'a'))
  })

  it('draws next() in [0, 1) with a uniform mean and no correlation between streams', () => {
    const rng = createRng(99)
    const left = rng.stream('left')
    const right = rng.stream('right')
    const count = 100_000
    let sum = 0
    let product = 0
    let outOfRange = 0
    for (let index = 0; index < count; index++) {
      const x = left.next()
      const y = right.next()
      if (!(x >= 0 && x < 1)) outOfRange++
      sum += x
      product += (x - 0.5) * (y - 0.5)
    }
    expect(outOfRange).toBe(0)
    expect(sum / count).toBeCloseTo(0.5, 2)
    // Covariance of independent U(0,1) is 0 with sd 1/(12·sqrt(n)) ≈ 2.6e-4.
    expect(Math.abs(product / count)).toBeLessThan(0.0015)
  })
})

describe('Random helpers', () => {
  it('int stays within inclusive bounds and reaches both ends', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: -50, max: 50 }), fc.nat(20), (seed, lo, span) => {
        const random = createStream(seed, 'int')
        const seen = new Set<number>()
        for (let index = 0; index < 400; index++) {
          const value = random.int(lo, lo + span)
          expect(Number.isInteger(value)).toBe(true)
          expect(value).toBeGreaterThanOrEqual(lo)
          expect(value).toBeLessThanOrEqual(lo + span)
          seen.add(value)
        }
        expect(seen.has(lo)).toBe(true)
        expect(seen.has(lo + span)).toBe(true)
      }),
      { numRuns: 50 },
    )
  })

  it('bernoulli honours 0, 1 and its rate', () => {
    const random = createStream(5, 'coin')
    expect(draw(1000, () => Number(random.bernoulli(0))).every((v) => v === 0)).toBe(true)
    expect(draw(1000, () => Number(random.bernoulli(1))).every((v) => v === 1)).toBe(true)
    const hits = draw(100_000, () => Number(random.bernoulli(0.3))).reduce((a, b) => a + b, 0)
    expect(hits / 100_000).toBeCloseTo(0.3, 2)
    expect(() => random.bernoulli(1.5)).toThrow()
  })

  it('pick returns elements of the array and refuses an empty one', () => {
    const random = createStream(5, 'pick')
    const items = ['a', 'b', 'c'] as const
    const picked = new Set(draw(200, () => random.pick(items)))
    expect([...picked].sort()).toEqual(['a', 'b', 'c'])
    expect(() => random.pick([])).toThrow()
  })

  it('int refuses reversed or non-integer bounds', () => {
    const random = createStream(5, 'bad')
    expect(() => random.int(3, 2)).toThrow()
    expect(() => random.int(0.5, 2)).toThrow()
  })
})
