// The agent desktop's HTTP API on a running dialer (R7.5): an agent reserved by a campaign hangs up
// the reservation call through POST /v1/agents/:id/state and leaves the reservation for Idle, with
// their chosen idle reason or the default; a code that is not an active idle code is refused with
// its field path. The customer side (another agent within 2 s, or an abandon counted) is the
// engine's, tested in src/dialer/reservation-rules.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { VirtualClock } from '../../src/dialer/ports/virtual-clock.ts'
import { DialerService } from '../../src/runtime/dialer-service.ts'
import { TenantRuntime } from '../../src/runtime/tenant-runtime.ts'
import {
  KIT_SIMULATION,
  KIT_START_MS,
  kitContacts,
  kitTenant,
  runUntil,
} from '../../src/runtime/test-kit.ts'
import { memoryPorts } from '../support/memory/memory-ports.ts'
import { type Harness, openHarness } from './harness.ts'

describe('R7.5 leaving a reservation through the agent desktop API', () => {
  let h: Harness | null = null
  let runtime: TenantRuntime
  const clock = new VirtualClock(KIT_START_MS)

  beforeAll(async () => {
    const ports = memoryPorts(kitTenant({ agents: 2 }))
    ports.contacts.addContacts(kitContacts('camp-1', 20))
    runtime = await TenantRuntime.start({
      tenantId: 't1',
      clock,
      ports,
      owner: 'node-a',
      simulation: KIT_SIMULATION,
    })
    const dialer = new DialerService()
    dialer.add(runtime)
    h = await openHarness('sqlite', { agents: dialer, dialer })
  })
  afterAll(async () => {
    await h?.close()
    await runtime.close()
  })

  const act = (action: string, code?: string) =>
    h!.call('agent1', 'POST', '/v1/agents/agent-1/state', { action, ...(code ? { code } : {}) })

  async function reserved(): Promise<void> {
    await runtime.campaignAction('camp-1', 'start')
    expect((await act('login')).statusCode).toBe(202)
    expect((await act('available')).statusCode).toBe(202)
    await runUntil(clock, () => runtime.desk.state('agent-1')?.kind === 'Reserved', 60_000)
    expect((await act('answerReservation')).json()).toEqual({
      agentId: 'agent-1',
      state: 'Reserved',
    })
  }

  it('hangs up the reservation call: the agent is Idle with the chosen code, out of the campaign', async () => {
    await reserved()
    const bad = await act('hangup', 'no-such-code')
    expect(bad.statusCode).toBe(400)
    expect(bad.json().details).toEqual([
      { path: 'code', message: 'not an active idle code (R7.1)' },
    ])
    const left = await act('hangup', 'idle-lunch')
    expect(left.statusCode).toBe(202)
    expect(left.json()).toEqual({ agentId: 'agent-1', state: 'Idle' })
    const state = await h!.call('agent1', 'GET', '/v1/agents/agent-1/state')
    expect(state.json()).toEqual({
      agentId: 'agent-1',
      state: 'Idle',
      detail: { code: 'idle-lunch' },
    })
    expect(runtime.engine.ctx.campaigns.get('camp-1')!.reserved.has('agent-1')).toBe(false)
    // Idle: nothing left to hang up.
    expect((await act('hangup')).statusCode).toBe(409)
  })

  it('without a code the agent leaves for the default idle code', async () => {
    expect((await act('available')).statusCode).toBe(202)
    await runUntil(clock, () => runtime.desk.state('agent-1')?.kind === 'Reserved', 60_000)
    const left = await act('hangup')
    expect(left.json()).toEqual({ agentId: 'agent-1', state: 'Idle' })
    expect(runtime.desk.state('agent-1')).toEqual({ kind: 'Idle', code: 'idle-break' })
  })
})
