import { describe, expect, it } from 'vitest'
import {
  jointTail,
  linesWithinJointTail,
  poissonAboveTable,
  UNSEEN_TAIL_RISK,
} from './joint-tail.ts'

/** P(X > k) for a Poisson count X of mean `mean`, term by term (the reference). */
function poissonAbove(mean: number, k: number): number {
  if (k < 0) return 1
  let term = Math.exp(-mean)
  let atMost = term
  for (let j = 1; j <= k; j++) {
    term *= mean / j
    atMost += term
  }
  return Math.max(0, 1 - atMost)
}

describe('joint tail of the unseen abandons and the lines out', () => {
  it('takes the risk of HIDDEN_SCATTER_Z = 2 standard deviations, one side', () => {
    expect(UNSEEN_TAIL_RISK).toBeCloseTo(0.02275, 4)
  })

  it('gives the Poisson survival function, each entry as the term-by-term sum gives it', () => {
    for (const mean of [0, 0.05, 2, 2.1, 9.5]) {
      const table = poissonAboveTable(mean, 12)
      for (let k = 0; k <= 12; k++) expect(table[k]).toBe(poissonAbove(mean, k))
    }
    expect(poissonAbove(2, -1)).toBe(1)
    expect(poissonAbove(2, 0)).toBeCloseTo(1 - Math.exp(-2), 12)
    expect(poissonAbove(2.1, 5)).toBeCloseTo(0.0204, 3)
    expect(poissonAbove(0, 0)).toBe(0)
  })

  it('is the unseen tail alone with no line, and grows with the lines', () => {
    expect(jointTail(6, 2.1, 0, 0.3)).toBeCloseTo(poissonAbove(2.1, 6), 12)
    // One line: live (0.3) leaves a room of 5 for the unseen, else 6.
    expect(jointTail(6, 2.1, 1, 0.3)).toBeCloseTo(
      0.7 * poissonAbove(2.1, 6) + 0.3 * poissonAbove(2.1, 5),
      12,
    )
    let last = 0
    for (let lines = 0; lines <= 10; lines++) {
      const tail = jointTail(6, 2.1, lines, 0.3)
      expect(tail).toBeGreaterThanOrEqual(last)
      last = tail
    }
  })

  it('counts a line by its live chance: more lines than the whole-line rule on a small room', () => {
    // A team of 3's day: about 210 connects at a cap of 3 % (room 6), 1 % unseen (mean 2.1). The
    // whole-line rule keeps ceil(2.1 + 2·√2.1) = 5 for the unseen and allows 1 line.
    expect(linesWithinJointTail(6, 2.1, 0.3)).toBe(2)
    expect(jointTail(6, 2.1, 2, 0.3)).toBeLessThanOrEqual(UNSEEN_TAIL_RISK)
    expect(jointTail(6, 2.1, 3, 0.3)).toBeGreaterThan(UNSEEN_TAIL_RISK)
  })

  it('allows nothing without room, without live answers, or with every line live', () => {
    expect(linesWithinJointTail(-1, 0.5, 0.3)).toBe(0)
    expect(linesWithinJointTail(3, 0.5, 0)).toBe(0)
    // Every line live: each counts whole; the unseen tail (mean 0.1) leaves a room of 3 two lines.
    expect(linesWithinJointTail(3, 0.1, 1)).toBe(2)
  })
})

describe('the one-pass Poisson table (issue 15, bench speed)', () => {
  it('gives jointTail the very numbers poissonAbove gives, term by term', () => {
    for (const hidden of [0, 0.05, 0.7, 3.2]) {
      for (const room of [0, 1, 2.5, 6]) {
        for (const lines of [0, 1, 5, 20]) {
          for (const live of [0.1, 0.35, 1]) {
            let expected: number
            if (live >= 1) expected = poissonAbove(hidden, room - lines)
            else {
              let chance = (1 - live) ** lines
              expected = 0
              for (let b = 0; b <= lines; b++) {
                expected += chance * poissonAbove(hidden, room - b)
                chance *= ((lines - b) / (b + 1)) * (live / (1 - live))
              }
            }
            expect(jointTail(room, hidden, lines, live)).toBe(expected)
          }
        }
      }
    }
  })
})
