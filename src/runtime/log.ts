// The runtime's log port: structured lines with ids and counts, never personal data (issue 5
// "no personal data in logs": no phone numbers, no customer fields). The server passes its pino
// logger; tests collect lines.

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

/** A log that keeps its lines (tests), bounded so a chatty run cannot eat the heap. */
export function collectingLog(linesMax = 10_000): RuntimeLog & { lines: LogLine[] } {
  const lines: LogLine[] = []
  const add =
    (level: LogLine['level']) =>
    (message: string, fields: LogFields = {}) => {
      if (lines.length < linesMax) lines.push({ level, message, fields })
    }
  return { lines, info: add('info'), warn: add('warn'), error: add('error') }
}

/** Errors as plain text for log fields (an Error object serialises to `{}`). */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
