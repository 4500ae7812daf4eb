// One error body everywhere (issue 5, R10): `{ error, message, details: [{ path, message }] }`,
// with the HTTP status meaning what HTTP says it means. Routes throw ApiError; the handler below
// turns schema failures, body-size and parse errors into the same shape and never leaks internals.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod'
import { z } from 'zod'

export const errorDetailSchema = z.object({
  path: z.string().describe('Field path in the request, e.g. `phoneNumber` or `numbers[0]`'),
  message: z.string(),
})
export type ErrorDetail = z.infer<typeof errorDetailSchema>

export const errorBodySchema = z
  .object({
    error: z.string().describe('Machine-readable code, e.g. `bad_request`, `conflict`'),
    message: z.string(),
    details: z.array(errorDetailSchema),
  })
  .meta({ id: 'Error' })
export type ErrorBody = z.infer<typeof errorBodySchema>

const CODE_BY_STATUS: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  414: 'uri_too_long',
  415: 'unsupported_media_type',
  422: 'unprocessable_entity',
  429: 'too_many_requests',
  500: 'internal_error',
  503: 'unavailable',
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: ErrorDetail[] = [],
    readonly code: string = CODE_BY_STATUS[status] ?? 'error',
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

export const badRequest = (message: string, details: ErrorDetail[] = []) =>
  new ApiError(400, message, details)
export const unauthorized = (message = 'a valid bearer token or session is required') =>
  new ApiError(401, message)
export const forbidden = (message: string) => new ApiError(403, message)
export const notFound = (what: string) => new ApiError(404, `${what} not found`)
export const conflict = (message: string, details: ErrorDetail[] = []) =>
  new ApiError(409, message, details)
export const unprocessable = (message: string, details: ErrorDetail[] = []) =>
  new ApiError(422, message, details)

/** `['numbers', 0, 'value']` → `numbers[0].value`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = ''
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`
    else out += out === '' ? String(key) : `.${String(key)}`
  }
  return out
}

/** Zod issues of a failed `safeParse` as error details. */
export function zodDetails(error: z.ZodError, prefix: readonly PropertyKey[] = []): ErrorDetail[] {
  return error.issues.map((issue) => ({
    path: formatPath([...prefix, ...issue.path]),
    message: issue.message,
  }))
}

/** Parses with a schema; a failure is a 400 naming every field path. */
export function parseOr400<T extends z.ZodType>(
  schema: T,
  value: unknown,
  what: string,
): z.output<T> {
  const result = schema.safeParse(value)
  if (!result.success) throw badRequest(`${what} is invalid`, zodDetails(result.error))
  return result.data
}

export function sendError(reply: FastifyReply, status: number, body: ErrorBody): FastifyReply {
  return reply.code(status).type('application/json').send(body)
}

function validationDetails(error: FastifyError): ErrorDetail[] {
  if (!hasZodFastifySchemaValidationErrors(error)) return []
  const where = error.validationContext
  const prefix = where === 'body' || where === undefined ? [] : [where]
  return error.validation.map((v) => {
    const path = String(v.instancePath)
      .split('/')
      .filter((key: string) => key !== '')
      .map((key: string) => (/^\d+$/.test(key) ? Number(key) : key))
    return { path: formatPath([...prefix, ...path]), message: v.message }
  })
}

export function errorHandler(
  error: FastifyError | ApiError,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  if (error instanceof ApiError)
    return sendError(reply, error.status, {
      error: error.code,
      message: error.message,
      details: error.details,
    })
  if (hasZodFastifySchemaValidationErrors(error)) {
    const details = validationDetails(error)
    return sendError(reply, 400, {
      error: 'bad_request',
      message: `the request ${error.validationContext ?? 'body'} is invalid: ${details
        .map((d) => `${d.path || '(root)'}: ${d.message}`)
        .join('; ')}`,
      details,
    })
  }
  const status = error.statusCode ?? 500
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
    return sendError(reply, 415, {
      error: 'unsupported_media_type',
      message: `this operation reads JSON: send it as application/json, not '${request.headers['content-type'] ?? ''}'`,
      details: [],
    })
  if (status >= 400 && status < 500)
    return sendError(reply, status, {
      error: CODE_BY_STATUS[status] ?? 'bad_request',
      message: error.message,
      details: [],
    })
  request.log.error({ err: error }, 'request failed')
  return sendError(reply, 500, {
    error: 'internal_error',
    message: 'the server failed to handle the request; it is logged',
    details: [],
  })
}
