// The request boundary (issue 16): no input is answered with a 500 or in any shape but the one
// error body. JSON bodies are parsed here (a `__proto__` key is refused by name), text/plain is no
// JSON (415), every string in a body, path or query is well-formed Unicode without NUL (400 naming
// the field), a method a path does not serve is 405 with `Allow`, Fastify's own framework and
// client errors answer in the error body, and every operation documents the errors it can answer.
import type { Socket } from 'node:net'
import type {
  FastifyError,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  RouteOptions,
} from 'fastify'
import { type PathLink, pathOf, printable, textIssues } from '../domain/text.ts'
import { type RouteAccess, SESSION_COOKIE } from './auth.ts'
import {
  ApiError,
  type ErrorBody,
  type ErrorDetail,
  errorBodySchema,
  formatPath,
  sendError,
} from './errors.ts'

/** Longest path parameter as sent (percent-encoded): 128 characters of 4 UTF-8 bytes each as
 * `%XX`; the schemas then count the decoded value in characters and answer 400 with its field. */
export const PATH_PARAM_LENGTH_MAX = 128 * 4 * 3
/** How much of a path an error message repeats. */
const ECHOED_PATH_LENGTH_MAX = 120
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

const echo = (url: string): string => {
  const path = printable(url.split('?')[0] ?? '')
  return path.length > ECHOED_PATH_LENGTH_MAX ? `${path.slice(0, ECHOED_PATH_LENGTH_MAX)}…` : path
}

/** `__proto__` keys, and `constructor.prototype`, in a parsed JSON value (secure-json-parse's
 * rule), walked without recursion and in linear time (paths are links to the parent). */
function poisonedKeys(value: unknown): ErrorDetail[] {
  const found: ErrorDetail[] = []
  const stack: { value: unknown; at: PathLink | null }[] = [{ value, at: null }]
  while (stack.length > 0) {
    const item = stack.pop() as { value: unknown; at: PathLink | null }
    if (item.value === null || typeof item.value !== 'object') continue
    const node = item.value as Record<string, unknown>
    if (Object.hasOwn(node, '__proto__'))
      found.push({
        path: formatPath([...pathOf(item.at), '__proto__']),
        message: 'a `__proto__` key is refused: it could change the prototype of objects',
      })
    const ctor = Object.hasOwn(node, 'constructor') ? node.constructor : undefined
    if (ctor !== null && typeof ctor === 'object' && Object.hasOwn(ctor, 'prototype'))
      found.push({
        path: formatPath([...pathOf(item.at), 'constructor', 'prototype']),
        message:
          'a `constructor.prototype` key is refused: it could change the prototype of objects',
      })
    if (Array.isArray(node))
      for (const [index, child] of node.entries())
        stack.push({ value: child, at: { parent: item.at, key: index } })
    else
      for (const [key, child] of Object.entries(node))
        if (key !== '__proto__') stack.push({ value: child, at: { parent: item.at, key } })
  }
  return found
}

/** The JSON body parser: empty, malformed and prototype-poisoning bodies are 400s that say so. */
function parseJsonBody(text: string): unknown {
  if (text.trim() === '')
    throw new ApiError(400, 'the body is empty but Content-Type is application/json')
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    throw new ApiError(400, `the body is not valid JSON: ${(error as Error).message}`)
  }
  const poisoned = poisonedKeys(value)
  if (poisoned.length > 0)
    throw new ApiError(
      400,
      `the body holds a key that is refused (\`__proto__\` or \`constructor.prototype\`) at ${poisoned
        .map((d) => d.path)
        .join(', ')}`,
      poisoned,
    )
  return value
}

/** NUL and lone surrogates anywhere in the body, the path parameters or the query: a 400 naming
 * each field (PostgreSQL cannot store them, and both databases must answer the same). */
function textCheck(request: FastifyRequest): void {
  const details: ErrorDetail[] = []
  const parts: [string | null, unknown][] = [
    [null, request.body],
    ['params', request.params],
    ['querystring', request.query],
  ]
  for (const [prefix, value] of parts)
    for (const issue of textIssues(value))
      details.push({
        path: formatPath([...(prefix ? [prefix] : []), ...issue.path.map(printableKey)]),
        message: issue.message,
      })
  if (details.length > 0)
    throw new ApiError(
      400,
      `the request holds text that cannot be stored: ${details
        .map((d) => `${d.path || '(root)'} ${d.message.replace(/^the /, '')}`)
        .join('; ')}`,
      details,
    )
}

const printableKey = (key: string | number) => (typeof key === 'string' ? printable(key) : key)

interface RoutePattern {
  method: string
  pattern: RegExp
}

