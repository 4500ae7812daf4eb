// PlayMessage: plays a recorded prompt to the customer, e.g. the R5.5 abandon message.
import { z } from 'zod'
import { activityIdSchema, referenceIdSchema } from '../common.ts'

export const playMessageSchema = z.strictObject({
  kind: z.literal('PlayMessage'),
  promptId: referenceIdSchema,
  next: activityIdSchema.optional(),
})
export type PlayMessage = z.infer<typeof playMessageSchema>
