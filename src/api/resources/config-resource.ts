// One generic REST resource for each kind of contact-center configuration object (R4, R5): list
// (paginated), get, create, replace (optimistic `If-Match: <version>`), delete. Each kind declares
// its schema, the objects it references (checked to exist: 422 naming the field) and a check over
// the whole tenant (limits that span objects); a write that breaks a rule with other objects, or a
// delete of an object still referenced, is 409.
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { Role } from '../../store/ports/accounts.ts'
import type { AuditLog } from '../../store/ports/audit.ts'
import {
  type ConfigDocument,
  type ConfigDocuments,
  DuplicateError,
  VersionConflictError,
} from '../../store/ports/documents.ts'
import { principalOf } from '../auth.ts'
import {
  conflict,
  type ErrorDetail,
  errorBodySchema,
  notFound,
  parseOr400,
  unprocessable,
} from '../errors.ts'
import { pageOf, pageQuerySchema } from '../pagination.ts'
import { storesOf } from '../tenant-stores.ts'

export interface Reference {
  /** Field path in the body, e.g. `queueRankings[0].queueId`. */
  path: string
  kind: string
  id: string
}

export interface ConfigServices {
  nowMs: () => number
}

/** The caller's tenant's documents, as cross-object rules read them. */
export type TenantView = Pick<ConfigDocuments, 'all'>

export interface ConfigResourceSpec<S extends z.ZodType> {
  kind: string
  /** Route prefix, e.g. `/v1/teams`. */
  path: string
  /** OpenAPI tag and the singular noun in messages. */
  tag: string
  noun: string
  schema: S
  /** The object's id in its body (default `body.id`; global variables are named by `name`). */
  idOf?: (body: Record<string, unknown>) => unknown
  readRoles: readonly Role[]
  writeRoles: readonly Role[]
  references?: (body: z.output<S>) => Reference[]
  /** Cross-object rules (limits over the tenant, matching teams …): details for a 422. */
  check?: (body: z.output<S>, tenant: TenantView, id: string) => Promise<ErrorDetail[]>
  /** Rules with other objects that the write would break (api/resources/config-rules.ts): 409. */
  conflicts?: (body: z.output<S>, tenant: TenantView, id: string) => Promise<ErrorDetail[]>
  /** Rules other than references that deleting this object would break: details for a 409. */
  deleteConflicts?: (id: string, tenant: TenantView) => Promise<ErrorDetail[]>
  /** Kinds whose objects reference this one: `(other body) → referenced ids`. */
  referencedBy?: { kind: string; ids: (body: unknown) => string[] }[]
  /** The body as the API shows it (e.g. secrets removed). */
  view?: (body: z.output<S>, stored: ConfigDocument) => unknown
  /** Turns the validated body into what is stored (e.g. encrypt secrets, keep an old one). */
  beforeSave?: (body: z.output<S>, previous: ConfigDocument | null) => Promise<unknown>
  /** Called after a successful write or delete (e.g. the runtime reloads the tenant). */
  afterChange?: (tenantId: string, id: string) => void
}

const SEARCH_LENGTH_MAX = 64
const listQuerySchema = pageQuerySchema.extend({
  q: z
    .string()
    .max(SEARCH_LENGTH_MAX, `search is at most ${SEARCH_LENGTH_MAX} characters`)
    .optional()
    .describe('A case-insensitive part of the id or the name'),
})

const idParams = z.object({ id: z.string().min(1).max(64) })
const ifMatchHeaders = z.object({
  'if-match': z
    .string()
    .regex(/^"?\d+"?$/, 'If-Match carries the version number read with GET')
    .optional(),
})

function versionOf(header: string | undefined): number | undefined {
  return header === undefined ? undefined : Number(header.replaceAll('"', ''))
}

