// Campaign report tables (R9.1), drillable campaign → interval → agent → attempt (the attempt level
// is GET /v1/attempts with `from`, `to` and `agentId`): the tenant's campaigns grouped by mode
// family; one campaign's 15-minute, hourly or daily intervals in its zone or a requested one; and
// its agents over a range. Built-in and Dialer-API campaigns alike; admins and supervisors only.
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { DateTime } from 'luxon'
import { z } from 'zod'
import type { AttemptFilter } from '../../store/ports/attempt-reports.ts'
import { figureColumns, formatQuerySchema, sendCsv, wantsCsv } from '../csv.ts'
import { badRequest, errorBodySchema, notFound } from '../errors.ts'
import {
  familyOf,
  MODE_FAMILIES,
  type ReportCampaign,
  reportCampaigns,
} from '../report-campaigns.ts'
import {
  emptyFigures,
  figuresBy,
  figuresSchema,
  INTERVAL_SIZES,
  intervalStart,
} from '../report-figures.ts'
import { storesOf } from '../tenant-stores.ts'

/** The longest range one report covers, so a 15-minute table stays bounded (35,136 rows). */
export const REPORT_RANGE_DAYS_MAX = 366
const DAY_MS = 86_400_000

const instant = (name: string) =>
  z.iso
    .datetime({ offset: true })
    .describe(`${name}: an ISO 8601 instant with its offset, e.g. 2026-11-24T00:00:00Z`)

export const rangeQuerySchema = z.object({
  from: instant('from (inclusive)').optional(),
  to: instant('to (exclusive)').optional(),
})

/** The range as UTC ms, refused when reversed or longer than REPORT_RANGE_DAYS_MAX. */
export function rangeOf(query: {
  from?: string
  to?: string
}): Pick<AttemptFilter, 'fromMs' | 'toMs'> {
  const fromMs = query.from === undefined ? undefined : Date.parse(query.from)
  const toMs = query.to === undefined ? undefined : Date.parse(query.to)
  if (fromMs !== undefined && toMs !== undefined) {
    if (toMs <= fromMs)
      throw badRequest('the range is empty', [{ path: 'to', message: 'to must be after from' }])
    if (toMs - fromMs > REPORT_RANGE_DAYS_MAX * DAY_MS)
      throw badRequest('the range is too long', [
        { path: 'to', message: `a report covers at most ${REPORT_RANGE_DAYS_MAX} days` },
      ])
  }
  return {
    ...(fromMs !== undefined ? { fromMs } : {}),
    ...(toMs !== undefined ? { toMs } : {}),
  }
}

const campaignSchema = z.object({
  campaignId: z.string(),
  name: z.string(),
  mode: z.string().nullable(),
  source: z
    .enum(['campaignManager', 'dialerApi'])
    .describe('the built-in campaign manager, or an outside one through the Dialer API'),
})

const present = (c: ReportCampaign) => ({
  campaignId: c.campaignId,
  name: c.name,
  mode: c.mode,
  source: c.source,
})

export const zoneSchema = z
  .string()
  .max(64)
  .refine((zone) => DateTime.local().setZone(zone).isValid, 'zone must be an IANA time zone')

