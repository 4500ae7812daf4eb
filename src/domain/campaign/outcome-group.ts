// Business outcome groups (R5.2): the disposition codes an agent can choose at wrap-up for a
// campaign, each saying whether it closes the contact (a sale, a refusal) or lets it be retried.
import { z } from 'zod'
import { addDuplicateIssues, booleanSchema, idSchema, nameSchema } from '../config/schema-kit.ts'

export const OUTCOME_CODES_MAX = 100
export const OUTCOME_CODE_PATTERN = /^[A-Z0-9_]{1,40}$/

export const businessOutcomeSchema = z.object({
  code: z.string().regex(OUTCOME_CODE_PATTERN, 'codes are 1–40 of A-Z 0-9 _'),
  name: nameSchema('name'),
  /** The contact is finished with this outcome (no retry). */
  final: booleanSchema('final').default(true),
  /** Counts as a success in reports (conversion rate). */
  success: booleanSchema('success').default(false),
})

export const outcomeGroupSchema = z
  .object({
    id: idSchema('id'),
    name: nameSchema('name'),
    outcomes: z
      .array(businessOutcomeSchema)
      .min(1, 'an outcome group needs at least one code for the agent to choose')
      .max(OUTCOME_CODES_MAX, `at most ${OUTCOME_CODES_MAX} codes`),
  })
  .superRefine((group, ctx) => {
    addDuplicateIssues(ctx, group.outcomes, (o) => o.code, {
      basePath: ['outcomes'],
      keyPath: ['code'],
      what: 'outcome code',
      why: 'the agent picks a code by its name in reports',
    })
  })
export type OutcomeGroup = z.infer<typeof outcomeGroupSchema>
