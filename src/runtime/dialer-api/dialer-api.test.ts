// Goal: a "bring your own" campaign manager drives a campaign through the Dialer API (R10.2): the
// dialer pulls its records in batches of recordCount with the connector's basic auth (R4.1), skips
// bad records, dials each good one once, POSTs every attempt and every finished record as JSON
// signed with HMAC-SHA256, and completes the campaign when the manager is done. A real HTTP server
// on loopback plays the campaign manager.
import { timingSafeEqual } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import {
  type LoopbackManager,
  startLoopbackManager,
} from '../../../test/support/loopback-manager.ts'
import { type MemoryPorts, memoryPorts } from '../../../test/support/memory/memory-ports.ts'
import { VirtualClock } from '../../dialer/ports/virtual-clock.ts'
import { DialerService } from '../dialer-service.ts'
import { CONTACT_LEASE_MS } from '../lease-keeper.ts'
import { TenantRuntime } from '../tenant-runtime.ts'
import {
  collectingLog,
  KIT_SIMULATION,
  KIT_START_MS,
  kitAgentIds,
  kitTenant,
  runUntil,
} from '../test-kit.ts'
import { SIGNATURE_HEADER, signBody, TIMESTAMP_HEADER } from './signature.ts'

/** What a campaign manager runs on every delivery (docs/dialer-api.md): recompute, compare in constant time. */
function verifySignature(body: string, header: string | undefined, key: string): boolean {
  const expected = Buffer.from(signBody(body, key), 'utf8')
  const given = Buffer.from(header ?? '', 'utf8')
  return expected.length === given.length && timingSafeEqual(expected, given)
}

const HOUR_MS = 3_600_000

function record(n: number) {
  return {
    id: `rec-${n}`,
    numbers: [`+1212555${String(1000 + n).padStart(4, '0')}`],
    timeZone: 'America/Chicago',
    fields: { firstName: `Customer ${n}` },
    extra: 'ignored',
  }
}

const startBody = {
  id: 'api-1',
  vendorVersion: 'loopback-cm/1.0',
  campaignType: 'Progressive',
  dialingRate: 1,
  entryPointId: 'ep-camp-1',
  dialingListFetchURL: 'dialinglist',
  outdialANI: '+15550100000',
  recordCount: 5,
}

let manager: LoopbackManager | null = null
afterEach(async () => {
  await manager?.close()
  manager = null
})

async function setup(records: unknown[], options: { connector?: boolean } = {}) {
  manager = await startLoopbackManager(records)
  const clock = new VirtualClock(KIT_START_MS)
  const connector = { resourceDomain: manager.baseUrl, ...manager.credentials }
  const ports: MemoryPorts = memoryPorts(
    kitTenant({ agents: 3, connector: options.connector === false ? null : connector }),
  )
  const { runtime, dialer, log } = await startOn(ports, clock, 'node-a')
  return { clock, ports, runtime, dialer, log, manager }
}

async function startOn(ports: MemoryPorts, clock: VirtualClock, owner: string) {
  const log = collectingLog()
  const runtime = await TenantRuntime.start({
    tenantId: 't1',
    clock,
    ports,
    owner,
    simulation: KIT_SIMULATION,
    simulatedAgents: kitAgentIds(3),
    log,
  })
  const dialer = new DialerService()
  dialer.add(runtime)
  return { runtime, dialer, log }
}

