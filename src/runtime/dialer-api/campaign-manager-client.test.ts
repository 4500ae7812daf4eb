// Goal: calls to the campaign manager stay on the connector's origin (its credentials go nowhere
// else, R4.1), relative list URLs keep the resource domain's path, and answers are bounded and
// checked: a non-JSON, oversized or failing answer is an error the puller backs off from.
import { describe, expect, it } from 'vitest'
import { CampaignManagerClient, resolveCampaignManagerUrl } from './campaign-manager-client.ts'

const credentials = { resourceDomain: 'https://cm.example/api', username: 'u', password: 'p' }

describe('resolveCampaignManagerUrl', () => {
  it('resolves relative URLs under the resource domain and refuses other origins', () => {
    const resolve = (url: string) => {
      const r = resolveCampaignManagerUrl('https://cm.example/api', url)
      return r.ok ? r.url.href : r.message
    }
    expect(resolve('campaignMgr/v1/c1/dialinglist/')).toBe(
      'https://cm.example/api/campaignMgr/v1/c1/dialinglist/',
    )
    expect(resolve('/lists/1')).toBe('https://cm.example/api/lists/1')
    expect(resolve('https://cm.example/other')).toBe('https://cm.example/other')
    expect(resolve('https://evil.example/steal')).toMatch(/not the connector's resource domain/)
    expect(resolve('http://cm.example/api/x')).toMatch(/not the connector's resource domain/)
  })
})

describe('CampaignManagerClient', () => {
  const answer = (body: string, init: ResponseInit = {}) =>
    (async () => new Response(body, init)) as unknown as typeof fetch

  it('fetches with basic auth, count and campaignId', async () => {
    let seen: { url: string; auth: string | null } | null = null
    const fetchSpy = (async (url: URL, init: RequestInit) => {
      seen = { url: url.href, auth: new Headers(init.headers).get('authorization') }
      return new Response(JSON.stringify({ records: [], done: true }))
    }) as unknown as typeof fetch
    const client = new CampaignManagerClient(credentials, { fetch: fetchSpy })
    expect(await client.fetchRecords('list', 'c 1', 5)).toMatchObject({ kind: 'ok', done: true })
    expect(seen).toEqual({
      url: 'https://cm.example/api/list?count=5&campaignId=c+1',
      auth: `Basic ${Buffer.from('u:p').toString('base64')}`,
    })
  })

  it('turns bad answers into errors', async () => {
    const fetchWith = (f: typeof fetch) => new CampaignManagerClient(credentials, { fetch: f })
    expect(await fetchWith(answer('nope')).fetchRecords('l', 'c', 1)).toMatchObject({
      kind: 'error',
      message: 'the dialing list answer is not JSON',
    })
    expect(await fetchWith(answer('{}', { status: 500 })).fetchRecords('l', 'c', 1)).toMatchObject({
      kind: 'error',
      message: 'the campaign manager answered 500',
    })
    const huge = answer('x'.repeat(9 * 1024 * 1024))
    expect(await fetchWith(huge).fetchRecords('l', 'c', 1)).toMatchObject({ kind: 'error' })
    const down = (async () => {
      throw new Error('connect ECONNREFUSED')
    }) as unknown as typeof fetch
    expect(await fetchWith(down).fetchRecords('l', 'c', 1)).toEqual({
      kind: 'error',
      message: 'connect ECONNREFUSED',
    })
    expect(await fetchWith(down).post(new URL('https://cm.example/r'), '{}', {})).toMatchObject({
      kind: 'retry',
    })
    expect(
      await fetchWith(answer('', { status: 400 })).post(new URL('https://cm.example/r'), '{}', {}),
    ).toEqual({
      kind: 'rejected',
      status: 400,
    })
  })
})
