// SetCallerID (R3.2): the ANI to present on the dial, highest in the R6.1 precedence.
import { z } from 'zod'
import { E164_PATTERN } from '../../../domain/caller-id.ts'
import { activityIdSchema, variableSourceSchema } from '../common.ts'

export const setCallerIdSchema = z.strictObject({
  kind: z.literal('SetCallerID'),
  // A constant is checked now; a variable's value is checked at dial time by resolveCallerId.
  callerId: z.union([
    z.string().regex(E164_PATTERN, 'caller ID must be E.164, e.g. +15551234567'),
    variableSourceSchema,
  ]),
  next: activityIdSchema.optional(),
})
export type SetCallerId = z.infer<typeof setCallerIdSchema>
