// Goal: retry decisions follow the per-outcome rules, stop at the per-outcome and total caps, wait
// out the 72 h block after an abandon, and count the daily quota on the contact's local calendar day
// (so a quota reached late in the evening moves the retry to the next local midnight, DST included).
// Requirements: R5.2 (retry settings per outcome), R5.5 (repeat calls after an abandon), R2.1.
import fc from 'fast-check'
import { DateTime } from 'luxon'
import { describe, expect, it } from 'vitest'
import type { AttemptOutcome } from '../domain/outcomes.ts'
import {
  type AttemptRecord,
  attemptsTodayLocal,
  decideAfterAttempt,
  nextLocalDayStartMs,
  type RetryRules,
  retryRuleFor,
  retryRulesSchema,
} from './retry.ts'

const NEW_YORK = 'America/New_York'
const MINUTE_MS = 60_000
const HOUR_MS = 3_600_000
/** The rules with every default (no per-outcome override, the default caps). */
const DEFAULT_RULES: RetryRules = retryRulesSchema.parse({})
const at = (isoLocal: string, zone = NEW_YORK) => DateTime.fromISO(isoLocal, { zone }).toMillis()

function decide(
  outcome: AttemptOutcome,
  nowMs: number,
  earlier: AttemptRecord[] = [],
  rules: RetryRules = DEFAULT_RULES,
  zone = NEW_YORK,
) {
  const attempts = [...earlier, { atMs: nowMs, outcome }]
  return decideAfterAttempt({ outcome, nowMs, attempts, rules, zone })
}

describe('retryRulesSchema', () => {
  it('fills in defaults: 3 per day, 10 in all, a rule per outcome', () => {
    const rules = retryRulesSchema.parse({})
    expect(rules.maxAttemptsPerDay).toBe(3)
    expect(rules.maxAttemptsTotal).toBe(10)
    expect(retryRuleFor(rules, 'LIVE_VOICE').retry).toBe(false)
    expect(retryRuleFor(rules, 'INVALID_NUMBER').retry).toBe(false)
    for (const outcome of ['NO_ANSWER_CUSTOMER', 'CUSTOMER_BUSY', 'AMD', 'UNKNOWN'] as const) {
      expect(retryRuleFor(rules, outcome).retry).toBe(true)
    }
    expect(retryRuleFor(rules, 'ABANDONED').delayMin).toBe(72 * 60)
  })

  it('keeps defaults for outcomes a campaign does not override', () => {
    const rules = retryRulesSchema.parse({
      rules: [{ outcome: 'CUSTOMER_BUSY', retry: false, delayMin: 5, maxAttempts: 1 }],
    })
    expect(retryRuleFor(rules, 'CUSTOMER_BUSY').retry).toBe(false)
    expect(retryRuleFor(rules, 'NO_ANSWER_CUSTOMER').retry).toBe(true)
  })

  it('refuses out-of-range values and two rules for one outcome', () => {
    const rule = { outcome: 'AMD', retry: true, delayMin: 10, maxAttempts: 2 }
    expect(retryRulesSchema.safeParse({ rules: [rule, rule] }).success).toBe(false)
    expect(retryRulesSchema.safeParse({ rules: [{ ...rule, delayMin: 10081 }] }).success).toBe(
      false,
    )
    expect(retryRulesSchema.safeParse({ rules: [{ ...rule, maxAttempts: 0 }] }).success).toBe(false)
    expect(retryRulesSchema.safeParse({ rules: [{ ...rule, outcome: 'BUSY' }] }).success).toBe(
      false,
    )
    expect(retryRulesSchema.safeParse({ maxAttemptsPerDay: 51 }).success).toBe(false)
    expect(retryRulesSchema.safeParse({ maxAttemptsTotal: 101 }).success).toBe(false)
  })
})

