// Who is calling (issue 5, Security): API tokens (`Authorization: Bearer …`) for integrations and
// browser sessions (httpOnly SameSite=Strict cookie + CSRF header on every unsafe method) for the
// web app. Every route declares the roles it admits in `config.roles`, or `config.public: true`;
// a route that declares neither is refused when it is registered, so none is left open by mistake.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { type Credentials, type Principal, ROLES, type Role } from '../store/ports/accounts.ts'
import { forbidden, unauthorized } from './errors.ts'

export const roleSchema = z.enum(ROLES)

export const SESSION_COOKIE = 'outdial_session'
export const CSRF_HEADER = 'x-csrf-token'
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/** What authentication needs from the store: the principal a token or a session stands for. */
export type AuthBackend = Pick<Credentials, 'principalForToken' | 'principalForSession'>

export interface RouteAccess {
  /** Roles admitted; the route is authenticated. */
  roles?: readonly Role[]
  /** No authentication (health, metrics, docs, login). */
  public?: boolean
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null
  }
  interface FastifyContextConfig extends RouteAccess {}
}

const PUBLIC_PREFIXES = ['/docs', '/openapi.json']

/** The request's bearer token, if it sends one (a malformed Authorization header is a 401). */
export function bearerTokenOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization
  if (header === undefined) return undefined
  const match = /^Bearer\s+(\S+)$/i.exec(header)
  if (!match) throw unauthorized('the Authorization header must be `Bearer <token>`')
  return match[1]
}

async function authenticate(
  backend: AuthBackend,
  request: FastifyRequest,
  nowMs: number,
): Promise<Principal> {
  const token = bearerTokenOf(request)
  if (token !== undefined) {
    const principal = await backend.principalForToken(token, nowMs)
    if (!principal) throw unauthorized('the bearer token is unknown, revoked or expired')
    return principal
  }
  const sessionId = request.cookies?.[SESSION_COOKIE]
  if (sessionId) {
    const session = await backend.principalForSession(sessionId, nowMs)
    if (!session) throw unauthorized('the session has expired; log in again')
    if (UNSAFE_METHODS.has(request.method) && request.headers[CSRF_HEADER] !== session.csrfToken)
      throw forbidden(`a ${request.method} from a browser session needs the ${CSRF_HEADER} header`)
    const { csrfToken: _csrf, ...principal } = session
    return principal
  }
  throw unauthorized()
}

export function registerAuth(
  app: FastifyInstance,
  backend: AuthBackend,
  nowMs: () => number,
): void {
  app.decorateRequest('principal', null)
  app.addHook('onRoute', (route) => {
    const access = (route.config ?? {}) as RouteAccess
    const isPublic =
      access.public === true || PUBLIC_PREFIXES.some((prefix) => route.url.startsWith(prefix))
    if (!isPublic && (access.roles === undefined || access.roles.length === 0))
      throw new Error(
        `route ${String(route.method)} ${route.url} declares neither config.roles nor config.public`,
      )
  })
  app.addHook('onRequest', async (request: FastifyRequest, _reply: FastifyReply) => {
    const access = request.routeOptions.config as RouteAccess
    if (access.public === true || access.roles === undefined) return
    const principal = await authenticate(backend, request, nowMs())
    if (!access.roles.includes(principal.role))
      throw forbidden(`this needs the role ${access.roles.join(' or ')}; you are ${principal.role}`)
    request.principal = principal
  })
}

/** The authenticated caller of a route that declared roles. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw unauthorized()
  return request.principal
}

/** An agent may act only as themselves; admins and supervisors may act for any agent. */
export function assertSelfOrStaff(principal: Principal, agentId: string): void {
  if (principal.role === 'agent' && principal.agentId !== agentId)
    throw forbidden('an agent can reach only their own state, reservations and contacts')
}
