// Goal: each pacing mode takes exactly its own parameters with Appendix A ranges and defaults
// (R1.1–R1.4, R2.2, R2.3, R5.1): progressive configures CPA, predictive and IVR always run it.
import { describe, expect, it } from 'vitest'
import { issueAt, messageAt } from '../config/issues.testkit.ts'
import { isIvrMode, isPreviewMode } from './campaign-mode.ts'
import { cpaPolicy, pacingSchema, popoverShowsCustomerFields } from './pacing.ts'

const callerId = '+14155550100'

describe('pacingSchema: good input per mode', () => {
  it('progressive: dialing rate, ring limit default 32 s, CPA defaults off', () => {
    const pacing = pacingSchema.parse({ mode: 'progressive', callerId, dialingRate: 3 })
    expect(pacing).toMatchObject({ dialingRate: 3, noAnswerRingLimitSec: 32, cpaAlwaysOn: false })
    expect(cpaPolicy(pacing)).toMatchObject({ kind: 'configured', params: { cpaEnabled: false } })
  })

  it('predictive: Appendix A defaults and CPA always on', () => {
    const pacing = pacingSchema.parse({ mode: 'predictive', callerId })
    expect(pacing).toEqual({
      mode: 'predictive',
      callerId,
      noAnswerRingLimitSec: 32,
      maxDialingRate: 1,
      abandonRatePercentage: 3,
      predictiveCorrectionPace: 70,
      predictiveGain: 1,
      cpaAlwaysOn: true,
    })
    expect(cpaPolicy(pacing)).toMatchObject({ kind: 'alwaysOn', params: { amdEnabled: true } })
  })

  it('progressive_ivr: per-port rate and ports', () => {
    const pacing = pacingSchema.parse({
      mode: 'progressive_ivr',
      callerId,
      dialingRate: 2,
      ivrPorts: 1000,
    })
    expect(isIvrMode(pacing.mode)).toBe(true)
    expect(pacing.cpaAlwaysOn).toBe(true)
  })

  it('predictive_ivr: ports and predictive parameters', () => {
    const pacing = pacingSchema.parse({
      mode: 'predictive_ivr',
      callerId,
      ivrPorts: 50,
      abandonRatePercentage: 2.5,
    })
    expect(pacing).toMatchObject({ ivrPorts: 50, abandonRatePercentage: 2.5, maxDialingRate: 1 })
  })

  it('preview_standard runs CPA after Accept; preview_direct runs none', () => {
    const standard = pacingSchema.parse({ mode: 'preview_standard', callerId })
    expect(isPreviewMode(standard.mode)).toBe(true)
    expect(standard).toMatchObject({
      previewOfferTimeoutSec: 600,
      previewOfferTimeoutAutoAction: 'SKIP',
    })
    expect(cpaPolicy(standard)).toMatchObject({ kind: 'afterAccept', params: { cpaEnabled: true } })
    const direct = pacingSchema.parse({ mode: 'preview_direct', callerId })
    expect(cpaPolicy(direct)).toEqual({ kind: 'none' })
  })

  it('shows customer fields in the popover only in progressive 1:1 (R7.4)', () => {
    const oneToOne = pacingSchema.parse({ mode: 'progressive', callerId, dialingRate: 1 })
    const oneToTwo = pacingSchema.parse({ mode: 'progressive', callerId, dialingRate: 2 })
    const predictive = pacingSchema.parse({ mode: 'predictive', callerId })
    expect(popoverShowsCustomerFields(oneToOne)).toBe(true)
    expect(popoverShowsCustomerFields(oneToTwo)).toBe(false)
    expect(popoverShowsCustomerFields(predictive)).toBe(false)
  })
})

