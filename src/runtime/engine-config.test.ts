// Goal: the tenant's configuration reaches the engine (teams both ways, default codes, campaigns
// through from-config.ts), objects the engine cannot run are named instead of crashing, and a
// reload adds what is new while a running campaign takes the changes the engine can apply live.
import { describe, expect, it } from 'vitest'
import { memoryPorts } from '../../test/support/memory/memory-ports.ts'
import { VirtualClock } from '../dialer/ports/virtual-clock.ts'
import { campaignSchema } from '../domain/campaign/campaign.ts'
import { agentSchema } from '../domain/config/agent.ts'
import { queueSchema } from '../domain/config/queue.ts'
import { teamSchema } from '../domain/config/team.ts'
import { liveCampaignUpdate, mapTenantConfig } from './engine-config.ts'
import { TenantRuntime } from './tenant-runtime.ts'
import {
  KIT_SIMULATION,
  KIT_START_MS,
  kitContacts,
  kitTenant,
  runFor,
  runUntil,
} from './test-kit.ts'

describe('mapTenantConfig', () => {
  it('maps teams, agents with their default codes and campaigns; names what cannot run', () => {
    const config = kitTenant({ agents: 2 })
    config.agents.push(
      agentSchema.parse({
        id: 'agent-x',
        name: 'X',
        teamIds: ['team-1'],
        profile: { outboundCampaignsAllowed: true },
      }),
    )
    config.campaigns.push(
      campaignSchema.parse({
        ...config.campaigns[0],
        id: 'orphan',
        name: 'Orphan',
        campaignGroupId: 'missing-group',
      }),
    )
    const mapped = mapTenantConfig(config)
    expect(mapped.agents).toContainEqual({
      id: 'agent-x',
      teamIds: ['team-1'],
      wrapCode: 'wrap-done',
      idleCode: 'idle-break',
      outboundAllowed: true,
      skills: [],
    })
    expect(mapped.agents.find((a) => a.id === 'agent-1')?.teamIds).toEqual(['team-1'])
    expect(mapped.campaigns.map((c) => c.engine.id)).toEqual(['camp-1'])
    expect(mapped.campaigns[0]!.engine).toMatchObject({
      mode: 'progressive',
      pacing: { kind: 'progressive', linesPerServer: 2 },
      queueId: 'q-camp-1',
    })
    expect(mapped.problems).toEqual([
      { kind: 'campaign', id: 'orphan', message: 'campaign group missing-group is missing' },
    ])
    expect([...mapped.idleCodes]).toEqual(['idle-break', 'idle-lunch'])
  })
})

describe('liveCampaignUpdate', () => {
  it('takes what the engine reads afresh and keeps (and names) what it fixed at the start', () => {
    const [base] = mapTenantConfig(kitTenant()).campaigns
    const current = base!.engine
    const next = {
      ...current,
      callerId: '+15550100099',
      ringLimitSec: 40,
      mode: 'predictive' as const,
      pacing: { kind: 'predictive' as const },
      gain: 2,
    }
    const { config, ignored } = liveCampaignUpdate(current, next)
    expect(config).toMatchObject({
      callerId: '+15550100099',
      ringLimitSec: 40,
      mode: 'progressive',
    })
    expect(config.pacing).toEqual(current.pacing)
    expect(ignored.sort()).toEqual(['gain', 'mode', 'pacing'])
  })
})

describe('R7.1 the outbound profile, from configuration to the engine', () => {
  it('maps the profile switch, names the agent in a campaign team, and the running dialer never reserves it', async () => {
    const config = kitTenant({ agents: 2 })
    config.agents[1] = agentSchema.parse({
      ...config.agents[1],
      profile: { outboundCampaignsAllowed: false },
    })
    const mapped = mapTenantConfig(config)
    expect(mapped.agents.map((a) => [a.id, a.outboundAllowed])).toEqual([
      ['agent-1', true],
      ['agent-2', false],
    ])
    expect(mapped.problems).toEqual([
      {
        kind: 'agent',
        id: 'agent-2',
        message:
          'in a team of outdial queue q-camp-1, but the profile does not allow outbound campaigns (R7.1): campaigns never reserve this agent',
      },
    ])
    const clock = new VirtualClock(KIT_START_MS)
    const ports = memoryPorts(config)
    ports.contacts.addContacts(kitContacts('camp-1', 20))
    const runtime = await TenantRuntime.start({
      tenantId: 't1',
      clock,
      ports,
      owner: 'node-a',
      simulation: KIT_SIMULATION,
    })
    await runtime.campaignAction('camp-1', 'start')
    for (const id of ['agent-1', 'agent-2']) {
      runtime.desk.login(id)
      runtime.desk.available(id)
    }
    await runFor(clock, 120_000)
    expect(runtime.desk.state('agent-1')?.kind).not.toBe('Available')
    expect(runtime.desk.state('agent-2')).toEqual({ kind: 'Available' })
    // A reload that takes outbound from agent-1 ends their reservation; they are not reserved again.
    const next = structuredClone(config)
    next.agents[0] = agentSchema.parse({
      ...next.agents[0],
      profile: { outboundCampaignsAllowed: false },
    })
    ports.config.config = next
    runtime.desk.available('agent-1')
    await runUntil(clock, () => runtime.desk.state('agent-1')?.kind === 'Reserved', 10_000)
    await runtime.reload()
    expect(runtime.desk.state('agent-1')).toEqual({ kind: 'Available' })
    await runFor(clock, 120_000)
    expect(runtime.desk.state('agent-2')).toEqual({ kind: 'Available' })
    expect(runtime.desk.state('agent-1')?.kind).not.toBe('Reserved')
    await runtime.close()
  })
})

