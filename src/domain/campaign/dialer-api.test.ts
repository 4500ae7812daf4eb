// Goal: the dialer API request bodies (R10.2, docs/dialer-api.md "Request bodies") accept what a
// campaign manager written for the reference sends, field by field with its ranges (recordCount >
// 400 is cut, not refused), and a start request maps onto the campaign-group pacing union (R5.1)
// with errors named by the request's own fields.
import { describe, expect, it } from 'vitest'
import { messageAt } from '../config/issues.testkit.ts'
import {
  findImmutableUpdateFields,
  type StartCampaignRequestInput,
  startCampaignRequestSchema,
  toCampaignGroupPacing,
  updateCampaignRequestSchema,
} from './dialer-api.ts'

const start: StartCampaignRequestInput = {
  id: 'Campaign1',
  vendorVersion: 'acme-cm 2.1',
  campaignType: 'progressive',
  dialingRate: 2,
  entryPointId: 'ep-sales',
  dialingListFetchURL: 'campaignMgr/v1/Campaign1/dialinglist/',
  outdialANI: '+14155550100',
  recordCount: 100,
}

function pacingOf(input: StartCampaignRequestInput) {
  return toCampaignGroupPacing(startCampaignRequestSchema.parse(input))
}

describe('startCampaignRequestSchema', () => {
  it('accepts the required fields', () => {
    expect(startCampaignRequestSchema.parse(start)).toEqual(start)
  })

  it('cuts recordCount above 400 to 400 instead of refusing it', () => {
    expect(startCampaignRequestSchema.parse({ ...start, recordCount: 1000 }).recordCount).toBe(400)
    const zero = startCampaignRequestSchema.safeParse({ ...start, recordCount: 0 })
    expect(messageAt(zero, ['recordCount'])).toMatch(/at least 1 record/)
  })

  it('reads campaignType case-insensitively, as in the reference example "Progressive"', () => {
    expect(
      startCampaignRequestSchema.parse({ ...start, campaignType: 'Progressive' }).campaignType,
    ).toBe('progressive')
    const bad = startCampaignRequestSchema.safeParse({ ...start, campaignType: 'blended' })
    expect(messageAt(bad, ['campaignType'])).toMatch(/progressive, campaign, predictive/)
  })

  it('refuses missing required fields', () => {
    const { outdialANI: _ani, ...noAni } = start
    expect(messageAt(startCampaignRequestSchema.safeParse(noAni), ['outdialANI'])).toMatch(/E\.164/)
  })

  it('refuses over-long strings', () => {
    const result = startCampaignRequestSchema.safeParse({
      ...start,
      id: 'i'.repeat(65),
      vendorVersion: 'v'.repeat(33),
      entryPointId: 'e'.repeat(37),
      dialingListFetchURL: 'u'.repeat(1025),
    })
    expect(messageAt(result, ['id'])).toMatch(/longer than 64/)
    expect(messageAt(result, ['vendorVersion'])).toMatch(/longer than 32/)
    expect(messageAt(result, ['entryPointId'])).toMatch(/longer than 36/)
    expect(messageAt(result, ['dialingListFetchURL'])).toMatch(/longer than 1024/)
  })

  it('refuses out-of-range numbers with the reference as reason', () => {
    const result = startCampaignRequestSchema.safeParse({
      ...start,
      dialingRate: 10.5,
      noAnswerRingLimit: 15,
      abandonRatePercentage: 100.1,
      reservationPercentage: 101,
    })
    expect(messageAt(result, ['dialingRate'])).toMatch(/above 10.*webex-dialer-api\.md/)
    expect(messageAt(result, ['noAnswerRingLimit'])).toMatch(/below 16 s.*regulation/)
    expect(messageAt(result, ['abandonRatePercentage'])).toMatch(/above 100 %/)
    expect(messageAt(result, ['reservationPercentage'])).toMatch(/not in use/)
  })

  it('requires previewOfferTimeout when the auto-action is given', () => {
    const result = startCampaignRequestSchema.safeParse({
      ...start,
      campaignType: 'preview_standard',
      previewOfferTimeoutAutoAction: 'REMOVE',
    })
    expect(messageAt(result, ['previewOfferTimeout'])).toMatch(
      /required when previewOfferTimeoutAutoAction/,
    )
  })

  it('allows a 0 s offer only with ACCEPT', () => {
    const accept = {
      ...start,
      previewOfferTimeout: 0,
      previewOfferTimeoutAutoAction: 'ACCEPT' as const,
    }
    expect(startCampaignRequestSchema.safeParse(accept).success).toBe(true)
    const skip = startCampaignRequestSchema.safeParse({ ...start, previewOfferTimeout: 5 })
    expect(messageAt(skip, ['previewOfferTimeout'])).toMatch(/below 10 s.*auto-action is SKIP/)
  })

  it('requires ivrPorts for IVR types', () => {
    const result = startCampaignRequestSchema.safeParse({
      ...start,
      campaignType: 'progressive_ivr',
    })
    expect(messageAt(result, ['ivrPorts'])).toMatch(/required for progressive_ivr.*R1\.4/)
  })

  it('checks the CPA chain in callProgressAnalysisParams', () => {
    const result = startCampaignRequestSchema.safeParse({
      ...start,
      callProgressAnalysisParams: { terminatingToneDetect: true },
    })
    expect(messageAt(result, ['callProgressAnalysisParams', 'terminatingToneDetect'])).toMatch(
      /needs amdEnabled/,
    )
    // The CallProgressAnalysisParamsRequest object is cpaSchema: its defaults are Appendix A's.
    const parsed = startCampaignRequestSchema.parse({ ...start, callProgressAnalysisParams: {} })
    expect(parsed.callProgressAnalysisParams?.minSilencePeriod).toBe(608)
  })
})

