import { describe, expect, it } from 'vitest'
import { PrefixSums } from './prefix-sums.ts'

describe('PrefixSums (issue 15: the abandon ledger sums many buckets without walking them)', () => {
  it('gives the sum of the first slots after any sequence of changes, as a plain walk does', () => {
    const size = 37
    const sums = new PrefixSums(size)
    const plain = new Array<number>(size).fill(0)
    let seed = 7
    for (let step = 0; step < 500; step++) {
      seed = (seed * 1103515245 + 12345) % 2147483648
      const slot = seed % size
      const delta = step % 5 === 4 ? -plain[slot]! : (seed % 3) + 1
      sums.add(slot, delta)
      plain[slot] = plain[slot]! + delta
      const probe = (seed >> 8) % (size + 1)
      const expected = plain.slice(0, probe).reduce((a, b) => a + b, 0)
      expect(sums.through(probe - 1)).toBe(expected)
    }
    expect(sums.through(size - 1)).toBe(plain.reduce((a, b) => a + b, 0))
  })

  it('is zero before any slot and refuses slots outside the row', () => {
    const sums = new PrefixSums(4)
    sums.add(2, 5)
    expect(sums.through(-1)).toBe(0)
    expect(sums.through(1)).toBe(0)
    expect(sums.through(2)).toBe(5)
    expect(() => sums.add(4, 1)).toThrow(/slot out of range/)
    expect(() => sums.through(4)).toThrow(/slot out of range/)
    expect(() => new PrefixSums(0)).toThrow(/at least one slot/)
  })
})
