// CollectDigits: an IVR menu. Plays a prompt, collects the keys the customer presses (RFC 4733
// events on SIP, the customer model in the simulator), stores them in a flow variable and
// branches on them; no key in time → noInput, keys that match no branch → noMatch, each after
// `retries` more tries.
import { z } from 'zod'
import {
  CASE_BRANCHES_MAX,
  COLLECT_DIGITS_MAX,
  COLLECT_RETRIES_MAX,
  FIRST_DIGIT_TIMEOUT_SEC_DEFAULT,
  FIRST_DIGIT_TIMEOUT_SEC_MAX,
  INTER_DIGIT_TIMEOUT_SEC_DEFAULT,
  INTER_DIGIT_TIMEOUT_SEC_MAX,
} from '../../limits.ts'
import { activityIdSchema, referenceIdSchema, variableReferenceSchema } from '../common.ts'

export const collectDigitsSchema = z
  .strictObject({
    kind: z.literal('CollectDigits'),
    /** The message played before (and while) keys are collected. */
    promptId: referenceIdSchema,
    /** The flow variable (declared, STRING) the collected keys are stored in. */
    variable: variableReferenceSchema,
    maxDigits: z
      .number()
      .int()
      .min(1, 'maxDigits must be at least 1 digit')
      .max(COLLECT_DIGITS_MAX, `maxDigits is more than ${COLLECT_DIGITS_MAX} digits`)
      .default(1),
    /** A key that ends the collection early; it is not part of the value. */
    terminator: z.literal('#').optional(),
    firstDigitTimeoutSec: z
      .number()
      .int()
      .min(1, 'firstDigitTimeoutSec must be at least 1 s')
      .max(
        FIRST_DIGIT_TIMEOUT_SEC_MAX,
        `firstDigitTimeoutSec is more than ${FIRST_DIGIT_TIMEOUT_SEC_MAX} s`,
      )
      .default(FIRST_DIGIT_TIMEOUT_SEC_DEFAULT),
    interDigitTimeoutSec: z
      .number()
      .int()
      .min(1, 'interDigitTimeoutSec must be at least 1 s')
      .max(
        INTER_DIGIT_TIMEOUT_SEC_MAX,
        `interDigitTimeoutSec is more than ${INTER_DIGIT_TIMEOUT_SEC_MAX} s`,
      )
      .default(INTER_DIGIT_TIMEOUT_SEC_DEFAULT),
    /** Further tries (prompt again) after no input or no match, before taking that exit. */
    retries: z
      .number()
      .int()
      .min(0, 'retries must be 0 or more')
      .max(COLLECT_RETRIES_MAX, `retries is more than ${COLLECT_RETRIES_MAX}`)
      .default(0),
    /** Keys pressed (without the terminator) → next activity id. */
    branches: z
      .record(z.string(), activityIdSchema)
      .refine((b) => Object.keys(b).length >= 1, 'CollectDigits needs at least one branch')
      .refine(
        (b) => Object.keys(b).length <= CASE_BRANCHES_MAX,
        `CollectDigits has more than ${CASE_BRANCHES_MAX} branches`,
      ),
    /** No key before the timeout on the last try; without it the run ends (disconnect). */
    noInput: activityIdSchema.optional(),
    /** Keys matching no branch on the last try; without it the run ends (disconnect). */
    noMatch: activityIdSchema.optional(),
  })
  .superRefine((activity, ctx) => {
    for (const key of Object.keys(activity.branches)) {
      if (!/^[0-9*#]+$/.test(key)) {
        ctx.addIssue({
          code: 'custom',
          path: ['branches', key],
          message: `branch '${key}' holds other keys than 0-9, * and #`,
        })
      }
      if (key.length > activity.maxDigits) {
        ctx.addIssue({
          code: 'custom',
          path: ['branches', key],
          message: `branch '${key}' is longer than maxDigits (${activity.maxDigits} digits)`,
        })
      }
      if (activity.terminator !== undefined && key.includes(activity.terminator)) {
        ctx.addIssue({
          code: 'custom',
          path: ['branches', key],
          message: `branch '${key}' holds the terminator '${activity.terminator}', which is never collected`,
        })
      }
    }
  })
export type CollectDigits = z.infer<typeof collectDigitsSchema>
