// Digest authentication of a request the trunk challenged with 401 or 407 (RFC 2617 MD5, with or
// without qop=auth, as RFC 3261 §22 uses it).
import { createHash } from 'node:crypto'

export interface DigestChallenge {
  realm: string
  nonce: string
  opaque?: string
  algorithm?: string
  qop?: string
}

export interface DigestCredentials {
  username: string
  password: string
}

/** Reads a `Digest realm="…", nonce="…"` challenge; null when it is not a usable MD5 one. */
export function parseChallenge(value: string): DigestChallenge | null {
  const params = digestParams(value)
  if (!params) return null
  if (params.realm === undefined || params.nonce === undefined) return null
  if (params.algorithm && params.algorithm.toUpperCase() !== 'MD5') return null
  return {
    realm: params.realm,
    nonce: params.nonce,
    ...(params.opaque !== undefined ? { opaque: params.opaque } : {}),
    ...(params.algorithm !== undefined ? { algorithm: params.algorithm } : {}),
    ...(params.qop !== undefined ? { qop: params.qop } : {}),
  }
}

const md5 = (text: string) => createHash('md5').update(text).digest('hex')

/** The digest `response` value (RFC 2617 §3.2.2.1); `qop` auth when `nc` and `cnonce` are given. */
export function digestResponse(
  realm: string,
  nonce: string,
  credentials: DigestCredentials,
  method: string,
  uri: string,
  qopAuth: { nc: string; cnonce: string } | null,
): string {
  const ha1 = md5(`${credentials.username}:${realm}:${credentials.password}`)
  const ha2 = md5(`${method}:${uri}`)
  return qopAuth
    ? md5(`${ha1}:${nonce}:${qopAuth.nc}:${qopAuth.cnonce}:auth:${ha2}`)
    : md5(`${ha1}:${nonce}:${ha2}`)
}

/** The name=value parameters of a `Digest …` header value. */
export function digestParams(value: string): Record<string, string> | null {
  const m = /^\s*Digest\s+(.*)$/i.exec(value)
  if (!m) return null
  const params: Record<string, string> = {}
  for (const p of m[1]!.matchAll(/([A-Za-z-]+)\s*=\s*(?:"([^"]*)"|([^\s,]+))/g))
    params[p[1]!.toLowerCase()] = p[2] ?? p[3] ?? ''
  return params
}

/** The Authorization (or Proxy-Authorization) value for `method` on `uri`. */
export function digestAuthorization(
  challenge: DigestChallenge,
  credentials: DigestCredentials,
  method: string,
  uri: string,
  cnonce: string,
  nonceCount = 1,
): string {
  const auth = challenge.qop
    ?.split(',')
    .map((q) => q.trim())
    .includes('auth')
  const nc = nonceCount.toString(16).padStart(8, '0')
  const response = digestResponse(
    challenge.realm,
    challenge.nonce,
    credentials,
    method,
    uri,
    auth ? { nc, cnonce } : null,
  )
  const parts = [
    `username="${credentials.username}"`,
    `realm="${challenge.realm}"`,
    `nonce="${challenge.nonce}"`,
    `uri="${uri}"`,
    `response="${response}"`,
    'algorithm=MD5',
  ]
  if (challenge.opaque !== undefined) parts.push(`opaque="${challenge.opaque}"`)
  if (auth) parts.push('qop=auth', `nc=${nc}`, `cnonce="${cnonce}"`)
  return `Digest ${parts.join(', ')}`
}
