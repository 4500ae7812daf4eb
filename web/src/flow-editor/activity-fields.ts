// The panel's form fields for one activity, generated from the JSON Schema the API gives for its
// kind (GET /v1/flow-activities, made from the zod schema the validator parses with). Exits are
// not fields here: the panel edits them as targets (model.ts).
import type { CatalogueEntry } from './model.ts'

interface JsonSchema {
  type?: string
  const?: unknown
  enum?: unknown[]
  anyOf?: JsonSchema[]
  properties?: Record<string, JsonSchema>
  required?: string[]
  minimum?: number
  maximum?: number
  maxLength?: number
  default?: unknown
}

export type ActivityField = { key: string; required: boolean } & (
  | { type: 'string'; lengthMax?: number }
  | { type: 'number'; int: boolean; min?: number; max?: number }
  | { type: 'boolean' }
  | { type: 'enum'; options: string[] }
  /** A constant of the listed types, or `{ variable }`: a variable's value. */
  | { type: 'value'; constants: string[]; variable: boolean }
)

/** The primitive types a union accepts, and whether it accepts a `{ variable }` reference. */
function valueShape(schema: JsonSchema): { constants: string[]; variable: boolean } {
  const constants: string[] = []
  let variable = false
  const walk = (s: JsonSchema) => {
    if (s.anyOf) s.anyOf.forEach(walk)
    else if (s.type === 'object' && s.properties?.variable) variable = true
    else if (s.type) constants.push(s.type === 'integer' ? 'number' : s.type)
  }
  walk(schema)
  return { constants, variable }
}

export function activityFields(entry: CatalogueEntry): ActivityField[] {
  const schema = entry.schema as JsonSchema
  const exits = new Set(entry.exits.map((e) => e.field))
  const required = new Set(schema.required ?? [])
  const fields: ActivityField[] = []
  for (const [key, property] of Object.entries(schema.properties ?? {})) {
    if (key === 'kind' || exits.has(key)) continue
    const base = { key, required: required.has(key) && property.default === undefined }
    if (property.anyOf) fields.push({ ...base, type: 'value', ...valueShape(property) })
    else if (property.enum)
      fields.push({ ...base, type: 'enum', options: property.enum.map(String) })
    else if (property.type === 'integer' || property.type === 'number')
      fields.push({
        ...base,
        type: 'number',
        int: property.type === 'integer',
        ...(property.minimum !== undefined ? { min: property.minimum } : {}),
        ...(property.maximum !== undefined ? { max: property.maximum } : {}),
      })
    else if (property.type === 'boolean') fields.push({ ...base, type: 'boolean' })
    else
      fields.push({
        ...base,
        type: 'string',
        ...(property.maxLength !== undefined ? { lengthMax: property.maxLength } : {}),
      })
  }
  return fields
}

/** A constant typed in the panel, as the schema's union reads it: a number, true/false, or text. */
export function constantOf(text: string, constants: readonly string[]): string | number | boolean {
  if (constants.includes('number') && text.trim() !== '' && Number.isFinite(Number(text)))
    return Number(text)
  if (constants.includes('boolean') && (text === 'true' || text === 'false')) return text === 'true'
  return text
}

/** A short line for the diagram's node: the activity's non-exit fields, `key: value`. */
export function summaryOf(activity: Record<string, unknown>, fields: ActivityField[]): string[] {
  return fields
    .filter((field) => activity[field.key] !== undefined)
    .map((field) => {
      const value = activity[field.key]
      const shown =
        typeof value === 'object' && value !== null && 'variable' in value
          ? `{${String((value as { variable: unknown }).variable)}}`
          : String(value)
      return `${field.key}: ${shown}`
    })
}
