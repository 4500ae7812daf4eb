// Goal: teams carry unique agents and queue rankings of 1..100 with unique queue ids (R8.2, R4.2).
import { describe, expect, it } from 'vitest'
import { messageAt } from './issues.testkit.ts'
import { teamSchema } from './team.ts'

const sales = {
  id: 'team-sales',
  name: 'Sales',
  agentIds: ['agent-1', 'agent-2'],
  queueRankings: [
    { queueId: 'q-campaign', rank: 1 },
    { queueId: 'q-inbound', rank: 2 },
  ],
}

describe('teamSchema', () => {
  it('accepts a good team', () => {
    expect(teamSchema.parse(sales).queueRankings).toEqual(sales.queueRankings)
  })

  it('defaults to no agents and no rankings', () => {
    expect(teamSchema.parse({ id: 't', name: 'T' })).toEqual({
      id: 't',
      name: 'T',
      agentIds: [],
      queueRankings: [],
    })
  })

  it('refuses a rank outside 1..100, at the rank', () => {
    const result = teamSchema.safeParse({ ...sales, queueRankings: [{ queueId: 'q', rank: 101 }] })
    expect(messageAt(result, ['queueRankings', 0, 'rank'])).toMatch(/above 100.*R8\.2/)
  })

  it('refuses a fractional rank', () => {
    const result = teamSchema.safeParse({ ...sales, queueRankings: [{ queueId: 'q', rank: 1.5 }] })
    expect(messageAt(result, ['queueRankings', 0, 'rank'])).toMatch(/whole number in 1–100/)
  })

  it('refuses a queue ranked twice, at the second ranking', () => {
    const result = teamSchema.safeParse({
      ...sales,
      queueRankings: [
        { queueId: 'q', rank: 1 },
        { queueId: 'q', rank: 5 },
      ],
    })
    expect(messageAt(result, ['queueRankings', 1, 'queueId'])).toMatch(
      /one rank per team \(R8\.2\)/,
    )
  })

  it('refuses a repeated agent', () => {
    const result = teamSchema.safeParse({ ...sales, agentIds: ['a', 'b', 'a'] })
    expect(messageAt(result, ['agentIds', 2])).toMatch(/repeated \(first at index 0\)/)
  })

  it('refuses agentIds of the wrong type', () => {
    const result = teamSchema.safeParse({ ...sales, agentIds: 'agent-1' })
    expect(result.success).toBe(false)
  })
})
