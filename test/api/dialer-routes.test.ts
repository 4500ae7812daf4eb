// Every /v1/dialer/* route over HTTP (R10.2, issue 11): start and update answer 202 with the
// campaign's `location`, stop 204, the preview-task actions 202 (409 when disabled, 404 unknown),
// unknown campaigns 404, bad bodies 400 with field paths; the campaign's report answers (R9.1).
// The API runs with a tenant runtime on a virtual clock on SQLite, a loopback campaign manager
// serving the dialing list, and the agent acting through the agent desktop API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONFIG_KINDS } from '../../src/api/resources/config-kinds.ts'
import { VirtualClock } from '../../src/dialer/ports/virtual-clock.ts'
import { DialerService } from '../../src/runtime/dialer-service.ts'
import { TenantRuntime } from '../../src/runtime/tenant-runtime.ts'
import { collectingLog, KIT_SIMULATION, runFor, runUntil } from '../../src/runtime/test-kit.ts'
import { demoTenantObjects } from '../../src/server/seed/demo-tenant.ts'
import { type LoopbackManager, startLoopbackManager } from '../support/loopback-manager.ts'
import { type Harness, openHarness } from './harness.ts'

const pathOf = (kind: string) => CONFIG_KINDS.find((k) => k.kind === kind)!.path
const MINUTE_MS = 60_000

const records = Array.from({ length: 6 }, (_, i) => ({
  id: `rec-${i + 1}`,
  numbers: [`+1212555${String(2000 + i).padStart(4, '0')}`],
  timeZone: 'America/New_York',
}))

/** What PUT always carries (docs/dialer-api.md: required on PUT). */
const updateBase = {
  dialingRate: 1,
  dialingListFetchURL: 'dialinglist',
  outdialANI: '+15550100000',
}

const previewStart = {
  id: 'api-preview',
  vendorVersion: 'loopback-cm/1.0',
  campaignType: 'preview_standard',
  dialingRate: 1,
  entryPointId: 'ep-winback',
  dialingListFetchURL: 'dialinglist',
  outdialANI: '+15550100000',
  recordCount: 10,
  previewOfferTimeout: 600,
  previewActionsDisabled: ['REMOVE'],
}

