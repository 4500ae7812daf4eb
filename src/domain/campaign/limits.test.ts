// Goal: the campaign limits keep Appendix A's values (R1.2–R1.4, R2.3, R10.2) and their relations.
import { describe, expect, it } from 'vitest'
import * as limits from './limits.ts'

describe('campaign limits', () => {
  it('match Appendix A', () => {
    expect([limits.DIALING_RATE_MIN, limits.DIALING_RATE_MAX]).toEqual([1, 10])
    expect([limits.RING_LIMIT_SEC_MIN, limits.RING_LIMIT_SEC_MAX]).toEqual([16, 80])
    expect(limits.RING_LIMIT_SEC_DEFAULT).toBe(32)
    expect(limits.IVR_PORTS_MAX).toBe(1000)
    expect(limits.RECORD_COUNT_MAX).toBe(400)
    expect(limits.PREVIEW_OFFER_TIMEOUT_SEC_DEFAULT).toBe(600)
    expect(limits.ABANDON_RATE_PCT_DEFAULT).toBe(3)
  })

  it('never ring for less than regulation allows (R2.3)', () => {
    expect(limits.RING_LIMIT_SEC_MIN).toBeGreaterThan(limits.RING_LIMIT_SEC_REGULATORY_MIN)
  })
})
