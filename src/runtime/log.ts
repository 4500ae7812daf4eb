// The runtime's log port: structured lines with ids and counts, never personal data (issue 5
// "no personal data in logs": no phone numbers, no customer fields). The server writes them
// through its own logger (structuredLog over Fastify's pino instance); tests collect them
// (collectingLog in test-kit.ts).

export type LogFields = Record<string, unknown>

export interface RuntimeLog {
  info(message: string, fields?: LogFields): void
  warn(message: string, fields?: LogFields): void
  error(message: string, fields?: LogFields): void
}

export const silentLog: RuntimeLog = { info() {}, warn() {}, error() {} }

export interface LogLine {
  level: 'info' | 'warn' | 'error'
  message: string
  fields: LogFields
}

/** The part of a pino logger (the server's: Fastify's `app.log`) the runtime writes through. */
export interface StructuredLogger {
  info(fields: LogFields, message: string): void
  warn(fields: LogFields, message: string): void
  error(fields: LogFields, message: string): void
}

/** Causes followed when an error is serialised; a longer chain is cut (a cycle would not end). */
export const ERROR_CAUSE_DEPTH_MAX = 4

/**
 * The runtime's lines on a structured logger, every level kept: each line carries `bound` (e.g.
 * the tenant) and its own fields, with Error values serialised.
 */
export function structuredLog(logger: StructuredLogger, bound: LogFields = {}): RuntimeLog {
  const write =
    (level: LogLine['level']) =>
    (message: string, fields: LogFields = {}) =>
      logger[level]({ ...bound, ...serialisedFields(fields) }, message)
  return { info: write('info'), warn: write('warn'), error: write('error') }
}

function serialisedFields(fields: LogFields): LogFields {
  const out: LogFields = {}
  for (const [key, value] of Object.entries(fields))
    out[key] = value instanceof Error ? serialisedError(value) : value
  return out
}

/**
 * An Error as plain fields: its name, message and stack are not enumerable, so JSON alone prints
 * `{}`. Scalar own properties (a driver's `code`, `errno`) are kept, and the cause chain followed.
 */
export function serialisedError(error: Error, depth = 0): LogFields {
  const fields: LogFields = { type: error.name, message: error.message }
  for (const [key, value] of Object.entries(error)) {
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value))
      fields[key] = value
  }
  fields.stack = error.stack
  const cause = error.cause
  if (cause !== undefined && depth < ERROR_CAUSE_DEPTH_MAX)
    fields.cause = cause instanceof Error ? serialisedError(cause, depth + 1) : String(cause)
  return fields
}