describe('the Dialer API over HTTP (R10.2)', () => {
  let h: Harness | null = null
  let manager: LoopbackManager
  let runtime: TenantRuntime
  const service = new DialerService()
  // 10:00 in New York: inside the calling window of the records' zone.
  const clock = new VirtualClock(Date.UTC(2026, 10, 24, 15))

  const act = (action: string, extra: Record<string, unknown> = {}) =>
    h!.call('agent1', 'POST', '/v1/agents/agent-1/state', { action, ...extra })
  const taskOf = () => [...runtime.engine.ctx.previewTasks.values()][0]
  const taskUrl = (taskId: string, action: string) =>
    `/v1/dialer/campaign/api-preview/preview-task/${taskId}/${action}`

  beforeAll(async () => {
    manager = await startLoopbackManager(records)
    h = await openHarness('sqlite', {
      dialer: service,
      agents: service,
      onConfigChange: (tenantId) => void service.get(tenantId)?.reload(),
    })
    if (!h) return
    for (const object of demoTenantObjects())
      await h.call('admin1', 'POST', pathOf(object.kind), object.body)
    const connector = await h.call('admin1', 'POST', '/v1/connectors', {
      id: 'cm',
      name: 'Loopback campaign manager',
      resourceDomain: manager.baseUrl,
      ...manager.credentials,
      validationUrl: `${manager.baseUrl}/dialinglist?count=0`,
    })
    expect(connector.statusCode, connector.body).toBe(201)
    runtime = await TenantRuntime.start({
      tenantId: 't1',
      clock,
      ports: h.store.forTenant('t1').runtime,
      owner: 'node-a',
      simulation: KIT_SIMULATION,
      log: collectingLog(),
    })
    service.add(runtime)
  })
  afterAll(async () => {
    await service.close()
    await h?.close()
    await manager?.close()
  })

  it('refuses a bad start with 400 and the field paths', async () => {
    const r = await h!.call('admin1', 'POST', '/v1/dialer/campaign', {
      ...previewStart,
      campaignType: 'telepathy',
      recordCount: 0,
    })
    expect(r.statusCode).toBe(400)
    const paths = r.json().details.map((d: { path: string }) => d.path)
    expect(paths).toEqual(expect.arrayContaining(['campaignType', 'recordCount']))
  })

  it('answers 404 for a campaign it does not run, on update, stop and preview actions', async () => {
    const update = await h!.call('admin1', 'PUT', '/v1/dialer/campaign/nope', updateBase)
    expect(update.statusCode).toBe(404)
    expect((await h!.call('admin1', 'DELETE', '/v1/dialer/campaign/nope')).statusCode).toBe(404)
    const task = await h!.call('admin1', 'POST', '/v1/dialer/campaign/nope/preview-task/t-1/skip')
    expect(task.statusCode).toBe(404)
    const report = await h!.call('admin1', 'GET', '/v1/reports/campaigns/nope')
    expect(report.statusCode).toBe(404)
  })

  it('starts a campaign: 202 with its location, in the header and the body', async () => {
    const r = await h!.call('admin1', 'POST', '/v1/dialer/campaign', previewStart)
    expect(r.statusCode, r.body).toBe(202)
    expect(r.headers.location).toBe('/v1/dialer/campaign/api-preview')
    expect(r.json()).toEqual({
      data: [{ location: '/v1/dialer/campaign/api-preview' }],
      meta: { orgId: 't1' },
    })
    const again = await h!.call('admin1', 'POST', '/v1/dialer/campaign', previewStart)
    expect(again.statusCode).toBe(409)
  })

  it('updates it: 202 with its location; a start-only field or a bad value is 400 naming it', async () => {
    const ok = await h!.call('admin1', 'PUT', '/v1/dialer/campaign/api-preview', {
      ...updateBase,
      previewOfferTimeout: 900,
    })
    expect(ok.statusCode, ok.body).toBe(202)
    expect(ok.json().data[0].location).toBe('/v1/dialer/campaign/api-preview')
    const immutable = await h!.call('admin1', 'PUT', '/v1/dialer/campaign/api-preview', {
      ...updateBase,
      campaignType: 'predictive',
    })
    expect(immutable.statusCode).toBe(400)
    expect(immutable.json().details[0].path).toBe('campaignType')
    const bad = await h!.call('admin1', 'PUT', '/v1/dialer/campaign/api-preview', {
      ...updateBase,
      previewOfferTimeout: 99_999,
    })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().details[0].path).toBe('previewOfferTimeout')
  })

  it('offers records to the agent; skip 202, a disabled remove 409, an unknown task 404, accept 202 and dials', async () => {
    expect((await act('login')).statusCode).toBe(202)
    expect((await act('available')).statusCode).toBe(202)
    await runUntil(clock, () => runtime.desk.state('agent-1')?.kind === 'Reserved', MINUTE_MS)
    expect((await act('answerReservation')).statusCode).toBe(202)
    await runUntil(clock, () => taskOf() !== undefined, MINUTE_MS)
    const first = taskOf()!
    const skip = await h!.call('agent1', 'POST', taskUrl(first.id, 'skip'))
    expect(skip.statusCode).toBe(202)
    expect(skip.json()).toEqual({})
    await runUntil(clock, () => taskOf() !== undefined, MINUTE_MS)
    const second = taskOf()!
    expect(second.progress.contact.id).not.toBe(first.progress.contact.id)
    const remove = await h!.call('agent1', 'POST', taskUrl(second.id, 'remove'))
    expect(remove.statusCode).toBe(409)
    expect(remove.json().message).toMatch(/REMOVE is disabled/)
    expect((await h!.call('agent1', 'POST', taskUrl('task-none', 'accept'))).statusCode).toBe(404)
    expect((await h!.call('agent1', 'POST', taskUrl(second.id, 'accept'))).statusCode).toBe(202)
    await runUntil(clock, () => runtime.engine.ctx.attempts.size === 1, MINUTE_MS)
    await runUntil(clock, () => runtime.engine.ctx.attempts.size === 0, 60 * MINUTE_MS, 1000)
    // R5.2: the agent ends the wrap-up with a code; the campaign manager receives it (its codes,
    // not checked by the dialer).
    expect(runtime.desk.state('agent-1')?.kind).toBe('WrapUp')
    const coded = await act('endWrapUp', { code: 'CALL_LATER' })
    expect(coded.statusCode, coded.body).toBe(202)
    await runUntil(clock, () => runtime.dialerApi.webhook.pending === 0, MINUTE_MS, 500)
    expect(manager.results.map((r) => r.json)).toContainEqual(
      expect.objectContaining({
        event: 'code',
        campaignId: 'api-preview',
        recordId: second.progress.contact.id,
        agentId: 'agent-1',
        code: 'CALL_LATER',
        callbackAt: null,
      }),
    )
  })

  it('stops it: 204 with no body; stopping again is 204 too', async () => {
    const stop = await h!.call('admin1', 'DELETE', '/v1/dialer/campaign/api-preview')
    expect(stop.statusCode).toBe(204)
    expect(stop.body).toBe('')
    expect((await h!.call('admin1', 'DELETE', '/v1/dialer/campaign/api-preview')).statusCode).toBe(
      204,
    )
  })

  it('R9.1: reports the Dialer-API campaign like any other, from the attempt log', async () => {
    await runFor(clock, MINUTE_MS, 1000)
    const r = await h!.call('super1', 'GET', '/v1/reports/campaigns/api-preview')
    expect(r.statusCode, r.body).toBe(200)
    expect(r.json()).toMatchObject({ campaignId: 'api-preview', source: 'dialerApi', attempts: 1 })
    const attempts = await h!.call('super1', 'GET', '/v1/attempts?campaignId=api-preview')
    expect(attempts.json().items).toHaveLength(1)
    expect(attempts.json().items[0].outcome).not.toBeNull()
    const builtIn = await h!.call('super1', 'GET', '/v1/reports/campaigns/renewals')
    expect(builtIn.json()).toMatchObject({ source: 'campaignManager', attempts: 0 })
  })
})
