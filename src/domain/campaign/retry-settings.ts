// Retry settings of a campaign (R5.2): per attempt outcome, whether to retry, after how many
// minutes and how many times; and caps per day and in total. A minimal schema owned by the
// campaign; the retry scheduling itself (and compliance's repeat-call limits) live elsewhere.
import { z } from 'zod'
import { boundedInt, unknownKeysError } from '../config/schema-kit.ts'
import { attemptOutcomeSchema } from '../outcomes.ts'
import { RETRY_ATTEMPTS_MAX, RETRY_ATTEMPTS_PER_DAY_MAX, RETRY_DELAY_MIN_MAX } from './limits.ts'

/** A retry waits at least a minute: an immediate redial after e.g. CUSTOMER_BUSY is harassment. */
export const RETRY_DELAY_MIN_MIN = 1
export const RETRY_ATTEMPTS_PER_DAY_DEFAULT = 3
export const RETRY_ATTEMPTS_TOTAL_DEFAULT = 10

/** Outcomes that are never worth another dial. */
export const NEVER_RETRIED_OUTCOMES = ['INVALID_NUMBER'] as const

const noRetrySchema = z.object({ retry: z.literal(false) })

const retrySchema = z.object({
  retry: z.literal(true),
  /** Minutes to wait before the contact is dialled again. */
  delayMin: boundedInt({
    field: 'delayMin',
    min: RETRY_DELAY_MIN_MIN,
    max: RETRY_DELAY_MIN_MAX,
    unit: 'min',
    why: 'R5.2: a retry waits at least a minute and at most 30 days',
  }),
  /** At most this many attempts of one contact may end in this outcome; then it is closed. */
  maxAttempts: boundedInt({
    field: 'maxAttempts',
    min: 1,
    max: RETRY_ATTEMPTS_MAX,
    unit: 'attempts',
    why: 'R5.2',
  }),
})

export const retryRuleSchema = z.discriminatedUnion('retry', [noRetrySchema, retrySchema], {
  error: 'retry must be true or false (R5.2: retry or not, after how long, how many times)',
})

export const campaignRetrySchema = z
  .object({
    /** Outcomes not listed keep the default rule (compliance/retry.ts DEFAULT_RETRY_RULES). */
    perOutcome: z
      .partialRecord(attemptOutcomeSchema, retryRuleSchema, {
        error: unknownKeysError(
          (keys) =>
            `perOutcome keys must be attempt outcomes (Appendix A names), not ${keys.join(', ')} (R2.1)`,
        ),
      })
      .default({}),
    maxAttemptsPerDay: boundedInt({
      field: 'maxAttemptsPerDay',
      min: 1,
      max: RETRY_ATTEMPTS_PER_DAY_MAX,
      unit: 'attempts',
      why: 'R5.2, R5.5 repeat-call limits',
    }).default(RETRY_ATTEMPTS_PER_DAY_DEFAULT),
    maxAttemptsTotal: boundedInt({
      field: 'maxAttemptsTotal',
      min: 1,
      max: RETRY_ATTEMPTS_MAX,
      unit: 'attempts',
      why: 'R5.2',
    }).default(RETRY_ATTEMPTS_TOTAL_DEFAULT),
  })
  .superRefine((settings, ctx) => {
    if (settings.maxAttemptsPerDay > settings.maxAttemptsTotal) {
      ctx.addIssue({
        code: 'custom',
        path: ['maxAttemptsPerDay'],
        message: `maxAttemptsPerDay ${settings.maxAttemptsPerDay} exceeds maxAttemptsTotal ${settings.maxAttemptsTotal}: a day's attempts are part of the total`,
      })
    }
    for (const outcome of NEVER_RETRIED_OUTCOMES) {
      if (settings.perOutcome[outcome]?.retry === true) {
        ctx.addIssue({
          code: 'custom',
          path: ['perOutcome', outcome, 'retry'],
          message: `${outcome} cannot be retried: a SIT tone means the number does not exist (R2.1)`,
        })
      }
    }
    for (const [outcome, rule] of Object.entries(settings.perOutcome)) {
      if (rule?.retry === true && rule.maxAttempts > settings.maxAttemptsTotal) {
        ctx.addIssue({
          code: 'custom',
          path: ['perOutcome', outcome, 'maxAttempts'],
          message: `maxAttempts ${rule.maxAttempts} for ${outcome} exceeds maxAttemptsTotal ${settings.maxAttemptsTotal}, which caps every contact`,
        })
      }
    }
  })
export type CampaignRetry = z.infer<typeof campaignRetrySchema>
