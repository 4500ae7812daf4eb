// Field schemas and helpers that several activities share: ids, variable names, value references.
import { z } from 'zod'
import {
  ACTIVITY_ID_LENGTH_MAX,
  REFERENCE_ID_LENGTH_MAX,
  VARIABLE_NAME_LENGTH_MAX,
  VARIABLE_STRING_LENGTH_MAX,
} from '../limits.ts'
import type { ActivityEdge, FlowValue } from '../types.ts'

/** Dot-free, because activity ids appear inside dotted error paths. */
export const activityIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]+$/, 'activity id may hold only letters, digits, _ and -')
  .max(ACTIVITY_ID_LENGTH_MAX, `activity id is longer than ${ACTIVITY_ID_LENGTH_MAX}`)

/** A flow variable (Appendix A: `[A-Za-z0-9_]`, ≤ 80) or an event one: `PreDial.dialNumber`. */
export const variableReferenceSchema = z
  .string()
  .regex(/^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)?$/, 'not a variable name')
  .max(VARIABLE_NAME_LENGTH_MAX * 2 + 1)

/** An id of something configured elsewhere: a prompt, a queue, an entry point, a bot. */
export const referenceIdSchema = z.string().min(1).max(REFERENCE_ID_LENGTH_MAX)

export const variableSourceSchema = z.strictObject({ variable: variableReferenceSchema })

export const literalValueSchema = z.union([
  z.string().max(VARIABLE_STRING_LENGTH_MAX),
  z.number().refine(Number.isFinite, 'number must be finite'),
  z.boolean(),
])

/** Either a constant or the current value of a variable. */
export const valueSourceSchema = z.union([literalValueSchema, variableSourceSchema])
export type ValueSource = z.infer<typeof valueSourceSchema>

/**
 * Reads a value source. An event variable the engine did not supply reads as the empty string,
 * so that a run never crashes on missing data: SetCallerID then yields '', which caller-ID
 * resolution rejects and reports (R6.1), and Case falls to its default.
 */
export function resolveValue(
  source: ValueSource,
  vars: Readonly<Record<string, FlowValue>>,
): FlowValue {
  if (typeof source !== 'object') return source
  return variableValue(source.variable, vars)
}

/** A variable's value as resolveValue reads it: '' when the run has no such variable. */
export function variableValue(name: string, vars: Readonly<Record<string, FlowValue>>): FlowValue {
  // Own-property lookup: a name like 'constructor' must not read Object.prototype.
  return Object.hasOwn(vars, name) ? (vars[name] ?? '') : ''
}

export function nextEdges(next: string | undefined): ActivityEdge[] {
  return next === undefined ? [] : [{ field: 'next', target: next }]
}

export function nextOrNull(next: string | undefined): string | null {
  return next ?? null
}
