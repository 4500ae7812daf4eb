// DisconnectContact: hangs up the customer; nothing can follow it.
import { z } from 'zod'

export const disconnectContactSchema = z.strictObject({
  kind: z.literal('DisconnectContact'),
})
export type DisconnectContact = z.infer<typeof disconnectContactSchema>
