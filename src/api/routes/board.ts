// The supervisor's board (issue 12, R9.2): agents by state with the time in state, each campaign's
// figures against its abandon cap, its recent pooled pacing decisions with their inputs ("why N
// lines now") and its chart series over the day. Staff only: agents are refused (403). Live
// changes arrive on /v1/live (agentState, campaign, pacing, series messages).
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { PACING_DECISIONS_KEPT, SERIES_INTERVAL_MS } from '../../runtime/board-history.ts'
import type { BoardControl } from '../../runtime/control.ts'
import { principalOf } from '../auth.ts'
import { errorBodySchema, notFound } from '../errors.ts'
import { campaignFiguresSchema } from './campaign-figures.ts'

const staff = ['admin', 'supervisor'] as const
const params = z.object({ id: z.string().min(1).max(64) })

const boardAgentSchema = z.object({
  agentId: z.string(),
  name: z.string(),
  state: z.string(),
  code: z.string().nullable(),
  sinceMs: z.number().describe('When the agent entered the state (ms since the epoch)'),
  campaignId: z.string().nullable(),
})

const boardCampaignSchema = z.object({
  id: z.string(),
  name: z.string(),
  mode: z.string().nullable(),
  abandonCapPct: z.number().nullable(),
  ...campaignFiguresSchema.shape,
})

const pacingInputsSchema = z.object({
  readyServers: z.number(),
  busyServers: z.number(),
  linesInFlight: z.number(),
  liveWaiting: z.number(),
  liveProbability: z.number(),
  dialToLiveSec: z.number(),
  talkSec: z.number(),
  wrapSec: z.number(),
  liveSamples: z.number(),
  windowAbandonPct: z.number(),
  abandonCapPct: z.number(),
  abandonTargetPct: z.number(),
  capGuardActive: z.boolean(),
  policyTarget: z.number(),
  policy: z.string(),
})

const pacingDecisionSchema = z.object({
  atMs: z.number(),
  target: z.number().describe('Lines in flight the decision asked for (after the cap guard)'),
  inFlight: z.number().describe('Lines in flight after the decision opened its lines'),
  reason: z.string(),
  inputs: pacingInputsSchema,
})

const seriesPointSchema = z.object({
  atMs: z.number(),
  linesInFlight: z.number(),
  connects: z.number().describe('Live connects since the previous point'),
  abandonRateRunPct: z.number(),
  abandonRateWindowPct: z.number(),
})

export function registerBoardRoutes(app: FastifyInstance, deps: { board: BoardControl }): void {
  const typed = app.withTypeProvider<ZodTypeProvider>()

  typed.get(
    '/v1/board',
    {
      config: { roles: staff },
      schema: {
        tags: ['live'],
        summary: "The supervisor's board: agents with time in state, campaigns against their cap",
        response: {
          200: z.object({
            atMs: z.number(),
            agents: z.array(boardAgentSchema),
            campaigns: z.array(boardCampaignSchema),
          }),
          403: errorBodySchema,
          404: errorBodySchema,
        },
      },
    },
    async (request) => {
      const board = deps.board.board(principalOf(request).tenantId)
      if (!board) throw notFound('a running dialer for this tenant')
      return board
    },
  )

  typed.get(
    '/v1/campaigns/:id/pacing-decisions',
    {
      config: { roles: staff },
      schema: {
        tags: ['live'],
        summary: `"Why N lines now": the campaign's last ${PACING_DECISIONS_KEPT} pooled pacing decisions with their inputs, newest first`,
        params,
        response: {
          200: z.object({ campaignId: z.string(), decisions: z.array(pacingDecisionSchema) }),
          403: errorBodySchema,
          404: errorBodySchema,
        },
      },
    },
    async (request) => {
      const { id } = request.params
      const decisions = deps.board.pacingDecisions(principalOf(request).tenantId, id)
      if (!decisions) throw notFound(`campaign '${id}' in the dialer`)
      return { campaignId: id, decisions }
    },
  )

  typed.get(
    '/v1/campaigns/:id/series',
    {
      config: { roles: staff },
      schema: {
        tags: ['live'],
        summary: `The campaign's chart series over the day: one point every ${SERIES_INTERVAL_MS / 1000} s, oldest first`,
        params,
        response: {
          200: z.object({
            campaignId: z.string(),
            intervalSec: z.number(),
            points: z.array(seriesPointSchema),
          }),
          403: errorBodySchema,
          404: errorBodySchema,
        },
      },
    },
    async (request) => {
      const { id } = request.params
      const points = deps.board.series(principalOf(request).tenantId, id)
      if (!points) throw notFound(`campaign '${id}' in the dialer`)
      return { campaignId: id, intervalSec: SERIES_INTERVAL_MS / 1000, points }
    },
  )
}
