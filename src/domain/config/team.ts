// Teams (R4.2, R8.2): a named set of agents, and the ranking of the queues the team serves. A rank
// lets a campaign queue win over inbound queues for this team's agents (R8.2 queue ranking).
import { z } from 'zod'
import {
  QUEUE_RANK_MAX,
  QUEUE_RANK_MIN,
  TEAM_AGENTS_MAX,
  TEAM_QUEUE_RANKINGS_MAX,
} from './limits.ts'
import { addDuplicateIssues, boundedInt, idSchema, nameSchema } from './schema-kit.ts'

export const queueRankingSchema = z.object({
  queueId: idSchema('queueId'),
  /** 1 is served first. */
  rank: boundedInt({
    field: 'rank',
    min: QUEUE_RANK_MIN,
    max: QUEUE_RANK_MAX,
    unit: '',
    why: 'R8.2 queue ranking, 1 = served first',
  }),
})

export const teamSchema = z
  .object({
    id: idSchema('id'),
    name: nameSchema('name'),
    agentIds: z
      .array(idSchema('agentIds[]'))
      .max(TEAM_AGENTS_MAX, `a team has at most ${TEAM_AGENTS_MAX} agents (R4.3 queue capacity)`)
      .default([]),
    queueRankings: z
      .array(queueRankingSchema)
      .max(TEAM_QUEUE_RANKINGS_MAX, `a team ranks at most ${TEAM_QUEUE_RANKINGS_MAX} queues`)
      .default([]),
  })
  .superRefine((team, ctx) => {
    addDuplicateIssues(ctx, team.agentIds, (agentId) => agentId, {
      basePath: ['agentIds'],
      keyPath: [],
      what: 'agent',
      why: 'an agent is a member of a team once',
    })
    addDuplicateIssues(ctx, team.queueRankings, (ranking) => ranking.queueId, {
      basePath: ['queueRankings'],
      keyPath: ['queueId'],
      what: 'queue',
      why: 'a queue has one rank per team (R8.2)',
    })
  })
export type Team = z.infer<typeof teamSchema>
