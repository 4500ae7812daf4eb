// Goal: normalCdf is accurate to 1e-6, bounded, monotone and symmetric.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { normalCdf } from './normal.ts'

describe('normalCdf (R1.3 predictive, R5.5 abandon cap tail)', () => {
  // Φ(z) to 15 digits (from erfc).
  const known: [number, number][] = [
    [0, 0.5],
    [1.96, 0.97500210485178],
    [-1.96, 0.02499789514822],
    [-1, 0.158655253931457],
    [1, 0.841344746068543],
    [2.5758293035489, 0.995],
    [-3, 0.00134989803163],
    [0.5, 0.691462461274013],
    [-0.25, 0.401293674317076],
  ]
  for (const [z, phi] of known) {
    it(`Φ(${z}) = ${phi} to 1e-6`, () => {
      expect(Math.abs(normalCdf(z) - phi)).toBeLessThan(1e-6)
    })
  }

  it('goes to 0 and 1 in the tails', () => {
    expect(normalCdf(-40)).toBeGreaterThanOrEqual(0)
    expect(normalCdf(-40)).toBeLessThan(1e-12)
    expect(normalCdf(40)).toBeLessThanOrEqual(1)
    expect(normalCdf(40)).toBeGreaterThan(1 - 1e-12)
    expect(normalCdf(Number.NEGATIVE_INFINITY)).toBe(0)
    expect(normalCdf(Number.POSITIVE_INFINITY)).toBe(1)
  })

  const z = fc.double({ min: -12, max: 12, noNaN: true })

  it('is within [0, 1] (property)', () => {
    fc.assert(
      fc.property(z, (value) => {
        const p = normalCdf(value)
        expect(p).toBeGreaterThanOrEqual(0)
        expect(p).toBeLessThanOrEqual(1)
      }),
    )
  })

  it('is non-decreasing (property)', () => {
    fc.assert(
      fc.property(z, fc.double({ min: 0, max: 24, noNaN: true }), (a, d) => {
        expect(normalCdf(a + d)).toBeGreaterThanOrEqual(normalCdf(a))
      }),
    )
  })

  it('is non-decreasing on a fine grid across the approximation', () => {
    const drops: number[] = []
    let previous = normalCdf(-10)
    for (let step = -10_000; step <= 10_000; step++) {
      const p = normalCdf(step / 1000)
      if (p < previous) drops.push(step / 1000)
      previous = p
    }
    expect(drops).toEqual([])
  })

  it('is symmetric: Φ(z) + Φ(−z) = 1 (property)', () => {
    fc.assert(
      fc.property(z, (value) => {
        expect(Math.abs(normalCdf(value) + normalCdf(-value) - 1)).toBeLessThan(1e-8)
      }),
    )
  })
})
