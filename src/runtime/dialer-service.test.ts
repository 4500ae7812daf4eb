// Goal: the agent desktop's API port (AgentControl, R7) answers the routes' result shape: the new
// state, or a refusal the one error body maps to 404 (unknown agent or tenant), 409 (not possible
// now) or 400 (bad idle code) — never an exception.
import { describe, expect, it } from 'vitest'
import { memoryPorts } from '../../test/support/memory/memory-ports.ts'
import { VirtualClock } from '../dialer/ports/virtual-clock.ts'
import { DialerService } from './dialer-service.ts'
import { TenantRuntime } from './tenant-runtime.ts'
import { KIT_SIMULATION, KIT_START_MS, kitContacts, kitTenant, runUntil } from './test-kit.ts'

describe('DialerService as AgentControl', () => {
  it('acts for desktop agents and maps every refusal', async () => {
    const clock = new VirtualClock(KIT_START_MS)
    const ports = memoryPorts(kitTenant({ agents: 1 }))
    ports.contacts.addContacts(kitContacts('camp-1', 10))
    const runtime = await TenantRuntime.start({
      tenantId: 't1',
      clock,
      ports,
      owner: 'node-a',
      simulation: KIT_SIMULATION,
    })
    const dialer = new DialerService()
    dialer.add(runtime)
    const act = (action: Parameters<DialerService['act']>[2], code?: string) =>
      dialer.act('t1', 'agent-1', action, code)

    expect(dialer.state('t1', 'agent-1')).toEqual({ state: 'LoggedOut', detail: {} })
    expect(dialer.state('t1', 'ghost')).toBeNull()
    expect(await dialer.act('t9', 'agent-1', 'login', undefined)).toMatchObject({
      reason: 'notFound',
    })
    expect(await dialer.act('t1', 'ghost', 'login', undefined)).toMatchObject({
      reason: 'notFound',
    })
    expect(await act('login')).toEqual({ ok: true, state: 'Idle' })
    expect(dialer.state('t1', 'agent-1')).toEqual({ state: 'Idle', detail: { code: 'idle-break' } })
    expect(await act('idle', 'nope')).toMatchObject({
      reason: 'invalid',
      details: [{ path: 'code' }],
    })
    expect(await act('hangup')).toMatchObject({ reason: 'illegal' })
    expect(await act('endWrapUp')).toMatchObject({ reason: 'illegal' })
    expect(await act('requestCampaignContact')).toMatchObject({ reason: 'illegal' })
    await dialer.campaignAction('t1', 'camp-1', 'start')
    expect(await act('available')).toEqual({ ok: true, state: 'Available' })
    await runUntil(clock, () => runtime.desk.state('agent-1')?.kind === 'Reserved', 60_000)
    expect(dialer.state('t1', 'agent-1')).toEqual({
      state: 'Reserved',
      detail: { campaignId: 'camp-1', connected: false },
    })
    expect(await act('answerReservation')).toEqual({ ok: true, state: 'Reserved' })
    expect(await act('answerReservation')).toMatchObject({ reason: 'illegal' })
    expect(await act('idle', 'idle-lunch')).toEqual({ ok: true, state: 'Idle' })
    expect(await act('logout')).toEqual({ ok: true, state: 'LoggedOut' })
  })
})
