// Call-guide answers (R5.6): the agent who handled an attempt saves the answers to the campaign's
// call guide (validated against the form: known questions, types, choices, required ones); staff
// read them back. Answers are stored with the attempt.
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  type CallGuide,
  callGuideSchema,
  validateAnswers,
} from '../../domain/campaign/call-guide.ts'
import type { ConfigDocuments } from '../../store/ports/documents.ts'
import { principalOf } from '../auth.ts'
import { badRequest, errorBodySchema, forbidden, notFound, unprocessable } from '../errors.ts'
import { storesOf } from '../tenant-stores.ts'

const answersSchema = z.record(
  z.string().max(64),
  z.union([z.string().max(2000), z.number(), z.boolean()]),
)
const savedSchema = z.object({
  attemptId: z.string(),
  formId: z.string(),
  agentId: z.string().nullable(),
  answers: answersSchema,
  savedAt: z.string(),
})
const params = z.object({ id: z.string().min(1).max(128) })

export function registerAnswerRoutes(app: FastifyInstance, deps: { nowMs: () => number }): void {
  const typed = app.withTypeProvider<ZodTypeProvider>()

  async function formOf(documents: ConfigDocuments, campaignId: string): Promise<CallGuide> {
    const campaign = await documents.get('campaign', campaignId)
    const formId = (campaign?.body as { callGuideFormId?: string } | undefined)?.callGuideFormId
    if (!formId) throw unprocessable(`campaign '${campaignId}' has no call guide`)
    const form = await documents.get('call-guide', formId)
    if (!form) throw unprocessable(`the campaign's call guide '${formId}' no longer exists`)
    return callGuideSchema.parse(form.body)
  }

  typed.put(
    '/v1/attempts/:id/answers',
    {
      config: { roles: ['admin', 'supervisor', 'agent'] },
      schema: {
        tags: ['reports'],
        summary: "Save the answers to the campaign's call guide for this attempt (R5.6)",
        params,
        body: z.object({ answers: answersSchema }),
        response: {
          200: savedSchema,
          400: errorBodySchema,
          403: errorBodySchema,
          404: errorBodySchema,
          422: errorBodySchema,
        },
      },
    },
    async (request) => {
      const principal = principalOf(request)
      const { answers, documents } = storesOf(request)
      const attempt = await answers.attempt(request.params.id)
      if (!attempt) throw notFound(`attempt '${request.params.id}'`)
      if (principal.role === 'agent' && attempt.agentId !== principal.agentId)
        throw forbidden('an agent saves answers only for the calls they handled')
      const form = await formOf(documents, attempt.campaignId)
      const issues = validateAnswers(form, request.body.answers)
      if (issues.length > 0) throw badRequest('the answers do not fit the call guide', issues)
      const saved = {
        attemptId: request.params.id,
        formId: form.id,
        agentId: principal.agentId ?? attempt.agentId,
        answers: request.body.answers,
        savedAtMs: deps.nowMs(),
      }
      await answers.save(saved)
      const { savedAtMs, ...rest } = saved
      return { ...rest, savedAt: new Date(savedAtMs).toISOString() }
    },
  )

  typed.get(
    '/v1/attempts/:id/answers',
    {
      config: { roles: ['admin', 'supervisor'] },
      schema: {
        tags: ['reports'],
        summary: 'The call-guide answers saved with an attempt',
        params,
        response: { 200: savedSchema, 404: errorBodySchema },
      },
    },
    async (request) => {
      const saved = await storesOf(request).answers.get(request.params.id)
      if (!saved) throw notFound(`answers of attempt '${request.params.id}'`)
      const { savedAtMs, ...rest } = saved
      return { ...rest, savedAt: new Date(savedAtMs).toISOString() }
    },
  )
}
