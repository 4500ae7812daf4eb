// fast-check arbitraries from the JSON Schemas of /openapi.json (issue 16's fuzz suite): values the
// schema accepts (best effort: patterns through fc.stringMatching, bounds, required keys, enums,
// unions), and hostile ones — NUL, lone surrogates, right-to-left marks, SQL fragments, huge
// numbers, over-long strings, wrong types and prototype keys — put anywhere inside a valid value.
import fc from 'fast-check'

export type JsonSchema = Record<string, unknown>

/** Schemas with every `$ref` to `#/components/schemas/…` replaced by its target. */
export function inlineRefs(schema: unknown, components: Record<string, unknown>): unknown {
  if (Array.isArray(schema)) return schema.map((item) => inlineRefs(item, components))
  if (schema === null || typeof schema !== 'object') return schema
  const ref = (schema as { $ref?: unknown }).$ref
  if (typeof ref === 'string') {
    const name = ref.replace('#/components/schemas/', '')
    return inlineRefs(components[name], components)
  }
  return Object.fromEntries(
    Object.entries(schema).map(([key, value]) => [key, inlineRefs(value, components)]),
  )
}

const codePoints = (text: string) => [...text].length

/** Strings that must never reach a database as they are, or that probe limits and parsers. */
export const NASTY_STRINGS: readonly string[] = [
  '\u0000',
  'a\u0000b',
  '\uD800',
  'x\uDFFFy',
  '\uDBFF\u0000',
  '\u200F\u202Eevil\u202C',
  "' OR '1'='1",
  "'; DROP TABLE users; --",
  '" OR ""="',
  '1; SELECT pg_sleep(5)',
  '%00',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  `\${jndi:ldap://x}`,
  '\\',
  '\r\n',
  ' ',
  '',
  '1e309',
  '-0',
  'NaN',
  'x'.repeat(70),
  'x'.repeat(4097),
  '😀'.repeat(65),
  '\uFEFF',
  'ǅ̸̡̛',
]

const NASTY_NUMBERS: readonly number[] = [
  0,
  -1,
  1e308,
  -1e308,
  2 ** 53 + 2,
  -(2 ** 53) - 2,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
  0.5,
  2 ** 31,
  -(2 ** 31) - 1,
]

/** A hostile JSON value (strings, numbers, wrong types). */
export const nastyValue = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
    { weight: 3, arbitrary: fc.constantFrom(...NASTY_NUMBERS) },
    {
      weight: 2,
      arbitrary: fc.constantFrom<unknown>(null, true, false, [], {}, [null], { a: '\u0000' }),
    },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  )

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value)

function stringArb(schema: JsonSchema): fc.Arbitrary<string> {
  const min = typeof schema.minLength === 'number' ? schema.minLength : 0
  const max = typeof schema.maxLength === 'number' ? schema.maxLength : min + 24
  const fits = (s: string) => codePoints(s) >= min && codePoints(s) <= max
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as string[]))
  if (typeof schema.pattern === 'string') {
    try {
      return fc.stringMatching(new RegExp(schema.pattern)).filter(fits)
    } catch {
      // A pattern fast-check cannot invert: plain strings (the server answers 400).
    }
  }
  switch (schema.format) {
    case 'date-time':
      return fc
        .date({ min: new Date(0), max: new Date(4_102_444_800_000), noInvalidDate: true })
        .map((d) => d.toISOString())
    case 'email':
      return fc.emailAddress()
    case 'uri':
      return fc.webUrl()
    case 'uuid':
      return fc.uuid()
  }
  const small = Math.min(max, min + 16)
  const edges = [
    'x'.repeat(min === 0 ? 0 : min),
    'y'.repeat(Math.min(max, 5000)),
    '😀'.repeat(Math.min(max, 2000)),
  ].filter(fits)
  return fc.oneof(
    {
      weight: 4,
      arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: min, maxLength: small }),
    },
    {
      weight: 2,
      arbitrary: fc.string({ unit: 'grapheme', minLength: min, maxLength: small }).filter(fits),
    },
    { weight: 1, arbitrary: fc.constantFrom(...(edges.length > 0 ? edges : ['x'.repeat(min)])) },
  )
}

