// Agents (R4.2, R7.1): a user who can log in to the desktop, the teams they belong to, and the
// profile switch that lets them take outbound campaign work. Only agents whose profile allows
// outbound campaigns may join a campaign's teams.
import { z } from 'zod'
import { AGENT_SKILLS_MAX, AGENT_TEAMS_MAX, SKILL_LEVEL_MAX, SKILL_LEVEL_MIN } from './limits.ts'
import {
  addDuplicateIssues,
  booleanSchema,
  boundedInt,
  idSchema,
  nameSchema,
} from './schema-kit.ts'

/** One skill of an agent's skill profile and its level (SKILLS_BASED routing, Appendix A). */
export const agentSkillSchema = z.object({
  skillId: idSchema('skillId'),
  level: boundedInt({
    field: 'level',
    min: SKILL_LEVEL_MIN,
    max: SKILL_LEVEL_MAX,
    unit: '',
    why: 'skill levels go from 1 (novice) to 10 (expert)',
  }),
})
export type AgentSkill = z.infer<typeof agentSkillSchema>

export const agentProfileSchema = z.object({
  /** R7.1: the profile allows the agent to be reserved by outbound campaigns. */
  outboundCampaignsAllowed: booleanSchema('profile.outboundCampaignsAllowed'),
  /** The skill profile: what SKILLS_BASED inbound queues match against their requirements. */
  skills: z
    .array(agentSkillSchema)
    .max(AGENT_SKILLS_MAX, `a skill profile lists at most ${AGENT_SKILLS_MAX} skills`)
    .default([])
    .superRefine((skills, ctx) => {
      addDuplicateIssues(ctx, skills, (skill) => skill.skillId, {
        basePath: [],
        keyPath: ['skillId'],
        what: 'skill',
        why: 'an agent has one level per skill',
      })
    }),
})

/** Longest SIP URI of an agent's phone. */
export const AGENT_SIP_URI_LENGTH_MAX = 256
/** Bounds of a registering softphone's digest password. */
export const AGENT_SIP_PASSWORD_LENGTH_MIN = 8
export const AGENT_SIP_PASSWORD_LENGTH_MAX = 256

export const agentSchema = z
  .object({
    id: idSchema('id'),
    name: nameSchema('name'),
    teamIds: z
      .array(idSchema('teamIds[]'))
      .max(AGENT_TEAMS_MAX, `an agent belongs to at most ${AGENT_TEAMS_MAX} teams`)
      .default([]),
    profile: agentProfileSchema,
    /**
     * Issue 14: the static SIP URI of the agent's phone. With `--telephony sip` the reservation
     * call (R7.2) rings it; without one the agent answers in the desktop.
     */
    sipUri: z
      .string()
      .max(AGENT_SIP_URI_LENGTH_MAX, `sipUri is longer than ${AGENT_SIP_URI_LENGTH_MAX} characters`)
      .regex(/^sip:[^\s<>;@]+@[0-9A-Za-z.-]+(:\d{1,5})?$/, 'sipUri must be sip:user@host[:port]')
      .optional(),
    /**
     * Issue 14: the password of a softphone that registers (REGISTER with digest, user name
     * `<agent id>@<tenant id>`). Write-only: sealed at rest, never returned.
     */
    sipPassword: z
      .string()
      .min(
        AGENT_SIP_PASSWORD_LENGTH_MIN,
        `sipPassword needs at least ${AGENT_SIP_PASSWORD_LENGTH_MIN} characters`,
      )
      .max(
        AGENT_SIP_PASSWORD_LENGTH_MAX,
        `sipPassword is longer than ${AGENT_SIP_PASSWORD_LENGTH_MAX} characters`,
      )
      .optional(),
  })
  .superRefine((agent, ctx) => {
    addDuplicateIssues(ctx, agent.teamIds, (teamId) => teamId, {
      basePath: ['teamIds'],
      keyPath: [],
      what: 'team',
      why: 'an agent is a member of a team once',
    })
  })
export type Agent = z.infer<typeof agentSchema>

export type CampaignTeamMembershipCheck =
  | { kind: 'ok' }
  | { kind: 'outboundNotAllowed'; agentIds: string[] }

/**
 * R7.1: every agent in the campaign's teams must have a profile that allows outbound campaigns.
 * `campaignTeamIds` are the teams of the campaign's outdial queue.
 */
export function checkCampaignTeamMembers(
  agents: readonly Agent[],
  campaignTeamIds: readonly string[],
): CampaignTeamMembershipCheck {
  const campaignTeams = new Set(campaignTeamIds)
  const refused = agents
    .filter((agent) => agent.teamIds.some((teamId) => campaignTeams.has(teamId)))
    .filter((agent) => !canJoinCampaignTeam(agent))
    .map((agent) => agent.id)
  return refused.length === 0 ? { kind: 'ok' } : { kind: 'outboundNotAllowed', agentIds: refused }
}

/** R7.1: may this agent be added to a campaign team? */
export function canJoinCampaignTeam(agent: Agent): boolean {
  return agent.profile.outboundCampaignsAllowed
}