describe('Dialer-API campaigns', () => {
  it('pulls records, posts signed results for every attempt and record, completes when done', async () => {
    const good = Array.from({ length: 12 }, (_, i) => record(i + 1))
    const bad = { id: 'rec-bad', numbers: ['555-0100'] }
    const { clock, ports, runtime, dialer, log, manager } = await setup([
      ...good.slice(0, 3),
      bad,
      ...good.slice(3),
    ])
    expect(await dialer.startDialerCampaign('t1', startBody)).toEqual({
      ok: true,
      campaignId: 'api-1',
    })
    expect(ports.campaignStates.states.get('api-1')).toMatchObject({
      status: 'running',
      dialerApi: { request: { id: 'api-1', recordCount: 5 } },
    })
    await runUntil(clock, () => runtime.campaign('api-1')?.status === 'completed', 4 * HOUR_MS, 500)
    await runUntil(clock, () => runtime.dialerApi.webhook.pending === 0, HOUR_MS, 500)

    expect(manager.listRequests.length).toBeGreaterThanOrEqual(3)
    for (const request of manager.listRequests) {
      expect(request).toMatchObject({ campaignId: 'api-1', authorized: true })
      expect(request.count).toBeLessThanOrEqual(5)
    }
    expect(
      log.lines.some(
        (l) => l.message === 'dialing list record refused' && l.fields.recordId === 'rec-bad',
      ),
    ).toBe(true)

    const { password } = manager.credentials
    for (const result of manager.results) {
      expect(
        verifySignature(result.body, result.headers[SIGNATURE_HEADER] as string, password),
      ).toBe(true)
      expect(
        verifySignature(result.body, result.headers[SIGNATURE_HEADER] as string, 'wrong'),
      ).toBe(false)
      const sentAtSec = Date.parse(result.json.sentAt as string) / 1000
      expect(result.headers[TIMESTAMP_HEADER]).toBe(String(sentAtSec))
      expect(result.headers.authorization).toMatch(/^Basic /)
    }
    const attempts = manager.results.map((r) => r.json).filter((j) => j.event === 'attempt')
    const records = manager.results.map((r) => r.json).filter((j) => j.event === 'record')
    expect(new Set(attempts.map((a) => a.recordId))).toEqual(new Set(good.map((g) => g.id)))
    expect(attempts).toHaveLength(12)
    expect(attempts[0]).toMatchObject({
      campaignId: 'api-1',
      attemptId: expect.any(String),
      number: expect.stringMatching(/^\+1212555/),
      callerId: '+15550100000',
      outcome: expect.any(String),
      startedAt: expect.any(String),
      endedAt: expect.any(String),
      deliveryId: expect.any(String),
    })
    expect(records.map((r) => r.recordId).sort()).toEqual(good.map((g) => g.id).sort())
    expect(new Set(manager.results.map((r) => r.json.deliveryId)).size).toBe(manager.results.length)
    // A record's end is queued after its attempt's result (delivery ids count up).
    const seq = (json: Record<string, unknown>) => Number(String(json.deliveryId).split('-').at(-1))
    for (const attempt of attempts) {
      const end = records.find((r) => r.recordId === attempt.recordId)!
      expect(seq(end)).toBeGreaterThan(seq(attempt))
    }
    // Attempts are in the log like any other (reports, R9.1); the campaign's end is persisted.
    const rows = [...ports.attempts.attempts.values()]
    expect(rows).toHaveLength(12)
    expect(rows.every((row) => row.close !== null && !row.open.storedContact)).toBe(true)
    expect(ports.campaignStates.states.get('api-1')?.status).toBe('completed')
    expect(await dialer.stopDialerCampaign('t1', 'api-1')).toEqual({
      ok: true,
      status: 'completed',
    })
  })

  it('never dials a record on the tenant’s DNC lists: it comes back as dncBlocked (R5.4)', async () => {
    const { clock, runtime, dialer, manager } = await setup([record(1), record(2)])
    runtime.dncAdded('internal', record(1).numbers[0]!)
    await dialer.startDialerCampaign('t1', startBody)
    await runUntil(clock, () => runtime.campaign('api-1')?.status === 'completed', 4 * HOUR_MS, 500)
    await runUntil(clock, () => runtime.dialerApi.webhook.pending === 0, HOUR_MS, 500)
    const results = manager.results.map((r) => r.json)
    expect(results.filter((r) => r.event === 'attempt').map((r) => r.recordId)).toEqual(['rec-2'])
    expect(results).toContainEqual(
      expect.objectContaining({ event: 'record', recordId: 'rec-1', disposition: 'dncBlocked' }),
    )
  })

  it('refuses a start it cannot run, naming the field', async () => {
    const { dialer } = await setup([])
    const refused = (body: Record<string, unknown>) =>
      dialer.startDialerCampaign('t1', { ...startBody, ...body })
    expect(await refused({ entryPointId: 'ep-nope' })).toMatchObject({
      reason: 'invalid',
      details: [{ path: 'entryPointId' }],
    })
    expect(await refused({ dialingListFetchURL: 'https://elsewhere.example/list' })).toMatchObject({
      reason: 'invalid',
      details: [{ path: 'dialingListFetchURL' }],
    })
    expect(await refused({ recordCount: 0 })).toMatchObject({
      reason: 'invalid',
      details: [{ path: 'recordCount' }],
    })
    expect(await refused({ id: 'camp-1' })).toMatchObject({ reason: 'illegal' })
    expect(await dialer.stopDialerCampaign('t1', 'camp-1')).toMatchObject({ reason: 'notFound' })
  })

  it('refuses to start without a campaign-manager connector (R4.1)', async () => {
    const { dialer } = await setup([], { connector: false })
    expect(await dialer.startDialerCampaign('t1', startBody)).toMatchObject({
      reason: 'invalid',
      details: [{ path: 'dialingListFetchURL' }],
    })
  })

  it('applies a PUT to the running campaign and persists it; retries a failed webhook', async () => {
    const { clock, ports, runtime, dialer, manager } = await setup([record(1), record(2)])
    manager.failResultsWith.push(503, 503)
    await dialer.startDialerCampaign('t1', { ...startBody, campaignType: 'progressive' })
    const update = {
      dialingRate: 2,
      dialingListFetchURL: '/dialinglist',
      outdialANI: '+15550100001',
      campaignName: 'Renamed',
    }
    expect(await dialer.updateDialerCampaign('t1', 'api-1', update)).toEqual({
      ok: true,
      status: 'running',
    })
    expect(runtime.engine.ctx.campaigns.get('api-1')?.config).toMatchObject({
      name: 'Renamed',
      callerId: '+15550100001',
      pacing: { kind: 'progressive', linesPerServer: 2 },
    })
    expect(ports.campaignStates.states.get('api-1')?.dialerApi?.request).toMatchObject({
      dialingRate: 2,
      recordCount: 5,
    })
    expect(await dialer.updateDialerCampaign('t1', 'api-1', { dialingRate: 99 })).toMatchObject({
      reason: 'invalid',
    })
    expect(await dialer.updateDialerCampaign('t1', 'nope', update)).toMatchObject({
      reason: 'notFound',
    })
    await runUntil(clock, () => runtime.campaign('api-1')?.status === 'completed', 4 * HOUR_MS, 500)
    await runUntil(clock, () => runtime.dialerApi.webhook.pending === 0, HOUR_MS, 500)
    expect(manager.failResultsWith).toEqual([])
    expect(manager.results.filter((r) => r.json.event === 'attempt')).toHaveLength(2)
    expect(runtime.dialerApi.webhook.delivered).toBe(4)
  })

  it('after a crash, reports the open attempts as UNKNOWN and carries on pulling to the end', async () => {
    const records = Array.from({ length: 30 }, (_, i) => record(i + 1))
    const { clock, ports, runtime, dialer, manager } = await setup(records)
    await dialer.startDialerCampaign('t1', startBody)
    const open = () => [...ports.attempts.attempts.values()].filter((a) => a.close === null)
    await runUntil(clock, () => open().length >= 2, HOUR_MS, 500)
    const inFlight = open().map((row) => row.open)
    // Crash: runtime A is dropped. B starts on the same store once the leases ran out.
    const clockB = new VirtualClock(clock.nowMs() + CONTACT_LEASE_MS + 1000)
    const b = (await startOn(ports, clockB, 'node-b')).runtime
    expect(b.campaign('api-1')).toMatchObject({ source: 'dialerApi', status: 'running' })
    await runUntil(clockB, () => b.campaign('api-1')?.status === 'completed', 4 * HOUR_MS, 500)
    await runUntil(clockB, () => b.dialerApi.webhook.pending === 0, HOUR_MS, 500)
    const results = manager.results.map((r) => r.json)
    for (const row of inFlight) {
      expect(results).toContainEqual(
        expect.objectContaining({ event: 'attempt', attemptId: row.attemptId, outcome: 'UNKNOWN' }),
      )
      expect(results).toContainEqual(
        expect.objectContaining({
          event: 'record',
          recordId: row.contactId,
          disposition: 'recovered',
        }),
      )
    }
    expect(open()).toEqual([])
    expect(ports.campaignStates.states.get('api-1')?.status).toBe('completed')
    expect(runtime.campaign('api-1')?.status).toBe('running')
  })
})
