// Goal: a tenant runtime runs the engine durably on the (virtual) clock: a progressive campaign
// dials for an hour with every attempt written before its dial and closed exactly once; the
// lifecycle is persisted and applied (pause stops dialling, resume restarts it, stop hands the
// unused contacts back); the desktop's agent actions pass the state machine's answers through.
import { describe, expect, it } from 'vitest'
import { type MemoryPorts, memoryPorts } from '../../test/support/memory/memory-ports.ts'
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
  runUntil,
  type SpiedDial,
  spyNetwork,
} from './test-kit.ts'

const MINUTE_MS = 60_000

/** No campaign call waits for its agent's wrap-up code any more. */
const wrapUpsDone = (runtime: TenantRuntime) =>
  [...runtime.engine.ctx.agents.values()].every((agent) => agent.wrapUp === null)

async function startRuntime(options: { agents?: number; simulated?: number; contacts?: number }) {
  const clock = new VirtualClock(KIT_START_MS)
  const ports: MemoryPorts = memoryPorts(kitTenant({ agents: options.agents ?? 4 }))
  ports.contacts.addContacts(kitContacts('camp-1', options.contacts ?? 400))
  const dials: SpiedDial[] = []
  const log = collectingLog()
  const runtime = await TenantRuntime.start({
    tenantId: 't1',
    clock,
    ports,
    owner: 'node-a',
    telephony: spyNetwork(ports.contacts, dials),
    simulation: KIT_SIMULATION,
    simulatedAgents: kitAgentIds(options.simulated ?? options.agents ?? 4),
    log,
  })
  return { clock, ports, dials, log, runtime }
}

