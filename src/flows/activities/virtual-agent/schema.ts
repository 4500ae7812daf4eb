// VirtualAgent: hands the customer to an AI bot for at most maxDurationSec (R1.4, R3.3).
import { z } from 'zod'
import { VIRTUAL_AGENT_SEC_DEFAULT, VIRTUAL_AGENT_SEC_MAX } from '../../limits.ts'
import { activityIdSchema, referenceIdSchema } from '../common.ts'

export const virtualAgentSchema = z.strictObject({
  kind: z.literal('VirtualAgent'),
  botId: referenceIdSchema,
  maxDurationSec: z
    .number()
    .int()
    .min(1)
    .max(VIRTUAL_AGENT_SEC_MAX)
    .default(VIRTUAL_AGENT_SEC_DEFAULT),
  next: activityIdSchema.optional(),
})
export type VirtualAgent = z.infer<typeof virtualAgentSchema>
