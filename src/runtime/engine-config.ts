// From the tenant's validated configuration (R4, R5) to what the engine runs: teams, queues with
// their routing settings, entry points with their flows, agents with their default codes, outbound
// profile switch and skill profile, and campaigns built by
// engineCampaignOf (src/dialer/from-config.ts). A reload adds what is new; a running campaign
// takes the changed parameters the engine can apply live and names the ones it cannot.
import type { Engine } from '../dialer/engine.ts'
import { engineCampaignOf } from '../dialer/from-config.ts'
import type { EngineAgentConfig, EngineCampaign, EngineQueueConfig } from '../dialer/types.ts'
import type { Campaign } from '../domain/campaign/campaign.ts'
import { type AgentSkill, canJoinCampaignTeam } from '../domain/config/agent.ts'
import { defaultAuxCode } from '../domain/config/aux-code.ts'
import { queueTeamIds, type RoutingType, type SkillRequirement } from '../domain/config/queue.ts'
import type { TenantConfig } from '../store/ports/dialer-store.ts'

export interface MappedAgent extends EngineAgentConfig {
  wrapCode: string
  idleCode: string
  outboundAllowed: boolean
  skills: AgentSkill[]
}

export interface MappedQueue extends EngineQueueConfig {
  routingType: RoutingType
  skillRequirements: SkillRequirement[]
  maxTimeInQueueSec: number
}

export interface MappedCampaign {
  campaign: Campaign
  engine: EngineCampaign
}

/** A configuration object the engine cannot run, and why (it stays out, the rest runs). */
export interface ConfigProblem {
  kind: string
  id: string
  message: string
}

export interface MappedTenant {
  teams: { id: string; queueRankings: { queueId: string; rank: number }[] }[]
  queues: MappedQueue[]
  entryPoints: { id: string; type: 'INBOUND' | 'OUTBOUND'; flow: TenantConfig['flows'][number] }[]
  agents: MappedAgent[]
  campaigns: MappedCampaign[]
  /** Active idle codes (R7.1): an agent going Idle names one of them. */
  idleCodes: Set<string>
  problems: ConfigProblem[]
}

/** The code an agent's state carries when none was chosen (Appendix A: the first active one). */
export const AUX_CODE_FALLBACK = 'Default'