describe('TenantRuntime', () => {
  it('runs a progressive campaign for an hour: every attempt opened before its dial, closed once', async () => {
    const { clock, ports, dials, log, runtime } = await startRuntime({})
    expect(await runtime.campaignAction('camp-1', 'start')).toEqual({
      kind: 'ok',
      status: 'running',
    })
    await runFor(clock, 60 * MINUTE_MS)
    expect(await runtime.campaignAction('camp-1', 'stop')).toEqual({
      kind: 'ok',
      status: 'stopped',
    })
    await runUntil(clock, () => runtime.engine.ctx.attempts.size === 0, 10 * MINUTE_MS)
    // A talked-to contact waits for its agent's wrap-up code (R5.2): the agents finish theirs.
    await runUntil(clock, () => wrapUpsDone(runtime), 10 * MINUTE_MS)
    await runtime.writes.drained()

    expect(dials.length).toBeGreaterThan(100)
    expect(dials.filter((d) => !d.openInLog)).toEqual([])
    expect(dials.filter((d) => d.otherOpenAttempt)).toEqual([])
    const rows = [...ports.attempts.attempts.values()]
    expect(rows.length).toBeGreaterThanOrEqual(dials.length)
    expect(rows.filter((row) => row.close === null)).toEqual([])
    expect(rows.filter((row) => row.closeCalls !== 1)).toEqual([])
    expect(rows.every((row) => row.open.atMs <= row.close!.atMs)).toBe(true)
    // Stopped and drained: this process holds no contact any more.
    const held = [...ports.contacts.contacts.values()].filter((c) => c.lease?.owner === 'node-a')
    expect(held).toEqual([])
    expect(log.lines.filter((line) => line.level === 'error')).toEqual([])
    const figures = runtime.figures('camp-1')!
    expect(figures.status).toBe('stopped')
    expect(Object.values(figures.outcomes).reduce((a, b) => a + b, 0)).toBe(rows.length)
  })

  it('persists the lifecycle and applies it: pause stops dialling, resume restarts, stop is final', async () => {
    const { clock, ports, dials, runtime } = await startRuntime({})
    await runtime.campaignAction('camp-1', 'start')
    await runFor(clock, 5 * MINUTE_MS)
    expect(ports.campaignStates.states.get('camp-1')?.status).toBe('running')

    expect(await runtime.campaignAction('camp-1', 'pause')).toEqual({
      kind: 'ok',
      status: 'paused',
    })
    expect(ports.campaignStates.states.get('camp-1')?.status).toBe('paused')
    const pausedAtMs = clock.nowMs()
    await runFor(clock, 5 * MINUTE_MS)
    expect(dials.filter((d) => d.atMs > pausedAtMs + 1000)).toEqual([])

    expect(await runtime.campaignAction('camp-1', 'resume')).toEqual({
      kind: 'ok',
      status: 'running',
    })
    const resumedAtMs = clock.nowMs()
    await runFor(clock, 5 * MINUTE_MS)
    expect(dials.filter((d) => d.atMs >= resumedAtMs).length).toBeGreaterThan(0)

    ports.campaignStates.failSaves = 1
    expect(await runtime.campaignAction('camp-1', 'pause')).toMatchObject({ kind: 'unavailable' })
    expect(runtime.campaign('camp-1')?.status).toBe('running')

    expect(await runtime.campaignAction('camp-1', 'stop')).toEqual({
      kind: 'ok',
      status: 'stopped',
    })
    expect(await runtime.campaignAction('camp-1', 'resume')).toMatchObject({
      kind: 'illegal',
      from: 'stopped',
    })
    expect(await runtime.campaignAction('nope', 'start')).toEqual({
      kind: 'notFound',
      campaignId: 'nope',
    })
    await runUntil(clock, () => runtime.engine.ctx.attempts.size === 0, 10 * MINUTE_MS)
    await runUntil(clock, () => wrapUpsDone(runtime), 10 * MINUTE_MS)
    await runtime.writes.drained()
    const held = [...ports.contacts.contacts.values()].filter((c) => c.lease !== null)
    expect(held).toEqual([])
  })

  it('blends simulated inbound calls with the campaign (R8) and reports them in the status', async () => {
    const clock = new VirtualClock(KIT_START_MS)
    const ports = memoryPorts(kitTenant({ agents: 4, inbound: true }))
    ports.contacts.addContacts(kitContacts('camp-1', 200))
    const runtime = await TenantRuntime.start({
      tenantId: 't1',
      clock,
      ports,
      owner: 'node-a',
      simulation: KIT_SIMULATION,
      simulatedAgents: kitAgentIds(4),
      simulatedInbound: { entryPointId: 'ep-inbound', arrivalsPerHour: 60 },
    })
    await runtime.campaignAction('camp-1', 'start')
    await runFor(clock, 30 * MINUTE_MS)
    const status = runtime.status()
    expect(status.inbound.answered).toBeGreaterThan(5)
    expect(status.campaigns[0]).toMatchObject({
      id: 'camp-1',
      mode: 'progressive',
      status: 'running',
    })
    expect(status.campaigns[0]!.outcomes.LIVE_VOICE).toBeGreaterThan(5)
    // A graceful close pauses dialling and lets the calls in flight finish.
    const closing = runtime.close({ drainMs: 5 * MINUTE_MS })
    await runFor(clock, 5 * MINUTE_MS)
    await closing
    expect(runtime.engine.ctx.attempts.size).toBe(0)
    expect([...ports.attempts.attempts.values()].filter((a) => a.close === null)).toEqual([])
    expect([...ports.contacts.contacts.values()].filter((c) => c.lease !== null)).toEqual([])
    expect(ports.campaignStates.states.get('camp-1')?.status).toBe('running')
  })

  it('passes agent actions and the state machine’s typed refusals through (R7)', async () => {
    const { clock, runtime } = await startRuntime({ agents: 1, simulated: 0 })
    const desk = runtime.desk
    expect(desk.login('ghost')).toEqual({ kind: 'unknownAgent', agentId: 'ghost' })
    expect(desk.login('agent-1')).toMatchObject({
      kind: 'ok',
      state: { kind: 'Idle', code: 'idle-break' },
    })
    expect(desk.endWrapUp('agent-1')).toEqual({ kind: 'illegal', from: 'Idle', event: 'endWrapUp' })
    expect(desk.idle('agent-1', 'no-such-code')).toEqual({
      kind: 'invalidCode',
      code: 'no-such-code',
    })
    expect(desk.idle('agent-1', 'idle-lunch')).toMatchObject({
      state: { kind: 'Idle', code: 'idle-lunch' },
    })
    expect(desk.answerReservation('agent-1')).toMatchObject({ kind: 'illegal', from: 'Idle' })

    await runtime.campaignAction('camp-1', 'start')
    expect(desk.available('agent-1')).toMatchObject({ kind: 'ok' })
    await runUntil(clock, () => desk.state('agent-1')?.kind === 'Reserved', MINUTE_MS)
    // Nobody dials for an agent who has not answered the reservation call (R7.2).
    await runFor(clock, 5_000)
    expect(runtime.engine.ctx.attempts.size).toBe(0)
    expect(desk.answerReservation('agent-1')).toMatchObject({
      kind: 'ok',
      state: { kind: 'Reserved', connected: true },
    })
    await runUntil(clock, () => desk.state('agent-1')?.kind === 'Engaged', 30 * MINUTE_MS)
    expect(desk.hangup('agent-1')).toEqual({ kind: 'ok' })
    expect(desk.state('agent-1')).toMatchObject({ kind: 'WrapUp', code: 'wrap-done' })
    expect(desk.hangup('agent-1')).toEqual({ kind: 'noCall' })
    // R5.2: a campaign call's wrap-up ends with a code of the campaign's outcome group.
    expect(desk.idle('agent-1')).toEqual({ kind: 'dispositionRequired' })
    expect(desk.endWrapUp('agent-1')).toMatchObject({ kind: 'invalidDisposition', field: 'code' })
    expect(desk.endWrapUp('agent-1', 'BOGUS')).toMatchObject({
      kind: 'invalidDisposition',
      field: 'code',
    })
    expect(desk.endWrapUp('agent-1', 'SALE')).toMatchObject({ kind: 'ok' })
    expect(desk.idle('agent-1')).toMatchObject({ kind: 'ok' })
    expect(desk.logout('agent-1')).toMatchObject({ kind: 'ok', state: { kind: 'LoggedOut' } })
  })
})
