// Routing configuration through the configuration resources (Appendix A): an agent's skill profile
// and an inbound queue's routing type with its skill requirements are stored and read back; levels
// out of range, a SKILLS_BASED queue without requirements and requirements on another routing type
// are refused with the field path. The engine's side: src/dialer/routing/routing-types.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Harness, openHarness } from './harness.ts'

describe('Appendix A routing settings in the configuration API', () => {
  let h: Harness | null = null
  beforeAll(async () => {
    h = await openHarness('sqlite')
    await h!.call('admin1', 'POST', '/v1/teams', { id: 'team-care', name: 'Care' })
  })
  afterAll(async () => h?.close())

  const agent = (skills: unknown) => ({
    id: 'agent-ana',
    name: 'Ana',
    teamIds: ['team-care'],
    profile: { outboundCampaignsAllowed: false, skills },
  })
  const queue = (routingType: string, skillRequirements?: unknown) => ({
    id: 'q-care',
    name: 'Care',
    type: 'INBOUND',
    routingType,
    callDistributionGroups: [{ teamIds: ['team-care'] }],
    ...(skillRequirements === undefined ? {} : { skillRequirements }),
  })
  const paths = (body: { details: { path: string }[] }) => body.details.map((d) => d.path)

  it("stores an agent's skill profile and refuses a level out of range or a skill twice", async () => {
    const tooHigh = await h!.call(
      'admin1',
      'POST',
      '/v1/agents',
      agent([{ skillId: 'es', level: 11 }]),
    )
    expect(tooHigh.statusCode).toBe(400)
    expect(paths(tooHigh.json())).toEqual(['profile.skills[0].level'])
    const twice = await h!.call(
      'admin1',
      'POST',
      '/v1/agents',
      agent([
        { skillId: 'es', level: 3 },
        { skillId: 'es', level: 4 },
      ]),
    )
    expect(twice.statusCode).toBe(400)
    expect(paths(twice.json())).toEqual(['profile.skills[1].skillId'])
    const created = await h!.call(
      'admin1',
      'POST',
      '/v1/agents',
      agent([{ skillId: 'es', level: 7 }]),
    )
    expect(created.statusCode).toBe(201)
    const read = await h!.call('admin1', 'GET', '/v1/agents/agent-ana')
    expect(read.json().body.profile).toEqual({
      outboundCampaignsAllowed: false,
      skills: [{ skillId: 'es', level: 7 }],
    })
  })

  it('stores a SKILLS_BASED queue with its requirements and refuses requirements that would not apply', async () => {
    const none = await h!.call('admin1', 'POST', '/v1/queues', queue('SKILLS_BASED'))
    expect(none.statusCode).toBe(400)
    expect(paths(none.json())).toEqual(['skillRequirements'])
    const onLinear = await h!.call(
      'admin1',
      'POST',
      '/v1/queues',
      queue('LINEAR', [{ skillId: 'es', minLevel: 5 }]),
    )
    expect(onLinear.statusCode).toBe(400)
    expect(paths(onLinear.json())).toEqual(['skillRequirements'])
    const zero = await h!.call(
      'admin1',
      'POST',
      '/v1/queues',
      queue('SKILLS_BASED', [{ skillId: 'es', minLevel: 0 }]),
    )
    expect(paths(zero.json())).toEqual(['skillRequirements[0].minLevel'])
    const created = await h!.call(
      'admin1',
      'POST',
      '/v1/queues',
      queue('SKILLS_BASED', [{ skillId: 'es', minLevel: 5 }]),
    )
    expect(created.statusCode).toBe(201)
    const read = await h!.call('admin1', 'GET', '/v1/queues/q-care')
    expect(read.json().body).toMatchObject({
      routingType: 'SKILLS_BASED',
      skillRequirements: [{ skillId: 'es', minLevel: 5 }],
    })
  })
})
