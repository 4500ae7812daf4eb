// GotoEntryPoint: hands the call to an inbound entry point whose own flow queues it (R3.3).
import { z } from 'zod'
import { referenceIdSchema } from '../common.ts'

export const gotoEntryPointSchema = z.strictObject({
  kind: z.literal('GotoEntryPoint'),
  entryPointId: referenceIdSchema,
})
export type GotoEntryPoint = z.infer<typeof gotoEntryPointSchema>
