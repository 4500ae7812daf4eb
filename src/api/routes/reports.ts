// Campaign reports (R9.1): every attempt of a campaign from the append-only log, newest first, with
// its outcome; the counts by outcome with contact, connect and abandon rates; drill-down to one
// contact's attempts. A campaign is the built-in campaign manager's (a configuration object) or an
// outside manager's, started through the Dialer API (its persisted state). An agent sees only
// their own attempts.
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { AttemptView } from '../../store/ports/attempt-reports.ts'
import { sendAttemptsCsv } from '../attempts-csv.ts'
import { principalOf } from '../auth.ts'
import { formatQuerySchema, wantsCsv } from '../csv.ts'
import { errorBodySchema, notFound } from '../errors.ts'
import { pageOf, pageQuerySchema } from '../pagination.ts'
import { storesOf } from '../tenant-stores.ts'
import { rangeOf, rangeQuerySchema } from './report-tables.ts'

const attemptSchema = z.object({
  id: z.string(),
  campaignId: z.string(),
  contactId: z.string(),
  number: z.string(),
  agentId: z.string().nullable(),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  outcome: z.string().nullable(),
  disposition: z
    .object({
      code: z.string(),
      final: z.boolean(),
      callbackAt: z.string().nullable(),
      callbackAgentId: z.string().nullable(),
    })
    .nullable()
    .describe("R5.2: the agent's business outcome code after the call, and a callback scheduled"),
  connectedAt: z.string().nullable().describe('when a live person answered (LIVE_VOICE)'),
  talkSec: z.number().int().describe('from the answer to the end of the call; 0 without one'),
  variables: z
    .record(z.string(), z.string())
    .describe("the contact's reportable global variables when dialled (R4.4)"),
  callGuide: z
    .object({ formId: z.string(), answers: z.record(z.string(), z.unknown()) })
    .nullable()
    .describe("the agent's call-guide answers (R5.6)"),
  details: z.record(z.string(), z.unknown()),
})

const numberIn = (details: Record<string, unknown>, name: string): number | null =>
  typeof details[name] === 'number' ? (details[name] as number) : null

const present = (a: AttemptView) => ({
  id: a.id,
  campaignId: a.campaignId,
  contactId: a.contactId,
  number: a.number,
  agentId: a.agentId,
  openedAt: new Date(a.openedAtMs).toISOString(),
  closedAt: a.closedAtMs === null ? null : new Date(a.closedAtMs).toISOString(),
  outcome: a.outcome,
  disposition: a.disposition && {
    code: a.disposition.code,
    final: a.disposition.final,
    callbackAt:
      a.disposition.callbackAtMs === null
        ? null
        : new Date(a.disposition.callbackAtMs).toISOString(),
    callbackAgentId: a.disposition.callbackAgentId,
  },
  ...times(a),
  variables: (a.details.variables ?? {}) as Record<string, string>,
  callGuide: a.callGuide,
  details: a.details,
})

function times(a: AttemptView) {
  const connectedAtMs = numberIn(a.details, 'connectedAtMs')
  return {
    connectedAt: connectedAtMs === null ? null : new Date(connectedAtMs).toISOString(),
    talkSec:
      connectedAtMs === null || a.closedAtMs === null
        ? 0
        : Math.round((a.closedAtMs - connectedAtMs) / 1000),
  }
}

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
        summary: 'Attempts, newest first, filtered by campaign, contact, agent or interval',
        querystring: pageQuerySchema
          .extend(rangeQuerySchema.shape)
          .extend(formatQuerySchema.shape)
          .extend({
            campaignId: z.string().max(64).optional(),
            contactId: z.string().max(128).optional(),
            agentId: z.string().max(64).optional(),
          }),
        response: { 200: pageOf(attemptSchema) },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request)
      const { campaignId, contactId, agentId, from, to, format, ...page } = request.query
      const filter = {
        ...rangeOf({ from, to }),
        campaignId,
        contactId,
        agentId: principal.role === 'agent' ? (principal.agentId ?? '-') : agentId,
      }
      if (wantsCsv(request, format)) return sendAttemptsCsv(request, reply, filter)
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
            source: z
              .enum(['campaignManager', 'dialerApi'])
              .describe('the built-in campaign manager, or an outside one through the Dialer API'),
            attempts: z.number(),
            outcomes: z.record(z.string(), z.number()),
            dispositions: z
              .record(z.string(), z.number())
              .describe("attempts by the agent's business outcome code (R5.2)"),
            connectRatePct: z.number(),
            abandonRatePct: z.number().describe('ABANDONED ÷ (LIVE_VOICE + ABANDONED)'),
          }),
          404: errorBodySchema,
        },
      },
    },
    async (request) => {
      const { documents, attemptReports, runtime } = storesOf(request)
      const campaignId = request.params.id
      const source: 'campaignManager' | 'dialerApi' | null = (await documents.get(
        'campaign',
        campaignId,
      ))
        ? 'campaignManager'
        : (await runtime.campaignStates.load()).some(
              (state) => state.campaignId === campaignId && state.dialerApi !== undefined,
            )
          ? 'dialerApi'
          : null
      if (source === null) throw notFound(`campaign '${campaignId}'`)
      const outcomes = await attemptReports.countsByOutcome(campaignId)
      const dispositions = await attemptReports.countsByDisposition(campaignId)
      const attempts = Object.values(outcomes).reduce((a, b) => a + b, 0)
      const connected = CONNECTED.reduce((n, o) => n + (outcomes[o] ?? 0), 0)
      const pct = (part: number, whole: number) =>
        whole === 0 ? 0 : Math.round((part / whole) * 10_000) / 100
      return {
        campaignId,
        source,
        attempts,
        outcomes,
        dispositions,
        connectRatePct: pct(outcomes.LIVE_VOICE ?? 0, attempts),
        abandonRatePct: pct(outcomes.ABANDONED ?? 0, connected),
      }
    },
  )
}
