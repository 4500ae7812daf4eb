// Goal: validated configuration (campaign group R5.1 + campaign R5.2) maps to the engine's campaign
// with the right pacing, CPA per mode (R2.2), compliance profile (R5.5) and retry rules.
import { describe, expect, it } from 'vitest'
import { isWithinCallingWindow } from '../compliance/calling-window.ts'
import { campaignSchema } from '../domain/campaign/campaign.ts'
import { campaignGroupSchema } from '../domain/campaign/campaign-group.ts'
import { engineCampaignOf, retryRulesOf } from './from-config.ts'

const campaign = campaignSchema.parse({
  id: 'renewals',
  name: 'Renewals',
  category: 'SALES',
  businessOutcomeGroupId: 'outcomes-sales',
  timeZone: 'America/New_York',
  campaignGroupId: 'group-sales',
  contactStrategy: { numberOrder: [{ numberIndex: 0, numberType: 'MOBILE' }] },
  dncListNames: ['internal'],
  retry: {
    perOutcome: {
      CUSTOMER_BUSY: { retry: true, delayMin: 5, maxAttempts: 4 },
      AMD: { retry: false },
    },
  },
})

function group(pacing: Record<string, unknown>) {
  return campaignGroupSchema.parse({
    id: 'group-sales',
    name: 'Sales',
    entryPointId: 'ep-sales',
    pacing: { callerId: '+14155550100', ...pacing },
  })
}

describe('engineCampaignOf', () => {
  it('maps a predictive group: pooled pacing, CPA and AMD always on (R1.3, R2.2)', () => {
    const mapped = engineCampaignOf({
      group: group({ mode: 'predictive', maxDialingRate: 4.5, abandonRatePercentage: 2.5 }),
      campaign,
      queueId: 'q-sales',
      flow: null,
    })
    expect(mapped.pacing).toEqual({ kind: 'predictive' })
    expect(mapped.cpaEnabled && mapped.amdEnabled).toBe(true)
    expect(mapped.maxLinesPerServer).toBe(4.5)
    expect(mapped.abandonTargetPct).toBe(2.5)
    expect(mapped.correctionPace).toBe(70)
    expect(mapped.ringLimitSec).toBe(32)
    expect(mapped.callerId).toBe('+14155550100')
    expect(mapped.amdHumanAsMachinePct).toBe(1)
    expect(mapped.capGuardEnabled).toBe(true)
  })

  it('maps progressive with its own CPA switches (R1.2, R2.2)', () => {
    const mapped = engineCampaignOf({
      group: group({
        mode: 'progressive',
        dialingRate: 3,
        cpa: { cpaEnabled: true, amdEnabled: false },
      }),
      campaign,
      queueId: 'q',
      flow: null,
    })
    expect(mapped.pacing).toEqual({ kind: 'progressive', linesPerServer: 3 })
    expect(mapped.cpaEnabled).toBe(true)
    expect(mapped.amdEnabled).toBe(false)
  })

  it('maps preview direct with no CPA and the maximum ring limit (R1.1)', () => {
    const mapped = engineCampaignOf({
      group: group({ mode: 'preview_direct', previewActionsDisabled: ['REMOVE'] }),
      campaign,
      queueId: 'q',
      flow: null,
    })
    expect(mapped.pacing).toEqual({ kind: 'preview' })
    expect(mapped.cpaEnabled).toBe(false)
    expect(mapped.ringLimitSec).toBe(80)
    expect(mapped.preview).toEqual({
      offerTimeoutSec: 600,
      autoAction: 'SKIP',
      actionsDisabled: ['REMOVE'],
    })
  })

  it('maps IVR ports (R1.4)', () => {
    const mapped = engineCampaignOf({
      group: group({ mode: 'progressive_ivr', dialingRate: 2, ivrPorts: 120 }),
      campaign,
      queueId: 'q',
      flow: null,
    })
    expect(mapped.ivrPorts).toBe(120)
    expect(mapped.pacing).toEqual({ kind: 'progressive', linesPerServer: 2 })
  })

  it('applies the campaign compliance profile and DNC switches (R5.4, R5.5)', () => {
    const mapped = engineCampaignOf({
      group: group({ mode: 'predictive' }),
      campaign,
      queueId: 'q',
      flow: null,
    })
    expect(mapped.compliance.profile).toBe('US')
    expect(mapped.compliance.abandonWindowSec).toBe(30 * 86_400)
    expect(mapped.compliance.dncEnabled && mapped.compliance.ndncEnabled).toBe(true)
    expect(mapped.dncListNames).toEqual(['internal'])
    // 07:59 in New York is outside the US window; 08:00 is inside.
    const at0759 = Date.parse('2026-03-03T12:59:00Z')
    expect(isWithinCallingWindow(at0759, 'America/New_York', mapped.compliance.callingWindow)).toBe(
      false,
    )
    expect(
      isWithinCallingWindow(at0759 + 60_000, 'America/New_York', mapped.compliance.callingWindow),
    ).toBe(true)
  })

  it('keeps default retry rules for outcomes the campaign does not list (R5.2)', () => {
    const rules = retryRulesOf(campaign.retry)
    const byOutcome = new Map(rules.rules.map((r) => [r.outcome, r]))
    expect(byOutcome.get('CUSTOMER_BUSY')).toEqual({
      outcome: 'CUSTOMER_BUSY',
      retry: true,
      delayMin: 5,
      maxAttempts: 4,
    })
    expect(byOutcome.get('AMD')?.retry).toBe(false)
    expect(byOutcome.get('NO_ANSWER_CUSTOMER')?.retry).toBe(true)
    expect(byOutcome.get('LIVE_VOICE')?.retry).toBe(false)
    expect(rules.maxAttemptsPerDay).toBe(3)
  })
})