export function registerReportTableRoutes(app: FastifyInstance): void {
  const typed = app.withTypeProvider<ZodTypeProvider>()
  const roles = { roles: ['admin', 'supervisor'] as const }

  typed.get(
    '/v1/reports/campaigns',
    {
      config: roles,
      schema: {
        tags: ['reports'],
        summary: 'Every campaign with its figures, grouped by mode family (R9.1)',
        querystring: rangeQuerySchema.extend(formatQuerySchema.shape),
        response: {
          200: z.object({
            families: z.array(
              z.object({
                family: z
                  .enum(MODE_FAMILIES)
                  .describe('predictive and progressive together, preview, IVR; unknown: no mode'),
                totals: figuresSchema,
                campaigns: z.array(campaignSchema.extend({ figures: figuresSchema })),
              }),
            ),
          }),
        },
      },
    },
    async (request, reply) => {
      const stores = storesOf(request)
      const campaigns = await reportCampaigns(stores)
      const tallies = await stores.attemptReports.tally('campaign', rangeOf(request.query))
      const byCampaign = figuresBy(tallies, (id) => id)
      const family = (id: string) => familyOf(campaigns.get(id)?.mode ?? null)
      const totals = figuresBy(tallies, family)
      const ids = [...new Set([...campaigns.keys(), ...byCampaign.keys()])].sort()
      const body = {
        families: MODE_FAMILIES.filter(
          (f) => f !== 'unknown' || ids.some((id) => family(id) === f),
        ).map((f) => ({
          family: f,
          totals: totals.get(f) ?? emptyFigures(),
          campaigns: ids
            .filter((id) => family(id) === f)
            .map((id) => ({
              ...present(
                campaigns.get(id) ?? {
                  campaignId: id,
                  name: id,
                  mode: null,
                  source: 'dialerApi',
                  timeZone: null,
                },
              ),
              figures: byCampaign.get(id) ?? emptyFigures(),
            })),
        })),
      }
      if (!wantsCsv(request, request.query.format)) return body
      const list = body.families.flatMap((f) =>
        f.campaigns.map((c) => ({ family: f.family, ...c })),
      )
      const columns = figureColumns(list.map((c) => c.figures))
      return sendCsv(
        reply,
        'campaigns',
        ['family', 'campaignId', 'name', 'mode', 'source', ...columns.header],
        list.map((c) => [
          c.family,
          c.campaignId,
          c.name,
          c.mode,
          c.source,
          ...columns.cells(c.figures),
        ]),
      )
    },
  )

  typed.get(
    '/v1/reports/campaigns/:id/intervals',
    {
      config: roles,
      schema: {
        tags: ['reports'],
        summary: "A campaign's figures per 15-minute, hourly or daily interval (R9.1)",
        params: z.object({ id: z.string().min(1).max(64) }),
        querystring: rangeQuerySchema.extend({
          ...formatQuerySchema.shape,
          size: z.enum(INTERVAL_SIZES).default('1h'),
          zone: zoneSchema
            .optional()
            .describe("the zone of the interval starts; default the campaign's own, else UTC"),
        }),
        response: {
          200: z.object({
            campaign: campaignSchema,
            size: z.enum(INTERVAL_SIZES),
            zone: z.string(),
            rows: z.array(
              z
                .object({ start: z.string().describe('ISO 8601 with the zone offset') })
                .extend(figuresSchema.shape),
            ),
          }),
          400: errorBodySchema,
          404: errorBodySchema,
        },
      },
    },
    async (request, reply) => {
      const stores = storesOf(request)
      const campaign = (await reportCampaigns(stores)).get(request.params.id)
      if (!campaign) throw notFound(`campaign '${request.params.id}'`)
      const { size, zone: asked, format, ...range } = request.query
      const zone = asked ?? campaign.timeZone ?? 'UTC'
      const tallies = await stores.attemptReports.tally('quarter', {
        campaignId: campaign.campaignId,
        ...rangeOf(range),
      })
      const figures = figuresBy(tallies, (quarter) => intervalStart(Number(quarter), size, zone))
      const rows = [...figures]
        .map(([start, row]) => ({ start, startMs: Date.parse(start), ...row }))
        .sort((a, b) => a.startMs - b.startMs)
        .map(({ startMs: _, ...row }) => row)
      if (!wantsCsv(request, format)) return { campaign: present(campaign), size, zone, rows }
      const columns = figureColumns(rows)
      return sendCsv(
        reply,
        `${campaign.campaignId}-intervals-${size}`,
        ['start', ...columns.header],
        rows.map((row) => [row.start, ...columns.cells(row)]),
      )
    },
  )

  typed.get(
    '/v1/reports/campaigns/:id/agents',
    {
      config: roles,
      schema: {
        tags: ['reports'],
        summary: "A campaign's figures per agent over a range, e.g. one interval (R9.1)",
        params: z.object({ id: z.string().min(1).max(64) }),
        querystring: rangeQuerySchema.extend(formatQuerySchema.shape),
        response: {
          200: z.object({
            campaign: campaignSchema,
            rows: z.array(
              z
                .object({
                  agentId: z
                    .string()
                    .nullable()
                    .describe('null: attempts no agent took (IVR, abandoned, not answered)'),
                })
                .extend(figuresSchema.shape),
            ),
          }),
          400: errorBodySchema,
          404: errorBodySchema,
        },
      },
    },
    async (request, reply) => {
      const stores = storesOf(request)
      const campaign = (await reportCampaigns(stores)).get(request.params.id)
      if (!campaign) throw notFound(`campaign '${request.params.id}'`)
      const tallies = await stores.attemptReports.tally('agent', {
        campaignId: campaign.campaignId,
        ...rangeOf(request.query),
      })
      const figures = figuresBy(tallies, (agent) => agent)
      const rows = [...figures.keys()].sort().map((agent) => ({
        agentId: agent === '' ? null : agent,
        ...figures.get(agent)!,
      }))
      if (!wantsCsv(request, request.query.format)) return { campaign: present(campaign), rows }
      const columns = figureColumns(rows)
      return sendCsv(
        reply,
        `${campaign.campaignId}-agents`,
        ['agentId', ...columns.header],
        rows.map((row) => [row.agentId, ...columns.cells(row)]),
      )
    },
  )
}
