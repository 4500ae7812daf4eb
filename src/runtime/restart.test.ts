// Goal: docs/design.md "Durability" holds across a crash. A runtime dies mid-campaign (dropped,
// never closed: calls in flight, contacts leased); a new one started on the same store — the same
// database — after the leases expired recovers the open attempts as UNKNOWN, applies the retry
// rules to their contacts, resumes the campaign as persisted, and never dials a contact twice at
// once. One started before the leases expired leaves the dead process's contacts alone.
import { describe, expect, it } from 'vitest'
import { type MemoryPorts, memoryPorts } from '../../test/support/memory/memory-ports.ts'
import { VirtualClock } from '../dialer/ports/virtual-clock.ts'
import { CONTACT_LEASE_MS } from './lease-keeper.ts'
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

const MINUTE_MS = 60_000
/** The retry rule for UNKNOWN (compliance/retry.ts defaults). */
const UNKNOWN_RETRY_MS = 10 * MINUTE_MS

function start(ports: MemoryPorts, clock: VirtualClock, owner: string, dials: SpiedDial[]) {
  const log = collectingLog()
  const runtime = TenantRuntime.start({
    tenantId: 't1',
    clock,
    ports,
    owner,
    telephony: spyNetwork(ports.contacts, dials),
    simulation: KIT_SIMULATION,
    simulatedAgents: kitAgentIds(8),
    log,
  })
  return { runtime, log }
}

function tenantPorts(): MemoryPorts {
  const ports = memoryPorts(
    kitTenant({ agents: 8, campaigns: [{ id: 'camp-1', pacing: { mode: 'predictive' } }] }),
  )
  ports.contacts.addContacts(kitContacts('camp-1', 1000))
  return ports
}

function openAttempts(ports: MemoryPorts) {
  return [...ports.attempts.attempts.values()].filter((row) => row.close === null)
}

