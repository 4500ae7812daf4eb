// Logging in (issue 5 contract): `POST /v1/auth/token` trades a username and password for an API
// token; `POST /v1/auth/login` opens a browser session (httpOnly cookie + CSRF token);
// `GET /v1/auth/me` says who you are. Repeated failures for one username are slowed down.
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { Credentials } from '../../store/ports/accounts.ts'
import { principalOf, roleSchema, SESSION_COOKIE } from '../auth.ts'
import { ApiError, errorBodySchema, unauthorized } from '../errors.ts'

export const TOKEN_TTL_SEC_DEFAULT = 12 * 3600
export const TOKEN_TTL_SEC_MAX = 365 * 86_400
export const SESSION_TTL_SEC = 12 * 3600
/** Failed logins per username inside the window before further tries are refused (429). */
export const LOGIN_FAILURES_MAX = 10
export const LOGIN_FAILURE_WINDOW_SEC = 300

const credentialsSchema = z.object({
  username: z.string().min(1).max(128),
  password: z.string().min(1).max(256),
})

const tokenRequestSchema = credentialsSchema.extend({
  name: z.string().min(1).max(80).default('api').describe('A label to recognise the token by'),
  ttlSec: z.number().int().min(60).max(TOKEN_TTL_SEC_MAX).default(TOKEN_TTL_SEC_DEFAULT),
})

const principalSchema = z.object({
  tenantId: z.string(),
  userId: z.string(),
  username: z.string(),
  role: roleSchema,
  agentId: z.string().nullable(),
})

export function registerAuthRoutes(
  app: FastifyInstance,
  accounts: Credentials,
  nowMs: () => number,
  secureCookies: boolean,
): void {
  const failures = new Map<string, number[]>()
  const guardedLogin = async (username: string, password: string) => {
    const now = nowMs()
    const recent = (failures.get(username) ?? []).filter(
      (at) => now - at < LOGIN_FAILURE_WINDOW_SEC * 1000,
    )
    if (recent.length >= LOGIN_FAILURES_MAX)
      throw new ApiError(
        429,
        `too many failed logins for this user; wait ${LOGIN_FAILURE_WINDOW_SEC} s`,
      )
    const principal = await accounts.login(username, password, now)
    if (!principal) {
      recent.push(now)
      failures.set(username, recent)
      if (failures.size > 10_000) failures.delete(failures.keys().next().value as string)
      throw unauthorized('wrong username or password')
    }
    failures.delete(username)
    return principal
  }
  const typed = app.withTypeProvider<ZodTypeProvider>()

  typed.post(
    '/v1/auth/token',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Trade a username and password for an API token',
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
    async (request) => {
      const { username, password, name, ttlSec } = request.body
      const principal = await guardedLogin(username, password)
      const issued = await accounts.issueToken(principal, name, ttlSec * 1000, nowMs())
      return {
        token: issued.token,
        expiresAt: new Date(issued.expiresAtMs).toISOString(),
        user: principal,
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
          401: errorBodySchema,
          429: errorBodySchema,
        },
      },
    },
    async (request, reply) => {
      const principal = await guardedLogin(request.body.username, request.body.password)
      const session = await accounts.createSession(principal, SESSION_TTL_SEC * 1000, nowMs())
      reply.setCookie(SESSION_COOKIE, session.sessionId, {
        path: '/',
        httpOnly: true,
        secure: secureCookies,
        sameSite: 'strict',
        maxAge: SESSION_TTL_SEC,
      })
      return { csrfToken: session.csrfToken, user: principal }
    },
  )

  typed.post(
    '/v1/auth/logout',
    {
      config: { roles: ['admin', 'supervisor', 'agent'] },
      schema: { tags: ['auth'], summary: 'End the browser session', response: { 204: z.null() } },
    },
    async (request, reply) => {
      const sessionId = request.cookies[SESSION_COOKIE]
      if (sessionId) await accounts.endSession(sessionId)
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
