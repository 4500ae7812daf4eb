// Goal: conversion to 8 kHz mono keeps a tone in the telephone band at its frequency and level,
// removes what 8 kHz cannot carry instead of folding it back (no aliasing), averages channels, and
// leaves 8 kHz mono untouched.
import { describe, expect, it } from 'vitest'
import { toneShare } from './dsp/goertzel.ts'
import { levelDbfs } from './dsp/vad.ts'
import { downmix, resample, toNarrowbandMono } from './resample.ts'
import { sine } from './tone-gen.ts'

const middle = (pcm: Int16Array) => pcm.subarray(pcm.length / 4, pcm.length / 4 + 800)

describe('to 8 kHz mono', () => {
  it('a 1 kHz tone at 16, 44.1 and 48 kHz stays a 1 kHz tone at the same level', () => {
    for (const rate of [11_025, 16_000, 44_100, 48_000]) {
      const input = sine({ hz: 1000, ms: 400, amplitude: 10_000, sampleRate: rate })
      const out = resample(input, rate, 8000)
      expect(out.length).toBe(Math.floor((input.length * 8000) / rate))
      expect(toneShare(middle(out), 1000, 8000)).toBeGreaterThan(0.97)
      expect(Math.abs(levelDbfs(middle(out)) - levelDbfs(input))).toBeLessThan(0.5)
    }
  })

  it('a 6 kHz tone at 44.1 kHz is removed, not aliased to 2 kHz', () => {
    const input = sine({ hz: 6000, ms: 400, amplitude: 10_000, sampleRate: 44_100 })
    const out = resample(input, 44_100, 8000)
    expect(levelDbfs(middle(out)) - levelDbfs(input)).toBeLessThan(-40)
  })

  it('going up from 8 kHz keeps the tone too', () => {
    const out = resample(sine({ hz: 700, ms: 200, amplitude: 8000 }), 8000, 16_000)
    expect(out.length).toBe(3200)
    expect(toneShare(out.subarray(800, 1600), 700, 16_000)).toBeGreaterThan(0.97)
  })

  it('channels are averaged; 8 kHz mono is returned as it is', () => {
    expect([...downmix(Int16Array.of(100, 300, -50, 50), 2)]).toEqual([200, 0])
    const mono = Int16Array.of(1, 2, 3)
    expect(toNarrowbandMono({ sampleRate: 8000, channels: 1, pcm: mono })).toBe(mono)
  })
})