describe('restart after a crash', () => {
  it('recovers open attempts as UNKNOWN, reschedules them by the retry rules and resumes', async () => {
    const ports = tenantPorts()
    const dials: SpiedDial[] = []
    const clockA = new VirtualClock(KIT_START_MS)
    const a = await start(ports, clockA, 'node-a', dials).runtime
    await a.campaignAction('camp-1', 'start')
    await runFor(clockA, 12 * MINUTE_MS)
    const crashedAtMs = clockA.nowMs()
    const inFlight = openAttempts(ports)
    expect(inFlight.length).toBeGreaterThan(0)
    const leasedByA = [...ports.contacts.contacts.values()].filter(
      (c) => c.lease?.owner === 'node-a',
    )
    expect(leasedByA.length).toBeGreaterThan(inFlight.length)
    const dialsBeforeCrash = dials.length
    // Crash: runtime A is dropped; its clock never moves again.

    const clockB = new VirtualClock(crashedAtMs + CONTACT_LEASE_MS + 1_000)
    const { runtime: startB, log } = start(ports, clockB, 'node-b', dials)
    const b = await startB
    const recoveredAtMs = clockB.nowMs()
    for (const row of inFlight) {
      expect(row.close).toMatchObject({ outcome: 'UNKNOWN', atMs: recoveredAtMs })
      const contact = ports.contacts.contacts.get(row.open.contactId)!
      expect(contact.lease).toBeNull()
      if (contact.finished === null)
        expect(contact.notBeforeMs).toBe(recoveredAtMs + UNKNOWN_RETRY_MS)
    }
    expect(b.campaign('camp-1')?.status).toBe('running')
    // The abandon ledger and the repeat-call block remember the window across the crash (R5.5).
    const closed = [...ports.attempts.attempts.values()].map((row) => row.close?.outcome)
    expect(b.engine.ctx.campaigns.get('camp-1')?.ledger.counts(recoveredAtMs)).toEqual({
      connected: closed.filter((o) => o === 'LIVE_VOICE').length,
      abandoned: closed.filter((o) => o === 'ABANDONED').length,
    })
    for (const row of ports.attempts.attempts.values()) {
      if (row.close?.outcome !== 'ABANDONED') continue
      expect(b.engine.ctx.history.repeatBlockedUntilMs(row.open.number, 72 * 3600)).toBe(
        row.close.atMs + 72 * 3_600_000,
      )
    }
    await runFor(clockB, 30 * MINUTE_MS)

    const after = dials.slice(dialsBeforeCrash)
    expect(after.length).toBeGreaterThan(50)
    expect(dials.filter((d) => !d.openInLog || d.otherOpenAttempt)).toEqual([])
    // A recovered contact waits out its retry delay before it is dialled again.
    const recovered = new Set(inFlight.map((row) => row.open.contactId))
    for (const dial of after.filter((d) => recovered.has(d.contactId)))
      expect(dial.atMs).toBeGreaterThanOrEqual(recoveredAtMs + UNKNOWN_RETRY_MS)
    // Contacts A had leased but not dialled went to B once their leases ran out.
    const untouched = leasedByA.filter((c) => !recovered.has(c.contact.id)).map((c) => c.contact.id)
    expect(after.some((d) => untouched.includes(d.contactId))).toBe(true)
    expect(log.lines.filter((l) => l.message.includes('not opened'))).toEqual([])
    expect(log.lines.some((l) => l.message === 'open attempts recovered as UNKNOWN')).toBe(true)
  })

  it('leaves a live lease alone: a second process never takes contacts leased by the first', async () => {
    const ports = tenantPorts()
    const dials: SpiedDial[] = []
    const clockA = new VirtualClock(KIT_START_MS)
    const a = await start(ports, clockA, 'node-a', dials).runtime
    await a.campaignAction('camp-1', 'start')
    await runFor(clockA, 5 * MINUTE_MS)
    const inFlight = openAttempts(ports)
    const leasedByA = new Set(
      [...ports.contacts.contacts.values()]
        .filter((c) => c.lease?.owner === 'node-a')
        .map((c) => c.contact.id),
    )
    // B starts while A's leases still hold (A is merely silent, e.g. a network partition).
    const clockB = new VirtualClock(clockA.nowMs() + 1_000)
    const b = await start(ports, clockB, 'node-b', dials).runtime
    expect(openAttempts(ports).map((row) => row.open.attemptId)).toEqual(
      inFlight.map((row) => row.open.attemptId),
    )
    const before = dials.length
    await runFor(clockB, 60_000)
    const byB = dials.slice(before)
    expect(byB.length).toBeGreaterThan(0)
    expect(byB.filter((d) => leasedByA.has(d.contactId))).toEqual([])
    expect(dials.filter((d) => d.otherOpenAttempt)).toEqual([])
    await b.close()
  })

  it('keeps a paused campaign paused across a restart until it is resumed', async () => {
    const ports = tenantPorts()
    const dials: SpiedDial[] = []
    const clockA = new VirtualClock(KIT_START_MS)
    const a = await start(ports, clockA, 'node-a', dials).runtime
    await a.campaignAction('camp-1', 'start')
    await runFor(clockA, 2 * MINUTE_MS)
    await a.campaignAction('camp-1', 'pause')
    const clockB = new VirtualClock(clockA.nowMs() + CONTACT_LEASE_MS + 1_000)
    const b = await start(ports, clockB, 'node-b', dials).runtime
    expect(b.campaign('camp-1')?.status).toBe('paused')
    const before = dials.length
    await runFor(clockB, 5 * MINUTE_MS)
    expect(dials.length).toBe(before)
    expect(await b.campaignAction('camp-1', 'resume')).toEqual({ kind: 'ok', status: 'running' })
    await runFor(clockB, 5 * MINUTE_MS)
    expect(dials.length).toBeGreaterThan(before)
  })
})
