// Contact lists (R5.3, R5.4, R10.3): create a list for a campaign with its column mapping, then
// upload the file as a streaming body (CSV, JSON array or NDJSON) — memory stays flat whatever
// its size. The answer is a summary and the first issues; the whole per-row report pages as JSON
// or downloads as CSV. Good rows go in, bad rows are reported, and the import is committed at once
// or not at all. Lists can be expired and single contacts closed.
import { Readable } from 'node:stream'
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { ImportSink } from '../../../campaigns/import/sink.ts'
import { principalOf } from '../auth.ts'
import { ApiError, conflict, errorBodySchema, notFound, unprocessable } from '../errors.ts'
import { pageOf, pageQuerySchema } from '../pagination.ts'
import type {
  AuditLog,
  ConfigDocuments,
  ContactLists,
  ContactListView,
  ImportIssueRow,
} from '../ports.ts'

/** Largest contact file accepted in one upload. */
export const CONTACT_FILE_BYTES_MAX = 2 * 1024 * 1024 * 1024
/** Issues returned inline with the upload's answer; the rest page or download. */
export const UPLOAD_ISSUES_INLINE_MAX = 100
/** Issues written to the store at a time while importing. */
const ISSUE_FLUSH_ROWS = 500

export const UPLOAD_CONTENT_TYPES = {
  'text/csv': 'csv',
  'application/json': 'json',
  'application/x-ndjson': 'jsonl',
  'application/jsonl': 'jsonl',
} as const
export type UploadFormat = (typeof UPLOAD_CONTENT_TYPES)[keyof typeof UPLOAD_CONTENT_TYPES]

export interface ImportOutcome {
  committed: boolean
  /** Why the whole file was refused or aborted (nothing written), when not committed. */
  error?: string
  counts: Record<string, number>
}

/** The import pipeline, bound to its mapping schema (src/campaigns/import). */
export interface Importer {
  mappingSchema: z.ZodType
  run(
    input: Readable,
    format: UploadFormat,
    mapping: unknown,
    sink: ImportSink,
    context: {
      campaignId: string
      listId: string
      onIssue: (issue: ImportIssueRow) => Promise<void>
    },
  ): Promise<ImportOutcome>
}

const listSchema = z.object({
  id: z.string(),
  campaignId: z.string(),
  name: z.string(),
  status: z.string(),
  mapping: z.unknown(),
  counts: z.record(z.string(), z.number()),
  createdAt: z.string(),
})
const issueSchema = z.object({ row: z.number(), field: z.string(), reason: z.string() })
const present = (list: ContactListView) => ({
  id: list.id,
  campaignId: list.campaignId,
  name: list.name,
  status: list.status,
  mapping: list.mapping,
  counts: list.counts,
  createdAt: new Date(list.createdAtMs).toISOString(),
})

