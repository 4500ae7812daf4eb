// The customer's data on the agent's desktop (R1.1, R3.4, R5.6, R7.2–R7.4): what the desktop
// shows now — the reservation popover, the preview offers with their records, the connected
// customer's interaction panel and call guide — for the agent the contact is for and nobody else
// (supervisors and administrators included). The same shapes arrive as they happen on /v1/live.
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { agentDeskViewSchema } from '../../runtime/agent-data/messages.ts'
import type { AgentDataControl } from '../../runtime/control.ts'
import { principalOf } from '../auth.ts'
import { errorBodySchema, forbidden, notFound } from '../errors.ts'

const params = z.object({ id: z.string().min(1).max(64) })

export function registerAgentDataRoutes(
  app: FastifyInstance,
  deps: { agentData: AgentDataControl },
): void {
  const typed = app.withTypeProvider<ZodTypeProvider>()

  typed.get(
    '/v1/agents/:id/desk',
    {
      config: { roles: ['agent'] },
      schema: {
        tags: ['agent desktop'],
        summary:
          "The customer's data on the agent's desktop now: popover, preview records, interaction panel and call guide (R7.3)",
        description:
          'Only the agent themself may read it. Agent-viewable variables only, sensitive values masked (R4.4); the popover carries customer fields only in progressive 1:1 and never a sensitive one (R7.4).',
        params,
        response: { 200: agentDeskViewSchema, 403: errorBodySchema, 404: errorBodySchema },
      },
    },
    async (request) => {
      const principal = principalOf(request)
      if (principal.agentId !== request.params.id)
        throw forbidden("the customer's data goes only to the agent the contact is for")
      const view = deps.agentData.deskView(principal.tenantId, request.params.id)
      if (!view) throw notFound(`agent '${request.params.id}' in the dialer`)
      return view
    },
  )
}