describe('decideAfterAttempt', () => {
  const noonMs = at('2025-06-02T12:00')

  it('closes a connected call as success and a dead number as not retryable', () => {
    expect(decide('LIVE_VOICE', noonMs)).toEqual({ kind: 'final', reason: 'success' })
    expect(decide('INVALID_NUMBER', noonMs)).toEqual({ kind: 'final', reason: 'notRetryable' })
  })

  it('retries after the rule’s delay', () => {
    expect(decide('CUSTOMER_BUSY', noonMs)).toEqual({
      kind: 'retry',
      notBeforeMs: noonMs + 15 * MINUTE_MS,
    })
  })

  it('retries an abandon no sooner than the 72 h block, even with a shorter rule', () => {
    const rules = retryRulesSchema.parse({
      rules: [{ outcome: 'ABANDONED', retry: true, delayMin: 10, maxAttempts: 3 }],
    })
    expect(decide('ABANDONED', noonMs, [], rules)).toEqual({
      kind: 'retry',
      notBeforeMs: noonMs + 72 * HOUR_MS,
    })
  })

  it('stops at the per-outcome cap and at the total cap', () => {
    const busy = (hoursAgo: number): AttemptRecord => ({
      atMs: noonMs - hoursAgo * 24 * HOUR_MS,
      outcome: 'CUSTOMER_BUSY',
    })
    const fourBusy = [busy(4), busy(3), busy(2), busy(1)]
    expect(decide('CUSTOMER_BUSY', noonMs, fourBusy)).toEqual({
      kind: 'final',
      reason: 'maxAttempts',
    })
    const rules = retryRulesSchema.parse({ maxAttemptsTotal: 3 })
    expect(decide('NO_ANSWER_CUSTOMER', noonMs, [busy(2), busy(1)], rules)).toEqual({
      kind: 'final',
      reason: 'maxAttemptsTotal',
    })
  })

  it('moves the retry to the next local midnight once today’s quota is used', () => {
    const eveningMs = at('2025-06-02T20:00')
    const earlier = [
      { atMs: at('2025-06-02T09:00'), outcome: 'CUSTOMER_BUSY' as const },
      { atMs: at('2025-06-02T15:00'), outcome: 'CUSTOMER_BUSY' as const },
    ]
    expect(decide('CUSTOMER_BUSY', eveningMs, earlier)).toEqual({
      kind: 'retry',
      notBeforeMs: at('2025-06-03T00:00'),
    })
  })

  it('counts local days, not UTC days: 23:30 New York is already tomorrow in UTC', () => {
    // 2025-06-02 23:30 EDT = 2025-06-03 03:30Z. Attempts at 01:00 and 19:00 local are the same
    // local day (though different UTC days); the quota is used, so the retry waits for 00:00.
    const lateMs = at('2025-06-02T23:30')
    const earlier = [
      { atMs: at('2025-06-02T01:00'), outcome: 'NO_ANSWER_CUSTOMER' as const },
      { atMs: at('2025-06-02T19:00'), outcome: 'NO_ANSWER_CUSTOMER' as const },
    ]
    const attempts = [...earlier, { atMs: lateMs, outcome: 'NO_ANSWER_CUSTOMER' as const }]
    expect(attemptsTodayLocal(attempts, lateMs, NEW_YORK)).toBe(3)
    expect(attemptsTodayLocal(attempts, lateMs, 'UTC')).toBe(1)
    const rules = retryRulesSchema.parse({
      rules: [{ outcome: 'NO_ANSWER_CUSTOMER', retry: true, delayMin: 15, maxAttempts: 5 }],
    })
    expect(decide('NO_ANSWER_CUSTOMER', lateMs, earlier, rules)).toEqual({
      kind: 'retry',
      notBeforeMs: at('2025-06-03T00:00'),
    })
    // Past local midnight the quota is fresh again.
    const afterMidnightMs = at('2025-06-03T00:10')
    expect(attemptsTodayLocal(attempts, afterMidnightMs, NEW_YORK)).toBe(0)
  })

  it('keeps the rule’s delay when it already lands on a later day', () => {
    const eveningMs = at('2025-06-02T20:00')
    const earlier = [
      { atMs: at('2025-06-02T09:00'), outcome: 'AMD' as const },
      { atMs: at('2025-06-02T12:00'), outcome: 'CUSTOMER_BUSY' as const },
    ]
    expect(decide('AMD', eveningMs, earlier)).toEqual({
      kind: 'retry',
      notBeforeMs: eveningMs + 4 * HOUR_MS,
    })
  })
})

describe('nextLocalDayStartMs', () => {
  it('is the next local midnight, 23 h or 25 h away across DST', () => {
    expect(nextLocalDayStartMs(at('2025-03-08T12:00'), NEW_YORK)).toBe(at('2025-03-09T00:00'))
    expect(at('2025-03-10T00:00') - nextLocalDayStartMs(at('2025-03-08T12:00'), NEW_YORK)).toBe(
      23 * HOUR_MS,
    )
    expect(nextLocalDayStartMs(at('2025-11-02T12:00'), NEW_YORK) - at('2025-11-02T00:00')).toBe(
      25 * HOUR_MS,
    )
  })

  it('equals luxon at instants asked in any order and again (memoised per local day; issue 15)', () => {
    const zones = ['America/New_York', 'Europe/Warsaw', 'Australia/Lord_Howe', 'UTC']
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.array(fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }), {
          minLength: 1,
          maxLength: 20,
        }),
        (zone, instants) => {
          // Each instant, then a later one on the same local day, then the first again.
          for (const ms of [...instants, ...instants.map((ms) => ms + 60_000), ...instants]) {
            const expected = DateTime.fromMillis(ms, { zone })
              .plus({ days: 1 })
              .startOf('day')
              .toMillis()
            expect(nextLocalDayStartMs(ms, zone)).toBe(expected)
          }
        },
      ),
      { seed: 15_017, numRuns: 200 },
    )
  })

  it('lands on the first instant that exists when midnight is skipped (Santiago)', () => {
    const zone = 'America/Santiago'
    // 2025-09-07: clocks jump from 00:00 to 01:00.
    const startMs = nextLocalDayStartMs(at('2025-09-06T12:00', zone), zone)
    expect(DateTime.fromMillis(startMs, { zone }).toISO()).toBe('2025-09-07T01:00:00.000-03:00')
  })
})
