// Goal: a tenant runtime logs through the server's logger (Fastify's pino instance): an error line
// carries its error (type, message, stack) and its fields (tenant, campaign), and info lines are
// kept. "leasing contacts failed" is the case issue 10 names.
import { Writable } from 'node:stream'
import Fastify from 'fastify'
import { describe, expect, it } from 'vitest'
import { memoryPorts } from '../../test/support/memory/memory-ports.ts'
import { VirtualClock } from '../dialer/ports/virtual-clock.ts'
import { TenantRuntime } from '../runtime/tenant-runtime.ts'
import {
  KIT_SIMULATION,
  KIT_START_MS,
  kitContacts,
  kitTenant,
  settle,
} from '../runtime/test-kit.ts'
import { tenantLog } from './runtimes.ts'

/** pino's numeric levels. */
const PINO_INFO = 30
const PINO_ERROR = 50

interface PinoLine {
  level: number
  msg: string
  [field: string]: unknown
}

/** A Fastify app whose logger writes its JSON lines into `lines`. */
function serverLogger(lines: PinoLine[]) {
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const text of chunk.toString('utf8').split('\n'))
        if (text !== '') lines.push(JSON.parse(text) as PinoLine)
      done()
    },
  })
  return Fastify({ logger: { level: 'info', stream } })
}

describe('the runtime on the server logger', () => {
  it('logs a failed lease with its error, its campaign and its tenant', async () => {
    const lines: PinoLine[] = []
    const app = serverLogger(lines)
    const clock = new VirtualClock(KIT_START_MS)
    const ports = memoryPorts(kitTenant({ agents: 2 }))
    ports.contacts.addContacts(kitContacts('camp-1', 10))
    ports.contacts.failNext('lease')
    const runtime = await TenantRuntime.start({
      tenantId: 't1',
      clock,
      ports,
      owner: 'node-a',
      simulation: KIT_SIMULATION,
      log: tenantLog(app.log, 't1'),
    })
    await runtime.campaignAction('camp-1', 'start')
    await settle()
    await runtime.close()
    await app.close()

    const failed = lines.find((line) => line.msg === 'leasing contacts failed')
    expect(failed).toMatchObject({
      level: PINO_ERROR,
      tenantId: 't1',
      campaignId: 'camp-1',
      error: { type: 'Error', message: 'injected lease failure' },
    })
    expect((failed?.error as { stack?: unknown }).stack).toMatch(/injected lease failure\n\s+at /)
    const started = lines.find((line) => line.msg === 'tenant runtime started')
    expect(started).toMatchObject({ level: PINO_INFO, tenantId: 't1' })
  })
})
