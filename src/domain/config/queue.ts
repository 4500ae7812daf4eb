// Queues (R4.3, R4.6): where calls and campaign reservation requests wait for an agent. An outdial
// queue (type OUTBOUND) has the "outbound campaign enabled" switch, routes to the longest available
// agent, has exactly one call distribution group (the campaign's teams) and at most 500 agents. An
// inbound queue routes by one of the Appendix A routing types (dialer/routing/inbound-agent.ts);
// SKILLS_BASED names the skills, at a minimum level, an agent's skill profile must have.
import { z } from 'zod'
import {
  CALL_DISTRIBUTION_GROUP_TEAMS_MAX,
  CALL_DISTRIBUTION_GROUPS_MAX,
  MAX_TIME_IN_QUEUE_SEC_DEFAULT,
  MAX_TIME_IN_QUEUE_SEC_MAX,
  MAX_TIME_IN_QUEUE_SEC_MIN,
  OUTBOUND_CALL_DISTRIBUTION_GROUPS,
  QUEUE_AGENTS_MAX,
  QUEUE_SKILL_REQUIREMENTS_MAX,
  SKILL_LEVEL_MAX,
  SKILL_LEVEL_MIN,
} from './limits.ts'
import {
  addDuplicateIssues,
  booleanSchema,
  boundedInt,
  enumSchema,
  idSchema,
  nameSchema,
} from './schema-kit.ts'
import type { Team } from './team.ts'

export const QUEUE_TYPES = ['INBOUND', 'OUTBOUND'] as const

export const ROUTING_TYPES = [
  'LONGEST_AVAILABLE_AGENT',
  'SKILLS_BASED',
  'CIRCULAR',
  'LINEAR',
] as const
export type RoutingType = (typeof ROUTING_TYPES)[number]
/** R4.3: the only routing type of an outdial queue. */
export const OUTBOUND_ROUTING_TYPE: RoutingType = 'LONGEST_AVAILABLE_AGENT'

export const callDistributionGroupSchema = z
  .object({
    teamIds: z
      .array(idSchema('teamIds[]'))
      .min(1, 'a call distribution group needs at least one team to route to (R4.3)')
      .max(
        CALL_DISTRIBUTION_GROUP_TEAMS_MAX,
        `a call distribution group has at most ${CALL_DISTRIBUTION_GROUP_TEAMS_MAX} teams`,
      ),
  })
  .superRefine((group, ctx) => {
    addDuplicateIssues(ctx, group.teamIds, (teamId) => teamId, {
      basePath: ['teamIds'],
      keyPath: [],
      what: 'team',
      why: 'a team appears once in a call distribution group',
    })
  })

/** A skill a SKILLS_BASED queue requires of the agents it routes to, at a minimum level. */
export const skillRequirementSchema = z.object({
  skillId: idSchema('skillId'),
  minLevel: boundedInt({
    field: 'minLevel',
    min: SKILL_LEVEL_MIN,
    max: SKILL_LEVEL_MAX,
    unit: '',
    why: 'skill levels go from 1 (novice) to 10 (expert)',
  }),
})
export type SkillRequirement = z.infer<typeof skillRequirementSchema>

