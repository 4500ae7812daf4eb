// The agent desktop's API (R7): read an agent's state and act — log in and out, become Available,
// go Idle with a reason, end wrap-up, answer the reservation call, hang up (the customer, or the
// reservation call to leave the reservation, R7.5), ask for a preview
// record ("Campaign Contact"). An agent reaches only their own state; supervisors and
// administrators may act for any agent (e.g. to log out one who left).
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { agentActionCodeSchema } from '../../domain/agent-action-code.ts'
import { callbackRequestSchema } from '../../domain/callback-request.ts'
import { AGENT_ACTIONS, type AgentControl } from '../../runtime/control.ts'
import { assertSelfOrStaff, principalOf } from '../auth.ts'
import { refusalError } from '../control-errors.ts'
import { errorBodySchema, notFound } from '../errors.ts'
import { storesOf } from '../tenant-stores.ts'

const params = z.object({ id: z.string().min(1).max(64) })
const stateSchema = z.object({
  agentId: z.string(),
  state: z.string(),
  detail: z.record(z.string(), z.unknown()),
})

export function registerAgentDeskRoutes(
  app: FastifyInstance,
  deps: { agents: AgentControl; nowMs: () => number },
): void {
  const typed = app.withTypeProvider<ZodTypeProvider>()
  const everyone = ['admin', 'supervisor', 'agent'] as const

  typed.get(
    '/v1/agents/:id/state',
    {
      config: { roles: everyone },
      schema: {
        tags: ['agent desktop'],
        summary: "An agent's state (R7.1)",
        params,
        response: { 200: stateSchema, 403: errorBodySchema, 404: errorBodySchema },
      },
    },
    async (request) => {
      const principal = principalOf(request)
      assertSelfOrStaff(principal, request.params.id)
      const state = deps.agents.state(principal.tenantId, request.params.id)
      if (!state) throw notFound(`agent '${request.params.id}' in the dialer`)
      return { agentId: request.params.id, ...state }
    },
  )

  typed.post(
    '/v1/agents/:id/state',
    {
      config: { roles: everyone },
      schema: {
        tags: ['agent desktop'],
        summary:
          'Act as the agent: login, logout, available, idle (with an idle code), endWrapUp, answerReservation, hangup, requestCampaignContact',
        params,
        body: z.object({
          action: z.enum(AGENT_ACTIONS),
          code: agentActionCodeSchema
            .optional()
            .describe(
              "`idle`, and `hangup` of the reservation call (R7.5: it leaves the reservation for Idle): the idle reason (auxiliary code id). `endWrapUp`: the campaign's business outcome code (R5.2), required after a campaign call",
            ),
          callback: callbackRequestSchema
            .optional()
            .describe('`endWrapUp`: schedule a callback (R5.2), inside the calling window'),
        }),
        response: {
          202: z.object({ agentId: z.string(), state: z.string() }),
          400: errorBodySchema,
          403: errorBodySchema,
          404: errorBodySchema,
          409: errorBodySchema,
        },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request)
      const agentId = request.params.id
      assertSelfOrStaff(principal, agentId)
      const result = await deps.agents.act(
        principal.tenantId,
        agentId,
        request.body.action,
        request.body.code,
        request.body.callback,
      )
      if (!result.ok) throw refusalError(result)
      if (principal.agentId !== agentId)
        await storesOf(request).audit.record(
          {
            actorUserId: principal.userId,
            action: `agent.${request.body.action}`,
            objectKind: 'agent',
            objectId: agentId,
            summary: {
              state: result.state,
              ...(request.body.code !== undefined ? { code: request.body.code } : {}),
            },
          },
          deps.nowMs(),
        )
      return reply.code(202).send({ agentId, state: result.state })
    },
  )
}
