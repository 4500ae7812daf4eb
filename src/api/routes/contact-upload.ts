// The upload of a contact list's file (R5.3, R5.4): streamed (no body parser buffers it; the size
// limit is the file's own) into the contact-import service (src/import/service.ts), which records
// every issue with the list; the answer is its summary and the first issues. Committed at once or
// not at all.
import type { Readable } from 'node:stream'
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { ContactLists, ContactListView } from '../../store/ports/contact-lists.ts'
import { principalOf } from '../auth.ts'
import { ApiError, conflict, errorBodySchema, unprocessable } from '../errors.ts'
import { storesOf } from '../tenant-stores.ts'
import {
  CONTACT_FILE_BYTES_MAX,
  type ContactListDeps,
  issueSchema,
  listSchema,
  presentList as present,
  UPLOAD_CONTENT_TYPES,
  UPLOAD_ISSUES_INLINE_MAX,
} from './contact-list-schemas.ts'

export function registerContactUploadRoute(
  app: FastifyInstance,
  deps: ContactListDeps,
  getList: (lists: ContactLists, id: string) => Promise<ContactListView>,
): void {
  const listParams = z.object({ id: z.string().min(1).max(64) })
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
          consumes: Object.keys(UPLOAD_CONTENT_TYPES),
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
        const { contactLists: lists, audit } = storesOf(request)
        const list = await getList(lists, request.params.id)
        const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase()
        const format = UPLOAD_CONTENT_TYPES[type as keyof typeof UPLOAD_CONTENT_TYPES]
        if (!format)
          throw new ApiError(
            415,
            `upload the file as one of ${Object.keys(UPLOAD_CONTENT_TYPES).join(', ')}, not '${type}'`,
          )
        const outcome = await deps.imports.importList({
          tenantId: principal.tenantId,
          list,
          input: request.body as Readable,
          format,
          issuesReturnedMax: UPLOAD_ISSUES_INLINE_MAX,
        })
        if (outcome.kind === 'notAwaitingUpload')
          throw conflict(
            `the list is ${list.status}: a list takes one upload (another only after a failed one); create a new list for another file`,
          )
        await audit.record(
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
            outcome.issues.map((i) => ({
              path: `row ${i.row}${i.field ? `.${i.field}` : ''}`,
              message: i.reason,
            })),
          )
        return {
          list: present(await getList(lists, list.id)),
          committed: true,
          counts: { ...outcome.counts },
          issues: outcome.issues,
          issuesTotal: outcome.issuesTotal,
          reportUrl: `/v1/contact-lists/${list.id}/issues.csv`,
        }
      },
    )
  })
}
