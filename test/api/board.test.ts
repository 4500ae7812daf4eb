// Goal: the supervisor's board API (issue 12, R9.2) answers from a real tenant runtime dialling a
// predictive campaign on the virtual clock: GET /v1/board lists agents with their time in state
// and campaigns against their abandon cap; the pacing decisions carry their inputs ("why N lines
// now"), bounded; the chart series grows one point per interval; /v1/live sends staff the pacing
// and series messages and agents none of them; a supervisor sets an agent Idle with an aux code
// and logs them out, both in the audit log with who, whom and when; agents get 403 everywhere.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { VirtualClock } from '../../src/dialer/ports/virtual-clock.ts'
import { PACING_DECISIONS_KEPT, SERIES_INTERVAL_MS } from '../../src/runtime/board-history.ts'
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

describe("the supervisor's board API (issue 12)", () => {
  let h: Harness | null = null
  const clock = new VirtualClock(KIT_START_MS)
  let runtime: TenantRuntime

  beforeAll(async () => {
    const ports = memoryPorts(
      kitTenant({ agents: 6, campaigns: [{ id: 'camp-1', pacing: { mode: 'predictive' } }] }),
    )
    ports.contacts.addContacts(kitContacts('camp-1', 400))
    runtime = await TenantRuntime.start({
      tenantId: 't1',
      clock,
      ports,
      owner: 'node-a',
      simulation: KIT_SIMULATION,
      // agent-1 is the API's (the harness's agent1 user); the others are simulated.
      simulatedAgents: kitAgentIds(6).slice(1),
    })
    const dialer = new DialerService()
    dialer.add(runtime)
    h = await openHarness('sqlite', { dialer, agents: dialer, live: dialer, board: dialer })
  })
  afterAll(async () => {
    await runtime?.close()
    await h?.close()
  })

  const listen = listenLive

  it('shows the dialling campaign, its decisions with inputs, its series and live messages to staff only', async () => {
    const t = h!
    const supervisor = await listen(t, 'super1')
    const agent = await listen(t, 'agent1')
    expect((await t.call('super1', 'POST', '/v1/campaigns/camp-1/start')).statusCode).toBe(202)
    await runFor(clock, 10 * MINUTE_MS)
    await new Promise((resolve) => setTimeout(resolve, 50))
    supervisor.socket.terminate()
    agent.socket.terminate()

    const board = (await t.call('super1', 'GET', '/v1/board')).json()
    expect(board.atMs).toBe(clock.nowMs())
    expect(board.agents).toHaveLength(6)
    const simulated = board.agents.find((a: { agentId: string }) => a.agentId === 'agent-2')
    expect(simulated.state).not.toBe('LoggedOut')
    expect(simulated.sinceMs).toBeLessThanOrEqual(clock.nowMs())
    expect(board.agents.find((a: { agentId: string }) => a.agentId === 'agent-1')).toMatchObject({
      state: 'LoggedOut',
      name: 'agent-1',
    })
    const [campaign] = board.campaigns
    expect(campaign).toMatchObject({ id: 'camp-1', status: 'running', mode: 'predictive' })
    expect(campaign.abandonCapPct).toBe(3)
    expect(campaign.outcomes.LIVE_VOICE).toBeGreaterThan(0)

    const { decisions } = (
      await t.call('super1', 'GET', '/v1/campaigns/camp-1/pacing-decisions')
    ).json()
    expect(decisions).toHaveLength(PACING_DECISIONS_KEPT)
    expect(decisions[0].atMs).toBeGreaterThanOrEqual(decisions[1].atMs)
    expect(decisions[0].inputs).toMatchObject({ policy: 'predictive', abandonCapPct: 3 })
    expect(decisions[0].inputs.readyServers + decisions[0].inputs.busyServers).toBeGreaterThan(0)
    expect(decisions.some((d: { target: number }) => d.target > 0)).toBe(true)

    const series = (await t.call('admin1', 'GET', '/v1/campaigns/camp-1/series')).json()
    expect(series.intervalSec).toBe(SERIES_INTERVAL_MS / 1000)
    expect(series.points).toHaveLength((10 * MINUTE_MS) / SERIES_INTERVAL_MS)
    const connects = series.points.reduce((n: number, p: { connects: number }) => n + p.connects, 0)
    expect(connects).toBe(campaign.outcomes.LIVE_VOICE)

    const staffTypes = new Set(supervisor.messages.map((m) => m.type))
    expect(staffTypes).toEqual(
      new Set(['snapshot', 'agentState', 'campaign', 'attempt', 'pacing', 'series']),
    )
    const pacing = supervisor.messages.find((m) => m.type === 'pacing')
    expect(pacing).toMatchObject({ campaignId: 'camp-1', decision: { inputs: {} } })
    const agentTypes = new Set(agent.messages.map((m) => m.type))
    expect(agentTypes.has('pacing') || agentTypes.has('series')).toBe(false)
  })

  it('lets a supervisor set an agent Idle with an aux code and log them out, audited', async () => {
    const t = h!
    expect(
      (await t.call('agent1', 'POST', '/v1/agents/agent-1/state', { action: 'login' })).statusCode,
    ).toBe(202)
    const idle = await t.call('super1', 'POST', '/v1/agents/agent-1/state', {
      action: 'idle',
      code: 'idle-lunch',
    })
    expect(idle.json()).toEqual({ agentId: 'agent-1', state: 'Idle' })
    const row = (await t.call('super1', 'GET', '/v1/board'))
      .json()
      .agents.find((a: { agentId: string }) => a.agentId === 'agent-1')
    expect(row).toMatchObject({ state: 'Idle', code: 'idle-lunch', sinceMs: clock.nowMs() })
    const out = await t.call('super1', 'POST', '/v1/agents/agent-1/state', { action: 'logout' })
    expect(out.json()).toEqual({ agentId: 'agent-1', state: 'LoggedOut' })

    const audit = (await t.call('admin1', 'GET', '/v1/audit')).json()
    const superId = (await t.call('super1', 'GET', '/v1/auth/me')).json()
    const entries = audit.items.filter((e: { objectKind: string }) => e.objectKind === 'agent')
    expect(entries.map((e: { action: string }) => e.action)).toEqual(['agent.logout', 'agent.idle'])
    expect(entries[1]).toMatchObject({
      objectId: 'agent-1',
      summary: { state: 'Idle', code: 'idle-lunch' },
    })
    expect(Date.parse(entries[1].at)).toBeGreaterThan(0)
    expect(entries[1].actorUserId).toBe(superId.userId)
  })

  it('refuses agents: 403 on the board, decisions, series and another agent’s state', async () => {
    const t = h!
    for (const url of [
      '/v1/board',
      '/v1/campaigns/camp-1/pacing-decisions',
      '/v1/campaigns/camp-1/series',
    ]) {
      const response = await t.call('agent1', 'GET', url)
      expect(response.statusCode, url).toBe(403)
    }
    const other = await t.call('agent1', 'POST', '/v1/agents/agent-2/state', { action: 'logout' })
    expect(other.statusCode).toBe(403)
    expect((await t.call('super1', 'GET', '/v1/campaigns/nope/series')).statusCode).toBe(404)
  })
})
