// Goal: structuredLog hands a structured logger every line at its own level, with the bound
// fields and the line's own, and serialises Error values (type, message, stack, scalar own
// properties, causes up to ERROR_CAUSE_DEPTH_MAX) instead of leaving them to print as `{}`.
import { describe, expect, it } from 'vitest'
import { ERROR_CAUSE_DEPTH_MAX, type LogFields, serialisedError, structuredLog } from './log.ts'

function recordingLogger() {
  const calls: { level: string; fields: LogFields; message: string }[] = []
  const at = (level: string) => (fields: LogFields, message: string) =>
    calls.push({ level, fields, message })
  return { calls, logger: { info: at('info'), warn: at('warn'), error: at('error') } }
}

describe('structuredLog', () => {
  it('keeps every level and every field, the bound ones on each line', () => {
    const { calls, logger } = recordingLogger()
    const log = structuredLog(logger, { tenantId: 't1' })
    log.info('tenant runtime started', { campaigns: 2 })
    log.warn('write failed, retrying', { write: 'attempt', delayMs: 500 })
    log.error('write queue full (WRITE_QUEUE_MAX), write dropped')
    expect(calls).toEqual([
      {
        level: 'info',
        message: 'tenant runtime started',
        fields: { tenantId: 't1', campaigns: 2 },
      },
      {
        level: 'warn',
        message: 'write failed, retrying',
        fields: { tenantId: 't1', write: 'attempt', delayMs: 500 },
      },
      {
        level: 'error',
        message: 'write queue full (WRITE_QUEUE_MAX), write dropped',
        fields: { tenantId: 't1' },
      },
    ])
  })

  it('serialises an error field with its type, message, stack and code', () => {
    const { calls, logger } = recordingLogger()
    const error = Object.assign(new TypeError('database is locked'), { code: 'SQLITE_BUSY' })
    structuredLog(logger).error('leasing contacts failed', { campaignId: 'camp-1', error })
    const fields = calls[0]!.fields
    expect(fields).toMatchObject({
      campaignId: 'camp-1',
      error: { type: 'TypeError', message: 'database is locked', code: 'SQLITE_BUSY' },
    })
    expect((fields.error as { stack: string }).stack).toBe(error.stack)
    expect(JSON.parse(JSON.stringify(fields)).error.message).toBe('database is locked')
  })

  it('leaves values that are not errors as they are', () => {
    const { calls, logger } = recordingLogger()
    structuredLog(logger).warn('dialing list fetch failed', { error: 'HTTP 503', ids: ['a'] })
    expect(calls[0]!.fields).toEqual({ error: 'HTTP 503', ids: ['a'] })
  })
})

describe('serialisedError', () => {
  it('follows the cause chain, and cuts it after ERROR_CAUSE_DEPTH_MAX causes', () => {
    let error: Error = new Error('root')
    for (let i = 1; i <= ERROR_CAUSE_DEPTH_MAX + 2; i++)
      error = new Error(`wrap ${i}`, { cause: error })
    let fields: LogFields | undefined = serialisedError(error)
    let causes = 0
    while (fields?.cause !== undefined) {
      fields = fields.cause as LogFields
      causes += 1
    }
    expect(causes).toBe(ERROR_CAUSE_DEPTH_MAX)
    expect(serialisedError(new Error('outer', { cause: 'a reason' })).cause).toBe('a reason')
  })
})
