// The Dialer API (R10.2; field by field in docs/dialer-api.md "Request bodies"): what a
// "bring your own" campaign manager written for the reference product sends. Start and update
// answer 202 with the campaign's `location`; stop answers 204; preview-task actions 202.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  findImmutableUpdateFields,
  startCampaignRequestSchema,
  updateCampaignRequestSchema,
} from '../../domain/campaign/dialer-api.ts'
import type { DialerControl } from '../../runtime/control.ts'
import { principalOf } from '../auth.ts'
import { refusalError } from '../control-errors.ts'
import { badRequest, errorBodySchema } from '../errors.ts'
import { storesOf } from '../tenant-stores.ts'

const campaignListResponseSchema = z.object({
  data: z.array(z.object({ location: z.string() })),
  meta: z.object({ orgId: z.string() }),
})

const campaignParams = z.object({ campaignId: z.string().min(1).max(64) })
const taskParams = campaignParams.extend({ taskId: z.string().min(1).max(128) })
const DIALER_ROLES = ['admin'] as const

export function registerDialerRoutes(
  app: FastifyInstance,
  deps: { dialer: DialerControl; nowMs: () => number },
): void {
  const typed = app.withTypeProvider<ZodTypeProvider>()
  const locationOf = (campaignId: string) => `/v1/dialer/campaign/${encodeURIComponent(campaignId)}`
  const answer = (tenantId: string, campaignId: string) => ({
    data: [{ location: locationOf(campaignId) }],
    meta: { orgId: tenantId },
  })
  const audit = (request: FastifyRequest, action: string, campaignId: string) =>
    storesOf(request).audit.record(
      {
        actorUserId: principalOf(request).userId,
        action,
        objectKind: 'dialer-campaign',
        objectId: campaignId,
        summary: {},
      },
      deps.nowMs(),
    )

  typed.post(
    '/v1/dialer/campaign',
    {
      config: { roles: DIALER_ROLES },
      schema: {
        tags: ['dialer'],
        summary: 'Start a campaign (startCampaignRoute)',
        body: startCampaignRequestSchema,
        response: { 202: campaignListResponseSchema, 400: errorBodySchema, 409: errorBodySchema },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request)
      const result = await deps.dialer.startDialerCampaign(principal.tenantId, request.body)
      if (!result.ok) throw refusalError(result)
      await audit(request, 'dialer.start', result.campaignId)
      reply.header('location', locationOf(result.campaignId))
      return reply.code(202).send(answer(principal.tenantId, result.campaignId))
    },
  )

  typed.put(
    '/v1/dialer/campaign/:campaignId',
    {
      config: { roles: DIALER_ROLES },
      schema: {
        tags: ['dialer'],
        summary: 'Change a running campaign (updateCampaignRoute)',
        params: campaignParams,
        body: z.unknown(),
        response: { 202: campaignListResponseSchema, 400: errorBodySchema, 404: errorBodySchema },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request)
      const immutable = findImmutableUpdateFields(request.body)
      if (immutable.length > 0)
        throw badRequest(
          'these fields are set when the campaign starts and cannot be changed with PUT',
          immutable.map((path) => ({ path, message: 'cannot be changed on a running campaign' })),
        )
      const parsed = updateCampaignRequestSchema.safeParse(request.body)
      if (!parsed.success)
        throw badRequest(
          'the update is invalid',
          parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
        )
      const { campaignId } = request.params
      const result = await deps.dialer.updateDialerCampaign(
        principal.tenantId,
        campaignId,
        parsed.data,
      )
      if (!result.ok) throw refusalError(result)
      await audit(request, 'dialer.update', campaignId)
      return reply.code(202).send(answer(principal.tenantId, campaignId))
    },
  )

  typed.delete(
    '/v1/dialer/campaign/:campaignId',
    {
      config: { roles: DIALER_ROLES },
      schema: {
        tags: ['dialer'],
        summary: 'Stop a campaign (stopCampaignRoute)',
        params: campaignParams,
        response: { 204: z.null(), 404: errorBodySchema },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request)
      const { campaignId } = request.params
      const result = await deps.dialer.stopDialerCampaign(principal.tenantId, campaignId)
      if (!result.ok) throw refusalError(result)
      await audit(request, 'dialer.stop', campaignId)
      return reply.code(204).send(null)
    },
  )

  for (const action of ['accept', 'skip', 'remove'] as const) {
    typed.post(
      `/v1/dialer/campaign/:campaignId/preview-task/:taskId/${action}`,
      {
        config: { roles: ['admin', 'supervisor', 'agent'] },
        schema: {
          tags: ['dialer'],
          summary: `The agent ${action}s the preview record offered`,
          params: taskParams,
          response: {
            202: z.object({}),
            403: errorBodySchema,
            404: errorBodySchema,
            409: errorBodySchema,
          },
        },
      },
      async (request, reply) => {
        const principal = principalOf(request)
        const result = await deps.dialer.previewAction(
          principal.tenantId,
          request.params.campaignId,
          request.params.taskId,
          action.toUpperCase() as 'ACCEPT' | 'SKIP' | 'REMOVE',
          principal.role === 'agent' ? principal.agentId : null,
        )
        if (!result.ok) throw refusalError(result)
        return reply.code(202).send({})
      },
    )
  }
}
