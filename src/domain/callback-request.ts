// What an agent asks for at the end of wrap-up (R5.2): a callback at the customer's local date and
// time, for the agent themself or any agent of the campaign. Shared by the agent desktop API
// (src/api/routes/agent-desk.ts) and the web app's wrap-up form, so both validate alike.
import { z } from 'zod'

export const CALLBACK_FOR = ['agent', 'campaign'] as const

export const callbackRequestSchema = z.object({
  localTime: z
    .string()
    .regex(
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/,
      "the customer's local date and time, e.g. 2026-12-04T10:30",
    )
    .describe("the customer's local date and time, in the contact's zone"),
  for: z.enum(CALLBACK_FOR).describe('the agent themself, or any agent of the campaign'),
})