export function mapTenantConfig(config: TenantConfig): MappedTenant {
  const problems: ConfigProblem[] = []
  const flows = new Map(config.flows.map((flow) => [flow.id, flow]))
  const queues = new Map(config.queues.map((queue) => [queue.id, queue]))
  const entryPoints: MappedTenant['entryPoints'] = []
  for (const entryPoint of config.entryPoints) {
    const flow = flows.get(entryPoint.flowId)
    if (!flow) {
      problems.push({ kind: 'entry-point', id: entryPoint.id, message: 'its flow is missing' })
      continue
    }
    entryPoints.push({ id: entryPoint.id, type: entryPoint.type, flow })
  }
  // Membership is stated on both sides (team.agentIds and agent.teamIds): the union counts.
  const teamsOf = new Map<string, Set<string>>()
  for (const team of config.teams)
    for (const agentId of team.agentIds) addTo(teamsOf, agentId, team.id)
  const teamIds = new Set(config.teams.map((team) => team.id))
  const idle = defaultAuxCode(config.auxCodes, 'IDLE')?.id ?? AUX_CODE_FALLBACK
  const wrap = defaultAuxCode(config.auxCodes, 'WRAP_UP')?.id ?? AUX_CODE_FALLBACK
  const agents = config.agents.map((agent) => {
    for (const teamId of agent.teamIds) if (teamIds.has(teamId)) addTo(teamsOf, agent.id, teamId)
    return {
      id: agent.id,
      teamIds: [...(teamsOf.get(agent.id) ?? [])].sort(),
      wrapCode: wrap,
      idleCode: idle,
      // R7.1: the engine never reserves an agent whose profile does not allow outbound campaigns.
      outboundAllowed: canJoinCampaignTeam(agent),
      skills: agent.profile.skills,
    }
  })
  const mappedQueues = config.queues.map((queue) => ({
    id: queue.id,
    type: queue.type,
    teamIds: queueTeamIds(queue).filter((teamId) => teamIds.has(teamId)),
    routingType: queue.routingType,
    skillRequirements: queue.skillRequirements,
    maxTimeInQueueSec: queue.maxTimeInQueueSec,
  }))
  for (const queue of mappedQueues) {
    if (queue.type !== 'OUTBOUND') continue
    for (const agent of agents) {
      if (agent.outboundAllowed || !agent.teamIds.some((t) => queue.teamIds.includes(t))) continue
      problems.push({
        kind: 'agent',
        id: agent.id,
        message: `in a team of outdial queue ${queue.id}, but the profile does not allow outbound campaigns (R7.1): campaigns never reserve this agent`,
      })
    }
  }
  const campaigns: MappedCampaign[] = []
  const groups = new Map(config.campaignGroups.map((group) => [group.id, group]))
  const entryPointConfigs = new Map(config.entryPoints.map((ep) => [ep.id, ep]))
  for (const campaign of config.campaigns) {
    const problem = (message: string) =>
      problems.push({ kind: 'campaign', id: campaign.id, message })
    const group = groups.get(campaign.campaignGroupId)
    if (!group) {
      problem(`campaign group ${campaign.campaignGroupId} is missing`)
      continue
    }
    const entryPoint = entryPointConfigs.get(group.entryPointId)
    if (!entryPoint || entryPoint.type !== 'OUTBOUND' || entryPoint.queueId === undefined) {
      problem(`entry point ${group.entryPointId} is not an outdial entry point (R4.5)`)
      continue
    }
    if (!queues.has(entryPoint.queueId)) {
      problem(`outdial queue ${entryPoint.queueId} is missing (R4.3)`)
      continue
    }
    const flow = flows.get(entryPoint.flowId) ?? null
    const outcomes = config.outcomeGroups.find((g) => g.id === campaign.businessOutcomeGroupId)
    if (!outcomes) {
      problem(`business outcome group ${campaign.businessOutcomeGroupId} is missing (R5.2)`)
      continue
    }
    const engine = engineCampaignOf({
      group,
      campaign,
      queueId: entryPoint.queueId,
      flow,
      outcomes: outcomes.outcomes,
    })
    campaigns.push({ campaign, engine })
  }
  return {
    teams: config.teams.map((team) => ({ id: team.id, queueRankings: team.queueRankings })),
    queues: mappedQueues,
    entryPoints,
    agents,
    campaigns,
    idleCodes: new Set(
      config.auxCodes.filter((c) => c.type === 'IDLE' && c.active).map((c) => c.id),
    ),
    problems,
  }
}

function addTo(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key) ?? new Set<string>()
  set.add(value)
  map.set(key, set)
}

export interface AppliedConfig {
  added: { teams: string[]; queues: string[]; entryPoints: string[]; agents: string[] }
  /** Existing objects whose change the engine cannot apply without a restart. */
  ignored: { kind: string; id: string; fields: string[] }[]
}

/**
 * Adds to the engine what it does not have yet (teams first: queues and agents refer to them)
 * and replaces entry points' flows. Campaigns are the runtime's business (they need lists).
 */
