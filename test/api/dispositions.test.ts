// An agent's disposition through the agent desktop API (R5.2, R7.1): after a campaign call the
// wrap-up ends with a code of the campaign's business outcome group (none, or one outside it, is
// 400 naming `code`; going Idle instead is 409), optionally with a callback in the customer's local
// time; the code and the callback are in the attempt log and the campaign report (R9.1). The API
// runs with a tenant runtime on a virtual clock on SQLite; the customers are the simulated network.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONFIG_KINDS } from '../../src/api/resources/config-kinds.ts'
import { VirtualClock } from '../../src/dialer/ports/virtual-clock.ts'
import { DialerService } from '../../src/runtime/dialer-service.ts'
import { TenantRuntime } from '../../src/runtime/tenant-runtime.ts'
import { collectingLog, KIT_SIMULATION, runUntil } from '../../src/runtime/test-kit.ts'
import { demoTenantObjects } from '../../src/server/seed/demo-tenant.ts'
import { type Harness, openHarness } from './harness.ts'

const pathOf = (kind: string) => CONFIG_KINDS.find((k) => k.kind === kind)!.path
const MINUTE_MS = 60_000

describe('dispositions through the agent desktop API (R5.2)', () => {
  let h: Harness | null = null
  let runtime: TenantRuntime
  const service = new DialerService()
  const clock = new VirtualClock(Date.UTC(2026, 10, 24, 15))
  const act = (body: Record<string, unknown>) =>
    h!.call('agent1', 'POST', '/v1/agents/agent-1/state', body)
  const stateOf = () => runtime.desk.state('agent-1')?.kind

  beforeAll(async () => {
    h = await openHarness('sqlite', { dialer: service, agents: service })
    if (!h) return
    for (const object of demoTenantObjects())
      await h.call('admin1', 'POST', pathOf(object.kind), object.body)
    const list = await h.call('admin1', 'POST', '/v1/contact-lists', {
      campaignId: 'renewals',
      name: 'Renewals today',
      mapping: { numbers: ['phone'], externalId: 'id', timeZone: 'tz', defaultCountry: 'US' },
    })
    expect(list.statusCode, list.body).toBe(201)
    const file = [
      'id,phone,tz',
      'c1,+12125550101,America/New_York',
      'c2,+12125550102,America/New_York',
    ]
    const uploaded = await h.app.inject({
      method: 'PUT',
      url: `/v1/contact-lists/${list.json().id}/file`,
      payload: `${file.join('\n')}\n`,
      headers: { authorization: `Bearer ${h.tokens.admin1}`, 'content-type': 'text/csv' },
    })
    expect(uploaded.statusCode, uploaded.body).toBeLessThan(300)
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
  })

  it('ends a campaign call only with a code of its outcome group, then logs it with its callback', async () => {
    expect((await h!.call('admin1', 'POST', '/v1/campaigns/renewals/start')).statusCode).toBe(202)
    expect((await act({ action: 'login' })).statusCode).toBe(202)
    expect((await act({ action: 'available' })).statusCode).toBe(202)
    await runUntil(clock, () => stateOf() === 'Reserved', MINUTE_MS)
    expect((await act({ action: 'answerReservation' })).statusCode).toBe(202)
    await runUntil(clock, () => stateOf() === 'Engaged', 30 * MINUTE_MS, 500)
    expect((await act({ action: 'hangup' })).statusCode).toBe(202)
    expect(stateOf()).toBe('WrapUp')

    const none = await act({ action: 'endWrapUp' })
    expect(none.statusCode).toBe(400)
    expect(none.json().details[0]).toMatchObject({ path: 'code' })
    const outside = await act({ action: 'endWrapUp', code: 'MAYBE' })
    expect(outside.statusCode).toBe(400)
    expect(outside.json().details[0]).toMatchObject({
      path: 'code',
      message: expect.stringMatching(/SALE, NOT_INTERESTED, CALLBACK/),
    })
    const idle = await act({ action: 'idle' })
    expect(idle.statusCode).toBe(409)
    expect(idle.json().message).toMatch(/business outcome code/)
    const badTime = await act({
      action: 'endWrapUp',
      code: 'CALLBACK',
      callback: { localTime: 'tomorrow', for: 'agent' },
    })
    expect(badTime.statusCode).toBe(400)
    expect(badTime.json().details[0].path).toBe('callback.localTime')

    const done = await act({
      action: 'endWrapUp',
      code: 'CALLBACK',
      callback: { localTime: '2026-11-25T11:30', for: 'agent' },
    })
    expect(done.statusCode, done.body).toBe(202)
    expect(done.json().state).toBe('Available')
    await runtime.writes.drained()

    const attempts = (await h!.call('super1', 'GET', '/v1/attempts?campaignId=renewals')).json()
    const talked = attempts.items.find((a: { outcome: string }) => a.outcome === 'LIVE_VOICE')
    expect(talked.disposition).toEqual({
      code: 'CALLBACK',
      final: false,
      // 11:30 in New York (EST, UTC−5).
      callbackAt: '2026-11-25T16:30:00.000Z',
      callbackAgentId: 'agent-1',
    })
    const report = (await h!.call('super1', 'GET', '/v1/reports/campaigns/renewals')).json()
    expect(report.dispositions).toEqual({ CALLBACK: 1 })
    expect(report.outcomes.LIVE_VOICE).toBeGreaterThanOrEqual(1)
  })
})
