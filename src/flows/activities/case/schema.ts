// Case: branches on a variable's value, e.g. CPAResult → AMD / ABANDONED / LIVE_VOICE (R3.3).
import { z } from 'zod'
import { CASE_BRANCHES_MAX } from '../../limits.ts'
import { activityIdSchema, variableReferenceSchema } from '../common.ts'

export const caseSchema = z.strictObject({
  kind: z.literal('Case'),
  variable: variableReferenceSchema,
  /** Value (compared as text) → next activity id. */
  branches: z
    .record(z.string(), activityIdSchema)
    .refine((branches) => Object.keys(branches).length >= 1, 'Case needs at least one branch')
    .refine(
      (branches) => Object.keys(branches).length <= CASE_BRANCHES_MAX,
      `Case has more than ${CASE_BRANCHES_MAX} branches`,
    ),
  defaultNext: activityIdSchema.optional(),
})
export type Case = z.infer<typeof caseSchema>
