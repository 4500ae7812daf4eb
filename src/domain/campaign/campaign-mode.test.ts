// Goal: one campaign mode enum (R1) whose groups are consistent: every mode is exactly one of
// preview, progressive or predictive, and the IVR modes are the agentless progressive and
// predictive ones; the Dialer API accepts every mode under its own name (R10.2).
import { describe, expect, it } from 'vitest'
import {
  CAMPAIGN_MODES,
  isIvrMode,
  isPredictiveMode,
  isPreviewMode,
  isProgressiveMode,
} from './campaign-mode.ts'
import { DIALER_CAMPAIGN_TYPES } from './dialer-api.ts'

describe('campaign modes', () => {
  it('are each exactly one of preview, progressive or predictive', () => {
    for (const mode of CAMPAIGN_MODES) {
      const kinds = [isPreviewMode(mode), isProgressiveMode(mode), isPredictiveMode(mode)]
      expect(kinds.filter(Boolean), mode).toHaveLength(1)
    }
  })

  it('name the IVR modes progressive_ivr and predictive_ivr, none of them preview', () => {
    expect(CAMPAIGN_MODES.filter(isIvrMode)).toEqual(['progressive_ivr', 'predictive_ivr'])
    expect(CAMPAIGN_MODES.filter((mode) => isIvrMode(mode) && isPreviewMode(mode))).toEqual([])
  })

  it('are campaignType values of the Dialer API as they are spelled', () => {
    for (const mode of CAMPAIGN_MODES) expect(DIALER_CAMPAIGN_TYPES).toContain(mode)
  })
})