function patternOf(url: string): RegExp {
  const source = url
    .split('/')
    .map((segment) =>
      segment.startsWith(':')
        ? '[^/]+'
        : segment === '*'
          ? '.*'
          : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('/')
  return new RegExp(`^${source}$`)
}

/** Adds the error answers every operation can give to its documented responses. */
function documentErrors(route: RouteOptions): void {
  const schema = (route.schema ?? {}) as { hide?: boolean; response?: Record<string, unknown> }
  if (schema.hide === true || (route as { websocket?: boolean }).websocket === true) return
  const response = schema.response ?? {}
  const add = (status: number) => {
    if (!(status in response)) response[status] = errorBodySchema
  }
  const access = (route.config ?? {}) as RouteAccess
  const methods = [route.method].flat().map(String)
  add(400)
  if (access.public !== true) {
    add(401)
    add(403)
  }
  if (route.url.includes(':')) {
    add(404)
    add(414)
  }
  if (methods.some((m) => BODY_METHODS.has(m))) {
    add(413)
    add(415)
  }
  schema.response = response
  route.schema = schema as RouteOptions['schema']
}

/** Installs the boundary rules; call before any route (and the OpenAPI plugin) is registered. */
export function registerBoundary(app: FastifyInstance): void {
  app.removeContentTypeParser(['application/json', 'text/plain'])
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, parseJsonBody(body as string))
    } catch (error) {
      done(error as Error, undefined)
    }
  })
  const routes: RoutePattern[] = []
  app.addHook('onRoute', (route) => {
    documentErrors(route)
    for (const method of [route.method].flat())
      routes.push({ method: String(method), pattern: patternOf(route.url) })
  })
  // Before authentication: a session cookie that cannot be text is no session (401), instead of
  // reaching the database.
  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config as RouteAccess
    if (access.public === true || access.roles === undefined) return
    const session = request.cookies?.[SESSION_COOKIE]
    if (session !== undefined && textIssues(session).length > 0)
      throw new ApiError(401, 'the session cookie is malformed; log in again')
  })
  app.addHook('preValidation', async (request) => textCheck(request))
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? ''
    const allowed = [
      ...new Set(routes.filter((r) => r.pattern.test(path)).map((r) => r.method)),
    ].sort()
    if (allowed.length > 0)
      return sendError(reply.header('allow', allowed.join(', ')), 405, {
        error: 'method_not_allowed',
        message: `${request.method} is not allowed on ${echo(request.url)}; allowed: ${allowed.join(', ')}`,
        details: [],
      })
    return sendError(reply, 404, {
      error: 'not_found',
      message: `no route ${request.method} ${echo(request.url)}`,
      details: [],
    })
  })
}

/** Fastify's router errors (Fastify's `frameworkErrors` option), in the one error body. */
export function frameworkErrors(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH')
    return sendError(reply, 414, {
      error: 'uri_too_long',
      message: `a path segment of ${echo(request.url)} is longer than ${PATH_PARAM_LENGTH_MAX} characters (as sent, percent-encoded)`,
      details: [],
    })
  if (error.code === 'FST_ERR_BAD_URL')
    return sendError(reply, 400, {
      error: 'bad_request',
      message: `the path ${echo(request.url)} is not valid percent-encoded UTF-8`,
      details: [],
    })
  request.log.error({ err: error }, 'request failed in the router')
  return sendError(reply, 500, {
    error: 'internal_error',
    message: 'the server failed to handle the request; it is logged',
    details: [],
  })
}

const CLIENT_ERRORS: Record<string, [number, string, ErrorBody]> = {
  HPE_HEADER_OVERFLOW: [
    431,
    'Request Header Fields Too Large',
    {
      error: 'request_header_fields_too_large',
      message: 'the request headers are larger than the server accepts (16 KiB)',
      details: [],
    },
  ],
  ERR_HTTP_REQUEST_TIMEOUT: [
    408,
    'Request Timeout',
    { error: 'request_timeout', message: 'the request was not received in time', details: [] },
  ],
}
const MALFORMED: [number, string, ErrorBody] = [
  400,
  'Bad Request',
  { error: 'bad_request', message: 'the request is not valid HTTP', details: [] },
]

/** Errors Node's HTTP parser meets before Fastify sees a request (Fastify's `clientErrorHandler`
 * option), answered in the one error body. */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return
  const [status, reason, body] = CLIENT_ERRORS[error.code ?? ''] ?? MALFORMED
  const text = JSON.stringify(body)
  if (socket.writable)
    socket.write(
      `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: ${Buffer.byteLength(text)}\r\nContent-Type: application/json; charset=utf-8\r\n\r\n${text}`,
    )
  socket.destroy(error)
}
