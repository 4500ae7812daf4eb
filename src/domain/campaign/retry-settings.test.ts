// Goal: campaign retry settings (R5.2) say per outcome whether to retry, after how many minutes and
// how many times, within per-day and total caps; INVALID_NUMBER is never retried (R2.1).
import { describe, expect, it } from 'vitest'
import { messageAt } from '../config/issues.testkit.ts'
import { campaignRetrySchema } from './retry-settings.ts'

const settings = {
  perOutcome: {
    CUSTOMER_BUSY: { retry: true, delayMin: 15, maxAttempts: 3 },
    NO_ANSWER_CUSTOMER: { retry: true, delayMin: 120, maxAttempts: 5 },
    AMD: { retry: false },
  },
  maxAttemptsPerDay: 3,
  maxAttemptsTotal: 8,
}

describe('campaignRetrySchema', () => {
  it('accepts good settings', () => {
    expect(campaignRetrySchema.parse(settings)).toEqual(settings)
  })

  it('defaults to no retries, 3 a day, 10 in all', () => {
    expect(campaignRetrySchema.parse({})).toEqual({
      perOutcome: {},
      maxAttemptsPerDay: 3,
      maxAttemptsTotal: 10,
    })
  })

  it('refuses an unknown outcome key', () => {
    const result = campaignRetrySchema.safeParse({ perOutcome: { VOICEMAIL: { retry: false } } })
    expect(messageAt(result, ['perOutcome'])).toMatch(/attempt outcomes .*not VOICEMAIL/)
  })

  it('refuses a retry without its delay, and a zero delay', () => {
    const missing = campaignRetrySchema.safeParse({
      perOutcome: { AMD: { retry: true, maxAttempts: 2 } },
    })
    expect(messageAt(missing, ['perOutcome', 'AMD', 'delayMin'])).toMatch(
      /whole number in 1–43200 min/,
    )
    const zero = campaignRetrySchema.safeParse({
      perOutcome: { AMD: { retry: true, delayMin: 0, maxAttempts: 2 } },
    })
    expect(messageAt(zero, ['perOutcome', 'AMD', 'delayMin'])).toMatch(
      /below 1 min.*at least a minute/,
    )
  })

  it('refuses a retry flag that is not a boolean', () => {
    const result = campaignRetrySchema.safeParse({ perOutcome: { AMD: { retry: 'yes' } } })
    expect(messageAt(result, ['perOutcome', 'AMD', 'retry'])).toMatch(/retry must be true or false/)
  })

  it('refuses retrying INVALID_NUMBER, at its retry flag', () => {
    const result = campaignRetrySchema.safeParse({
      perOutcome: { INVALID_NUMBER: { retry: true, delayMin: 60, maxAttempts: 2 } },
    })
    expect(messageAt(result, ['perOutcome', 'INVALID_NUMBER', 'retry'])).toMatch(/SIT tone/)
  })

  it('refuses a daily cap above the total, and an outcome cap above the total', () => {
    const daily = campaignRetrySchema.safeParse({ maxAttemptsPerDay: 6, maxAttemptsTotal: 5 })
    expect(messageAt(daily, ['maxAttemptsPerDay'])).toMatch(/exceeds maxAttemptsTotal 5/)
    const outcome = campaignRetrySchema.safeParse({ ...settings, maxAttemptsTotal: 4 })
    expect(messageAt(outcome, ['perOutcome', 'NO_ANSWER_CUSTOMER', 'maxAttempts'])).toMatch(
      /maxAttempts 5 for NO_ANSWER_CUSTOMER exceeds maxAttemptsTotal 4/,
    )
  })

  it('refuses a daily cap over its limit', () => {
    const result = campaignRetrySchema.safeParse({ maxAttemptsPerDay: 21, maxAttemptsTotal: 50 })
    expect(messageAt(result, ['maxAttemptsPerDay'])).toMatch(/above 20 attempts/)
  })
})
