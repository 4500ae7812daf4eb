// Goal: agents parse with their profile, and only agents whose profile allows outbound campaigns
// may be in a campaign's teams (R7.1, R4.2).
import { describe, expect, it } from 'vitest'
import { agentSchema, checkCampaignTeamMembers } from './agent.ts'
import { messageAt } from './issues.testkit.ts'

const alice = {
  id: 'agent-1',
  name: 'Alice',
  teamIds: ['team-sales'],
  profile: { outboundCampaignsAllowed: true },
}
const bob = {
  id: 'agent-2',
  name: 'Bob',
  teamIds: ['team-sales', 'team-care'],
  profile: { outboundCampaignsAllowed: false },
}

describe('agentSchema', () => {
  it('accepts a good agent; the skill profile defaults to none', () => {
    expect(agentSchema.parse(alice)).toEqual({
      ...alice,
      profile: { ...alice.profile, skills: [] },
    })
  })

  it('Appendix A: refuses a skill level outside 1–10 and a skill listed twice, at its path', () => {
    const withSkills = (skills: unknown) =>
      agentSchema.safeParse({ ...alice, profile: { outboundCampaignsAllowed: true, skills } })
    expect(withSkills([{ skillId: 'es', level: 10 }]).success).toBe(true)
    expect(
      messageAt(withSkills([{ skillId: 'es', level: 0 }]), ['profile', 'skills', 0, 'level']),
    ).toMatch(/level is below 1/)
    expect(
      messageAt(
        withSkills([
          { skillId: 'es', level: 2 },
          { skillId: 'es', level: 3 },
        ]),
        ['profile', 'skills', 1, 'skillId'],
      ),
    ).toMatch(/one level per skill/)
  })

  it('refuses a profile flag of the wrong type', () => {
    const result = agentSchema.safeParse({ ...alice, profile: { outboundCampaignsAllowed: 1 } })
    expect(messageAt(result, ['profile', 'outboundCampaignsAllowed'])).toMatch(/true or false/)
  })

  it('refuses a missing profile', () => {
    const { profile: _profile, ...noProfile } = alice
    expect(agentSchema.safeParse(noProfile).success).toBe(false)
  })

  it('refuses an empty name', () => {
    const result = agentSchema.safeParse({ ...alice, name: '' })
    expect(messageAt(result, ['name'])).toMatch(/must not be empty/)
  })

  it('refuses the same team twice, at the repeat', () => {
    const result = agentSchema.safeParse({ ...alice, teamIds: ['t', 't'] })
    expect(messageAt(result, ['teamIds', 1])).toMatch(/repeated.*member of a team once/)
  })
})

describe('checkCampaignTeamMembers (R7.1)', () => {
  const agents = [agentSchema.parse(alice), agentSchema.parse(bob)]

  it('passes when every campaign team member may take outbound work', () => {
    expect(checkCampaignTeamMembers(agents, ['team-other'])).toEqual({ kind: 'ok' })
    expect(checkCampaignTeamMembers([agents[0]!], ['team-sales'])).toEqual({ kind: 'ok' })
  })

  it('names the agents whose profile forbids outbound', () => {
    expect(checkCampaignTeamMembers(agents, ['team-care'])).toEqual({
      kind: 'outboundNotAllowed',
      agentIds: ['agent-2'],
    })
  })
})