function numberArb(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const lower =
    typeof schema.exclusiveMinimum === 'number'
      ? schema.exclusiveMinimum + (integer ? 1 : 0)
      : typeof schema.minimum === 'number'
        ? schema.minimum
        : undefined
  const upper =
    typeof schema.exclusiveMaximum === 'number'
      ? schema.exclusiveMaximum - (integer ? 1 : 0)
      : typeof schema.maximum === 'number'
        ? schema.maximum
        : undefined
  if (integer) {
    const min = Math.max(lower ?? -1000, Number.MIN_SAFE_INTEGER)
    const max = Math.min(upper ?? 1_000_000, Number.MAX_SAFE_INTEGER)
    return fc.oneof(
      { weight: 4, arbitrary: fc.integer({ min, max: Math.min(max, min + 1000) }) },
      { weight: 1, arbitrary: fc.integer({ min, max }) },
      { weight: 1, arbitrary: fc.constantFrom(min, max) },
    )
  }
  return fc.double({
    min: lower ?? -1e6,
    max: upper ?? 1e6,
    noNaN: true,
    noDefaultInfinity: true,
    minExcluded: typeof schema.exclusiveMinimum === 'number',
    maxExcluded: typeof schema.exclusiveMaximum === 'number',
  })
}

const DEPTH_MAX = 8

/** What makes generated values meet the server's cross-object rules now and then: ids that exist,
 * offered for string fields whose name ends in `Id` or `Ids` (e.g. `flowId`, `agentIds`). */
export interface ValueHints {
  ids: readonly string[]
}

const REFERENCE_KEY = /(Id|Ids)$/

/** Values that the schema describes (refs already inlined). */
export function valueArb(
  schema: unknown,
  hints: ValueHints = { ids: [] },
  depth = 0,
  key = '',
): fc.Arbitrary<unknown> {
  const plain = describedValueArb(schema, hints, depth, key)
  const isString = isObject(schema) && schema.type === 'string' && !('enum' in schema)
  if (!isString || hints.ids.length === 0 || !REFERENCE_KEY.test(key)) return plain
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...hints.ids) },
    { weight: 1, arbitrary: plain },
  )
}

function describedValueArb(
  schema: unknown,
  hints: ValueHints,
  depth: number,
  key: string,
): fc.Arbitrary<unknown> {
  if (schema === true || schema === undefined) return fc.jsonValue({ maxDepth: 2 })
  if (!isObject(schema)) return fc.constant(null)
  if ('const' in schema) return fc.constant(schema.const)
  if (Array.isArray(schema.enum)) return fc.constantFrom(...schema.enum)
  const union = (schema.anyOf ?? schema.oneOf) as unknown[] | undefined
  if (Array.isArray(union) && union.length > 0)
    return fc.oneof(...union.map((option) => valueArb(option, hints, depth + 1, key)))
  if (Array.isArray(schema.allOf) && schema.allOf.length > 0)
    return valueArb(Object.assign({}, ...(schema.allOf as JsonSchema[])), hints, depth + 1, key)
  if (Array.isArray(schema.type))
    return fc.oneof(...schema.type.map((type) => valueArb({ ...schema, type }, hints, depth, key)))
  switch (schema.type) {
    case 'string':
      return stringArb(schema)
    case 'integer':
      return numberArb(schema, true)
    case 'number':
      return numberArb(schema, false)
    case 'boolean':
      return fc.boolean()
    case 'null':
      return fc.constant(null)
    case 'array': {
      const minItems = typeof schema.minItems === 'number' ? schema.minItems : 0
      const maxItems = typeof schema.maxItems === 'number' ? schema.maxItems : minItems + 3
      if (depth >= DEPTH_MAX && minItems === 0) return fc.constant([])
      return fc.array(valueArb(schema.items, hints, depth + 1, key), {
        minLength: minItems,
        maxLength: Math.min(maxItems, minItems + 3),
      })
    }
    case 'object':
      return objectArb(schema, hints, depth)
  }
  if (isObject(schema.properties)) return objectArb(schema, hints, depth)
  return fc.jsonValue({ maxDepth: 2 })
}

