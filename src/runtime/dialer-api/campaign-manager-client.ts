// HTTP to the campaign manager (R4.1, R10.2): every call carries the connector's basic auth, has a
// timeout, and reads a bounded answer. URLs resolve against the connector's resource domain and
// must stay on its origin, so the connector's credentials never go to another host.
import { Buffer } from 'node:buffer'
import type { ConnectorCredentials } from '../../store/ports/dialer-store.ts'
import { type DialingListParse, parseDialingList } from './records.ts'

export const CAMPAIGN_MANAGER_TIMEOUT_MS = 10_000
/** An answer of 400 records of 28 fields of 256 characters fits well inside. */
export const RESPONSE_BYTES_MAX = 8 * 1024 * 1024

export type FetchLike = typeof fetch

export type ResolvedUrl = { ok: true; url: URL } | { ok: false; message: string }

/**
 * A relative URL resolves against the resource domain as a directory (its path is kept:
 * `https://cm.example/api` + `lists/1` → `https://cm.example/api/lists/1`); an absolute one must
 * have the resource domain's origin.
 */
export function resolveCampaignManagerUrl(resourceDomain: string, url: string): ResolvedUrl {
  let base: URL
  try {
    base = new URL(resourceDomain.endsWith('/') ? resourceDomain : `${resourceDomain}/`)
  } catch {
    return { ok: false, message: 'the connector resource domain is not a URL' }
  }
  let resolved: URL
  try {
    resolved = new URL(url.startsWith('/') ? url.slice(1) : url, base)
  } catch {
    return { ok: false, message: `'${url}' is not a URL` }
  }
  if (resolved.origin !== base.origin) {
    return {
      ok: false,
      message: `${resolved.origin} is not the connector's resource domain ${base.origin}: the connector's credentials go only there (R4.1)`,
    }
  }
  return { ok: true, url: resolved }
}

export type FetchRecordsOutcome =
  | ({ kind: 'ok' } & Extract<DialingListParse, { ok: true }>)
  | { kind: 'error'; message: string }

export type PostOutcome =
  | { kind: 'delivered' }
  | { kind: 'retry'; message: string }
  | { kind: 'rejected'; status: number }

export interface ClientOptions {
  fetch?: FetchLike
  timeoutMs?: number
}

async function readBounded(response: Response, bytesMax: number): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? '0')
  if (declared > bytesMax) throw new Error(`answer of ${declared} bytes is over ${bytesMax}`)
  const reader = response.body?.getReader()
  if (!reader) return ''
  const decoder = new TextDecoder()
  let text = ''
  let bytes = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    bytes += value.byteLength
    if (bytes > bytesMax) {
      await reader.cancel()
      throw new Error(`answer over ${bytesMax} bytes`)
    }
    text += decoder.decode(value, { stream: true })
  }
  return text + decoder.decode()
}

export class CampaignManagerClient {
  private readonly fetch: FetchLike
  private readonly timeoutMs: number

  constructor(
    readonly credentials: ConnectorCredentials,
    options: ClientOptions = {},
  ) {
    this.fetch = options.fetch ?? globalThis.fetch
    this.timeoutMs = options.timeoutMs ?? CAMPAIGN_MANAGER_TIMEOUT_MS
  }

  resolve(url: string): ResolvedUrl {
    return resolveCampaignManagerUrl(this.credentials.resourceDomain, url)
  }

  private authorization(): string {
    const { username, password } = this.credentials
    return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`
  }

  /** GET `<list URL>?count=N&campaignId=…` (docs/dialer-api.md). */
  async fetchRecords(
    listUrl: string,
    campaignId: string,
    count: number,
  ): Promise<FetchRecordsOutcome> {
    const resolved = this.resolve(listUrl)
    if (!resolved.ok) return { kind: 'error', message: resolved.message }
    const url = new URL(resolved.url)
    url.searchParams.set('count', String(count))
    url.searchParams.set('campaignId', campaignId)
    try {
      const response = await this.fetch(url, {
        method: 'GET',
        headers: { authorization: this.authorization(), accept: 'application/json' },
        signal: AbortSignal.timeout(this.timeoutMs),
      })
      const text = await readBounded(response, RESPONSE_BYTES_MAX)
      if (!response.ok)
        return { kind: 'error', message: `the campaign manager answered ${response.status}` }
      let json: unknown
      try {
        json = JSON.parse(text)
      } catch {
        return { kind: 'error', message: 'the dialing list answer is not JSON' }
      }
      const parsed = parseDialingList(json, campaignId)
      if (!parsed.ok) {
        const detail = parsed.issues.map((i) => `${i.path}: ${i.message}`).join('; ')
        return { kind: 'error', message: `${parsed.message}: ${detail}` }
      }
      return { kind: 'ok', ...parsed }
    } catch (error) {
      return { kind: 'error', message: error instanceof Error ? error.message : String(error) }
    }
  }

  /** POSTs a signed JSON body; 2xx delivered, 408/425/429/5xx and network errors retried. */
  async post(url: URL, body: string, headers: Record<string, string>): Promise<PostOutcome> {
    try {
      const response = await this.fetch(url, {
        method: 'POST',
        headers: {
          authorization: this.authorization(),
          'content-type': 'application/json',
          ...headers,
        },
        body,
        signal: AbortSignal.timeout(this.timeoutMs),
      })
      await response.body?.cancel()
      if (response.ok) return { kind: 'delivered' }
      const status = response.status
      if (status === 408 || status === 425 || status === 429 || status >= 500) {
        return { kind: 'retry', message: `the campaign manager answered ${status}` }
      }
      return { kind: 'rejected', status }
    } catch (error) {
      return { kind: 'retry', message: error instanceof Error ? error.message : String(error) }
    }
  }
}
