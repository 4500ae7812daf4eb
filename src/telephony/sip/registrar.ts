// The registrar of agents' softphones (issue 14): a REGISTER is challenged with digest (401, a
// fresh nonce), checked against the agent's password (user name `<agent id>@<tenant id>`), and its
// Contact kept until it expires; the reservation call then goes to that contact. Expires=0 or `*`
// removes the binding.
import type { Clock } from '../../dialer/ports/clock.ts'
import { digestParams, digestResponse } from './digest.ts'
import { randomToken, responseTo, type SipPeer } from './endpoint.ts'
import {
  addressUri,
  header,
  headerParam,
  type SipRequest,
  type SipResponse,
  uriPeer,
} from './message.ts'

export const SIP_REALM = 'outdial'
/** Registration lifetimes a phone may ask for, in seconds (the default when it asks none). */
export const REGISTER_EXPIRES_SEC_MIN = 60
export const REGISTER_EXPIRES_SEC_MAX = 3600
/** How long a nonce we issued may be answered, in seconds. */
export const NONCE_TTL_SEC = 300
/** Nonces outstanding at once; the oldest are forgotten beyond this. */
const NONCES_MAX = 10_000

export interface Registration {
  /** Where to send the reservation INVITE: the Contact URI, to its host and port (RFC 3261
   * §10; the REGISTER's source address when the contact names none). */
  contact: string
  peer: SipPeer
  expiresAtMs: number
}

export class Registrar {
  private readonly nonces = new Map<string, number>()
  private readonly bindings = new Map<string, Registration>()

  constructor(
    private readonly clock: Clock,
    /** The password of a user name (`agent@tenant`), null when unknown or without one. */
    private readonly passwordOf: (username: string) => string | null,
  ) {}

  lookup(username: string): Registration | null {
    const binding = this.bindings.get(username)
    if (!binding) return null
    if (binding.expiresAtMs <= this.clock.nowMs()) {
      this.bindings.delete(username)
      return null
    }
    return binding
  }

  handle(request: SipRequest, from: SipPeer): SipResponse {
    const nowMs = this.clock.nowMs()
    const params = digestParams(header(request, 'authorization') ?? '')
    const username = params?.username
    const password = username ? this.passwordOf(username) : null
    const issuedAtMs = params?.nonce ? this.nonces.get(params.nonce) : undefined
    const fresh = issuedAtMs !== undefined && nowMs - issuedAtMs <= NONCE_TTL_SEC * 1000
    if (
      !params ||
      !username ||
      password === null ||
      !fresh ||
      !this.valid(request, params, password)
    )
      return this.challenge(request, nowMs)
    const contact = header(request, 'contact')
    if (!contact) return responseTo(request, 200, 'OK', randomToken())
    const asked = Number(headerParam(contact, 'expires') ?? header(request, 'expires') ?? NaN)
    if (contact.trim() === '*' || asked === 0) {
      this.bindings.delete(username)
      return responseTo(request, 200, 'OK', randomToken())
    }
    const expiresSec = Number.isFinite(asked)
      ? Math.min(REGISTER_EXPIRES_SEC_MAX, Math.max(REGISTER_EXPIRES_SEC_MIN, asked))
      : REGISTER_EXPIRES_SEC_MAX
    const uri = addressUri(contact)
    this.bindings.set(username, {
      contact: uri,
      peer: uriPeer(uri) ?? from,
      expiresAtMs: nowMs + expiresSec * 1000,
    })
    return responseTo(request, 200, 'OK', randomToken(), [
      ['contact', `<${uri}>;expires=${expiresSec}`],
    ])
  }

  private valid(request: SipRequest, params: Record<string, string>, password: string): boolean {
    if (params.realm !== SIP_REALM || !params.uri || !params.response) return false
    const qop = params.qop === 'auth' && params.nc && params.cnonce
    const expected = digestResponse(
      SIP_REALM,
      params.nonce!,
      { username: params.username!, password },
      request.method,
      params.uri,
      qop ? { nc: params.nc!, cnonce: params.cnonce! } : null,
    )
    return expected === params.response.toLowerCase()
  }

  private challenge(request: SipRequest, nowMs: number): SipResponse {
    const nonce = randomToken(16)
    this.nonces.set(nonce, nowMs)
    for (const [old, at] of this.nonces) {
      if (this.nonces.size <= NONCES_MAX && nowMs - at <= NONCE_TTL_SEC * 1000) break
      this.nonces.delete(old)
    }
    return responseTo(request, 401, 'Unauthorized', randomToken(), [
      [
        'www-authenticate',
        `Digest realm="${SIP_REALM}", nonce="${nonce}", qop="auth", algorithm=MD5`,
      ],
    ])
  }
}