function objectArb(schema: JsonSchema, hints: ValueHints, depth: number): fc.Arbitrary<unknown> {
  const properties = (isObject(schema.properties) ? schema.properties : {}) as Record<
    string,
    unknown
  >
  const required = Array.isArray(schema.required) ? (schema.required as string[]) : []
  const keys = depth >= DEPTH_MAX ? required : Object.keys(properties)
  const model = Object.fromEntries(
    keys.map((key) => [key, valueArb(properties[key], hints, depth + 1, key)]),
  )
  const fixed = fc.record(model, { requiredKeys: required.filter((key) => key in model) })
  const extra = schema.additionalProperties
  if (!isObject(extra) || depth >= DEPTH_MAX) return fixed
  const names = isObject(schema.propertyNames)
    ? (valueArb(schema.propertyNames, hints, depth + 1) as fc.Arbitrary<string>)
    : fc.string({ minLength: 1, maxLength: 12 })
  return fc
    .tuple(fixed, fc.dictionary(names, valueArb(extra, hints, depth + 1), { maxKeys: 3 }))
    .map(([known, more]) => ({ ...more, ...(known as object) }))
}

type Path = (string | number)[]

function nodePaths(value: unknown, path: Path = [], out: Path[] = []): Path[] {
  out.push(path)
  if (Array.isArray(value))
    for (const [i, item] of value.entries()) nodePaths(item, [...path, i], out)
  else if (isObject(value))
    for (const [key, item] of Object.entries(value)) nodePaths(item, [...path, key], out)
  return out
}

function replaceAt(value: unknown, path: Path, replacement: unknown): unknown {
  if (path.length === 0) return replacement
  const [head, ...rest] = path as [string | number, ...Path]
  if (Array.isArray(value))
    return value.map((item, i) => (i === head ? replaceAt(item, rest, replacement) : item))
  if (isObject(value)) return { ...value, [head]: replaceAt(value[head], rest, replacement) }
  return value
}

function addKeyAt(value: unknown, path: Path, key: string, child: unknown): unknown {
  if (path.length === 0) return isObject(value) ? { ...value, [key]: child } : value
  const [head, ...rest] = path as [string | number, ...Path]
  if (Array.isArray(value))
    return value.map((item, i) => (i === head ? addKeyAt(item, rest, key, child) : item))
  if (isObject(value)) return { ...value, [head]: addKeyAt(value[head], rest, key, child) }
  return value
}

/** A valid value with one node replaced by a hostile one, or a hostile key added to an object. */
export function mutatedArb(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return valid.chain((value) => {
    const paths = nodePaths(value)
    const objects = paths.filter((path) => isObject(nodeAt(value, path)))
    const replace = fc
      .tuple(fc.constantFrom(...paths), nastyValue())
      .map(([path, nasty]) => replaceAt(value, path, nasty))
    if (objects.length === 0) return replace
    const addKey = fc
      .tuple(
        fc.constantFrom(...objects),
        fc.constantFrom('\u0000', 'k\uD800', '\u202Ekey', "'; --", 'constructor'),
        nastyValue(),
      )
      .map(([path, key, nasty]) => addKeyAt(value, path, key, nasty))
    return fc.oneof({ weight: 3, arbitrary: replace }, { weight: 1, arbitrary: addKey })
  })
}

function nodeAt(value: unknown, path: Path): unknown {
  let node = value
  for (const key of path) node = (node as Record<string | number, unknown>)[key]
  return node
}

/** JSON bodies that are not what they claim: broken, prototype-poisoning, deeply nested. */
export const RAW_JSON_BODIES: readonly string[] = [
  '',
  '{',
  '{"a":1,}',
  'null',
  '[]',
  '"text"',
  '12',
  '{"__proto__":{"isAdmin":true}}',
  '{"a":{"__proto__":{"x":1}}}',
  '{"constructor":{"prototype":{"x":1}}}',
  '{"id":"\\u0000"}',
  '{"id":"\\ud800"}',
  '{"\\u0000":1}',
  `${'['.repeat(20_000)}${']'.repeat(20_000)}`,
  `{"id":${'9'.repeat(400)}}`,
  '\uFEFF{}',
]

/** Percent-encodes a path segment or query value; a lone surrogate becomes its 3-byte (invalid
 * UTF-8) form, as a client that does not check would send it. */
export function encodeLoose(text: string): string {
  let out = ''
  for (const char of text) {
    const code = char.codePointAt(0) as number
    if (code >= 0xd800 && code <= 0xdfff)
      out += [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]
        .map((byte) => `%${byte.toString(16).toUpperCase()}`)
        .join('')
    else out += encodeURIComponent(char)
  }
  return out
}