export function applyTenantConfig(engine: Engine, mapped: MappedTenant): AppliedConfig {
  const ctx = engine.ctx
  const applied: AppliedConfig = {
    added: { teams: [], queues: [], entryPoints: [], agents: [] },
    ignored: [],
  }
  for (const team of mapped.teams) {
    if (ctx.teams.has(team.id)) continue
    engine.addTeam(team)
    applied.added.teams.push(team.id)
  }
  for (const queue of mapped.queues) {
    const existing = ctx.queues.get(queue.id)
    if (!existing) {
      engine.addQueue(queue)
      applied.added.queues.push(queue.id)
    } else {
      // Routing settings are read at every routing decision: they take effect at once.
      existing.routingType = queue.routingType
      existing.skillRequirements = queue.skillRequirements
      existing.maxTimeInQueueSec = queue.maxTimeInQueueSec
      if (!sameList(existing.teamIds, queue.teamIds) || existing.type !== queue.type)
        applied.ignored.push({ kind: 'queue', id: queue.id, fields: ['teams', 'type'] })
    }
  }
  for (const entryPoint of mapped.entryPoints) {
    if (!ctx.entryPoints.has(entryPoint.id)) applied.added.entryPoints.push(entryPoint.id)
    // Calls already in a flow keep the flow they started with.
    engine.addEntryPoint(entryPoint)
  }
  for (const agent of mapped.agents) {
    const existing = ctx.agents.get(agent.id)
    if (!existing) {
      engine.addAgent(agent)
      applied.added.agents.push(agent.id)
      continue
    }
    existing.wrapCode = agent.wrapCode
    existing.idleCode = agent.idleCode
    existing.outboundAllowed = agent.outboundAllowed
    existing.skills = new Map(agent.skills.map((skill) => [skill.skillId, skill.level]))
    // R7.1: a profile that no longer allows outbound ends a reservation with no customer on it.
    if (!agent.outboundAllowed && existing.state.kind === 'Reserved' && existing.callId === null)
      engine.agentEvent(agent.id, { kind: 'releaseReservation' })
    // A logged-out or Idle agent changes teams at once; a busy one keeps them (named) until the
    // next reload that finds them free.
    if (
      !sameList([...existing.teamIds].sort(), agent.teamIds) &&
      !engine.setAgentTeams(agent.id, agent.teamIds)
    )
      applied.ignored.push({ kind: 'agent', id: agent.id, fields: ['teamIds'] })
  }
  return applied
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i])
}

/**
 * The parts of a running campaign's configuration the engine reads afresh at each decision (caller
 * ID, ring limit, dial rate, preview settings, flow, contact strategy, retry and DNC rules, the
 * abandon target) take the new values; the ones fixed when the campaign joined the engine (mode, queue, the predictive
 * controller's pace and gain, the abandon window of the ledger) keep theirs and are named.
 */
export function liveCampaignUpdate(
  current: EngineCampaign,
  next: EngineCampaign,
): { config: EngineCampaign; ignored: string[] } {
  const ignored: string[] = []
  const keep = <K extends keyof EngineCampaign>(field: K): EngineCampaign[K] => {
    if (JSON.stringify(current[field]) !== JSON.stringify(next[field])) ignored.push(field)
    return current[field]
  }
  const samePacingKind = current.pacing.kind === next.pacing.kind
  if (!samePacingKind) ignored.push('pacing')
  const windowSec = current.compliance.abandonWindowSec
  if (next.compliance.abandonWindowSec !== windowSec) ignored.push('compliance.abandonWindowSec')
  const config: EngineCampaign = {
    ...next,
    id: current.id,
    mode: keep('mode'),
    queueId: keep('queueId'),
    correctionPace: keep('correctionPace'),
    gain: keep('gain'),
    pacing: samePacingKind ? next.pacing : current.pacing,
    compliance: { ...next.compliance, abandonWindowSec: windowSec },
  }
  return { config, ignored }
}

/** Applies a live update to a campaign the engine runs, then lets pacing look again. */
export function updateEngineCampaign(engine: Engine, next: EngineCampaign): string[] {
  const campaign = engine.ctx.campaigns.get(next.id)
  if (!campaign) return []
  const { config, ignored } = liveCampaignUpdate(campaign.config, next)
  // The engine reads its campaign's configuration at every decision; a replaced object is the
  // engine's own way of seeing new parameters (there is no per-field setter to keep in step).
  campaign.config = config
  engine.contactsChanged(next.id)
  return ignored
}
