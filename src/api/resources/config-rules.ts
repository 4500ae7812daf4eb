// The configuration rules that span objects (R4.3, R4.5, R7.1), run on every write of an object
// they involve. Each rule is the domain's one implementation (domain/config); this module only
// reads the tenant, substitutes the object being written, and compares the rules' findings before
// and after the change. A finding the change brings in is refused with 409, as a delete of an object
// in use is: the body is valid alone but conflicts with other objects of the tenant; each detail
// has the written object's field path and names the other objects.
import { type Agent, agentSchema, checkCampaignTeamMembers } from '../../domain/config/agent.ts'
import {
  checkOutdialEntryPointQueue,
  type EntryPoint,
  entryPointSchema,
} from '../../domain/config/entry-point.ts'
import {
  checkQueueAgents,
  checkQueueTeamsMatch,
  type Queue,
  queueSchema,
  queueTeamIds,
} from '../../domain/config/queue.ts'
import { type Team, teamSchema } from '../../domain/config/team.ts'
import type { ErrorDetail } from '../errors.ts'
import type { TenantView } from './config-resource.ts'

/** Where a finding lies in one object: its kind, id and the field path in its body. */
interface Place {
  kind: string
  id: string
  path: string
}

interface Finding {
  /** The same finding before and after a change has the same key. */
  key: string
  /** Every object the finding involves, with the field that takes part in it. */
  places: Place[]
  message: string
}

interface CampaignRef {
  id: string
  campaignGroupId: string
  teamIds?: string[]
}

interface Snapshot {
  agents: Agent[]
  teams: Team[]
  queues: Queue[]
  entryPoints: EntryPoint[]
  groups: { id: string; entryPointId: string }[]
  campaigns: CampaignRef[]
}

const KIND_KEYS = {
  agent: 'agents',
  team: 'teams',
  queue: 'queues',
  'entry-point': 'entryPoints',
  'campaign-group': 'groups',
  campaign: 'campaigns',
} as const

async function readSnapshot(tenant: TenantView): Promise<Snapshot> {
  // Stored bodies were validated on their way in; parsing again applies today's defaults.
  const parsed = async <T>(kind: string, parse: (body: unknown) => T | undefined) =>
    (await tenant.all(kind)).flatMap((doc) => {
      const body = parse(doc.body)
      return body === undefined ? [] : [body]
    })
  return {
    agents: await parsed('agent', (b) => agentSchema.safeParse(b).data),
    teams: await parsed('team', (b) => teamSchema.safeParse(b).data),
    queues: await parsed('queue', (b) => queueSchema.safeParse(b).data),
    entryPoints: await parsed('entry-point', (b) => entryPointSchema.safeParse(b).data),
    groups: await parsed('campaign-group', (b) => b as { id: string; entryPointId: string }),
    campaigns: await parsed('campaign', (b) => b as CampaignRef),
  }
}

function withObject(snapshot: Snapshot, kind: string, id: string, body: unknown): Snapshot {
  const key = KIND_KEYS[kind as keyof typeof KIND_KEYS]
  if (key === undefined) return snapshot
  const list = snapshot[key] as { id: string }[]
  return { ...snapshot, [key]: [...list.filter((o) => o.id !== id), { ...(body as object), id }] }
}

/** Team membership is stated on both sides (team.agentIds, agent.teamIds): the union counts. */
function membership(snapshot: Snapshot) {
  const teamsOf = new Map<string, Set<string>>(snapshot.agents.map((a) => [a.id, new Set()]))
  const agentsOf = new Map<string, Set<string>>(snapshot.teams.map((t) => [t.id, new Set()]))
  const join = (agentId: string, teamId: string) => {
    if (!teamsOf.has(agentId) || !agentsOf.has(teamId)) return
    teamsOf.get(agentId)!.add(teamId)
    agentsOf.get(teamId)!.add(agentId)
  }
  for (const team of snapshot.teams) for (const agentId of team.agentIds) join(agentId, team.id)
  for (const agent of snapshot.agents) for (const teamId of agent.teamIds) join(agent.id, teamId)
  return { teamsOf, agentsOf }
}

/** The agent's profile, and the team's member entry when the team lists the agent. */
function memberPlaces(agent: Agent, team: Team | undefined): Place[] {
  const inTeam = team?.agentIds.indexOf(agent.id) ?? -1
  return [
    { kind: 'agent', id: agent.id, path: 'profile.outboundCampaignsAllowed' },
    ...(team && inTeam >= 0 ? [{ kind: 'team', id: team.id, path: `agentIds[${inTeam}]` }] : []),
  ]
}

/** R7.1: only agents whose profile allows outbound campaigns are on a campaign (outdial) team. */
function outboundProfileFindings(snapshot: Snapshot): Finding[] {
  const { teamsOf } = membership(snapshot)
  const members = snapshot.agents.map((agent) => ({
    ...agent,
    teamIds: [...(teamsOf.get(agent.id) ?? [])],
  }))
  const findings: Finding[] = []
  for (const queue of snapshot.queues.filter((q) => q.type === 'OUTBOUND')) {
    queueTeamIds(queue).forEach((teamId, teamIndex) => {
      const check = checkCampaignTeamMembers(members, [teamId])
      if (check.kind === 'ok') return
      const team = snapshot.teams.find((t) => t.id === teamId)
      for (const agentId of check.agentIds) {
        const agent = snapshot.agents.find((a) => a.id === agentId)!
        findings.push({
          key: `outbound:${queue.id}:${teamId}:${agentId}`,
          places: [
            ...memberPlaces(agent, team),
            {
              kind: 'queue',
              id: queue.id,
              path: `callDistributionGroups[0].teamIds[${teamIndex}]`,
            },
          ],
          message: `agent '${agentId}' has a profile without outbound campaigns (profile.outboundCampaignsAllowed false) and team '${teamId}' serves outdial queue '${queue.id}': only agents whose profile allows outbound campaigns join campaign teams (R7.1)`,
        })
      }
    })
  }
  return findings
}

