// What the flow editor (issue 13) needs beyond the flow resource: the activity catalogue (each
// kind's JSON Schema, placement and exits) and a validate-only check that runs the same
// validateFlow a save runs, each issue located on its handler and activity.
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { activityCatalogue, issueLocation } from '../../flows/catalogue.ts'
import { EVENTS_BY_FLOW_KIND, FLOW_EVENT_NAMES, FLOW_KINDS } from '../../flows/types.ts'
import { validateFlow } from '../../flows/validate.ts'
import { errorBodySchema } from '../errors.ts'

const STAFF = ['admin', 'supervisor'] as const

const catalogueSchema = z.object({
  items: z.array(
    z.object({
      kind: z.string(),
      allowedIn: z.array(z.enum(FLOW_KINDS)),
      events: z.array(z.enum(FLOW_EVENT_NAMES)),
      exits: z.array(
        z.object({
          field: z.string(),
          shape: z.enum(['single', 'branches']),
          required: z.boolean(),
        }),
      ),
      schema: z.record(z.string(), z.unknown()).describe('JSON Schema (2020-12) of the activity'),
    }),
  ),
  eventsByFlowKind: z
    .record(z.enum(FLOW_KINDS), z.array(z.enum(FLOW_EVENT_NAMES)))
    .describe('The events whose handlers each flow kind may hold'),
})

const validationSchema = z.object({
  ok: z.boolean(),
  errors: z.array(
    z.object({
      path: z.string().describe('Dotted field path, e.g. `handlers.PreDial.activities.a1.next`'),
      message: z.string(),
      event: z.string().optional().describe('The handler the issue is in'),
      activityId: z.string().optional().describe('The activity the issue is on'),
    }),
  ),
})

export function registerFlowEditorRoutes(app: FastifyInstance): void {
  const typed = app.withTypeProvider<ZodTypeProvider>()
  // Built once: the schemas are constants of the build.
  const catalogue = {
    items: activityCatalogue(),
    eventsByFlowKind: {
      outdial: [...EVENTS_BY_FLOW_KIND.outdial],
      inbound: [...EVENTS_BY_FLOW_KIND.inbound],
    },
  }

  typed.get(
    '/v1/flow-activities',
    {
      config: { roles: STAFF },
      schema: {
        tags: ['flows'],
        summary: 'The flow activity kinds: JSON Schema, where each may appear, its exits',
        response: { 200: catalogueSchema, 401: errorBodySchema, 403: errorBodySchema },
      },
    },
    async () => catalogue,
  )

  typed.post(
    '/v1/flows/validate',
    {
      config: { roles: STAFF },
      schema: {
        tags: ['flows'],
        summary: 'Check a flow as a save would, without saving it; issues name their activity',
        body: z.record(z.string(), z.unknown()),
        response: {
          200: validationSchema,
          400: errorBodySchema,
          401: errorBodySchema,
          403: errorBodySchema,
        },
      },
    },
    async (request) => {
      const result = validateFlow(request.body)
      if (result.ok) return { ok: true, errors: [] }
      return {
        ok: false,
        errors: result.errors.map((e) => ({ ...e, ...issueLocation(e.path) })),
      }
    },
  )
}
