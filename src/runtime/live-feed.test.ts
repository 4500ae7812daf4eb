// Goal: the live feed (R9.2) through the HTTP layer's ports: a snapshot, then agent states, closed
// attempts, preview offers and campaign figures (at most one per second per campaign), chart points; metrics
// follow; preview-task actions (R10.2) and the campaign lifecycle go through DialerService.

import { Registry } from 'prom-client'
import { describe, expect, it } from 'vitest'
import { memoryPorts } from '../../test/support/memory/memory-ports.ts'
import { VirtualClock } from '../dialer/ports/virtual-clock.ts'
import type { LiveMessage } from './control.ts'
import { DialerService } from './dialer-service.ts'
import { createDialerMetrics } from './metrics.ts'
import { TenantRuntime } from './tenant-runtime.ts'
import {
  KIT_SIMULATION,
  KIT_START_MS,
  kitAgentIds,
  kitContacts,
  kitTenant,
  runFor,
  runUntil,
} from './test-kit.ts'

const MINUTE_MS = 60_000

async function service(options: { preview?: boolean; simulated?: boolean }) {
  const clock = new VirtualClock(KIT_START_MS)
  const pacing = options.preview
    ? { mode: 'preview_standard', previewActionsDisabled: ['REMOVE'] }
    : { mode: 'progressive', dialingRate: 1 }
  const ports = memoryPorts(kitTenant({ agents: 2, campaigns: [{ id: 'camp-1', pacing }] }))
  ports.contacts.addContacts(kitContacts('camp-1', 100))
  const registry = new Registry()
  const metrics = { registry, ...createDialerMetrics(registry) }
  const runtime = await TenantRuntime.start({
    tenantId: 't1',
    clock,
    ports,
    owner: 'node-a',
    simulation: KIT_SIMULATION,
    simulatedAgents: options.simulated === false ? [] : kitAgentIds(2),
    metrics,
  })
  const dialer = new DialerService()
  dialer.add(runtime)
  return { clock, dialer, runtime, metrics }
}

describe('live feed and DialerService', () => {
  it('sends a snapshot, then agent states, attempts and throttled campaign figures', async () => {
    const { clock, dialer, metrics } = await service({})
    const messages: LiveMessage[] = []
    const unsubscribe = dialer.subscribe('t1', { agentId: null }, (message) =>
      messages.push(message),
    )
    expect(dialer.snapshot('t1', { agentId: null })).toMatchObject({
      type: 'snapshot',
      data: {
        tenantId: 't1',
        agents: { Available: 2 },
        campaigns: [{ id: 'camp-1', status: 'draft' }],
      },
    })
    expect(await dialer.campaignAction('t1', 'camp-1', 'start')).toEqual({
      ok: true,
      status: 'running',
    })
    expect(await dialer.campaignAction('t1', 'camp-1', 'start')).toMatchObject({
      ok: false,
      reason: 'illegal',
    })
    expect(await dialer.campaignAction('other', 'camp-1', 'start')).toMatchObject({
      reason: 'notFound',
    })
    await runFor(clock, 10 * MINUTE_MS)
    unsubscribe()

    const kinds = new Set(messages.map((m) => m.type))
    expect(kinds).toEqual(new Set(['agentState', 'attempt', 'campaign', 'series']))
    const figures = messages.filter((m) => m.type === 'campaign')
    for (let i = 1; i < figures.length; i++)
      expect(figures[i]!.atMs - figures[i - 1]!.atMs).toBeGreaterThanOrEqual(1000)
    expect(figures.at(-1)).toMatchObject({
      campaignId: 'camp-1',
      data: { status: 'running', pendingContacts: expect.any(Number) },
    })
    const live = dialer.campaignFigures('t1', 'camp-1')!
    expect(live.dialsPerMinute).toBeGreaterThan(0)
    expect(live.outcomes.LIVE_VOICE).toBeGreaterThan(0)
    const attempts = messages.filter((m) => m.type === 'attempt')
    const text = await metrics.registry.metrics()
    const counted = text
      .split('\n')
      .filter((line) => line.startsWith('outdial_dialer_attempts_total{'))
      .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0)
    expect(counted).toBe(attempts.length)
    expect(text).toMatch(
      /outdial_dialer_agents\{tenant="t1",state="(Engaged|Reserved|WrapUp)"\} [12]/,
    )
    expect(text).toContain('outdial_dialer_lines_in_flight{tenant="t1",campaign="camp-1"}')
  })

  it('offers preview records live and takes the agent’s action through the Dialer API port', async () => {
    const { clock, dialer, runtime } = await service({ preview: true, simulated: false })
    const offers: LiveMessage[] = []
    dialer.subscribe('t1', { agentId: null }, (m) => {
      if (m.type === 'previewOffer') offers.push(m)
    })
    await dialer.campaignAction('t1', 'camp-1', 'start')
    runtime.desk.login('agent-1')
    runtime.desk.available('agent-1')
    await runUntil(clock, () => runtime.desk.state('agent-1')?.kind === 'Reserved', MINUTE_MS)
    runtime.desk.answerReservation('agent-1')
    await runUntil(clock, () => offers.length > 0, MINUTE_MS)
    const offer = offers[0] as Extract<LiveMessage, { type: 'previewOffer' }>
    expect(offer).toMatchObject({ campaignId: 'camp-1', agentId: 'agent-1' })
    const act = (
      campaignId: string,
      action: 'ACCEPT' | 'SKIP' | 'REMOVE',
      agentId: string | null,
    ) => dialer.previewAction('t1', campaignId, offer.taskId, action, agentId)
    expect(await act('camp-1', 'REMOVE', 'agent-1')).toMatchObject({ ok: false, reason: 'illegal' })
    expect(await act('camp-1', 'ACCEPT', 'agent-2')).toMatchObject({
      ok: false,
      reason: 'forbidden',
    })
    expect(await act('other-campaign', 'ACCEPT', 'agent-1')).toMatchObject({ reason: 'notFound' })
    // The reference SDK sends the campaign's name instead of its id.
    expect(await act('Campaign camp-1', 'ACCEPT', 'agent-1')).toEqual({ ok: true })
    expect(runtime.engine.ctx.attempts.size).toBe(1)
    await runFor(clock, 1000)
    expect(await act('camp-1', 'ACCEPT', 'agent-1')).toMatchObject({ reason: 'notFound' })
  })
})