describe('Appendix A routing settings, from configuration to the engine', () => {
  it("a queue's routing type, skill requirements and maximum time in queue and an agent's skills reach the engine", async () => {
    const config = kitTenant({ agents: 2 })
    config.queues.push(
      queueSchema.parse({
        id: 'q-care',
        name: 'Care',
        type: 'INBOUND',
        routingType: 'SKILLS_BASED',
        skillRequirements: [{ skillId: 'es', minLevel: 5 }],
        callDistributionGroups: [{ teamIds: ['team-1'] }],
        maxTimeInQueueSec: 600,
      }),
    )
    config.queues[0] = queueSchema.parse({ ...config.queues[0], maxTimeInQueueSec: 120 })
    config.agents[0] = agentSchema.parse({
      ...config.agents[0],
      profile: { outboundCampaignsAllowed: true, skills: [{ skillId: 'es', level: 6 }] },
    })
    const runtime = await TenantRuntime.start({
      tenantId: 't1',
      clock: new VirtualClock(KIT_START_MS),
      ports: memoryPorts(config),
      owner: 'node-a',
      simulation: KIT_SIMULATION,
    })
    const ctx = runtime.engine.ctx
    expect(ctx.queues.get('q-care')).toMatchObject({
      routingType: 'SKILLS_BASED',
      skillRequirements: [{ skillId: 'es', minLevel: 5 }],
      maxTimeInQueueSec: 600,
    })
    expect(ctx.queues.get('q-camp-1')).toMatchObject({
      routingType: 'LONGEST_AVAILABLE_AGENT',
      maxTimeInQueueSec: 120,
    })
    expect([...ctx.agents.get('agent-1')!.skills]).toEqual([['es', 6]])
    expect(ctx.agents.get('agent-2')!.skills.size).toBe(0)
    await runtime.close()
  })
})

describe('TenantRuntime.reload', () => {
  it('adds new agents and campaigns and changes a running campaign’s dial rate', async () => {
    const clock = new VirtualClock(KIT_START_MS)
    const ports = memoryPorts(kitTenant({ agents: 2 }))
    ports.contacts.addContacts(kitContacts('camp-1', 20))
    const runtime = await TenantRuntime.start({
      tenantId: 't1',
      clock,
      ports,
      owner: 'node-a',
      simulation: KIT_SIMULATION,
    })
    await runtime.campaignAction('camp-1', 'start')
    const next = kitTenant({
      agents: 3,
      campaigns: [
        { id: 'camp-1', pacing: { mode: 'progressive', dialingRate: 3 } },
        { id: 'camp-2', pacing: { mode: 'predictive' } },
      ],
    })
    next.campaignGroups[0]!.pacing = { ...next.campaignGroups[0]!.pacing }
    ports.config.config = next
    const report = await runtime.reload()
    expect(report.added.agents).toEqual(['agent-3'])
    expect(report.added.queues).toEqual(['q-camp-2'])
    expect(report.campaignsAdded).toEqual(['camp-2'])
    expect(report.ignored).toEqual([])
    expect(runtime.engine.ctx.campaigns.get('camp-1')?.config.pacing).toEqual({
      kind: 'progressive',
      linesPerServer: 3,
    })
    expect(runtime.campaign('camp-2')?.status).toBe('draft')
    expect(await runtime.campaignAction('camp-2', 'start')).toEqual({
      kind: 'ok',
      status: 'running',
    })
    expect(runtime.desk.login('agent-3')).toMatchObject({ kind: 'ok' })
    await runtime.close()
  })
})

describe('R4.2 team membership changes reach the running dialer', () => {
  it('a logged-out agent moved off the campaign team is never reserved; a busy one keeps the team until free', async () => {
    const config = kitTenant({ agents: 3 })
    const clock = new VirtualClock(KIT_START_MS)
    const ports = memoryPorts(config)
    ports.contacts.addContacts(kitContacts('camp-1', 40))
    const runtime = await TenantRuntime.start({
      tenantId: 't1',
      clock,
      ports,
      owner: 'node-a',
      simulation: KIT_SIMULATION,
    })
    await runtime.campaignAction('camp-1', 'start')
    runtime.desk.login('agent-1')
    runtime.desk.available('agent-1')
    await runUntil(clock, () => runtime.desk.state('agent-1')?.kind === 'Reserved', 10_000)
    // agent-2 (logged out) and agent-1 (reserved) leave the campaign's team; agent-3 stays.
    const next = structuredClone(config)
    next.teams = [
      teamSchema.parse({ id: 'team-1', name: 'Team one', agentIds: ['agent-3'] }),
      teamSchema.parse({ id: 'team-2', name: 'Team two', agentIds: ['agent-1', 'agent-2'] }),
    ]
    ports.config.config = next
    const report = await runtime.reload()
    expect(report.ignored).toEqual([{ kind: 'agent', id: 'agent-1', fields: ['teamIds'] }])
    expect(runtime.engine.ctx.agents.get('agent-2')?.teamIds).toEqual(['team-2'])
    expect(runtime.engine.ctx.teams.get('team-1')?.agentIds).not.toContain('agent-2')
    runtime.desk.login('agent-2')
    runtime.desk.available('agent-2')
    await runFor(clock, 120_000)
    expect(runtime.desk.state('agent-2')).toEqual({ kind: 'Available' })
    // Once agent-1 is Idle, the next reload moves them too.
    runtime.desk.idle('agent-1')
    await runUntil(clock, () => runtime.desk.state('agent-1')?.kind === 'Idle', 600_000)
    expect((await runtime.reload()).ignored).toEqual([])
    expect(runtime.engine.ctx.agents.get('agent-1')?.teamIds).toEqual(['team-2'])
    await runtime.close()
  })
})
