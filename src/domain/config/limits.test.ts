// Goal: the configuration limits keep the values the requirements name and relate as asserted
// (R3.4, R4.3, R4.4, R7.4, R8.2).
import { describe, expect, it } from 'vitest'
import * as limits from './limits.ts'

describe('configuration limits', () => {
  it('match the requirements', () => {
    expect(limits.QUEUE_AGENTS_MAX).toBe(500)
    expect(limits.GLOBAL_VARIABLES_CAMPAIGN_MAX).toBe(28)
    expect(limits.POPOVER_FIELDS_MAX).toBe(6)
    expect(limits.PANEL_VARIABLES_MAX).toBe(30)
    expect(limits.MAX_TIME_IN_QUEUE_SEC_DEFAULT).toBe(3600)
    expect(limits.QUEUE_RANK_MAX).toBe(100)
  })

  it('fit every campaign data variable plus campaignId into the panel', () => {
    expect(limits.GLOBAL_VARIABLES_CAMPAIGN_MAX + 1).toBeLessThanOrEqual(limits.PANEL_VARIABLES_MAX)
  })
})
