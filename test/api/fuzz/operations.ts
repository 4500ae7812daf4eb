// The operations of /openapi.json as the fuzz suite drives them: for each one, a fast-check
// arbitrary of whole requests (caller, path parameters, query, body) built from its documented
// schemas, and the documented responses to check the answer against.
import fc from 'fast-check'
import { z } from 'zod'
import {
  encodeLoose,
  inlineRefs,
  type JsonSchema,
  mutatedArb,
  NASTY_STRINGS,
  nastyValue,
  RAW_JSON_BODIES,
  valueArb,
} from './schema-arbitraries.ts'

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export interface Operation {
  method: Method
  /** OpenAPI path, e.g. `/v1/teams/{id}`. */
  path: string
  isPublic: boolean
  /** Documented statuses and the zod schema of each JSON answer (null: no body documented). */
  responses: Map<number, z.ZodType | null>
  parameters: { name: string; in: string; required: boolean; schema: unknown }[]
  /** Schema of the JSON body, when the operation documents one. */
  bodySchema: unknown
  /** The content types a file upload reads (from its documented request body). */
  fileTypes: string[]
}

export interface FuzzRequest {
  method: Method
  user: string | null
  url: string
  payload?: string
  headers: Record<string, string>
  /** What was generated, for the failure message. */
  describe: string
}

interface OpenApiDocument {
  paths: Record<string, Record<string, Record<string, unknown>>>
  components?: { schemas?: Record<string, unknown> }
}

export function operationsOf(document: unknown): Operation[] {
  const doc = document as OpenApiDocument
  const components = doc.components?.schemas ?? {}
  const operations: Operation[] = []
  for (const [path, item] of Object.entries(doc.paths))
    for (const [method, raw] of Object.entries(item)) {
      const op = inlineRefs(raw, components) as {
        security?: unknown[]
        parameters?: Operation['parameters']
        requestBody?: { content?: Record<string, { schema?: unknown }> }
        responses: Record<string, { content?: Record<string, { schema?: unknown }> }>
      }
      const responses = new Map<number, z.ZodType | null>()
      for (const [status, response] of Object.entries(op.responses)) {
        const schema = response.content?.['application/json']?.schema
        responses.set(
          Number(status),
          schema === undefined ? null : z.fromJSONSchema(schema as JsonSchema),
        )
      }
      const upper = method.toUpperCase() as Method
      // A file upload documents its body as text in each content type it reads.
      const contentTypes = Object.keys(op.requestBody?.content ?? {})
      const isFile = contentTypes.some((type) => type !== 'application/json')
      operations.push({
        method: upper,
        path,
        isPublic: Array.isArray(op.security) && op.security.length === 0,
        responses,
        parameters: op.parameters ?? [],
        bodySchema: isFile ? undefined : op.requestBody?.content?.['application/json']?.schema,
        fileTypes: isFile ? contentTypes : [],
      })
    }
  return operations
}

/** Ids that exist in the fuzzed tenant, so that some requests reach real objects. */
export type KnownValues = Record<string, readonly string[]>

function stringParamArb(schema: unknown, known: readonly string[]): fc.Arbitrary<string> {
  const valid = valueArb(schema).map((v) => String(v))
  const choices = [
    { weight: 3, arbitrary: valid },
    { weight: 2, arbitrary: fc.constantFrom(...NASTY_STRINGS.filter((s) => s !== '')) },
  ]
  if (known.length > 0) choices.push({ weight: 4, arbitrary: fc.constantFrom(...known) })
  return fc.oneof(...choices)
}

const FILE_BODIES: readonly string[] = [
  'id,phone\nc1,+14155550101\n',
  'id,phone\nc1,+1415555\u00000101\n',
  'id,phone\nc1,\u202E+14155550101\n',
  "id,phone\n'; DROP TABLE contacts; --,+14155550102\n",
  '{"id":"c1","phone":"+14155550103"}\n{"id":"c2","phone":"\\u0000"}\n{"id":"\\ud800","phone":"+14155550104"}\n',
  '[{"id":"c1","phone":"+14155550105"},{"id":"\\u0000","phone":"+14155550106"}]',
  '+14155550107\n+1415555\u00000108\n\uD800\n',
  '',
  '\u0000\u0000\u0000',
  `id,phone\n${'x'.repeat(70_000)},+14155550109\n`,
]

/** Whole requests for one operation: mostly as admin (to pass the role check), some as the other
 * roles and none; valid, mutated and hostile bodies; known, valid and hostile parameters. */
export function requestArb(op: Operation, known: KnownValues): fc.Arbitrary<FuzzRequest> {
  const pathParams = op.parameters.filter((p) => p.in === 'path')
  const queryParams = op.parameters.filter((p) => p.in === 'query')
  const params = fc.record(
    Object.fromEntries(
      pathParams.map((p) => [p.name, stringParamArb(p.schema, known[p.name] ?? known.any ?? [])]),
    ),
  )
  const query = fc.record(
    Object.fromEntries(
      queryParams.map((p) => [
        p.name,
        fc.oneof(
          { weight: 3, arbitrary: valueArb(p.schema).map((v) => String(v)) },
          { weight: 2, arbitrary: nastyValue().map((v) => String(v)) },
        ),
      ]),
    ),
    { requiredKeys: [] },
  )
  const user = fc.constantFrom<string | null>(
    'admin1',
    'admin1',
    'admin1',
    'super1',
    'agent1',
    null,
  )
  const json = (value: unknown) => ({ payload: JSON.stringify(value), type: 'application/json' })
  let body: fc.Arbitrary<{ payload?: string; type?: string }> = fc.constant({})
  if (op.bodySchema !== undefined) {
    const valid = valueArb(op.bodySchema, { ids: known.any ?? [] })
    body = fc.oneof(
      { weight: 4, arbitrary: valid.map(json) },
      { weight: 4, arbitrary: mutatedArb(valid).map(json) },
      {
        weight: 1,
        arbitrary: fc.constantFrom(...RAW_JSON_BODIES).map((payload) => ({
          payload,
          type: 'application/json',
        })),
      },
      {
        weight: 1,
        arbitrary: valid.map((value) => ({ payload: JSON.stringify(value), type: 'text/plain' })),
      },
    )
  } else if (op.fileTypes.length > 0) {
    body = fc.record({
      payload: fc.constantFrom(...FILE_BODIES),
      type: fc.constantFrom(...op.fileTypes, 'application/octet-stream', 'text/plain'),
    })
  } else if (op.method !== 'GET') {
    body = fc.oneof(
      { weight: 3, arbitrary: fc.constant({}) },
      {
        weight: 1,
        arbitrary: fc
          .constantFrom(...RAW_JSON_BODIES)
          .map((payload) => ({ payload, type: 'application/json' })),
      },
    )
  }
  return fc.record({ user, params, query, body }).map(({ user, params, query, body }) => {
    let url = op.path
    for (const [name, value] of Object.entries(params))
      url = url.replace(`{${name}}`, encodeLoose(value))
    const search = Object.entries(query)
      .map(([name, value]) => `${encodeURIComponent(name)}=${encodeLoose(String(value))}`)
      .join('&')
    if (search !== '') url += `?${search}`
    const headers: Record<string, string> = body.type ? { 'content-type': body.type } : {}
    return {
      method: op.method,
      user,
      url,
      headers,
      ...(body.payload === undefined ? {} : { payload: body.payload }),
      describe: `${user ?? 'anonymous'} ${op.method} ${url} ${body.type ?? ''} ${JSON.stringify(
        (body.payload ?? '').slice(0, 300),
      )}`,
    }
  })
}