export const queueSchema = z
  .object({
    id: idSchema('id'),
    name: nameSchema('name'),
    type: enumSchema('type', QUEUE_TYPES, 'R4.3 / R4.6 queue types'),
    /** R4.3: the "outbound campaign enabled" switch of an outdial queue. */
    outboundCampaignEnabled: booleanSchema('outboundCampaignEnabled').default(false),
    routingType: enumSchema('routingType', ROUTING_TYPES, 'Appendix A routing types'),
    callDistributionGroups: z
      .array(callDistributionGroupSchema)
      .min(1, 'a queue needs a call distribution group, or no agent can be reached (R4.3)')
      .max(
        CALL_DISTRIBUTION_GROUPS_MAX,
        `a queue has at most ${CALL_DISTRIBUTION_GROUPS_MAX} call distribution groups`,
      ),
    /** R4.3: a reservation request waits at most this long, then is withdrawn and issued again. */
    maxTimeInQueueSec: boundedInt({
      field: 'maxTimeInQueueSec',
      min: MAX_TIME_IN_QUEUE_SEC_MIN,
      max: MAX_TIME_IN_QUEUE_SEC_MAX,
      unit: 's',
      why: 'R4.3, 3600 s recommended',
    }).default(MAX_TIME_IN_QUEUE_SEC_DEFAULT),
    /** SKILLS_BASED only: every skill an agent needs, at its minimum level, to get a call. */
    skillRequirements: z
      .array(skillRequirementSchema)
      .max(
        QUEUE_SKILL_REQUIREMENTS_MAX,
        `a queue requires at most ${QUEUE_SKILL_REQUIREMENTS_MAX} skills`,
      )
      .default([]),
  })
  .superRefine((queue, ctx) => {
    addDuplicateIssues(ctx, queue.skillRequirements, (r) => r.skillId, {
      basePath: ['skillRequirements'],
      keyPath: ['skillId'],
      what: 'skill',
      why: 'a queue requires each skill once, at one minimum level',
    })
    if (queue.routingType === 'SKILLS_BASED' && queue.skillRequirements.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['skillRequirements'],
        message:
          'a SKILLS_BASED queue needs at least one skill requirement, or it routes like LONGEST_AVAILABLE_AGENT (Appendix A)',
      })
    }
    if (queue.routingType !== 'SKILLS_BASED' && queue.skillRequirements.length > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['skillRequirements'],
        message: `skill requirements apply to SKILLS_BASED queues only, not ${queue.routingType}: they would never be checked`,
      })
    }
    if (queue.type === 'INBOUND') {
      if (queue.outboundCampaignEnabled) {
        ctx.addIssue({
          code: 'custom',
          path: ['outboundCampaignEnabled'],
          message:
            'outboundCampaignEnabled is only for OUTBOUND queues: campaigns reserve agents through an outdial queue (R4.3)',
        })
      }
      return
    }
    if (queue.routingType !== OUTBOUND_ROUTING_TYPE) {
      ctx.addIssue({
        code: 'custom',
        path: ['routingType'],
        message: `an OUTBOUND queue routes by ${OUTBOUND_ROUTING_TYPE}, not ${queue.routingType} (R4.3)`,
      })
    }
    if (queue.callDistributionGroups.length !== OUTBOUND_CALL_DISTRIBUTION_GROUPS) {
      ctx.addIssue({
        code: 'custom',
        path: ['callDistributionGroups'],
        message: `an OUTBOUND queue has exactly ${OUTBOUND_CALL_DISTRIBUTION_GROUPS} call distribution group (the campaign's teams), not ${queue.callDistributionGroups.length} (R4.3)`,
      })
    }
  })
export type Queue = z.infer<typeof queueSchema>

/** Every team id the queue routes to, in group order, each once. */
export function queueTeamIds(queue: Queue): string[] {
  return [...new Set(queue.callDistributionGroups.flatMap((group) => group.teamIds))]
}

/** Distinct agents reachable through the queue's teams (an agent in two teams counts once). */
export function countQueueAgents(queue: Queue, teams: readonly Team[]): number {
  const teamIds = new Set(queueTeamIds(queue))
  const agentIds = new Set<string>()
  for (const team of teams) {
    if (!teamIds.has(team.id)) continue
    for (const agentId of team.agentIds) agentIds.add(agentId)
  }
  return agentIds.size
}

export type QueueAgentsCheck =
  | { kind: 'ok'; agentCount: number }
  | { kind: 'unknownTeams'; teamIds: string[] }
  | { kind: 'tooManyAgents'; agentCount: number; agentCountMax: number }

/** R4.3: the queue's teams exist and hold at most 500 agents together. */
export function checkQueueAgents(queue: Queue, teams: readonly Team[]): QueueAgentsCheck {
  const known = new Set(teams.map((team) => team.id))
  const unknown = queueTeamIds(queue).filter((teamId) => !known.has(teamId))
  if (unknown.length > 0) return { kind: 'unknownTeams', teamIds: unknown }
  const agentCount = countQueueAgents(queue, teams)
  if (agentCount > QUEUE_AGENTS_MAX) {
    return { kind: 'tooManyAgents', agentCount, agentCountMax: QUEUE_AGENTS_MAX }
  }
  return { kind: 'ok', agentCount }
}

export type QueueTeamsMatch =
  | { kind: 'ok' }
  | { kind: 'mismatch'; missingFromQueue: string[]; extraInQueue: string[] }

/**
 * R4.3: the outdial queue's call distribution group holds the same teams as the campaign in the
 * campaign manager; a mismatch is flagged with the teams on each side.
 */
export function checkQueueTeamsMatch(
  queue: Queue,
  campaignTeamIds: readonly string[],
): QueueTeamsMatch {
  const inQueue = new Set(queueTeamIds(queue))
  const inCampaign = new Set(campaignTeamIds)
  const missingFromQueue = [...inCampaign].filter((teamId) => !inQueue.has(teamId))
  const extraInQueue = [...inQueue].filter((teamId) => !inCampaign.has(teamId))
  if (missingFromQueue.length === 0 && extraInQueue.length === 0) return { kind: 'ok' }
  return { kind: 'mismatch', missingFromQueue, extraInQueue }
}