describe('updateCampaignRequestSchema', () => {
  const update = { dialingRate: 3, dialingListFetchURL: 'cm/list', outdialANI: '+442071838750' }

  it('accepts the required fields and the changeable optional ones', () => {
    const body = { ...update, noAnswerRingLimit: 40, previewActionsDisabled: ['SKIP' as const] }
    expect(updateCampaignRequestSchema.parse(body)).toEqual(body)
  })

  it('refuses a missing dialingRate', () => {
    const { dialingRate: _rate, ...noRate } = update
    expect(messageAt(updateCampaignRequestSchema.safeParse(noRate), ['dialingRate'])).toMatch(
      /must be a number/,
    )
  })

  it('ignores fields PUT cannot change, and names them for the caller', () => {
    const body = { ...update, ivrPorts: 10, abandonRatePercentage: 2 }
    expect(updateCampaignRequestSchema.parse(body)).toEqual(update)
    expect(findImmutableUpdateFields(body)).toEqual(['ivrPorts', 'abandonRatePercentage'])
    expect(findImmutableUpdateFields(null)).toEqual([])
  })
})

describe('toCampaignGroupPacing', () => {
  it('maps progressive with its CPA settings', () => {
    const result = pacingOf({
      ...start,
      noAnswerRingLimit: 25,
      callProgressAnalysisParams: { cpaEnabled: true, amdEnabled: true },
    })
    expect(result).toMatchObject({
      kind: 'ok',
      pacing: {
        mode: 'progressive',
        callerId: '+14155550100',
        dialingRate: 2,
        noAnswerRingLimitSec: 25,
        cpa: { cpaEnabled: true, amdEnabled: true },
      },
    })
  })

  it('reads the undocumented "campaign" type as progressive', () => {
    expect(pacingOf({ ...start, campaignType: 'campaign' })).toMatchObject({
      pacing: { mode: 'progressive' },
    })
  })

  it('maps predictive, leaving dialingRate and CPA params out', () => {
    const result = pacingOf({
      ...start,
      campaignType: 'predictive',
      maxDialingRate: 2.5,
      abandonRatePercentage: 2.9,
      callProgressAnalysisParams: { cpaEnabled: false },
    })
    expect(result).toEqual({
      kind: 'ok',
      pacing: {
        mode: 'predictive',
        callerId: '+14155550100',
        noAnswerRingLimitSec: 32,
        maxDialingRate: 2.5,
        abandonRatePercentage: 2.9,
        predictiveCorrectionPace: 70,
        predictiveGain: 1,
        cpaAlwaysOn: true,
      },
    })
  })

  it('maps both IVR types with their ports', () => {
    expect(pacingOf({ ...start, campaignType: 'progressive_ivr', ivrPorts: 30 })).toMatchObject({
      pacing: { mode: 'progressive_ivr', dialingRate: 2, ivrPorts: 30, cpaAlwaysOn: true },
    })
    expect(pacingOf({ ...start, campaignType: 'predictive_ivr', ivrPorts: 30 })).toMatchObject({
      pacing: { mode: 'predictive_ivr', ivrPorts: 30, maxDialingRate: 1 },
    })
  })

  it('maps both preview types; direct preview drops the ring limit', () => {
    const preview = {
      ...start,
      noAnswerRingLimit: 20,
      previewOfferTimeout: 120,
      previewOfferTimeoutAutoAction: 'REMOVE' as const,
      previewActionsDisabled: ['SKIP' as const],
    }
    expect(pacingOf({ ...preview, campaignType: 'preview_standard' })).toMatchObject({
      pacing: {
        mode: 'preview_standard',
        noAnswerRingLimitSec: 20,
        previewOfferTimeoutSec: 120,
        previewOfferTimeoutAutoAction: 'REMOVE',
        previewActionsDisabled: ['SKIP'],
      },
    })
    const direct = pacingOf({ ...preview, campaignType: 'preview_direct' })
    expect(direct.kind).toBe('ok')
    if (direct.kind === 'ok') expect(direct.pacing).not.toHaveProperty('noAnswerRingLimitSec')
  })

  it('refuses a fractional progressive rate, naming the request field', () => {
    expect(pacingOf({ ...start, dialingRate: 1.5 })).toEqual({
      kind: 'invalid',
      issues: [
        {
          path: ['dialingRate'],
          message: expect.stringMatching(/whole number in 1–10 lines per agent/),
        },
      ],
    })
  })
})
