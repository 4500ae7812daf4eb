// A campaign's live figures as the API shows them (R5.7, R9.2): one schema for
// `GET /v1/campaigns/{id}/live` and the board's campaign cards, so the two never drift apart.
import { z } from 'zod'

export const campaignFiguresSchema = z.object({
  status: z.string(),
  linesInFlight: z.number(),
  readyAgents: z.number(),
  abandonRateWindowPct: z.number(),
  abandonRateRunPct: z.number(),
  dialsPerMinute: z.number(),
  pendingContacts: z.number(),
  outcomes: z.record(z.string(), z.number()),
  outsideHours: z
    .boolean()
    .describe('Outside the dialing hours of its schedule now: it dials again at the next period'),
})
