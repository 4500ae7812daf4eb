// Issue 16: on `/v1/live` an agent receives only the campaigns they serve (and their own agent's
// messages), staff the whole tenant — through the HTTP API's WebSocket, with a real tenant runtime
// dialling two campaigns on the virtual clock: team one (agent-1, agent-2) serves camp-1, team two
// (agent-3) serves camp-2.

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { VirtualClock } from '../../src/dialer/ports/virtual-clock.ts'
import { queueSchema } from '../../src/domain/config/queue.ts'
import { teamSchema } from '../../src/domain/config/team.ts'
import type { LiveMessage } from '../../src/runtime/control.ts'
import { DialerService } from '../../src/runtime/dialer-service.ts'
import { TenantRuntime } from '../../src/runtime/tenant-runtime.ts'
import {
  KIT_SIMULATION,
  KIT_START_MS,
  kitAgentIds,
  kitContacts,
  kitTenant,
  runFor,
} from '../../src/runtime/test-kit.ts'
import { memoryPorts } from '../support/memory/memory-ports.ts'
import { type Harness, listenLive, openHarness } from './harness.ts'

const MINUTE_MS = 60_000

function twoTeams() {
  const config = kitTenant({
    agents: 3,
    campaigns: [
      { id: 'camp-1', pacing: { mode: 'progressive', dialingRate: 1 } },
      { id: 'camp-2', pacing: { mode: 'progressive', dialingRate: 1 } },
    ],
  })
  config.teams = [
    teamSchema.parse({ id: 'team-1', name: 'Team one', agentIds: ['agent-1', 'agent-2'] }),
    teamSchema.parse({ id: 'team-2', name: 'Team two', agentIds: ['agent-3'] }),
  ]
  config.queues = config.queues.map((queue) =>
    queue.id === 'q-camp-2'
      ? queueSchema.parse({ ...queue, callDistributionGroups: [{ teamIds: ['team-2'] }] })
      : queue,
  )
  return config
}

describe('live feed by role (issue 16)', () => {
  let h: Harness | null = null
  let clock: VirtualClock
  let dialer: DialerService
  let runtime: TenantRuntime
  beforeAll(async () => {
    clock = new VirtualClock(KIT_START_MS)
    const ports = memoryPorts(twoTeams())
    ports.contacts.addContacts([...kitContacts('camp-1', 200), ...kitContacts('camp-2', 200)])
    runtime = await TenantRuntime.start({
      tenantId: 't1',
      clock,
      ports,
      owner: 'node-a',
      simulation: KIT_SIMULATION,
      simulatedAgents: kitAgentIds(3),
    })
    dialer = new DialerService()
    dialer.add(runtime)
    h = await openHarness('sqlite', { live: dialer, dialer })
  })
  afterAll(async () => {
    await runtime?.close()
    await h?.close()
  })

  const listen = listenLive
  const snapshotData = (message: LiveMessage | undefined) => {
    expect(message?.type).toBe('snapshot')
    return (message as Extract<LiveMessage, { type: 'snapshot' }>).data as {
      agentId?: string
      campaigns: { id: string }[]
    }
  }

  it('an agent receives only the campaigns they serve and their own agent; a supervisor all', async (ctx) => {
    if (!h) return ctx.skip()
    const agent = await listen(h, 'agent1')
    const supervisor = await listen(h, 'super1')
    for (const campaignId of ['camp-1', 'camp-2'])
      expect(await dialer.campaignAction('t1', campaignId, 'start')).toMatchObject({ ok: true })
    await runFor(clock, 5 * MINUTE_MS)
    await new Promise((resolve) => setTimeout(resolve, 50))
    agent.socket.terminate()
    supervisor.socket.terminate()

    const [agentSnapshot, ...agentLive] = agent.messages
    const ownView = snapshotData(agentSnapshot)
    expect(ownView.agentId).toBe('agent-1')
    expect(ownView.campaigns.map((c) => c.id)).toEqual(['camp-1'])
    expect(JSON.stringify(agentSnapshot)).not.toContain('camp-2')
    const agentCampaigns = new Set(
      agentLive.flatMap((m) => (m.type === 'campaign' ? [m.campaignId] : [])),
    )
    expect(agentCampaigns).toEqual(new Set(['camp-1']))
    for (const message of agentLive)
      if ('agentId' in message) expect(message.agentId, JSON.stringify(message)).toBe('agent-1')
    expect(agentLive.some((m) => m.type === 'attempt')).toBe(true)

    const [staffSnapshot, ...staffLive] = supervisor.messages
    const staffView = snapshotData(staffSnapshot)
    expect(staffView.campaigns.map((c) => c.id).sort()).toEqual(['camp-1', 'camp-2'])
    const seen = new Set(staffLive.flatMap((m) => (m.type === 'campaign' ? [m.campaignId] : [])))
    expect(seen).toEqual(new Set(['camp-1', 'camp-2']))
    expect(
      new Set(staffLive.flatMap((m) => (m.type === 'agentState' ? [m.agentId] : []))).size,
    ).toBe(3)
  })
})
