// Logging in (issue 5 contract, issue 16): `POST /v1/auth/token` trades a username and password
// (and the tenant, when the username is used in more than one) for an API token that expires;
// `POST /v1/auth/login` opens a browser session (httpOnly cookie + CSRF token); `POST
// /v1/auth/logout` revokes the bearer token or ends the session it is called with; `POST
// /v1/auth/password` changes one's own password and revokes every token and session of the user;
// `GET /v1/auth/me` says who you are. Failed logins are throttled (../login-throttle.ts).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { Credentials, LoginGrant } from '../../store/ports/accounts.ts'
import { bearerTokenOf, principalOf, roleSchema, SESSION_COOKIE } from '../auth.ts'
import { ApiError, errorBodySchema, unauthorized } from '../errors.ts'
import { LoginThrottle } from '../login-throttle.ts'
import { storesOf } from '../tenant-stores.ts'
import { newPasswordSchema } from './users.ts'

export const TOKEN_TTL_SEC_DEFAULT = 12 * 3600
export const TOKEN_TTL_SEC_MAX = 30 * 86_400
const TOKEN_TTL_SEC_MIN = 60
export const SESSION_TTL_SEC = 12 * 3600
const TENANT_ID_LENGTH_MAX = 64

interface AuthRouteOptions {
  secureCookies: boolean
  /** Lifetime of a token whose request names none. */
  tokenTtlSec: number
  /** The longest lifetime a token may ask for. */
  tokenTtlSecMax: number
  sessionTtlSec: number
}

const WRONG_LOGIN =
  'wrong username or password (a username used in more than one tenant also needs `tenant`)'

const credentialsSchema = z.object({
  username: z.string().min(1).max(128),
  password: z.string().min(1).max(256),
  tenant: z
    .string()
    .min(1)
    .max(TENANT_ID_LENGTH_MAX)
    .optional()
    .describe(
      'The tenant id; needed only when the username exists in more than one tenant (usernames are unique per tenant)',
    ),
})

const principalSchema = z.object({
  tenantId: z.string(),
  userId: z.string(),
  username: z.string(),
  role: roleSchema,
  agentId: z.string().nullable(),
})

const tooMany = (reply: FastifyReply, retryAfterSec: number): ApiError => {
  reply.header('retry-after', String(retryAfterSec))
  return new ApiError(
    429,
    `too many failed logins for this account or from this address; try again in ${retryAfterSec} s`,
  )
}

