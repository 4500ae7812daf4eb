// The agent report (R9.1): per agent over a range, logged-in, available, reserved, talk, wrap-up
// and idle time (idle and wrap-up by code) from the agent state log, and connects and dispositions
// per hour of the requested zone from the attempt log. Admins and supervisors only.
import type { FastifyInstance, FastifyReply } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { agentTimes } from '../agent-report.ts'
import { formatQuerySchema, sendCsv, wantsCsv } from '../csv.ts'
import { errorBodySchema } from '../errors.ts'
import { figuresBy, intervalStart } from '../report-figures.ts'
import { storesOf } from '../tenant-stores.ts'
import { rangeOf, rangeQuerySchema, zoneSchema } from './report-tables.ts'

const sec = (description: string) => z.number().int().describe(description)

const agentRowSchema = z.object({
  agentId: z.string(),
  loggedInSec: sec('every state but LoggedOut'),
  availableSec: sec('Available'),
  reservedSec: sec('Reserved by a campaign, waiting for its call'),
  talkSec: sec('Engaged on a call'),
  wrapUpSec: sec('WrapUp'),
  idleSec: sec('Idle, any code'),
  idleSecByCode: z.record(z.string(), z.number().int()).describe('Idle time by idle (aux) code'),
  wrapUpSecByCode: z.record(z.string(), z.number().int()).describe('WrapUp time by code'),
  hours: z.array(
    z.object({
      start: z.string().describe('ISO 8601 with the zone offset'),
      attempts: z.number().int(),
      connects: z.number().int().describe('LIVE_VOICE attempts'),
      dispositions: z.record(z.string(), z.number().int()).describe('attempts by code (R5.2)'),
    }),
  ),
})

export function registerAgentReportRoutes(app: FastifyInstance, nowMs: () => number): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/v1/reports/agents',
    {
      config: { roles: ['admin', 'supervisor'] },
      schema: {
        tags: ['reports'],
        summary: 'Agent time by state and code, connects and dispositions per hour (R9.1)',
        querystring: rangeQuerySchema.required().extend({
          ...formatQuerySchema.shape,
          zone: zoneSchema.default('UTC').describe('the zone of the hour starts'),
        }),
        response: {
          200: z.object({ zone: z.string(), rows: z.array(agentRowSchema) }),
          400: errorBodySchema,
        },
      },
    },
    async (request, reply) => {
      const stores = storesOf(request)
      const { zone, format, ...query } = request.query
      const range = rangeOf(query)
      const fromMs = range.fromMs!
      // Time not lived yet is no one's time: the last state runs to now at the latest.
      const toMs = Math.max(fromMs, Math.min(range.toMs!, nowMs()))
      const times = agentTimes(await stores.runtime.agentStates.between(fromMs, toMs), fromMs, toMs)
      const tallies = await stores.attemptReports.tally('agentQuarter', range)
      const hours = figuresBy(tallies, (key) => {
        const cut = key.lastIndexOf('|')
        return `${key.slice(0, cut)}|${intervalStart(Number(key.slice(cut + 1)), '1h', zone)}`
      })
      const hoursOf = new Map<string, z.infer<typeof agentRowSchema>['hours']>()
      for (const [key, figures] of hours) {
        const cut = key.lastIndexOf('|')
        const agentId = key.slice(0, cut)
        if (agentId === '') continue
        const list = hoursOf.get(agentId) ?? []
        list.push({
          start: key.slice(cut + 1),
          attempts: figures.attempts,
          connects: figures.connects,
          dispositions: figures.dispositions,
        })
        hoursOf.set(agentId, list)
      }
      const ids = [...new Set([...times.keys(), ...hoursOf.keys()])].sort()
      const body = {
        zone,
        rows: ids.map((agentId) => ({
          agentId,
          ...(times.get(agentId) ?? emptyTimes()),
          hours: (hoursOf.get(agentId) ?? []).sort(
            (a, b) => Date.parse(a.start) - Date.parse(b.start),
          ),
        })),
      }
      return wantsCsv(request, format) ? sendAgentsCsv(reply, body.rows) : body
    },
  )
}

type AgentRow = z.infer<typeof agentRowSchema>

/** One line per agent: times, time by code, and the hours' attempts, connects and dispositions. */
function sendAgentsCsv(reply: FastifyReply, rows: AgentRow[]) {
  const keys = (pick: (r: AgentRow) => Record<string, number>) =>
    [...new Set(rows.flatMap((r) => Object.keys(pick(r))))].sort()
  const idle = keys((r) => r.idleSecByCode)
  const wrap = keys((r) => r.wrapUpSecByCode)
  const codes = keys((r) => Object.assign({}, ...r.hours.map((h) => h.dispositions)))
  const sum = (r: AgentRow, f: (h: AgentRow['hours'][number]) => number) =>
    r.hours.reduce((n, h) => n + f(h), 0)
  const times = [
    'loggedInSec',
    'availableSec',
    'reservedSec',
    'talkSec',
    'wrapUpSec',
    'idleSec',
  ] as const
  return sendCsv(
    reply,
    'agents',
    [
      'agentId',
      ...times,
      ...idle.map((c) => `idleSec:${c}`),
      ...wrap.map((c) => `wrapUpSec:${c}`),
      'attempts',
      'connects',
      ...codes.map((c) => `disposition:${c}`),
    ],
    rows.map((r) => [
      r.agentId,
      ...times.map((t) => r[t]),
      ...idle.map((c) => r.idleSecByCode[c] ?? 0),
      ...wrap.map((c) => r.wrapUpSecByCode[c] ?? 0),
      sum(r, (h) => h.attempts),
      sum(r, (h) => h.connects),
      ...codes.map((c) => sum(r, (h) => h.dispositions[c] ?? 0)),
    ]),
  )
}

function emptyTimes() {
  return {
    loggedInSec: 0,
    availableSec: 0,
    reservedSec: 0,
    talkSec: 0,
    wrapUpSec: 0,
    idleSec: 0,
    idleSecByCode: {},
    wrapUpSecByCode: {},
  }
}
