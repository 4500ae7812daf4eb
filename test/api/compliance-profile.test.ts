// R5.5 through the API (issue 11): a CUSTOM campaign sets every rule a compliance profile has —
// calling hours, abandon cap and window, repeat-call block, minimum ring time, national-list age,
// information message, connect rule — each checked against its range with the field path and the
// reason; the US and UK profiles fix them (a rule set there is refused, naming the profile).
// National lists per region (R5.4): each loaded with its region, and a campaign's contacts are
// scrubbed against the lists of the regions its profile names.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONFIG_KINDS } from '../../src/api/resources/config-kinds.ts'
import { demoTenantObjects } from '../../src/server/seed/demo-tenant.ts'
import { type Dialect, type Harness, openHarness } from './harness.ts'

const pathOf = (kind: string) => CONFIG_KINDS.find((k) => k.kind === kind)!.path

const CUSTOM_RULES = {
  complianceProfile: 'CUSTOM',
  callingWindow: [{ day: 1, startLocal: '09:00', endLocal: '17:00' }],
  abandonRatePctMax: 2.5,
  abandonWindowSec: 7 * 86_400,
  repeatAfterAbandonSec: 48 * 3600,
  ringSecMin: 20,
  nationalDncAgeSecMax: 14 * 86_400,
  abandonMessageRequired: true,
  connectSecMax: 3,
}

describe.each<Dialect>([
  'sqlite',
  'postgres',
])('CUSTOM compliance profiles on %s (R5.5)', (dialect) => {
  let h: Harness | null = null
  let renewals: Record<string, unknown>
  beforeAll(async () => {
    h = await openHarness(dialect)
    if (!h) return
    for (const object of demoTenantObjects())
      expect((await h.call('admin1', 'POST', pathOf(object.kind), object.body)).statusCode).toBe(
        201,
      )
    renewals = (await h.call('admin1', 'GET', '/v1/campaigns/renewals')).json().body
  })
  afterAll(async () => h?.close())

  it('stores every rule of a CUSTOM profile and answers it back', async (ctx) => {
    if (!h) return ctx.skip()
    const put = await h.call('admin1', 'PUT', '/v1/campaigns/renewals', {
      ...renewals,
      ...CUSTOM_RULES,
    })
    expect(put.statusCode, put.body).toBe(200)
    const stored = (await h.call('admin1', 'GET', '/v1/campaigns/renewals')).json().body
    expect(stored).toMatchObject(CUSTOM_RULES)
  })

  it('refuses each rule out of its range with its field path and the reason', async (ctx) => {
    if (!h) return ctx.skip()
    const cases: [string, unknown, RegExp][] = [
      ['abandonRatePctMax', 0.5, /below 1 %/],
      ['abandonRatePctMax', 2.55, /steps of 0.1/],
      ['abandonWindowSec', 30, /below 60 s/],
      ['repeatAfterAbandonSec', 31 * 86_400, /above 2592000 s/],
      ['ringSecMin', 81, /above 80 s/],
      ['nationalDncAgeSecMax', 3600, /below 86400 s/],
      ['abandonMessageRequired', 'yes', /true or false/],
      ['connectSecMax', 11, /above 10 s/],
    ]
    for (const [field, value, message] of cases) {
      const r = await h.call('admin1', 'PUT', '/v1/campaigns/renewals', {
        ...renewals,
        complianceProfile: 'CUSTOM',
        [field]: value,
      })
      expect(r.statusCode, `${field} = ${String(value)}`).toBe(400)
      expect(r.json().details).toContainEqual({
        path: field,
        message: expect.stringMatching(message),
      })
    }
  })

  it('leaves the rules of the US and UK profiles to the profile', async (ctx) => {
    if (!h) return ctx.skip()
    const r = await h.call('admin1', 'PUT', '/v1/campaigns/renewals', {
      ...renewals,
      callingWindow: undefined,
      complianceProfile: 'UK',
      ringSecMin: 20,
      abandonWindowSec: 3600,
    })
    expect(r.statusCode).toBe(400)
    expect(r.json().details).toEqual(
      expect.arrayContaining([
        {
          path: 'ringSecMin',
          message: expect.stringMatching(/set by the UK profile; choose complianceProfile CUSTOM/),
        },
        { path: 'abandonWindowSec', message: expect.stringMatching(/set by the UK profile/) },
      ]),
    )
  })

  it('keeps a national list per region and scrubs a campaign against its regions only', async (ctx) => {
    if (!h) return ctx.skip()
    const load = (name: string, query: string, body: string) =>
      h!.app.inject({
        method: 'PUT',
        url: `/v1/dncList/${name}/file?${query}`,
        payload: body,
        headers: { authorization: `Bearer ${h!.tokens.admin1}`, 'content-type': 'text/csv' },
      })
    const us = await load('us-registry', 'kind=national&defaultCountry=US', '(415) 555-0101\n')
    expect(us.statusCode, us.body).toBe(200)
    expect(us.json()).toMatchObject({ kind: 'national', region: 'US', count: 1 })
    const uk = await load('uk-tps', 'kind=national&defaultCountry=GB', '020 7946 0001\n')
    expect(uk.json()).toMatchObject({ kind: 'national', region: 'UK', count: 1 })
    const info = await h.call('super1', 'GET', '/v1/dncList/uk-tps')
    expect(info.json()).toMatchObject({ region: 'UK', kind: 'national' })
    const badRegion = await load('x', 'kind=national&region=FR', '+33100000000\n')
    expect(badRegion.statusCode).toBe(400)

    const lists = h.store.forTenant('t1').contactLists
    const put = (body: Record<string, unknown>) =>
      h!.call('admin1', 'PUT', '/v1/campaigns/renewals', {
        ...renewals,
        ...CUSTOM_RULES,
        ndncEnabled: true,
        ...body,
      })
    expect((await put({ nationalDncRegions: ['UK'] })).statusCode).toBe(200)
    expect(await lists.scrubLists('renewals')).toEqual(expect.arrayContaining(['uk-tps']))
    expect(await lists.scrubLists('renewals')).not.toContain('us-registry')
    expect((await put({ nationalDncRegions: ['US', 'UK'] })).statusCode).toBe(200)
    expect(await lists.scrubLists('renewals')).toEqual(
      expect.arrayContaining(['us-registry', 'uk-tps']),
    )
    const twice = await put({ nationalDncRegions: ['UK', 'UK'] })
    expect(twice.statusCode).toBe(400)
    expect(twice.json().details[0].path).toBe('nationalDncRegions')
  })
})
