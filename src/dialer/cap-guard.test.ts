// The cap guard's lines beyond the free servers (issue 15, R5.5): a line abandons at most once, so
// the scatter margin never asks more of the room than the lines themselves could make.
import { describe, expect, it } from 'vitest'
import { extraLinesWithin, GUARD_MARGIN_ABANDONS } from './cap-guard.ts'

const worstAbandons = (lines: number, live: number): number =>
  lines * live + Math.min(GUARD_MARGIN_ABANDONS, lines * (1 - live))

describe('extraLinesWithin (R5.5)', () => {
  it('allows no line beyond the free servers without room', () => {
    expect(extraLinesWithin(-1, 0.3)).toBe(0)
    expect(extraLinesWithin(0.5, 0.3)).toBe(0)
  })

  it('counts every line whole where the room is small: one abandon of room, one line', () => {
    expect(extraLinesWithin(1, 0.3)).toBe(1)
    expect(extraLinesWithin(2, 0.3)).toBe(2)
    expect(extraLinesWithin(4, 0.3)).toBe(4)
  })

  it('counts the live answers and the fixed margin where the room is large', () => {
    expect(extraLinesWithin(5, 0.3)).toBe(Math.floor((5 - GUARD_MARGIN_ABANDONS) / 0.3))
    expect(extraLinesWithin(33, 0.3)).toBe(100)
  })

  it('never lets the lines make more abandons than the room, and grows with it', () => {
    for (const live of [0.02, 0.1, 0.3, 0.5, 0.9]) {
      let previous = 0
      for (let room = 0; room <= 60; room += 0.25) {
        const lines = extraLinesWithin(room, live)
        expect(worstAbandons(lines, live)).toBeLessThanOrEqual(room + 1e-9)
        expect(lines).toBeGreaterThanOrEqual(previous)
        // Never fewer lines than the fixed margin alone allowed.
        expect(lines).toBeGreaterThanOrEqual(Math.floor((room - GUARD_MARGIN_ABANDONS) / live))
        previous = lines
      }
    }
  })
})