function csvCell(value: string | number): string {
  const text = String(value)
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

export function registerContactListRoutes(
  app: FastifyInstance,
  deps: {
    lists: ContactLists
    sinkFor: (tenantId: string, list: ContactListView) => ImportSink
    importer: Importer
    config: ConfigDocuments
    audit: AuditLog
    nowMs: () => number
  },
): void {
  const typed = app.withTypeProvider<ZodTypeProvider>()
  const listParams = z.object({ id: z.string().min(1).max(64) })
  const getList = async (tenantId: string, id: string) => {
    const list = await deps.lists.get(tenantId, id)
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
          mapping: deps.importer.mappingSchema,
        }),
        response: { 201: listSchema, 400: errorBodySchema, 422: errorBodySchema },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request)
      const { campaignId } = request.body
      if (!(await deps.config.get(principal.tenantId, 'campaign', campaignId)))
        throw unprocessable('no such campaign', [
          { path: 'campaignId', message: `no campaign '${campaignId}'` },
        ])
      const list = await deps.lists.create(principal.tenantId, request.body, deps.nowMs())
      await deps.audit.record(
        principal.tenantId,
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
      return present(list)
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
      const { tenantId } = principalOf(request)
      const { campaignId, ...page } = request.query
      const result = await deps.lists.list(tenantId, campaignId, page)
      return { items: result.items.map(present), total: result.total, ...page }
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
    async (request) => present(await getList(principalOf(request).tenantId, request.params.id)),
  )

  // The upload streams: no body parser buffers it, and the size limit is the file's own.
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers()
    scope.addContentTypeParser(
      '*',
      { bodyLimit: CONTACT_FILE_BYTES_MAX },
      (_request, payload, done) => done(null, payload),
    )
    scope.withTypeProvider<ZodTypeProvider>().put(
      '/v1/contact-lists/:id/file',
      {
        config: { roles: ['admin'] },
        bodyLimit: CONTACT_FILE_BYTES_MAX,
        schema: {
          tags: ['contact lists'],
          summary:
            "Upload the list's file (text/csv, application/json or application/x-ndjson), streamed",
          params: listParams,
          response: {
            200: z.object({
              list: listSchema,
              committed: z.boolean(),
              counts: z.record(z.string(), z.number()),
              issues: z.array(issueSchema),
              issuesTotal: z.number(),
              reportUrl: z.string(),
            }),
            404: errorBodySchema,
            409: errorBodySchema,
            413: errorBodySchema,
            415: errorBodySchema,
            422: errorBodySchema,
          },
        },
      },
      async (request) => {
        const principal = principalOf(request)
        const list = await getList(principal.tenantId, request.params.id)
        const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase()
        const format = UPLOAD_CONTENT_TYPES[type as keyof typeof UPLOAD_CONTENT_TYPES]
        if (!format)
          throw new ApiError(
            415,
            `upload the file as one of ${Object.keys(UPLOAD_CONTENT_TYPES).join(', ')}, not '${type}'`,
          )
        if (!(await deps.lists.beginImport(principal.tenantId, list.id)))
          throw conflict(
            `the list is ${list.status}: a list takes one upload; create a new list for another file`,
          )
        const inline: ImportIssueRow[] = []
        let pending: ImportIssueRow[] = []
        let issuesTotal = 0
        const flush = async () => {
          if (pending.length === 0) return
          const batch = pending
          pending = []
          await deps.lists.appendIssues(principal.tenantId, list.id, batch)
        }
        let outcome: ImportOutcome
        try {
          outcome = await deps.importer.run(
            request.body as Readable,
            format,
            list.mapping,
            deps.sinkFor(principal.tenantId, list),
            {
              campaignId: list.campaignId,
              listId: list.id,
              onIssue: async (issue) => {
                issuesTotal += 1
                if (inline.length < UPLOAD_ISSUES_INLINE_MAX) inline.push(issue)
                pending.push(issue)
                if (pending.length >= ISSUE_FLUSH_ROWS) await flush()
              },
            },
          )
          await flush()
        } catch (error) {
          await deps.lists.finishImport(principal.tenantId, list.id, false, {})
          throw error
        }
        await deps.lists.finishImport(
          principal.tenantId,
          list.id,
          outcome.committed,
          outcome.counts,
        )
        await deps.audit.record(
          principal.tenantId,
          {
            actorUserId: principal.userId,
            action: 'contact-list.import',
            objectKind: 'contact-list',
            objectId: list.id,
            summary: { committed: outcome.committed, ...outcome.counts },
          },
          deps.nowMs(),
        )
        if (!outcome.committed)
          throw unprocessable(
            `the file was not imported: ${outcome.error ?? 'it could not be read'}; nothing was written`,
            inline.map((i) => ({
              path: `row ${i.row}${i.field ? `.${i.field}` : ''}`,
              message: i.reason,
            })),
          )
        return {
          list: present(await getList(principal.tenantId, list.id)),
          committed: true,
          counts: outcome.counts,
          issues: inline,
          issuesTotal,
          reportUrl: `/v1/contact-lists/${list.id}/issues.csv`,
        }
      },
    )
  })

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
      const { tenantId } = principalOf(request)
      await getList(tenantId, request.params.id)
      const page = await deps.lists.issues(tenantId, request.params.id, request.query)
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
      },
    },
    async (request, reply) => {
      const { tenantId } = principalOf(request)
      await getList(tenantId, request.params.id)
      const iterator = deps.lists.allIssues(tenantId, request.params.id)
      async function* lines() {
        yield 'row,field,reason\n'
        for await (const issue of iterator)
          yield `${issue.row},${csvCell(issue.field)},${csvCell(issue.reason)}\n`
      }
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${request.params.id}-issues.csv"`)
      return reply.send(Readable.from(lines()))
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
      if (!(await deps.lists.expire(principal.tenantId, request.params.id, deps.nowMs())))
        throw notFound(`contact list '${request.params.id}'`)
      await deps.audit.record(
        principal.tenantId,
        {
          actorUserId: principal.userId,
          action: 'contact-list.expire',
          objectKind: 'contact-list',
          objectId: request.params.id,
          summary: {},
        },
        deps.nowMs(),
      )
      return reply.code(202).send(present(await getList(principal.tenantId, request.params.id)))
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
      if (!(await deps.lists.closeContact(principal.tenantId, request.params.id, deps.nowMs())))
        throw notFound(`contact '${request.params.id}'`)
      await deps.audit.record(
        principal.tenantId,
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
