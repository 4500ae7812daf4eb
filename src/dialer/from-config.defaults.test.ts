// Goal: the one builder of the engine's campaign (engineCampaignOf) takes every default from the
// named constants of the configuration, in every mode (R1, R2.2, R2.3, R5.2, R5.5); benchmark
// baselines replace predictive pacing only, without the cap guard; compliance overrides land on
// the campaign's profile.
import { describe, expect, it } from 'vitest'
import {
  complianceSettingsSchema,
  PROFILE_RULES,
  resolveCompliance,
} from '../compliance/profiles.ts'
import { retryRulesSchema } from '../compliance/retry.ts'
import { ALWAYS_OPEN_WINDOW } from '../domain/calling-window.ts'
import { campaignSchema } from '../domain/campaign/campaign.ts'
import { campaignGroupSchema } from '../domain/campaign/campaign-group.ts'
import {
  CAMPAIGN_MODES,
  type CampaignMode,
  isIvrMode,
  isPredictiveMode,
  isPreviewMode,
} from '../domain/campaign/campaign-mode.ts'
import {
  ABANDON_RATE_PCT_DEFAULT,
  AMD_HUMAN_AS_MACHINE_PCT_DEFAULT,
  DIALING_RATE_MIN,
  IVR_PORTS_MIN,
  MAX_DIALING_RATE_DEFAULT,
  PREDICTIVE_CORRECTION_PACE_CONNECTS_DEFAULT,
  PREDICTIVE_GAIN_DEFAULT,
  PREVIEW_OFFER_TIMEOUT_SEC_DEFAULT,
  RING_LIMIT_SEC_DEFAULT,
  RING_LIMIT_SEC_MAX,
} from '../domain/campaign/limits.ts'
import { PREVIEW_OFFER_TIMEOUT_AUTO_ACTION_DEFAULT } from '../domain/campaign/preview.ts'
import {
  ABANDON_MESSAGE_PROMPT_DEFAULT,
  complianceConfigOf,
  engineCampaignOf,
  PREVIEW_LINES_PER_AGENT,
} from './from-config.ts'

/** A campaign with nothing but its required fields: everything else is a default. */
const campaign = campaignSchema.parse({
  id: 'bare',
  name: 'Bare',
  category: 'OTHER',
  businessOutcomeGroupId: 'outcomes',
  timeZone: 'America/New_York',
  campaignGroupId: 'group',
  contactStrategy: { numberOrder: [{ numberIndex: 0, numberType: 'OTHER' }] },
})

/** The fields a mode cannot do without, at their minimum. */
const REQUIRED: Record<CampaignMode, Record<string, unknown>> = {
  preview_standard: {},
  preview_direct: {},
  progressive: { dialingRate: DIALING_RATE_MIN },
  predictive: {},
  progressive_ivr: { dialingRate: DIALING_RATE_MIN, ivrPorts: IVR_PORTS_MIN },
  predictive_ivr: { ivrPorts: IVR_PORTS_MIN },
}

function bareGroup(mode: CampaignMode, pacing: Record<string, unknown> = {}) {
  return campaignGroupSchema.parse({
    id: 'group',
    name: 'Group',
    entryPointId: 'ep',
    pacing: { mode, callerId: '+14155550100', ...REQUIRED[mode], ...pacing },
  })
}

function built(mode: CampaignMode) {
  return engineCampaignOf({ group: bareGroup(mode), campaign, queueId: 'q', flow: null })
}

