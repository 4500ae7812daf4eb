// Loading a DNC list from a file (R5.4): `PUT /v1/dncList/{name}/file` streams a CSV (a
// `phoneNumber` column, or one number per line without a header) and replaces the list's numbers
// in one transaction — a national list is refreshed this way and its load date kept, so the
// dialer can refuse a list older than the region allows. The file is read by the import's reader
// (src/import/dnc-file.ts): numbers in national format with the `defaultCountry`, every row
// without a valid number reported with its row number, a file that cannot be read refused (400)
// with the list unchanged.
import type { Readable } from 'node:stream'
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { dncListNameSchema } from '../../domain/campaign/campaign.ts'
import { NATIONAL_DNC_REGIONS } from '../../domain/compliance-profile.ts'
import { readDncFile } from '../../import/dnc-file.ts'
import { ImportFileError } from '../../import/source.ts'
import type { DncListMeta } from '../../store/ports/dnc.ts'
import { principalOf } from '../auth.ts'
import { ApiError, errorBodySchema } from '../errors.ts'
import { storesOf } from '../tenant-stores.ts'

export const DNC_FILE_BYTES_MAX = 1024 * 1024 * 1024
export const DNC_FILE_ISSUES_INLINE_MAX = 100

const metaSchema = z.object({
  name: z.string(),
  kind: z.enum(['internal', 'national']),
  region: z.enum(NATIONAL_DNC_REGIONS).nullable(),
  loadedAt: z.string().nullable(),
  count: z.number(),
})
const present = (meta: DncListMeta) => ({
  name: meta.name,
  kind: meta.kind,
  region: meta.region,
  loadedAt: meta.loadedAtMs === null ? null : new Date(meta.loadedAtMs).toISOString(),
  count: meta.count,
})

export function registerDncFileRoutes(app: FastifyInstance, nowMs: () => number): void {
  const listParams = z.object({ name: dncListNameSchema })
  app.withTypeProvider<ZodTypeProvider>().get(
    '/v1/dncList',
    {
      config: { roles: ['admin', 'supervisor'] },
      schema: {
        tags: ['dnc'],
        summary:
          "Every DNC list of the tenant by name: kind, size, a national list's region and load date",
        response: { 200: z.object({ items: z.array(metaSchema) }) },
      },
    },
    async (request) => ({ items: (await storesOf(request).dncFiles.all()).map(present) }),
  )
  app.withTypeProvider<ZodTypeProvider>().get(
    '/v1/dncList/:name',
    {
      config: { roles: ['admin', 'supervisor'] },
      schema: {
        tags: ['dnc'],
        summary: 'A DNC list: kind, size, and when its file was last loaded',
        params: listParams,
        response: { 200: metaSchema },
      },
    },
    async (request) => present(await storesOf(request).dncFiles.info(request.params.name)),
  )
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers()
    scope.addContentTypeParser('*', { bodyLimit: DNC_FILE_BYTES_MAX }, (_request, payload, done) =>
      done(null, payload),
    )
    scope.withTypeProvider<ZodTypeProvider>().put(
      '/v1/dncList/:name/file',
      {
        config: { roles: ['admin'] },
        bodyLimit: DNC_FILE_BYTES_MAX,
        schema: {
          tags: ['dnc'],
          summary:
            'Replace a DNC list with the numbers of a CSV file (text/csv), streamed; a national list keeps its load date',
          consumes: ['text/csv', 'text/plain'],
          params: listParams,
          querystring: z.object({
            kind: z.enum(['internal', 'national']).default('internal'),
            region: z
              .enum(NATIONAL_DNC_REGIONS)
              .optional()
              .describe(
                'The region a national list serves (US registry, UK TPS); default UK when defaultCountry is GB, else US',
              ),
            defaultCountry: z
              .string()
              .regex(/^[A-Z]{2}$/, 'an ISO 3166 alpha-2 country code, e.g. US')
              .optional(),
            source: z.string().min(1).max(64).default('file'),
          }),
          response: {
            200: metaSchema.extend({
              rowsRejected: z.number(),
              issues: z.array(z.object({ row: z.number(), reason: z.string() })),
            }),
            400: errorBodySchema,
            413: errorBodySchema,
            415: errorBodySchema,
          },
        },
      },
      async (request) => {
        const principal = principalOf(request)
        const { dncFiles: files, audit } = storesOf(request)
        const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim()
        if (type !== 'text/csv' && type !== 'text/plain')
          throw new ApiError(415, `send the file as text/csv or text/plain, not '${type}'`)
        const { kind, defaultCountry, source } = request.query
        const region = request.query.region ?? (defaultCountry === 'GB' ? 'UK' : 'US')
        const reading = readDncFile(request.body as Readable, {
          defaultCountry,
          issuesKeptMax: DNC_FILE_ISSUES_INLINE_MAX,
        })
        try {
          await files.replace(
            { name: request.params.name, kind, source, ...(kind === 'national' ? { region } : {}) },
            reading.numbers,
            nowMs(),
          )
        } catch (error) {
          if (error instanceof ImportFileError)
            throw new ApiError(
              400,
              `the file could not be read as CSV (${error.message}); the list is unchanged`,
            )
          throw error
        }
        const { rowsRejected, issues } = reading.report
        await audit.record(
          {
            actorUserId: principal.userId,
            action: 'dnc.load',
            objectKind: 'dnc-list',
            objectId: request.params.name,
            summary: { kind, ...(kind === 'national' ? { region } : {}), rejected: rowsRejected },
          },
          nowMs(),
        )
        return {
          ...present(await files.info(request.params.name)),
          rowsRejected,
          issues,
        }
      },
    )
  })
}
