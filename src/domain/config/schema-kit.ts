// Small zod builders shared by the configuration and campaign schemas, so that every range error
// names the field, the bound, the unit and the rule behind it (what was wrong, and why).
import { z } from 'zod'
import { CONFIG_ID_LENGTH_MAX, CONFIG_NAME_LENGTH_MAX } from './limits.ts'

export interface BoundSpec {
  /** Field name as the user wrote it. */
  field: string
  min: number
  max: number
  /** Unit in words ('s', 'ms', '%', 'lines per agent', ''). */
  unit: string
  /** The rule behind the range, e.g. 'Appendix A' or 'R2.3: regulation requires ≥ 15 s'. */
  why: string
}

function withUnit(value: number | string, unit: string): string {
  return unit === '' ? String(value) : `${value} ${unit}`
}

function rangeText(spec: BoundSpec): string {
  return withUnit(`${spec.min}–${spec.max}`, spec.unit)
}

/** A whole number in [min, max]. */
export function boundedInt(spec: BoundSpec) {
  const range = rangeText(spec)
  return z
    .int({ error: `${spec.field} must be a whole number in ${range} (${spec.why})` })
    .min(
      spec.min,
      `${spec.field} is below ${withUnit(spec.min, spec.unit)}: the range is ${range} (${spec.why})`,
    )
    .max(
      spec.max,
      `${spec.field} is above ${withUnit(spec.max, spec.unit)}: the range is ${range} (${spec.why})`,
    )
}

/** A finite number in [min, max]. */
export function boundedNumber(spec: BoundSpec) {
  const range = rangeText(spec)
  return z
    .number({ error: `${spec.field} must be a number in ${range} (${spec.why})` })
    .min(
      spec.min,
      `${spec.field} is below ${withUnit(spec.min, spec.unit)}: the range is ${range} (${spec.why})`,
    )
    .max(
      spec.max,
      `${spec.field} is above ${withUnit(spec.max, spec.unit)}: the range is ${range} (${spec.why})`,
    )
}

/** A non-empty string of at most `lengthMax` characters. */
export function boundedString(field: string, lengthMax: number, why: string) {
  return z
    .string({ error: `${field} must be a string (${why})` })
    .min(1, `${field} must not be empty (${why})`)
    .max(lengthMax, `${field} is longer than ${lengthMax} characters (${why})`)
}

/** Identifier of a configuration object. */
export function idSchema(field: string) {
  return boundedString(field, CONFIG_ID_LENGTH_MAX, 'identifiers are 1–64 characters')
}

/** Display name of a configuration object. */
export function nameSchema(field: string) {
  return boundedString(field, CONFIG_NAME_LENGTH_MAX, 'names are 1–80 characters')
}

/** A boolean, with a message naming the field. */
export function booleanSchema(field: string) {
  return z.boolean({ error: `${field} must be true or false` })
}

/** One of `values`, with a message listing them and the rule behind the list. */
export function enumSchema<const T extends readonly [string, ...string[]]>(
  field: string,
  values: T,
  why: string,
) {
  return z.enum(values, { error: `${field} must be one of ${values.join(', ')} (${why})` })
}

/**
 * Adds a custom issue at `[...basePath, index, ...keyPath]` for every item whose key repeats an
 * earlier one, so the user sees which entry is the duplicate.
 */
export function addDuplicateIssues<T>(
  ctx: z.RefinementCtx,
  items: readonly T[],
  keyOf: (item: T) => string,
  where: { basePath: (string | number)[]; keyPath: (string | number)[]; what: string; why: string },
): void {
  const firstIndexByKey = new Map<string, number>()
  items.forEach((item, index) => {
    const key = keyOf(item)
    const firstIndex = firstIndexByKey.get(key)
    if (firstIndex === undefined) {
      firstIndexByKey.set(key, index)
      return
    }
    ctx.addIssue({
      code: 'custom',
      path: [...where.basePath, index, ...where.keyPath],
      message: `${where.what} '${key}' is repeated (first at index ${firstIndex}): ${where.why}`,
    })
  })
}

/**
 * An `error` option for objects and enum-keyed records that explains unknown keys. (Zod reports
 * them as `unrecognized_keys`; the record's issue type does not list that code, hence the widening.)
 */
export function unknownKeysError(describe: (keys: string[]) => string) {
  return (issue: { code?: string }): string | undefined => {
    const raw = issue as { code?: string; keys?: string[] }
    return raw.code === 'unrecognized_keys' ? describe(raw.keys ?? []) : undefined
  }
}