describe('pacingSchema: bad input', () => {
  it('refuses an unknown mode, naming the modes', () => {
    const result = pacingSchema.safeParse({ mode: 'blaster', callerId })
    expect(messageAt(result, ['mode'])).toMatch(/preview_standard, preview_direct, progressive/)
  })

  it('refuses a fractional progressive dialing rate', () => {
    const result = pacingSchema.safeParse({ mode: 'progressive', callerId, dialingRate: 1.5 })
    expect(messageAt(result, ['dialingRate'])).toMatch(/whole number in 1–10 lines per agent/)
  })

  it('refuses a dialing rate above 10', () => {
    const result = pacingSchema.safeParse({
      mode: 'progressive_ivr',
      callerId,
      dialingRate: 11,
      ivrPorts: 1,
    })
    expect(messageAt(result, ['dialingRate'])).toMatch(/above 10 lines per port/)
  })

  it('refuses a ring limit under 16 s with the regulatory reason', () => {
    const result = pacingSchema.safeParse({
      mode: 'progressive',
      callerId,
      dialingRate: 1,
      noAnswerRingLimitSec: 15,
    })
    expect(messageAt(result, ['noAnswerRingLimitSec'])).toMatch(/below 16 s.*regulation/)
  })

  it('refuses IVR modes without ports, and more than 1000 ports', () => {
    const missing = pacingSchema.safeParse({ mode: 'predictive_ivr', callerId })
    expect(issueAt(missing, ['ivrPorts']).code).toBe('invalid_type')
    expect(messageAt(missing, ['ivrPorts'])).toMatch(/whole number in 1–1000 ports \(R1\.4\)/)
    const over = pacingSchema.safeParse({ mode: 'predictive_ivr', callerId, ivrPorts: 1001 })
    expect(messageAt(over, ['ivrPorts'])).toMatch(/above 1000 ports: the range is 1–1000 ports/)
  })

  it('refuses an abandon rate off the 0.1 step or out of range', () => {
    const step = pacingSchema.safeParse({
      mode: 'predictive',
      callerId,
      abandonRatePercentage: 3.05,
    })
    expect(messageAt(step, ['abandonRatePercentage'])).toMatch(/steps of 0\.1 %/)
    const low = pacingSchema.safeParse({ mode: 'predictive', callerId, abandonRatePercentage: 0.5 })
    expect(messageAt(low, ['abandonRatePercentage'])).toMatch(/below 1 %/)
  })

  it('refuses predictive parameters out of range', () => {
    const result = pacingSchema.safeParse({
      mode: 'predictive',
      callerId,
      maxDialingRate: 10.5,
      predictiveCorrectionPace: 9,
      predictiveGain: 3.1,
    })
    expect(messageAt(result, ['maxDialingRate'])).toMatch(/above 10/)
    expect(messageAt(result, ['predictiveCorrectionPace'])).toMatch(/below 10 live-voice connects/)
    expect(messageAt(result, ['predictiveGain'])).toMatch(/above 3/)
  })

  it('refuses CPA settings on predictive, explaining that CPA is always on there', () => {
    const result = pacingSchema.safeParse({
      mode: 'predictive',
      callerId,
      cpa: { cpaEnabled: true },
    })
    expect(messageAt(result, [])).toMatch(
      /not accepted in predictive pacing — cpa: .*always run CPA \(R2\.2\)/,
    )
  })

  it('refuses cpaAlwaysOn: false on an IVR mode', () => {
    const result = pacingSchema.safeParse({
      mode: 'progressive_ivr',
      callerId,
      dialingRate: 1,
      ivrPorts: 1,
      cpaAlwaysOn: false,
    })
    expect(messageAt(result, ['cpaAlwaysOn'])).toMatch(
      /must be true: progressive_ivr always runs CPA/,
    )
  })

  it('refuses a broken CPA chain inside progressive, at the nested path', () => {
    const result = pacingSchema.safeParse({
      mode: 'progressive',
      callerId,
      dialingRate: 1,
      cpa: { amdEnabled: true },
    })
    expect(messageAt(result, ['cpa', 'amdEnabled'])).toMatch(/needs cpaEnabled/)
  })

  it('refuses a ring limit on preview_direct, where the agent hears the ringing', () => {
    const result = pacingSchema.safeParse({
      mode: 'preview_direct',
      callerId,
      noAnswerRingLimitSec: 30,
    })
    expect(messageAt(result, [])).toMatch(/noAnswerRingLimitSec: preview_direct has no ring limit/)
  })

  it('refuses a preview timeout under 10 s unless the auto-action is ACCEPT', () => {
    const result = pacingSchema.safeParse({
      mode: 'preview_standard',
      callerId,
      previewOfferTimeoutSec: 5,
    })
    expect(messageAt(result, ['previewOfferTimeoutSec'])).toMatch(/only an ACCEPT auto-action/)
  })

  it('refuses a caller ID that is not E.164', () => {
    const result = pacingSchema.safeParse({ mode: 'predictive', callerId: '555-0100' })
    expect(messageAt(result, ['callerId'])).toMatch(/E\.164/)
  })
})
