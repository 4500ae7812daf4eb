// Walks a domain zod 4 schema into the fields of a generated form (issue 13): strings, numbers with
// their bounds, booleans, enums, literals, arrays of primitives, objects nested one level; anything
// deeper or unusual is a JSON field for that property, still validated by the same schema.

interface Def {
  type: string
  innerType?: Schema
  defaultValue?: unknown
  shape?: Record<string, Schema>
  element?: Schema
  entries?: Record<string, string | number>
  values?: unknown[]
}
interface Schema {
  _zod: { def: Def }
  minLength?: number | null
  maxLength?: number | null
  minValue?: number | null
  maxValue?: number | null
  isInt?: boolean
}

type Item = { kind: 'string' } | { kind: 'number' } | { kind: 'enum'; options: string[] }

export type FieldSpec = {
  key: string
  required: boolean
  initial?: unknown
} & (
  | { type: 'string'; lengthMax?: number }
  | { type: 'number'; min?: number; max?: number; int: boolean }
  | { type: 'boolean' }
  | { type: 'enum'; options: string[] }
  | { type: 'literal'; value: unknown }
  | { type: 'list'; item: Item }
  | { type: 'object'; fields: FieldSpec[] }
  | { type: 'json' }
)

const WRAPPERS = new Set(['optional', 'default', 'nullable', 'readonly', 'catch', 'prefault'])

/** The schema under optional/default/nullable wrappers, whether it may be left out, its default. */
function unwrap(schema: Schema): { inner: Schema; required: boolean; initial?: unknown } {
  let inner = schema
  let required = true
  let initial: unknown
  while (WRAPPERS.has(inner._zod.def.type) && inner._zod.def.innerType) {
    const def = inner._zod.def
    if (def.type === 'optional' || def.type === 'default' || def.type === 'prefault')
      required = false
    if (def.type === 'default' && initial === undefined) initial = def.defaultValue
    inner = def.innerType as Schema
  }
  return { inner, required, ...(initial !== undefined ? { initial } : {}) }
}

const enumOptions = (schema: Schema): string[] =>
  Object.values(schema._zod.def.entries ?? {}).map(String)

function itemOf(schema: Schema): Item | null {
  const { inner, required } = unwrap(schema)
  if (!required) return null
  switch (inner._zod.def.type) {
    case 'string':
      return { kind: 'string' }
    case 'number':
      return { kind: 'number' }
    case 'enum':
      return { kind: 'enum', options: enumOptions(inner) }
    default:
      return null
  }
}

const bound = (value: number | null | undefined): number | undefined =>
  value === null || value === undefined || !Number.isFinite(value) ? undefined : value

function fieldOf(key: string, schema: Schema, depth: number): FieldSpec {
  const { inner, required, initial } = unwrap(schema)
  const base = { key, required, ...(initial !== undefined ? { initial } : {}) }
  const def = inner._zod.def
  switch (def.type) {
    case 'string':
      return {
        ...base,
        type: 'string',
        ...(bound(inner.maxLength) ? { lengthMax: bound(inner.maxLength) } : {}),
      }
    case 'number': {
      const min = bound(inner.minValue)
      const max = bound(inner.maxValue)
      return {
        ...base,
        type: 'number',
        int: inner.isInt === true,
        ...(min !== undefined ? { min } : {}),
        ...(max !== undefined ? { max } : {}),
      }
    }
    case 'boolean':
      return { ...base, type: 'boolean' }
    case 'enum':
      return { ...base, type: 'enum', options: enumOptions(inner) }
    case 'literal':
      return { ...base, type: 'literal', value: def.values?.[0] }
    case 'array': {
      const item = def.element ? itemOf(def.element) : null
      return item ? { ...base, type: 'list', item } : { ...base, type: 'json' }
    }
    case 'object':
      if (depth === 0 && def.shape) {
        const fields = Object.entries(def.shape).map(([k, s]) => fieldOf(k, s, depth + 1))
        return { ...base, type: 'object', fields }
      }
      return { ...base, type: 'json' }
    default:
      return { ...base, type: 'json' }
  }
}

/** The form's fields, or null when the schema is not an object (the whole body is JSON then). */
export function formFieldsOf(schema: unknown): FieldSpec[] | null {
  if (!schema) return null
  const { inner } = unwrap(schema as Schema)
  const shape = inner._zod.def.type === 'object' ? inner._zod.def.shape : undefined
  if (!shape) return null
  return Object.entries(shape).map(([key, s]) => fieldOf(key, s, 0))
}

/** A zod issue path as the API writes it: `queueRankings[0].queueId`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = ''
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`
    else out += out === '' ? String(key) : `.${String(key)}`
  }
  return out
}

/** The errors at `key` or below it (`key.x`, `key[0]`); one below it names its whole path. */
export function errorsUnder(
  errors: readonly { path: string; message: string }[],
  key: string,
): string[] {
  return errors
    .filter((e) => e.path === key || e.path.startsWith(`${key}.`) || e.path.startsWith(`${key}[`))
    .map((e) => (e.path === key ? e.message : `${e.path}: ${e.message}`))
}
