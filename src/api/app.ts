// The HTTP API (R10, issue 5): Fastify with zod schemas at the boundary, the OpenAPI 3.1 document
// generated from those schemas (`/openapi.json`, browsable at `/docs`), one error body, auth on
// every route, `/healthz` and `/metrics`. Resources register themselves (one module per resource).
import fastifyCookie from '@fastify/cookie'
import fastifySwagger from '@fastify/swagger'
import fastifySwaggerUi from '@fastify/swagger-ui'
import fastifyWebsocket from '@fastify/websocket'
import Fastify, { type FastifyInstance } from 'fastify'
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod'
import { z } from 'zod'
import { type AuthBackend, registerAuth } from './auth.ts'
import {
  clientErrorHandler,
  frameworkErrors,
  PATH_PARAM_LENGTH_MAX,
  registerBoundary,
} from './boundary.ts'
import { errorHandler } from './errors.ts'
import { type ApiMetrics, createMetrics, registerMetrics } from './metrics.ts'

/** Largest JSON request body; contact files stream through their own route with its own limit. */
export const JSON_BODY_BYTES_MAX = 1024 * 1024
export const API_VERSION = '1.0.0'

export interface ApiOptions {
  auth: AuthBackend
  nowMs: () => number
  /** pino level; 'silent' in tests. */
  logLevel?: string
  metrics?: ApiMetrics
  bodyLimitBytes?: number
  /**
   * Which proxies' `X-Forwarded-For` to believe for the client address (login throttling, logs):
   * true for any, or a comma-separated list of addresses and CIDRs. Default: none.
   */
  trustProxy?: boolean | string
  /** Adds the resource routes (called once the common parts are in place). */
  register: (app: FastifyInstance) => Promise<void> | void
  /** Extra health facts (database reachable, engine running). */
  health?: () => Promise<Record<string, unknown>>
}

const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
]

/** The OpenAPI transform: zod schemas become JSON Schemas, and an operation that streams a file
 * (it declares `consumes` and reads no JSON body) documents its body in each type it reads. */
const documentFileBodies: typeof jsonSchemaTransform = (input) => {
  const out = jsonSchemaTransform(input)
  const schema = input.schema as { consumes?: string[]; body?: unknown } | undefined
  if (schema?.consumes && schema.body === undefined)
    return {
      ...out,
      schema: {
        ...out.schema,
        body: { type: 'string', description: `the file, streamed (${schema.consumes.join(', ')})` },
      },
    }
  return out
}

export async function buildApi(options: ApiOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: options.logLevel ?? 'info',
      // No personal data in logs: no bodies are logged, and credentials are redacted.
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    },
    bodyLimit: options.bodyLimitBytes ?? JSON_BODY_BYTES_MAX,
    trustProxy: options.trustProxy ?? false,
    routerOptions: { maxParamLength: PATH_PARAM_LENGTH_MAX },
    frameworkErrors,
    clientErrorHandler,
  })
  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializerCompiler)
  app.setErrorHandler(errorHandler)
  await app.register(fastifyCookie)
  registerBoundary(app)
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Outdial API',
        version: API_VERSION,
        description:
          'Configuration, campaign manager and Dialer API of Outdial. Authenticate with `POST /v1/auth/token` and send `Authorization: Bearer <token>`.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'outdial_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: documentFileBodies,
    transformObject: jsonSchemaTransformObject,
  })
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' })
  await app.register(fastifyWebsocket, { options: { maxPayload: 64 * 1024 } })
  registerAuth(app, options.auth, options.nowMs)
  const metrics = options.metrics ?? createMetrics()
  registerMetrics(app, metrics)
  const typed = app.withTypeProvider<ZodTypeProvider>()
  typed.get(
    '/healthz',
    {
      config: { public: true },
      schema: {
        tags: ['health'],
        summary: 'Liveness and readiness',
        security: [],
        response: { 200: z.object({ status: z.literal('ok') }).catchall(z.unknown()) },
      },
    },
    async () => ({ status: 'ok' as const, ...(await options.health?.()) }),
  )
  typed.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, async () =>
    app.swagger(),
  )
  await app.register(async (scope) => options.register(scope))
  await app.ready()
  return app
}
