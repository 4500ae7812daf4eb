// QueueContact: puts the call in an inbound queue for a live agent.
import { z } from 'zod'
import { referenceIdSchema } from '../common.ts'

export const queueContactSchema = z.strictObject({
  kind: z.literal('QueueContact'),
  queueId: referenceIdSchema,
})
export type QueueContact = z.infer<typeof queueContactSchema>
