// Contact lists (R5.3, R5.4, R10.3): create a list for a campaign with its column mapping, then
// upload the file as a streaming body (CSV, JSON array or NDJSON) — memory stays flat whatever
// its size. The answer is a summary and the first issues; the whole per-row report pages as JSON
// or downloads as CSV. Good rows go in, bad rows are reported, and the import is committed at once
// or not at all. Lists can be expired and single contacts closed.
import { Readable } from 'node:stream'
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { importMappingSchema } from '../../import/mapping.ts'
import type { ContactLists } from '../../store/ports/contact-lists.ts'
import { principalOf } from '../auth.ts'
import { errorBodySchema, notFound, unprocessable } from '../errors.ts'
import { pageOf, pageQuerySchema } from '../pagination.ts'
import { storesOf } from '../tenant-stores.ts'
import {
  type ContactListDeps,
  csvCell,
  issueSchema,
  listSchema,
  presentList,
} from './contact-list-schemas.ts'
import { registerContactUploadRoute } from './contact-upload.ts'

export function registerContactListRoutes(app: FastifyInstance, deps: ContactListDeps): void {
  const typed = app.withTypeProvider<ZodTypeProvider>()
  const listParams = z.object({ id: z.string().min(1).max(64) })
  const getList = async (lists: ContactLists, id: string) => {
    const list = await lists.get(id)
    if (!list) throw notFound(`contact list '${id}'`)
    return list
  }

  typed.post(
    '/v1/contact-lists',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['contact lists'],
        summary: 'Create a contact list for a campaign, with its column mapping',
        body: z.object({
          campaignId: z.string().min(1).max(64),
          name: z.string().min(1).max(80),
          mapping: importMappingSchema,
        }),
        response: { 201: listSchema, 400: errorBodySchema, 422: errorBodySchema },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request)
      const { documents, contactLists, audit } = storesOf(request)
      const { campaignId } = request.body
      if (!(await documents.get('campaign', campaignId)))
        throw unprocessable('no such campaign', [
          { path: 'campaignId', message: `no campaign '${campaignId}'` },
        ])
      const list = await contactLists.create(request.body, deps.nowMs())
      await audit.record(
        {
          actorUserId: principal.userId,
          action: 'contact-list.create',
          objectKind: 'contact-list',
          objectId: list.id,
          summary: { campaignId },
        },
        deps.nowMs(),
      )
      reply.code(201).header('location', `/v1/contact-lists/${list.id}`)
      return presentList(list)
    },
  )

  typed.get(
    '/v1/contact-lists',
    {
      config: { roles: ['admin', 'supervisor'] },
      schema: {
        tags: ['contact lists'],
        summary: 'List contact lists, optionally of one campaign',
        querystring: pageQuerySchema.extend({ campaignId: z.string().max(64).optional() }),
        response: { 200: pageOf(listSchema) },
      },
    },
    async (request) => {
      const { campaignId, ...page } = request.query
      const result = await storesOf(request).contactLists.list(campaignId, page)
      return { items: result.items.map(presentList), total: result.total, ...page }
    },
  )

  typed.get(
    '/v1/contact-lists/:id',
    {
      config: { roles: ['admin', 'supervisor'] },
      schema: {
        tags: ['contact lists'],
        summary: 'One contact list with its counts',
        params: listParams,
        response: { 200: listSchema, 404: errorBodySchema },
      },
    },
    async (request) =>
      presentList(await getList(storesOf(request).contactLists, request.params.id)),
  )

  registerContactUploadRoute(app, deps, getList)

  typed.get(
    '/v1/contact-lists/:id/issues',
    {
      config: { roles: ['admin', 'supervisor'] },
      schema: {
        tags: ['contact lists'],
        summary: 'The per-row import report, paged',
        params: listParams,
        querystring: pageQuerySchema,
        response: { 200: pageOf(issueSchema), 404: errorBodySchema },
      },
    },
    async (request) => {
      const lists = storesOf(request).contactLists
      await getList(lists, request.params.id)
      const page = await lists.issues(request.params.id, request.query)
      return { ...page, ...request.query }
    },
  )

  typed.get(
    '/v1/contact-lists/:id/issues.csv',
    {
      config: { roles: ['admin', 'supervisor'] },
      schema: {
        tags: ['contact lists'],
        summary: 'The whole per-row import report as CSV (row,field,reason)',
        params: listParams,
        // Streamed as text/csv (a stream is not serialised); declared so the document lists it.
        response: { 200: z.string().describe('The report, `text/csv`: row,field,reason') },
      },
    },
    async (request, reply) => {
      const lists = storesOf(request).contactLists
      await getList(lists, request.params.id)
      const iterator = lists.allIssues(request.params.id)
      async function* lines() {
        yield 'row,field,reason\n'
        for await (const issue of iterator)
          yield `${issue.row},${csvCell(issue.field)},${csvCell(issue.reason)}\n`
      }
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${request.params.id}-issues.csv"`)
      // The documented 200 is the CSV text; it is sent as a stream, which Fastify does not serialise.
      return reply.send(Readable.from(lines()) as unknown as string)
    },
  )

  typed.post(
    '/v1/contact-lists/:id/expire',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['contact lists'],
        summary: 'Expire a list: its contacts are not dialled again',
        params: listParams,
        response: { 202: listSchema, 404: errorBodySchema },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request)
      const { contactLists, audit } = storesOf(request)
      if (!(await contactLists.expire(request.params.id, deps.nowMs())))
        throw notFound(`contact list '${request.params.id}'`)
      await audit.record(
        {
          actorUserId: principal.userId,
          action: 'contact-list.expire',
          objectKind: 'contact-list',
          objectId: request.params.id,
          summary: {},
        },
        deps.nowMs(),
      )
      return reply.code(202).send(presentList(await getList(contactLists, request.params.id)))
    },
  )

  typed.post(
    '/v1/contacts/:id/close',
    {
      config: { roles: ['admin', 'supervisor'] },
      schema: {
        tags: ['contact lists'],
        summary: 'Close a contact: it is never dialled again',
        params: listParams,
        response: { 204: z.null(), 404: errorBodySchema },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request)
      const { contactLists, audit } = storesOf(request)
      if (!(await contactLists.closeContact(request.params.id, deps.nowMs())))
        throw notFound(`contact '${request.params.id}'`)
      await audit.record(
        {
          actorUserId: principal.userId,
          action: 'contact.close',
          objectKind: 'contact',
          objectId: request.params.id,
          summary: {},
        },
        deps.nowMs(),
      )
      return reply.code(204).send(null)
    },
  )
}
