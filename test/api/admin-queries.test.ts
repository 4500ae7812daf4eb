// Goal (issue 13, R4.2): what the administration pages ask of the API works on a real database —
// a configuration list searched by a part of the id or the name (case-insensitive) and paged; a
// stale edit answers 409 naming the version the caller edited and the current one; the audit log
// filtered by who, object kind, action (exact or prefix) and time range; agents are refused both.
// On SQLite and PostgreSQL (skipped off CI without a PostgreSQL server, as every PostgreSQL suite).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Dialect, type Harness, openHarness } from './harness.ts'

describe.each<Dialect>([
  'sqlite',
  'postgres',
])('administration queries on %s (issue 13)', (dialect) => {
  let h: Harness | null = null
  beforeAll(async () => {
    h = await openHarness(dialect)
    if (!h) return
    for (const [id, name] of [
      ['team-care', 'Customer Care'],
      ['team-sales', 'Sales'],
      ['team-win', 'Winback care'],
    ])
      await h!.call('admin1', 'POST', '/v1/teams', { id, name })
  })
  afterAll(async () => h?.close())

  it('searches a configuration list by a part of the id or the name, with paging', async (ctx) => {
    if (!h) return ctx.skip()
    const care = (await h!.call('admin1', 'GET', '/v1/teams?q=CARE')).json()
    expect(care.items.map((t: { id: string }) => t.id)).toEqual(['team-care', 'team-win'])
    expect(care.total).toBe(2)
    const second = (await h!.call('admin1', 'GET', '/v1/teams?q=care&limit=1&offset=1')).json()
    expect(second).toMatchObject({ total: 2, limit: 1, offset: 1 })
    expect(second.items.map((t: { id: string }) => t.id)).toEqual(['team-win'])
    const byId = (await h!.call('admin1', 'GET', '/v1/teams?q=sales')).json()
    expect(byId.items.map((t: { id: string }) => t.id)).toEqual(['team-sales'])
    expect((await h!.call('admin1', 'GET', '/v1/teams?q=100%25')).json().total).toBe(0)
    expect((await h!.call('agent1', 'GET', '/v1/teams?q=care')).statusCode).toBe(403)
  })

  it('answers a stale edit with 409 naming the edited and the current version', async (ctx) => {
    if (!h) return ctx.skip()
    const first = await h!.call('admin1', 'PUT', '/v1/teams/team-sales', {
      id: 'team-sales',
      name: 'Sales 2',
    })
    expect(first.json().version).toBe(2)
    const stale = await h!.call(
      'admin1',
      'PUT',
      '/v1/teams/team-sales',
      { id: 'team-sales', name: 'Sales 3' },
      { 'if-match': '1' },
    )
    expect(stale.statusCode).toBe(409)
    expect(stale.json().details).toEqual([
      { path: 'version', message: 'you edited version 1; it is now 2' },
    ])
  })

  it('filters the audit log by who, kind, action and time range', async (ctx) => {
    if (!h) return ctx.skip()
    const users = (await h!.call('admin1', 'GET', '/v1/users')).json()
    const admin1 = users.items.find((u: { username: string }) => u.username === 'admin1').id
    await h!.call('admin1', 'DELETE', '/v1/teams/team-win')
    const all = (await h!.call('admin1', 'GET', '/v1/audit')).json()
    const actions = (query: string) =>
      h!
        .call('admin1', 'GET', `/v1/audit?${query}`)
        .then((r) => r.json().items.map((e: { action: string }) => e.action))
    expect(await actions('kind=team&action=team.delete')).toEqual(['team.delete'])
    expect(await actions('action=team.')).toEqual([
      'team.delete',
      'team.update',
      'team.create',
      'team.create',
      'team.create',
    ])
    expect(await actions(`actor=${admin1}&kind=team&action=team.create`)).toHaveLength(3)
    expect(await actions('actor=nobody')).toEqual([])
    const newest = all.items[0].at as string
    expect(await actions(`from=${encodeURIComponent(newest)}`)).toEqual(['team.delete'])
    expect(await actions(`kind=team&to=${encodeURIComponent(newest)}`)).not.toContain('team.delete')
    const bad = await h!.call('admin1', 'GET', '/v1/audit?from=yesterday')
    expect(bad.statusCode).toBe(400)
    expect((await h!.call('agent1', 'GET', '/v1/audit?kind=team')).statusCode).toBe(403)
    expect((await h!.call('super1', 'GET', '/v1/audit')).statusCode).toBe(403)
  })
})