/** R4.3: a queue's teams hold at most 500 agents together (one implementation: checkQueueAgents). */
function queueAgentFindings(snapshot: Snapshot): Finding[] {
  const { agentsOf } = membership(snapshot)
  const teams = snapshot.teams.map((team) => ({
    ...team,
    agentIds: [...(agentsOf.get(team.id) ?? [])],
  }))
  return snapshot.queues.flatMap((queue) => {
    const check = checkQueueAgents(queue, teams)
    if (check.kind !== 'tooManyAgents') return []
    const teamIds = queueTeamIds(queue)
    return [
      {
        key: `queueAgents:${queue.id}`,
        places: [
          { kind: 'queue', id: queue.id, path: 'callDistributionGroups' },
          ...teamIds.map((id) => ({ kind: 'team', id, path: 'agentIds' })),
          ...snapshot.agents
            .filter((a) => a.teamIds.some((t) => teamIds.includes(t)))
            .map((a) => ({ kind: 'agent', id: a.id, path: 'teamIds' })),
        ],
        message: `the teams of queue '${queue.id}' (${teamIds.join(', ')}) hold ${check.agentCount} agents; a queue serves at most ${check.agentCountMax} (R4.3)`,
      },
    ]
  })
}

/** R4.5: an outdial entry point leads to an OUTBOUND queue whose campaigns are enabled. */
function entryPointFindings(snapshot: Snapshot): Finding[] {
  return snapshot.entryPoints.flatMap((entryPoint) => {
    const check = checkOutdialEntryPointQueue(entryPoint, snapshot.queues)
    if (check.kind !== 'queueNotOutbound' && check.kind !== 'queueCampaignsDisabled') return []
    const why =
      check.kind === 'queueNotOutbound'
        ? { field: 'type', text: 'is not an OUTBOUND queue' }
        : { field: 'outboundCampaignEnabled', text: 'has outboundCampaignEnabled false' }
    return [
      {
        key: `entryPoint:${entryPoint.id}:${check.kind}`,
        places: [
          { kind: 'entry-point', id: entryPoint.id, path: 'queueId' },
          { kind: 'queue', id: check.queueId, path: why.field },
        ],
        message: `outdial entry point '${entryPoint.id}' leads to queue '${check.queueId}', which ${why.text}: campaigns reserve agents through an OUTBOUND queue with outbound campaigns enabled (R4.5, R4.3)`,
      },
    ]
  })
}

/** R4.3: a campaign's teams (when it names them) are the teams of its outdial queue. */
function queueTeamFindings(snapshot: Snapshot): Finding[] {
  return snapshot.campaigns.flatMap((campaign) => {
    if (campaign.teamIds === undefined) return []
    const group = snapshot.groups.find((g) => g.id === campaign.campaignGroupId)
    const entryPoint = snapshot.entryPoints.find((e) => e.id === group?.entryPointId)
    const queue = snapshot.queues.find((q) => q.id === entryPoint?.queueId)
    if (!group || !entryPoint || !queue) return []
    const check = checkQueueTeamsMatch(queue, campaign.teamIds)
    if (check.kind === 'ok') return []
    const sides = [
      check.missingFromQueue.length > 0
        ? `teams ${check.missingFromQueue.join(', ')} are the campaign's but not in the queue`
        : '',
      check.extraInQueue.length > 0
        ? `teams ${check.extraInQueue.join(', ')} are in the queue but not the campaign's`
        : '',
    ].filter((s) => s !== '')
    return [
      {
        key: `queueTeams:${campaign.id}:${queue.id}`,
        places: [
          { kind: 'campaign', id: campaign.id, path: 'teamIds' },
          { kind: 'queue', id: queue.id, path: 'callDistributionGroups[0].teamIds' },
          { kind: 'entry-point', id: entryPoint.id, path: 'queueId' },
          { kind: 'campaign-group', id: group.id, path: 'entryPointId' },
        ],
        message: `campaign '${campaign.id}' and its outdial queue '${queue.id}' name different teams (${sides.join('; ')}): the queue's call distribution group holds the campaign's teams (R4.3)`,
      },
    ]
  })
}

function findings(snapshot: Snapshot): Finding[] {
  return [
    ...outboundProfileFindings(snapshot),
    ...queueAgentFindings(snapshot),
    ...entryPointFindings(snapshot),
    ...queueTeamFindings(snapshot),
  ]
}

/** What writing `body` as `kind`/`id` would break that holds today: details for a 409. */
export async function crossObjectConflicts(
  kind: string,
  id: string,
  body: unknown,
  tenant: TenantView,
): Promise<ErrorDetail[]> {
  const before = await readSnapshot(tenant)
  const known = new Set(findings(before).map((f) => f.key))
  const details: ErrorDetail[] = []
  for (const finding of findings(withObject(before, kind, id, body))) {
    if (known.has(finding.key)) continue
    const place = finding.places.find((p) => p.kind === kind && p.id === id)
    if (place) details.push({ path: place.path, message: finding.message })
  }
  return details
}