export function registerAuthRoutes(
  app: FastifyInstance,
  accounts: Credentials,
  nowMs: () => number,
  options: AuthRouteOptions,
): void {
  const throttle = new LoginThrottle(accounts.throttle)
  const guardedLogin = async (
    request: FastifyRequest,
    reply: FastifyReply,
    body: z.output<typeof credentialsSchema>,
  ): Promise<LoginGrant> => {
    const now = nowMs()
    const tenantId = await accounts.loginTenant(body.username, body.tenant)
    let grant: LoginGrant | null = null
    const result = await throttle.guard(
      `${tenantId ?? '?'}/${body.username}`,
      request.ip,
      now,
      async () => {
        grant = await accounts.login(tenantId, body.username, body.password, now)
        return grant !== null
      },
    )
    if (result.outcome === 'waiting') throw tooMany(reply, result.retryAfterSec)
    if (grant === null) throw unauthorized(WRONG_LOGIN)
    return grant
  }
  const typed = app.withTypeProvider<ZodTypeProvider>()
  const tokenRequestSchema = credentialsSchema.extend({
    name: z.string().min(1).max(80).default('api').describe('A label to recognise the token by'),
    ttlSec: z
      .number()
      .int()
      .min(TOKEN_TTL_SEC_MIN)
      .max(options.tokenTtlSecMax)
      .default(options.tokenTtlSec)
      .describe(
        `Lifetime of the token in seconds (${TOKEN_TTL_SEC_MIN}–${options.tokenTtlSecMax})`,
      ),
  })

  typed.post(
    '/v1/auth/token',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Trade a username and password for an API token that expires',
        security: [],
        body: tokenRequestSchema,
        response: {
          200: z.object({ token: z.string(), expiresAt: z.string(), user: principalSchema }),
          400: errorBodySchema,
          401: errorBodySchema,
          429: errorBodySchema,
        },
      },
    },
    async (request, reply) => {
      const grant = await guardedLogin(request, reply, request.body)
      const { name, ttlSec } = request.body
      const issued = await accounts.issueToken(grant, name, ttlSec * 1000, nowMs())
      return {
        token: issued.token,
        expiresAt: new Date(issued.expiresAtMs).toISOString(),
        user: grant.principal,
      }
    },
  )

  typed.post(
    '/v1/auth/login',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary:
          'Open a browser session (sets an httpOnly cookie; send the CSRF token as x-csrf-token)',
        security: [],
        body: credentialsSchema,
        response: {
          200: z.object({ csrfToken: z.string(), user: principalSchema }),
          400: errorBodySchema,
          401: errorBodySchema,
          429: errorBodySchema,
        },
      },
    },
    async (request, reply) => {
      const grant = await guardedLogin(request, reply, request.body)
      const session = await accounts.createSession(grant, options.sessionTtlSec * 1000, nowMs())
      reply.setCookie(SESSION_COOKIE, session.sessionId, {
        path: '/',
        httpOnly: true,
        secure: options.secureCookies,
        sameSite: 'strict',
        maxAge: options.sessionTtlSec,
      })
      return { csrfToken: session.csrfToken, user: grant.principal }
    },
  )

  typed.post(
    '/v1/auth/logout',
    {
      config: { roles: ['admin', 'supervisor', 'agent'] },
      schema: {
        tags: ['auth'],
        summary: 'Revoke the bearer token, or end the browser session, that this request uses',
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const token = bearerTokenOf(request)
      if (token !== undefined) await accounts.revokeToken(token)
      const sessionId = request.cookies[SESSION_COOKIE]
      if (sessionId) await accounts.endSession(sessionId)
      reply.clearCookie(SESSION_COOKIE, { path: '/' })
      return reply.code(204).send(null)
    },
  )

  typed.post(
    '/v1/auth/password',
    {
      config: { roles: ['admin', 'supervisor', 'agent'] },
      schema: {
        tags: ['auth'],
        summary:
          'Change your own password; every token and session of yours, this one too, is revoked',
        body: z.object({
          currentPassword: z.string().min(1).max(256),
          newPassword: newPasswordSchema,
        }),
        response: {
          204: z.null(),
          400: errorBodySchema,
          401: errorBodySchema,
          429: errorBodySchema,
        },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request)
      const { users, audit } = storesOf(request)
      const result = await throttle.guard(
        `${principal.tenantId}/${principal.username}`,
        request.ip,
        nowMs(),
        () =>
          users.changePassword(
            principal.userId,
            request.body.currentPassword,
            request.body.newPassword,
          ),
      )
      if (result.outcome === 'waiting') throw tooMany(reply, result.retryAfterSec)
      if (result.outcome === 'failed') throw unauthorized('the current password is wrong')
      await audit.record(
        {
          actorUserId: principal.userId,
          action: 'user.password-change',
          objectKind: 'user',
          objectId: principal.userId,
          summary: {},
        },
        nowMs(),
      )
      reply.clearCookie(SESSION_COOKIE, { path: '/' })
      return reply.code(204).send(null)
    },
  )

  typed.get(
    '/v1/auth/me',
    {
      config: { roles: ['admin', 'supervisor', 'agent'] },
      schema: { tags: ['auth'], summary: 'Who am I', response: { 200: principalSchema } },
    },
    async (request) => principalOf(request),
  )
}
