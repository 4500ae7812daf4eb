// Issue 16, tenant and role leaks, through the HTTP API on SQLite and PostgreSQL: usernames are
// unique per tenant (a 409 never tells one tenant about another's users) and a login names its
// tenant when its username is used in several; agents add to their tenant's internal DNC list only
// numbers from their own calls, create no list and never touch a national one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Dialect, type Harness, openHarness, PASSWORD } from './harness.ts'

const WRONG_LOGIN =
  'wrong username or password (a username used in more than one tenant also needs `tenant`)'

describe.each<Dialect>([
  'sqlite',
  'postgres',
])('tenant and role leaks on %s (issue 16)', (dialect) => {
  let h: Harness | null = null
  beforeAll(async () => {
    h = await openHarness(dialect)
  })
  afterAll(async () => h?.close())

  it('usernames are unique per tenant: another tenant may create a username tenant one has, and a 409 is only for the own tenant', async (ctx) => {
    if (!h) return ctx.skip()
    const sameName = await h.call('admin2', 'POST', '/v1/users', {
      username: 'super1',
      password: PASSWORD,
      role: 'supervisor',
    })
    expect(sameName.statusCode).toBe(201)
    const dup = await h.call('admin2', 'POST', '/v1/users', {
      username: 'super1',
      password: PASSWORD,
      role: 'admin',
    })
    expect(dup.statusCode).toBe(409)
    expect(dup.json().details[0]).toMatchObject({ path: 'username' })
    const t1Users = (await h.call('admin1', 'GET', '/v1/users')).json()
    expect(t1Users.items.filter((u: { username: string }) => u.username === 'super1')).toHaveLength(
      1,
    )
  })

  it('a login names its tenant when its username is used in several, and may omit it when the username is unique', async (ctx) => {
    if (!h) return ctx.skip()
    // super1 exists in t1 and (from the test above) in t2.
    const ambiguous = await h.call(null, 'POST', '/v1/auth/token', {
      username: 'super1',
      password: PASSWORD,
    })
    expect(ambiguous.statusCode).toBe(401)
    expect(ambiguous.json().message).toBe(WRONG_LOGIN)
    for (const tenant of ['t1', 't2']) {
      const r = await h.call(null, 'POST', '/v1/auth/login', {
        username: 'super1',
        password: PASSWORD,
        tenant,
      })
      expect(r.statusCode).toBe(200)
      expect(r.json().user).toMatchObject({ username: 'super1', tenantId: tenant })
    }
    const unique = await h.call(null, 'POST', '/v1/auth/token', {
      username: 'agent1',
      password: PASSWORD,
    })
    expect(unique.json().user).toMatchObject({ tenantId: 't1' })
    const wrongTenant = await h.call(null, 'POST', '/v1/auth/token', {
      username: 'agent1',
      password: PASSWORD,
      tenant: 't2',
    })
    expect(wrongTenant.statusCode).toBe(401)
    expect(wrongTenant.json().message).toBe(WRONG_LOGIN)
  })

  it('an agent adds a number from one of their calls to an existing internal list, and nothing else', async (ctx) => {
    if (!h) return ctx.skip()
    const called = '+14155550141'
    const neverCalled = '+14155550142'
    const attempts = h.store.forTenant('t1').runtime.attempts
    const opened = await attempts.open({
      attemptId: 'att-dnc-1',
      campaignId: 'camp-1',
      contactId: 'c-1',
      number: called,
      callerId: '+15550100000',
      agentId: 'agent-1',
      atMs: h.nowMs(),
      lease: { owner: 'node-a', untilMs: h.nowMs() + 60_000 },
      storedContact: false,
    })
    expect(opened.kind).toBe('opened')
    const body = (phoneNumber: string) => ({ phoneNumber, source: 'desktop', reason: 'asked' })
    // No list 'internal' yet: an agent does not create one.
    const create = await h.call('agent1', 'POST', '/v1/dncList/internal/phoneNumber', body(called))
    expect(create.statusCode).toBe(403)
    expect(create.json().message).toMatch(/create/)
    expect(
      (await h.call('super1', 'POST', '/v1/dncList/internal/phoneNumber', body('+14155550140')))
        .statusCode,
    ).toBe(201)
    const other = await h.call(
      'agent1',
      'POST',
      '/v1/dncList/internal/phoneNumber',
      body(neverCalled),
    )
    expect(other.statusCode).toBe(403)
    expect(other.json().message).toMatch(/call/)
    const added = await h.call('agent1', 'POST', '/v1/dncList/internal/phoneNumber', body(called))
    expect(added.statusCode).toBe(201)
    expect(added.json()).toMatchObject({ listName: 'internal', phoneNumber: called })
    // A national list, loaded from its file by an administrator, is never an agent's to change.
    const file = await h.app.inject({
      method: 'PUT',
      url: '/v1/dncList/national-us/file?kind=national',
      headers: { authorization: `Bearer ${h.tokens.admin1}`, 'content-type': 'text/csv' },
      payload: 'phoneNumber\n+14155550199\n',
    })
    expect(file.statusCode).toBe(200)
    const national = await h.call(
      'agent1',
      'POST',
      '/v1/dncList/national-us/phoneNumber',
      body(called),
    )
    expect(national.statusCode).toBe(403)
    expect(national.json().message).toMatch(/national/)
    const listed = (await h.call('admin1', 'GET', '/v1/dncList/national-us/phoneNumber')).json()
    expect(listed.total).toBe(1)
    // Tenant two's list of the same name is untouched.
    expect((await h.call('admin2', 'GET', '/v1/dncList/internal/phoneNumber')).json().total).toBe(0)
  })
})
