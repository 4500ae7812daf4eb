// Goal: queues follow R4.3 / R4.6 — an outdial queue routes to the longest available agent, has
// exactly one call distribution group and at most 500 agents; the campaign's teams must match.
import { describe, expect, it } from 'vitest'
import { messageAt } from './issues.testkit.ts'
import {
  checkQueueAgents,
  checkQueueTeamsMatch,
  countQueueAgents,
  queueSchema,
  queueTeamIds,
} from './queue.ts'
import { teamSchema } from './team.ts'

const outdial = {
  id: 'q-outdial',
  name: 'Sales outdial',
  type: 'OUTBOUND',
  outboundCampaignEnabled: true,
  routingType: 'LONGEST_AVAILABLE_AGENT',
  callDistributionGroups: [{ teamIds: ['team-a', 'team-b'] }],
}
const inbound = {
  id: 'q-in',
  name: 'Support',
  type: 'INBOUND',
  routingType: 'SKILLS_BASED',
  skillRequirements: [{ skillId: 'es', minLevel: 5 }],
  callDistributionGroups: [{ teamIds: ['team-a'] }, { teamIds: ['team-b'] }],
}

function team(id: string, agentIds: string[]) {
  return teamSchema.parse({ id, name: id, agentIds })
}

describe('queueSchema', () => {
  it('accepts a good outdial queue and defaults the time in queue to 3600 s', () => {
    expect(queueSchema.parse(outdial).maxTimeInQueueSec).toBe(3600)
  })

  it('accepts an inbound queue with other routing types and several groups', () => {
    expect(queueSchema.parse(inbound).callDistributionGroups).toHaveLength(2)
  })

  it('Appendix A: SKILLS_BASED needs skill requirements, and only SKILLS_BASED takes them', () => {
    const none = queueSchema.safeParse({ ...inbound, skillRequirements: [] })
    expect(messageAt(none, ['skillRequirements'])).toMatch(/needs at least one skill requirement/)
    const linear = queueSchema.safeParse({ ...inbound, routingType: 'LINEAR' })
    expect(messageAt(linear, ['skillRequirements'])).toMatch(/SKILLS_BASED queues only, not LINEAR/)
    const twice = queueSchema.safeParse({
      ...inbound,
      skillRequirements: [
        { skillId: 'es', minLevel: 5 },
        { skillId: 'es', minLevel: 6 },
      ],
    })
    expect(messageAt(twice, ['skillRequirements', 1, 'skillId'])).toMatch(/each skill once/)
    const level = queueSchema.safeParse({
      ...inbound,
      skillRequirements: [{ skillId: 'es', minLevel: 11 }],
    })
    expect(messageAt(level, ['skillRequirements', 0, 'minLevel'])).toMatch(/above 10/)
  })

  it('refuses another routing type on an OUTBOUND queue, at routingType', () => {
    const result = queueSchema.safeParse({ ...outdial, routingType: 'CIRCULAR' })
    expect(messageAt(result, ['routingType'])).toMatch(/LONGEST_AVAILABLE_AGENT.*R4\.3/)
  })

  it('refuses two call distribution groups on an OUTBOUND queue', () => {
    const result = queueSchema.safeParse({
      ...outdial,
      callDistributionGroups: [{ teamIds: ['a'] }, { teamIds: ['b'] }],
    })
    expect(messageAt(result, ['callDistributionGroups'])).toMatch(/exactly 1 .*not 2 \(R4\.3\)/)
  })

  it('refuses a queue without groups', () => {
    const result = queueSchema.safeParse({ ...outdial, callDistributionGroups: [] })
    expect(messageAt(result, ['callDistributionGroups'])).toMatch(/no agent can be reached/)
  })

  it('refuses an empty group', () => {
    const result = queueSchema.safeParse({ ...outdial, callDistributionGroups: [{ teamIds: [] }] })
    expect(messageAt(result, ['callDistributionGroups', 0, 'teamIds'])).toMatch(/at least one team/)
  })

  it('refuses the campaign switch on an INBOUND queue', () => {
    const result = queueSchema.safeParse({ ...inbound, outboundCampaignEnabled: true })
    expect(messageAt(result, ['outboundCampaignEnabled'])).toMatch(/only for OUTBOUND queues/)
  })

  it('refuses a time in queue out of 1–86400 s', () => {
    const result = queueSchema.safeParse({ ...outdial, maxTimeInQueueSec: 86_401 })
    expect(messageAt(result, ['maxTimeInQueueSec'])).toMatch(/above 86400 s.*3600 s recommended/)
    const zero = queueSchema.safeParse({ ...outdial, maxTimeInQueueSec: 0 })
    expect(messageAt(zero, ['maxTimeInQueueSec'])).toMatch(/below 1 s/)
  })

  it('refuses an unknown type', () => {
    const result = queueSchema.safeParse({ ...outdial, type: 'BLENDED' })
    expect(messageAt(result, ['type'])).toMatch(/INBOUND, OUTBOUND/)
  })
})

describe('countQueueAgents / checkQueueAgents (R4.3)', () => {
  const queue = queueSchema.parse(outdial)

  it('counts an agent in two of the queue teams once, and ignores other teams', () => {
    const teams = [team('team-a', ['x', 'y']), team('team-b', ['y', 'z']), team('team-c', ['w'])]
    expect(queueTeamIds(queue)).toEqual(['team-a', 'team-b'])
    expect(countQueueAgents(queue, teams)).toBe(3)
    expect(checkQueueAgents(queue, teams)).toEqual({ kind: 'ok', agentCount: 3 })
  })

  it('accepts exactly 500 agents and refuses 501', () => {
    const ids = (from: number, count: number) =>
      Array.from({ length: count }, (_, index) => `agent-${from + index}`)
    const full = [team('team-a', ids(0, 250)), team('team-b', ids(250, 250))]
    expect(checkQueueAgents(queue, full)).toEqual({ kind: 'ok', agentCount: 500 })
    const over = [team('team-a', ids(0, 250)), team('team-b', ids(250, 251))]
    expect(checkQueueAgents(queue, over)).toEqual({
      kind: 'tooManyAgents',
      agentCount: 501,
      agentCountMax: 500,
    })
  })

  it('names teams the queue routes to that do not exist', () => {
    expect(checkQueueAgents(queue, [team('team-a', ['x'])])).toEqual({
      kind: 'unknownTeams',
      teamIds: ['team-b'],
    })
  })
})

describe('checkQueueTeamsMatch (R4.3)', () => {
  const queue = queueSchema.parse(outdial)

  it('passes when the queue holds exactly the campaign teams', () => {
    expect(checkQueueTeamsMatch(queue, ['team-b', 'team-a'])).toEqual({ kind: 'ok' })
  })

  it('flags a mismatch with both sides', () => {
    expect(checkQueueTeamsMatch(queue, ['team-a', 'team-c'])).toEqual({
      kind: 'mismatch',
      missingFromQueue: ['team-c'],
      extraInQueue: ['team-b'],
    })
  })
})