export function registerConfigResource<S extends z.ZodType>(
  app: FastifyInstance,
  services: ConfigServices,
  spec: ConfigResourceSpec<S>,
): void {
  const typed = app.withTypeProvider<ZodTypeProvider>()
  const stored = z.object({
    id: z.string(),
    name: z.string(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    body: z.unknown(),
  })
  const present = (doc: ConfigDocument) => ({
    id: doc.id,
    name: doc.name,
    version: doc.version,
    createdAt: new Date(doc.createdAtMs).toISOString(),
    updatedAt: new Date(doc.updatedAtMs).toISOString(),
    body: spec.view ? spec.view(doc.body as z.output<S>, doc) : doc.body,
  })
  async function validate(
    documents: ConfigDocuments,
    raw: unknown,
    id: string,
  ): Promise<z.output<S>> {
    const body = parseOr400(spec.schema, raw, `the ${spec.noun}`)
    const details: ErrorDetail[] = []
    for (const ref of spec.references?.(body) ?? []) {
      const target = await documents.get(ref.kind, ref.id)
      if (!target)
        details.push({
          path: ref.path,
          message: `no ${ref.kind} with id '${ref.id}' in this tenant`,
        })
    }
    details.push(...((await spec.check?.(body, documents, id)) ?? []))
    if (details.length > 0)
      throw unprocessable(
        `the ${spec.noun} refers to objects that are missing or breaks a limit`,
        details,
      )
    const conflicts = (await spec.conflicts?.(body, documents, id)) ?? []
    if (conflicts.length > 0)
      throw conflict(
        `the ${spec.noun} would break a rule with other objects; change them or this ${spec.noun}`,
        conflicts,
      )
    return body
  }

  const nameOf = (body: unknown, id: string): string => {
    const name = (body as { name?: unknown }).name
    return typeof name === 'string' ? name : id
  }
  const audit = (log: AuditLog, userId: string, action: string, id: string) =>
    log.record(
      { actorUserId: userId, action, objectKind: spec.kind, objectId: id, summary: {} },
      services.nowMs(),
    )

  typed.get(
    spec.path,
    {
      config: { roles: spec.readRoles },
      schema: {
        tags: [spec.tag],
        summary: `List ${spec.tag}`,
        querystring: listQuerySchema,
        response: { 200: pageOf(stored), 401: errorBodySchema, 403: errorBodySchema },
      },
    },
    async (request) => {
      const { q, limit, offset } = request.query
      const page = await storesOf(request).documents.list(spec.kind, { limit, offset }, q)
      return { items: page.items.map(present), total: page.total, limit, offset }
    },
  )

  typed.get(
    `${spec.path}/:id`,
    {
      config: { roles: spec.readRoles },
      schema: {
        tags: [spec.tag],
        summary: `Get one ${spec.noun}`,
        params: idParams,
        response: { 200: stored, 404: errorBodySchema },
      },
    },
    async (request, reply) => {
      const doc = await storesOf(request).documents.get(spec.kind, request.params.id)
      if (!doc) throw notFound(`${spec.noun} '${request.params.id}'`)
      reply.header('etag', `"${doc.version}"`)
      return present(doc)
    },
  )

  typed.post(
    spec.path,
    {
      config: { roles: spec.writeRoles },
      schema: {
        tags: [spec.tag],
        summary: `Create a ${spec.noun}`,
        body: spec.schema,
        response: { 201: stored, 400: errorBodySchema, 409: errorBodySchema, 422: errorBodySchema },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request)
      const { documents, audit: log } = storesOf(request)
      const raw = (request.body ?? {}) as Record<string, unknown>
      const rawId = spec.idOf ? spec.idOf(raw) : raw.id
      const id = typeof rawId === 'string' ? rawId : ''
      const body = await validate(documents, request.body, id)
      const toStore = spec.beforeSave ? await spec.beforeSave(body, null) : body
      try {
        const doc = await documents.create(
          spec.kind,
          { id, name: nameOf(body, id), body: toStore },
          services.nowMs(),
        )
        await audit(log, principal.userId, `${spec.kind}.create`, id)
        spec.afterChange?.(principal.tenantId, id)
        reply.code(201).header('location', `${spec.path}/${encodeURIComponent(id)}`)
        return present(doc)
      } catch (error) {
        if (error instanceof DuplicateError)
          throw conflict(`a ${spec.noun} with this id or name exists`, [
            { path: 'id', message: `'${id}' or its name is already used` },
          ])
        throw error
      }
    },
  )

  typed.put(
    `${spec.path}/:id`,
    {
      config: { roles: spec.writeRoles },
      schema: {
        tags: [spec.tag],
        summary: `Replace a ${spec.noun}`,
        params: idParams,
        headers: ifMatchHeaders,
        body: spec.schema,
        response: {
          200: stored,
          400: errorBodySchema,
          404: errorBodySchema,
          409: errorBodySchema,
          422: errorBodySchema,
        },
      },
    },
    async (request) => {
      const principal = principalOf(request)
      const { documents, audit: log } = storesOf(request)
      const { id } = request.params
      const raw = (request.body ?? {}) as Record<string, unknown>
      const rawId = spec.idOf ? spec.idOf(raw) : raw.id
      if (rawId !== undefined && rawId !== id)
        throw unprocessable('the id in the body differs from the id in the path', [
          { path: 'id', message: `expected '${id}'` },
        ])
      const previous = await documents.get(spec.kind, id)
      if (!previous) throw notFound(`${spec.noun} '${id}'`)
      const body = await validate(documents, request.body, id)
      const toStore = spec.beforeSave ? await spec.beforeSave(body, previous) : body
      try {
        const doc = await documents.update(
          spec.kind,
          id,
          { name: nameOf(body, id), body: toStore },
          versionOf(request.headers['if-match']),
          services.nowMs(),
        )
        if (!doc) throw notFound(`${spec.noun} '${id}'`)
        await audit(log, principal.userId, `${spec.kind}.update`, id)
        spec.afterChange?.(principal.tenantId, id)
        return present(doc)
      } catch (error) {
        if (error instanceof VersionConflictError)
          throw conflict(
            'the object changed since you read it: GET it again and reapply your change',
            [
              {
                path: 'version',
                message: `you edited version ${versionOf(request.headers['if-match'])}; it is now ${(await documents.get(spec.kind, id))?.version ?? 'deleted'}`,
              },
            ],
          )
        if (error instanceof DuplicateError)
          throw conflict(`another ${spec.noun} has this name`, [
            { path: 'name', message: 'already used' },
          ])
        throw error
      }
    },
  )

  typed.delete(
    `${spec.path}/:id`,
    {
      config: { roles: spec.writeRoles },
      schema: {
        tags: [spec.tag],
        summary: `Delete a ${spec.noun}`,
        params: idParams,
        response: { 204: z.null(), 404: errorBodySchema, 409: errorBodySchema },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request)
      const { documents, audit: log } = storesOf(request)
      const { id } = request.params
      const users: ErrorDetail[] = []
      for (const ref of spec.referencedBy ?? []) {
        for (const other of await documents.all(ref.kind))
          if (ref.ids(other.body).includes(id))
            users.push({ path: `${ref.kind}/${other.id}`, message: `refers to this ${spec.noun}` })
      }
      if (users.length > 0)
        throw conflict(`the ${spec.noun} is still in use; change or delete these first`, users)
      const broken = (await spec.deleteConflicts?.(id, documents)) ?? []
      if (broken.length > 0) throw conflict(`deleting the ${spec.noun} would break a rule`, broken)
      if (!(await documents.remove(spec.kind, id))) throw notFound(`${spec.noun} '${id}'`)
      await audit(log, principal.userId, `${spec.kind}.delete`, id)
      spec.afterChange?.(principal.tenantId, id)
      return reply.code(204).send(null)
    },
  )
}