describe('engineCampaignOf defaults', () => {
  it.each(CAMPAIGN_MODES)('%s: every default is a named constant', (mode) => {
    const engine = built(mode)
    expect(engine.mode).toBe(mode)
    expect(engine.ringLimitSec).toBe(
      mode === 'preview_direct' ? RING_LIMIT_SEC_MAX : RING_LIMIT_SEC_DEFAULT,
    )
    expect(engine.maxLinesPerServer).toBe(
      isPredictiveMode(mode)
        ? MAX_DIALING_RATE_DEFAULT
        : isPreviewMode(mode)
          ? PREVIEW_LINES_PER_AGENT
          : DIALING_RATE_MIN,
    )
    expect(engine.abandonTargetPct).toBe(ABANDON_RATE_PCT_DEFAULT)
    expect(engine.correctionPace).toBe(PREDICTIVE_CORRECTION_PACE_CONNECTS_DEFAULT)
    expect(engine.gain).toBe(PREDICTIVE_GAIN_DEFAULT)
    expect(engine.amdHumanAsMachinePct).toBe(AMD_HUMAN_AS_MACHINE_PCT_DEFAULT)
    expect(engine.ivrPorts).toBe(isIvrMode(mode) ? IVR_PORTS_MIN : 0)
    expect(engine.preview).toEqual({
      offerTimeoutSec: PREVIEW_OFFER_TIMEOUT_SEC_DEFAULT,
      autoAction: PREVIEW_OFFER_TIMEOUT_AUTO_ACTION_DEFAULT,
      actionsDisabled: [],
    })
    expect(engine.abandonMessagePromptId).toBe(ABANDON_MESSAGE_PROMPT_DEFAULT)
    // A campaign without retry settings retries by the compliance module's defaults.
    expect(engine.retry).toEqual(retryRulesSchema.parse({}))
    expect(engine.compliance).toEqual({
      ...PROFILE_RULES.US,
      profile: 'US',
      dncEnabled: true,
      ndncEnabled: true,
      nationalDncAgeRules: [{ region: 'US', ageSecMax: PROFILE_RULES.US.nationalDncAgeSecMax }],
    })
    expect(engine.dncListNames).toEqual([])
    expect(engine.capGuardEnabled).toBe(true)
  })

  it.each(CAMPAIGN_MODES)('%s: paced by its own mode', (mode) => {
    const kind = isPreviewMode(mode) ? 'preview' : isPredictiveMode(mode) ? 'predictive' : null
    const expected = kind ? { kind } : { kind: 'progressive', linesPerServer: DIALING_RATE_MIN }
    expect(built(mode).pacing).toEqual(expected)
  })

  it('runs CPA and AMD per mode as R2.2 says (progressive: as configured, default off)', () => {
    const flags = Object.fromEntries(
      CAMPAIGN_MODES.map((mode) => [mode, [built(mode).cpaEnabled, built(mode).amdEnabled]]),
    )
    expect(flags).toEqual({
      preview_standard: [true, false],
      preview_direct: [false, false],
      progressive: [false, false],
      predictive: [true, true],
      progressive_ivr: [true, true],
      predictive_ivr: [true, true],
    })
  })
})

describe('engineCampaignOf benchmark baselines', () => {
  it('replaces predictive pacing by the baseline and leaves the cap guard off', () => {
    for (const baseline of [
      { kind: 'fixed', ratio: 1.5 } as const,
      { kind: 'adaptive-reference' } as const,
    ]) {
      const engine = engineCampaignOf({
        group: bareGroup('predictive_ivr'),
        campaign,
        queueId: 'q',
        flow: null,
        baseline,
      })
      expect(engine.pacing).toEqual(baseline)
      expect(engine.capGuardEnabled).toBe(false)
    }
  })

  it('refuses a baseline in place of anything but predictive pacing', () => {
    const config = { group: bareGroup('progressive'), campaign, queueId: 'q', flow: null }
    expect(() => engineCampaignOf({ ...config, baseline: { kind: 'fixed', ratio: 2 } })).toThrow(
      /predictive pacing only/,
    )
  })
})

describe('engineCampaignOf compliance', () => {
  it('resolves the same rules whether given as settings or as a campaign and its overrides', () => {
    const settings = complianceSettingsSchema.parse({
      profile: 'CUSTOM',
      callingWindow: ALWAYS_OPEN_WINDOW,
      abandonRatePctMax: 2.5,
      abandonWindowSec: 3600,
      ringSecMin: 20,
      ndncEnabled: false,
    })
    const split = complianceConfigOf(settings)
    const engine = engineCampaignOf({
      group: bareGroup('predictive'),
      campaign: { ...campaign, ...split.campaign },
      queueId: 'q',
      flow: null,
      complianceOverrides: split.overrides,
    })
    expect(engine.compliance).toEqual(resolveCompliance(settings))
    expect(engine.compliance).toMatchObject({ abandonRatePctMax: 2.5, abandonWindowSec: 3600 })
  })
})
