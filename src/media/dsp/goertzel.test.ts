// Goal: the Goertzel power finds a tone's frequency and says how much of a block's energy is there:
// near 1 for a pure tone on (or between) DFT bins, near 0 for other tones, noise or silence.
import { describe, expect, it } from 'vitest'
import { sine } from '../tone-gen.ts'
import { blockEnergy, goertzelPower, toneShare } from './goertzel.ts'

const RATE = 8000

describe('Goertzel', () => {
  it('a pure tone puts nearly all its energy at its own frequency', () => {
    for (const hz of [400, 913.8, 1100, 1370.6, 1776.7, 2100]) {
      const block = sine({ hz, ms: 20, amplitude: 8000 })
      expect(toneShare(block, hz, RATE)).toBeGreaterThan(0.97)
    }
  })

  it('other frequencies see little of it', () => {
    const block = sine({ hz: 1100, ms: 20, amplitude: 8000 })
    expect(toneShare(block, 2100, RATE)).toBeLessThan(0.01)
    expect(toneShare(block, 913.8, RATE)).toBeLessThan(0.05)
    expect(toneShare(block, 1400, RATE)).toBeLessThan(0.05)
  })

  it('power grows with the square of amplitude; silence is zero', () => {
    const quiet = goertzelPower(sine({ hz: 1000, ms: 20, amplitude: 1000 }), 1000, RATE)
    const loud = goertzelPower(sine({ hz: 1000, ms: 20, amplitude: 2000 }), 1000, RATE)
    expect(loud / quiet).toBeCloseTo(4, 3)
    const silence = new Int16Array(160)
    expect(goertzelPower(silence, 1000, RATE)).toBe(0)
    expect(toneShare(silence, 1000, RATE)).toBe(0)
    expect(blockEnergy(silence)).toBe(0)
  })
})
