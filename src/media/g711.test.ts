// Goal: G.711 µ-law and A-law round-trip every code exactly and keep linear samples within the
// codec's quantisation step (the RTP payloads of issue 14 carry these bytes).
import { describe, expect, it } from 'vitest'
import {
  aLawDecodeSample,
  aLawEncodeSample,
  decodeG711,
  encodeG711,
  muLawDecodeSample,
  muLawEncodeSample,
} from './g711.ts'

describe('G.711', () => {
  it('decoding then encoding gives back every µ-law and A-law code', () => {
    for (let code = 0; code < 256; code++) {
      const mu = muLawEncodeSample(muLawDecodeSample(code))
      // µ-law has two codes for zero (0x7f and 0xff); both decode to 0.
      if (code !== 0x7f) expect(mu).toBe(code)
      expect(aLawEncodeSample(aLawDecodeSample(code))).toBe(code)
    }
  })

  it('known reference points: silence, full scale', () => {
    expect(muLawEncodeSample(0)).toBe(0xff)
    expect(muLawDecodeSample(0xff)).toBe(0)
    expect(aLawEncodeSample(0)).toBe(0xd5)
    expect(muLawDecodeSample(muLawEncodeSample(32767))).toBe(32124)
    expect(muLawDecodeSample(muLawEncodeSample(-32768))).toBe(-32124)
    expect(aLawDecodeSample(aLawEncodeSample(32767))).toBe(32256)
  })

  it('a sine survives both laws within a few percent of its amplitude', () => {
    const pcm = Int16Array.from({ length: 800 }, (_, i) =>
      Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / 8000)),
    )
    for (const law of ['mu', 'a'] as const) {
      const back = decodeG711(encodeG711(pcm, law), law)
      let worst = 0
      for (let i = 0; i < pcm.length; i++)
        worst = Math.max(worst, Math.abs(back[i]! - pcm[i]!) / Math.max(256, Math.abs(pcm[i]!)))
      expect(worst).toBeLessThan(0.07)
    }
  })
})
