// Do-not-call lists (R5.4, R10.3; issue 5 contract): add a number with its source and reason
// (201; the same number again 409; not E.164 400 naming `phoneNumber`), get it, delete it, and
// page through a list. A number on any list a campaign scrubs against is never dialled.
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { dncListNameSchema } from '../../domain/campaign/campaign.ts'
import { e164FieldSchema } from '../../domain/phone.ts'
import type { DncEntry } from '../../store/ports/dnc.ts'
import { DuplicateError } from '../../store/ports/documents.ts'
import { principalOf } from '../auth.ts'
import { conflict, errorBodySchema, notFound } from '../errors.ts'
import { pageOf, pageQuerySchema } from '../pagination.ts'
import { storesOf } from '../tenant-stores.ts'

export const DNC_SOURCE_LENGTH_MAX = 64
export const DNC_REASON_LENGTH_MAX = 256

const listParams = z.object({ name: dncListNameSchema })
const numberParams = listParams.extend({ phoneNumber: e164FieldSchema('phoneNumber') })

const addBodySchema = z.object({
  phoneNumber: e164FieldSchema('phoneNumber'),
  source: z
    .string()
    .min(1)
    .max(DNC_SOURCE_LENGTH_MAX)
    .describe('Where the request came from, e.g. `desktop`, `api`, `customer-letter`'),
  reason: z.string().max(DNC_REASON_LENGTH_MAX).default(''),
})

const entrySchema = z.object({
  listName: z.string(),
  phoneNumber: z.string(),
  source: z.string(),
  reason: z.string(),
  addedAt: z.string(),
})

const present = (entry: DncEntry) => ({
  listName: entry.listName,
  phoneNumber: entry.phoneNumber,
  source: entry.source,
  reason: entry.reason,
  addedAt: new Date(entry.addedAtMs).toISOString(),
})

export function registerDncRoutes(app: FastifyInstance, nowMs: () => number): void {
  const typed = app.withTypeProvider<ZodTypeProvider>()
  // Agents add customers who ask not to be called from the desktop (R5.4).
  const writers = ['admin', 'supervisor', 'agent'] as const

  typed.post(
    '/v1/dncList/:name/phoneNumber',
    {
      config: { roles: writers },
      schema: {
        tags: ['dnc'],
        summary: 'Add a number to a DNC list',
        params: listParams,
        body: addBodySchema,
        response: { 201: entrySchema, 400: errorBodySchema, 409: errorBodySchema },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request)
      const { dnc, audit } = storesOf(request)
      const listName = request.params.name
      try {
        const entry = await dnc.add({ listName, ...request.body }, nowMs())
        await audit.record(
          {
            actorUserId: principal.userId,
            action: 'dnc.add',
            objectKind: 'dnc-list',
            objectId: listName,
            summary: { source: request.body.source },
          },
          nowMs(),
        )
        reply
          .code(201)
          .header(
            'location',
            `/v1/dncList/${encodeURIComponent(listName)}/phoneNumber/${encodeURIComponent(entry.phoneNumber)}`,
          )
        return present(entry)
      } catch (error) {
        if (error instanceof DuplicateError)
          throw conflict(`the number is already on the DNC list '${listName}'`, [
            { path: 'phoneNumber', message: 'already listed' },
          ])
        throw error
      }
    },
  )

  typed.get(
    '/v1/dncList/:name/phoneNumber/:phoneNumber',
    {
      config: { roles: ['admin', 'supervisor'] },
      schema: {
        tags: ['dnc'],
        summary: 'Is this number on the list',
        params: numberParams,
        response: { 200: entrySchema, 400: errorBodySchema, 404: errorBodySchema },
      },
    },
    async (request) => {
      const entry = await storesOf(request).dnc.get(request.params.name, request.params.phoneNumber)
      if (!entry)
        throw notFound(`${request.params.phoneNumber} on DNC list '${request.params.name}'`)
      return present(entry)
    },
  )

  typed.delete(
    '/v1/dncList/:name/phoneNumber/:phoneNumber',
    {
      config: { roles: ['admin', 'supervisor'] },
      schema: {
        tags: ['dnc'],
        summary: 'Take a number off the list',
        params: numberParams,
        response: { 204: z.null(), 400: errorBodySchema, 404: errorBodySchema },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request)
      const { dnc, audit } = storesOf(request)
      const { name, phoneNumber } = request.params
      if (!(await dnc.remove(name, phoneNumber)))
        throw notFound(`${phoneNumber} on DNC list '${name}'`)
      await audit.record(
        {
          actorUserId: principal.userId,
          action: 'dnc.remove',
          objectKind: 'dnc-list',
          objectId: name,
          summary: {},
        },
        nowMs(),
      )
      return reply.code(204).send(null)
    },
  )

  typed.get(
    '/v1/dncList/:name/phoneNumber',
    {
      config: { roles: ['admin', 'supervisor'] },
      schema: {
        tags: ['dnc'],
        summary: 'Page through a DNC list',
        params: listParams,
        querystring: pageQuerySchema,
        response: { 200: pageOf(entrySchema) },
      },
    },
    async (request) => {
      const page = await storesOf(request).dnc.list(request.params.name, request.query)
      return { items: page.items.map(present), total: page.total, ...request.query }
    },
  )
}
