// Goal: CPA/AMD parameters keep Appendix A's ranges and defaults and the switch chain
// cpaEnabled → amdEnabled → terminatingToneDetect (R2.2), errors at the dependent switch.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { messageAt } from '../config/issues.testkit.ts'
import { CPA_ALWAYS_ON, cpaSchema } from './cpa.ts'

describe('cpaSchema', () => {
  it('defaults every switch off and every timing to Appendix A', () => {
    expect(cpaSchema.parse({})).toEqual({
      cpaEnabled: false,
      amdEnabled: false,
      terminatingToneDetect: false,
      minSilencePeriod: 608,
      analysisPeriod: 1000,
      minimumValidSpeech: 112,
      maxTimeAnalysis: 3000,
      maxTermToneAnalysis: 30000,
    })
    expect(CPA_ALWAYS_ON).toMatchObject({ cpaEnabled: true, amdEnabled: true })
  })

  it('accepts the whole chain on', () => {
    const full = { cpaEnabled: true, amdEnabled: true, terminatingToneDetect: true }
    expect(cpaSchema.parse(full)).toMatchObject(full)
  })

  it('refuses amdEnabled without cpaEnabled, at amdEnabled', () => {
    const result = cpaSchema.safeParse({ amdEnabled: true })
    expect(messageAt(result, ['amdEnabled'])).toBe(
      'amdEnabled needs cpaEnabled (Appendix A: cpaEnabled → amdEnabled → terminatingToneDetect)',
    )
  })

  it('refuses terminatingToneDetect without amdEnabled, at terminatingToneDetect', () => {
    const result = cpaSchema.safeParse({ cpaEnabled: true, terminatingToneDetect: true })
    expect(messageAt(result, ['terminatingToneDetect'])).toMatch(/needs amdEnabled/)
  })

  it.each([
    ['minSilencePeriod', 99, /below 100 ms/],
    ['minSilencePeriod', 1001, /above 1000 ms/],
    ['analysisPeriod', 999, /below 1000 ms/],
    ['minimumValidSpeech', 501, /above 500 ms/],
    ['maxTimeAnalysis', 10_001, /above 10000 ms/],
    ['maxTermToneAnalysis', 60_001, /above 60000 ms/],
    ['maxTermToneAnalysis', 1500.5, /whole number/],
  ])('refuses %s = %s', (field, value, reason) => {
    expect(messageAt(cpaSchema.safeParse({ [field]: value }), [field])).toMatch(reason)
  })

  it('refuses a switch of the wrong type', () => {
    expect(messageAt(cpaSchema.safeParse({ cpaEnabled: 'true' }), ['cpaEnabled'])).toMatch(
      /true or false/,
    )
  })

  it('accepts exactly the switch combinations the chain allows', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.boolean(), fc.boolean(), (cpa, amd, tone) => {
        const input = { cpaEnabled: cpa, amdEnabled: amd, terminatingToneDetect: tone }
        const chainHolds = (!amd || cpa) && (!tone || amd)
        expect(cpaSchema.safeParse(input).success).toBe(chainHolds)
      }),
    )
  })
})
