// Campaign lifecycle for the built-in campaign manager (R5.2, R5.7): start, pause, resume, stop a
// campaign and read its live figures. The same DialerControl serves the Dialer API routes.
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { CAMPAIGN_ACTIONS } from '../../domain/campaign/campaign-status.ts'
import type { DialerControl } from '../../runtime/control.ts'
import { principalOf } from '../auth.ts'
import { refusalError } from '../control-errors.ts'
import { errorBodySchema, notFound } from '../errors.ts'
import { storesOf } from '../tenant-stores.ts'
import { campaignFiguresSchema } from './campaign-figures.ts'

export function registerCampaignControlRoutes(
  app: FastifyInstance,
  deps: { dialer: DialerControl; nowMs: () => number },
): void {
  const typed = app.withTypeProvider<ZodTypeProvider>()
  typed.post(
    '/v1/campaigns/:id/:action',
    {
      config: { roles: ['admin', 'supervisor'] },
      schema: {
        tags: ['campaigns'],
        summary: 'Start, pause, resume or stop a campaign',
        params: z.object({ id: z.string().min(1).max(64), action: z.enum(CAMPAIGN_ACTIONS) }),
        response: {
          202: z.object({ id: z.string(), status: z.string() }),
          404: errorBodySchema,
          409: errorBodySchema,
        },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request)
      const { id, action } = request.params
      const result = await deps.dialer.campaignAction(principal.tenantId, id, action)
      if (!result.ok) throw refusalError(result)
      await storesOf(request).audit.record(
        {
          actorUserId: principal.userId,
          action: `campaign.${action}`,
          objectKind: 'campaign',
          objectId: id,
          summary: { status: result.status },
        },
        deps.nowMs(),
      )
      return reply.code(202).send({ id, status: result.status })
    },
  )

  typed.get(
    '/v1/campaigns/:id/live',
    {
      config: { roles: ['admin', 'supervisor'] },
      schema: {
        tags: ['campaigns'],
        summary: 'Live figures of a campaign (R9.2)',
        params: z.object({ id: z.string().min(1).max(64) }),
        response: { 200: campaignFiguresSchema, 404: errorBodySchema },
      },
    },
    async (request) => {
      const { tenantId } = principalOf(request)
      const figures = deps.dialer.campaignFigures(tenantId, request.params.id)
      if (!figures) throw notFound(`campaign '${request.params.id}' in the dialer`)
      return figures
    },
  )
}
