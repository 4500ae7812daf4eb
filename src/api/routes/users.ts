// Users (R4.2, issue 5 Security, issue 16): administrators create users with a role and, for
// agents, the agent they are (usernames are unique within the tenant); disable them and reset their
// passwords, either of which revokes the user's tokens and sessions; and read the audit log of
// configuration changes and campaign actions. Passwords are write-only, hashed by the store.
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { DuplicateError } from '../../store/ports/documents.ts'
import { principalOf, roleSchema } from '../auth.ts'
import { conflict, errorBodySchema, notFound, unprocessable } from '../errors.ts'
import { pageOf, pageQuerySchema } from '../pagination.ts'
import { storesOf } from '../tenant-stores.ts'

export const PASSWORD_LENGTH_MIN = 12
export const USERNAME_PATTERN = /^[A-Za-z0-9._@-]{1,128}$/

const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  role: roleSchema,
  agentId: z.string().nullable(),
  disabled: z.boolean(),
})

const PASSWORD_LENGTH_MAX = 256

/** A password being set: at least PASSWORD_LENGTH_MIN characters. */
export const newPasswordSchema = z
  .string()
  .min(PASSWORD_LENGTH_MIN, `passwords have at least ${PASSWORD_LENGTH_MIN} characters`)
  .max(PASSWORD_LENGTH_MAX)

const createUserSchema = z.object({
  username: z.string().regex(USERNAME_PATTERN, 'usernames are 1–128 of A-Z a-z 0-9 . _ @ -'),
  password: newPasswordSchema,
  role: roleSchema,
  agentId: z.string().min(1).max(64).nullable().default(null),
})

const FILTER_LENGTH_MAX = 128
const filterText = (what: string) =>
  z.string().min(1).max(FILTER_LENGTH_MAX, `${what} is at most ${FILTER_LENGTH_MAX} characters`)

/** The audit log's filters (issue 13): each given one must match. */
const auditQuerySchema = pageQuerySchema.extend({
  actor: filterText('actor').optional().describe('The id of the user who acted'),
  kind: filterText('kind').optional().describe('Object kind, e.g. team, user, campaign'),
  action: filterText('action')
    .optional()
    .describe('Exact action (team.update) or a prefix ending in a dot (team.)'),
  objectId: filterText('objectId').optional(),
  from: z.iso.datetime({ offset: true }).optional().describe('From this instant (inclusive)'),
  to: z.iso.datetime({ offset: true }).optional().describe('Until this instant (exclusive)'),
})

export function registerUserRoutes(app: FastifyInstance, deps: { nowMs: () => number }): void {
  const typed = app.withTypeProvider<ZodTypeProvider>()

  typed.get(
    '/v1/users',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['users'],
        summary: 'List users',
        querystring: pageQuerySchema,
        response: { 200: pageOf(userSchema) },
      },
    },
    async (request) => {
      const page = await storesOf(request).users.listUsers(request.query)
      return { ...page, ...request.query }
    },
  )

  typed.post(
    '/v1/users',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['users'],
        summary: 'Create a user',
        body: createUserSchema,
        response: {
          201: userSchema,
          400: errorBodySchema,
          409: errorBodySchema,
          422: errorBodySchema,
        },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request)
      const stores = storesOf(request)
      const { agentId, role } = request.body
      if (role === 'agent' && agentId === null)
        throw unprocessable('an agent user names the agent they are', [
          { path: 'agentId', message: 'required for the role agent' },
        ])
      if (agentId !== null && !(await stores.documents.get('agent', agentId)))
        throw unprocessable('no such agent', [
          { path: 'agentId', message: `no agent '${agentId}'` },
        ])
      try {
        const user = await stores.users.createUser(request.body, deps.nowMs())
        await stores.audit.record(
          {
            actorUserId: principal.userId,
            action: 'user.create',
            objectKind: 'user',
            objectId: user.id,
            summary: { role },
          },
          deps.nowMs(),
        )
        return reply.code(201).send(user)
      } catch (error) {
        if (error instanceof DuplicateError)
          throw conflict('this tenant already has a user with that username', [
            { path: 'username', message: 'already used in this tenant' },
          ])
        throw error
      }
    },
  )

  typed.patch(
    '/v1/users/:id',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['users'],
        summary:
          'Enable or disable a user; disabling revokes their tokens and sessions, enabling brings none back',
        params: z.object({ id: z.string().min(1).max(64) }),
        body: z.object({ disabled: z.boolean() }),
        response: { 200: userSchema, 404: errorBodySchema, 422: errorBodySchema },
      },
    },
    async (request) => {
      const principal = principalOf(request)
      if (request.params.id === principal.userId && request.body.disabled)
        throw unprocessable('you cannot disable yourself', [
          { path: 'disabled', message: 'own account' },
        ])
      const stores = storesOf(request)
      const user = await stores.users.setUserDisabled(request.params.id, request.body.disabled)
      if (!user) throw notFound(`user '${request.params.id}'`)
      await stores.audit.record(
        {
          actorUserId: principal.userId,
          action: request.body.disabled ? 'user.disable' : 'user.enable',
          objectKind: 'user',
          objectId: user.id,
          summary: {},
        },
        deps.nowMs(),
      )
      return user
    },
  )

  typed.post(
    '/v1/users/:id/password',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['users'],
        summary:
          "Reset a user's password; every token and session of the user is revoked (issue 16)",
        params: z.object({ id: z.string().min(1).max(64) }),
        body: z.object({ password: newPasswordSchema }),
        response: { 200: userSchema, 400: errorBodySchema, 404: errorBodySchema },
      },
    },
    async (request) => {
      const principal = principalOf(request)
      const stores = storesOf(request)
      const user = await stores.users.resetPassword(request.params.id, request.body.password)
      if (!user) throw notFound(`user '${request.params.id}'`)
      await stores.audit.record(
        {
          actorUserId: principal.userId,
          action: 'user.password-reset',
          objectKind: 'user',
          objectId: user.id,
          summary: {},
        },
        deps.nowMs(),
      )
      return user
    },
  )

  typed.get(
    '/v1/audit',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['audit'],
        summary: 'The audit log: configuration changes and campaign actions, newest first',
        querystring: auditQuerySchema,
        response: {
          200: pageOf(
            z.object({
              id: z.string(),
              at: z.string(),
              actorUserId: z.string(),
              action: z.string(),
              objectKind: z.string(),
              objectId: z.string(),
              summary: z.record(z.string(), z.unknown()),
            }),
          ),
        },
      },
    },
    async (request) => {
      const { limit, offset, actor, kind, action, objectId, from, to } = request.query
      const page = await storesOf(request).audit.list(
        { limit, offset },
        {
          ...(actor !== undefined ? { actorUserId: actor } : {}),
          ...(kind !== undefined ? { objectKind: kind } : {}),
          ...(action !== undefined ? { action } : {}),
          ...(objectId !== undefined ? { objectId } : {}),
          ...(from !== undefined ? { fromMs: Date.parse(from) } : {}),
          ...(to !== undefined ? { toMs: Date.parse(to) } : {}),
        },
      )
      return {
        items: page.items.map(({ atMs, ...rest }) => ({
          ...rest,
          at: new Date(atMs).toISOString(),
        })),
        total: page.total,
        limit,
        offset,
      }
    },
  )
}
