// Campaign reports (R9.1): every attempt of a campaign from the append-only log, newest first, with
// its outcome; the counts by outcome with contact, connect and abandon rates; drill-down to one
// contact's attempts. An agent sees only their own attempts.
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { AttemptView } from '../../store/ports/attempt-reports.ts'
import { principalOf } from '../auth.ts'
import { errorBodySchema, notFound } from '../errors.ts'
import { pageOf, pageQuerySchema } from '../pagination.ts'
import { storesOf } from '../tenant-stores.ts'

const attemptSchema = z.object({
  id: z.string(),
  campaignId: z.string(),
  contactId: z.string(),
  number: z.string(),
  agentId: z.string().nullable(),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  outcome: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
})

const present = (a: AttemptView) => ({
  id: a.id,
  campaignId: a.campaignId,
  contactId: a.contactId,
  number: a.number,
  agentId: a.agentId,
  openedAt: new Date(a.openedAtMs).toISOString(),
  closedAt: a.closedAtMs === null ? null : new Date(a.closedAtMs).toISOString(),
  outcome: a.outcome,
  details: a.details,
})

/** Calls a live person answered: the denominator of the abandon rate (as the compliance ledger counts it). */
const CONNECTED = ['LIVE_VOICE', 'ABANDONED'] as const

export function registerReportRoutes(app: FastifyInstance): void {
  const typed = app.withTypeProvider<ZodTypeProvider>()

  typed.get(
    '/v1/attempts',
    {
      config: { roles: ['admin', 'supervisor', 'agent'] },
      schema: {
        tags: ['reports'],
        summary: 'Attempts, newest first, filtered by campaign, contact or agent',
        querystring: pageQuerySchema.extend({
          campaignId: z.string().max(64).optional(),
          contactId: z.string().max(128).optional(),
          agentId: z.string().max(64).optional(),
        }),
        response: { 200: pageOf(attemptSchema) },
      },
    },
    async (request) => {
      const principal = principalOf(request)
      const { campaignId, contactId, agentId, ...page } = request.query
      const filter = {
        campaignId,
        contactId,
        agentId: principal.role === 'agent' ? (principal.agentId ?? '-') : agentId,
      }
      const result = await storesOf(request).attemptReports.list(filter, page)
      return { items: result.items.map(present), total: result.total, ...page }
    },
  )

  typed.get(
    '/v1/reports/campaigns/:id',
    {
      config: { roles: ['admin', 'supervisor'] },
      schema: {
        tags: ['reports'],
        summary: "A campaign's attempts by outcome, with connect and abandon rates",
        params: z.object({ id: z.string().min(1).max(64) }),
        response: {
          200: z.object({
            campaignId: z.string(),
            attempts: z.number(),
            outcomes: z.record(z.string(), z.number()),
            connectRatePct: z.number(),
            abandonRatePct: z.number().describe('ABANDONED ÷ (LIVE_VOICE + ABANDONED)'),
          }),
          404: errorBodySchema,
        },
      },
    },
    async (request) => {
      const { documents, attemptReports } = storesOf(request)
      const campaignId = request.params.id
      if (!(await documents.get('campaign', campaignId))) throw notFound(`campaign '${campaignId}'`)
      const outcomes = await attemptReports.countsByOutcome(campaignId)
      const attempts = Object.values(outcomes).reduce((a, b) => a + b, 0)
      const connected = CONNECTED.reduce((n, o) => n + (outcomes[o] ?? 0), 0)
      const pct = (part: number, whole: number) =>
        whole === 0 ? 0 : Math.round((part / whole) * 10_000) / 100
      return {
        campaignId,
        attempts,
        outcomes,
        connectRatePct: pct(outcomes.LIVE_VOICE ?? 0, attempts),
        abandonRatePct: pct(outcomes.ABANDONED ?? 0, connected),
      }
    },
  )
}
