// Goal: no customer is dialled without an attempt row. When the attempt log cannot write it, the
// call is reported failed so the engine closes it with an outcome and the contact follows the
// retry rules; no close is written for a row that never existed; the error is logged.
import { describe, expect, it } from 'vitest'
import { memoryPorts } from '../../test/support/memory/memory-ports.ts'
import { VirtualClock } from '../dialer/ports/virtual-clock.ts'
import { TenantRuntime } from './tenant-runtime.ts'
import {
  collectingLog,
  KIT_SIMULATION,
  KIT_START_MS,
  kitAgentIds,
  kitContacts,
  kitTenant,
  runFor,
  type SpiedDial,
  spyNetwork,
} from './test-kit.ts'

describe('DurableTelephony', () => {
  it('reports a dial whose attempt row failed as failed, and never dials it', async () => {
    const clock = new VirtualClock(KIT_START_MS)
    const ports = memoryPorts(kitTenant({ agents: 2 }))
    ports.contacts.addContacts(kitContacts('camp-1', 50))
    ports.attempts.failNext('open', 2)
    const dials: SpiedDial[] = []
    const log = collectingLog()
    const closed: { id: string; outcome: string }[] = []
    const runtime = await TenantRuntime.start({
      tenantId: 't1',
      clock,
      ports,
      owner: 'node-a',
      telephony: spyNetwork(ports.contacts, dials),
      simulation: KIT_SIMULATION,
      simulatedAgents: kitAgentIds(2),
      log,
    })
    runtime.subscribe({ agentId: null }, (m) => {
      if (m.type === 'attempt') closed.push({ id: m.attemptId, outcome: m.outcome })
    })
    await runtime.campaignAction('camp-1', 'start')
    await runFor(clock, 120_000)
    await runtime.writes.drained()

    const failed = log.lines.filter((l) => l.message === 'attempt open failed, not dialled')
    expect(failed).toHaveLength(2)
    const failedIds = failed.map((l) => l.fields.attemptId as string)
    expect(dials.filter((d) => failedIds.includes(d.callId))).toEqual([])
    for (const id of failedIds) {
      expect(closed).toContainEqual({ id, outcome: 'CUSTOMER_UNAVAILABLE' })
      expect(ports.attempts.attempts.has(id)).toBe(false)
    }
    expect(dials.length).toBeGreaterThan(2)
    expect(dials.every((d) => d.openInLog)).toBe(true)
    // Their contacts wait out the retry delay for CUSTOMER_UNAVAILABLE (30 min by default).
    const retryMs = KIT_START_MS + 30 * 60_000
    const retried = [...ports.contacts.contacts.values()].filter(
      (c) => c.notBeforeMs >= retryMs && c.notBeforeMs < retryMs + 60_000,
    )
    expect(retried).toHaveLength(2)
  })
})
