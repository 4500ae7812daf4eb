// One outbound call as the dialer's user agent client sees it (RFC 3261 §12–15): the INVITE with
// our SDP offer, provisional responses, the 2xx ACKed (each retransmission too), a 401/407
// answered once with digest credentials, CANCEL when the dialer hangs up before the answer (sent
// once a provisional came, §9.1), BYE both ways, and a re-INVITE (hold, retrieve) answered 200
// with our SDP again. It reports to its owner; what the engine hears is decided there.
import { type DigestCredentials, digestAuthorization, parseChallenge } from './digest.ts'
import { randomToken, responseTo, type SipEndpoint, type SipPeer } from './endpoint.ts'
import {
  addressUri,
  header,
  headerParam,
  parseCSeq,
  type SipRequest,
  type SipResponse,
} from './message.ts'
import { readAnswer, type SdpAnswer, writeOffer } from './sdp.ts'
import { SIP_TRANSPORT_FAILURE, type SipFailure, sipFailure } from './sip-outcomes.ts'

export interface CallTarget {
  /** E.164 number dialled. */
  toNumber: string
  /** Caller ID shown (R6): From and P-Asserted-Identity. */
  callerId: string
  trunk: SipPeer
  /** Host part of the From and request URIs (the trunk's domain, else its address). */
  domain: string
  credentials: DigestCredentials | null
  /** The request URI when it is not the number at the trunk (an agent's phone). */
  requestUri?: string
  /** Our RTP address for the SDP offer. */
  rtpHost: string
  rtpPort: number
}

export interface CallReport {
  ringing(): void
  /** A provisional answer carried SDP (183 Session Progress): the network's early media. */
  earlyMedia(answer: SdpAnswer): void
  answered(answer: SdpAnswer | null): void
  failed(failure: SipFailure): void
  /** The far end sent BYE. */
  remoteHangup(): void
  /** A re-INVITE changed the media (hold or retrieve). */
  mediaChanged(answer: SdpAnswer): void
}

type CallState = 'calling' | 'early' | 'confirmed' | 'ended'

export class SipCall {
  readonly sipCallId = `${randomToken(12)}@outdial`
  private readonly fromTag = randomToken()
  private toHeader: string
  private cseq = 1
  private state: CallState = 'calling'
  private invite: SipRequest | null = null
  private remoteTarget: string
  private hungUp = false
  private cancelSent = false
  /** Any 1xx came: a CANCEL may now be sent (§9.1). */
  private provisional = false
  private authTried = false
  private sdpVersion = 1
  private readonly sessionId = Math.floor(Date.now() / 1000)

  constructor(
    private readonly endpoint: SipEndpoint,
    private readonly target: CallTarget,
    private readonly report: CallReport,
  ) {
    this.remoteTarget =
      target.requestUri ?? `sip:${target.toNumber}@${target.trunk.host}:${target.trunk.port}`
    this.toHeader = `<${this.remoteTarget}>`
    endpoint.addDialog(this.sipCallId, {
      onRequest: (request) => this.onRequest(request),
      onStray2xx: (response) => this.ack(response),
    })
  }

  get ended(): boolean {
    return this.state === 'ended'
  }

  private from(): string {
    return `<sip:${this.target.callerId}@${this.target.domain}>;tag=${this.fromTag}`
  }

  private offer(): string {
    return writeOffer(this.target.rtpHost, this.target.rtpPort, this.sessionId, this.sdpVersion)
  }

  start(): void {
    this.sendInvite([])
  }

  private sendInvite(extra: SipRequest['headers']): void {
    this.provisional = false
    const identity = `<sip:${this.target.callerId}@${this.target.domain}>`
    this.invite = {
      kind: 'request',
      method: 'INVITE',
      uri: this.remoteTarget,
      headers: [
        ['via', this.endpoint.via(this.endpoint.newBranch(), this.target.trunk.transport)],
        ['max-forwards', '70'],
        ['from', this.from()],
        ['to', this.toHeader],
        ['call-id', this.sipCallId],
        ['cseq', `${this.cseq} INVITE`],
        ['contact', this.endpoint.contact(this.target.trunk.transport)],
        ['p-asserted-identity', identity],
        ['allow', 'INVITE, ACK, CANCEL, BYE, OPTIONS'],
        ['content-type', 'application/sdp'],
        ...extra,
      ],
      body: this.offer(),
    }
    const invite = this.invite
    this.endpoint.request(invite, this.target.trunk, {
      onResponse: (response) => this.onInviteResponse(invite, response),
      onTimeout: () => this.fail(SIP_TRANSPORT_FAILURE),
    })
  }

  private onInviteResponse(invite: SipRequest, response: SipResponse): void {
    if (invite !== this.invite) {
      if (response.status >= 200 && response.status < 300) this.ack(response)
      return
    }
    if (response.status < 200) {
      this.provisional = true
      const early =
        response.status > 100 && this.state !== 'ended' ? readAnswer(response.body) : null
      if (early) this.report.earlyMedia(early)
      if (response.status === 100 || this.state !== 'calling') return this.cancelIfWanted()
      this.state = 'early'
      this.report.ringing()
      return this.cancelIfWanted()
    }
    if (response.status < 300) return this.onAnswer(response)
    if (this.state === 'ended') return
    if ((response.status === 401 || response.status === 407) && this.retryWithAuth(response)) return
    if (this.hungUp) return this.end()
    this.fail(sipFailure(response.status))
  }

  private retryWithAuth(response: SipResponse): boolean {
    const credentials = this.target.credentials
    if (!credentials || this.authTried || this.hungUp) return false
    const proxy = response.status === 407
    const challenge = parseChallenge(
      header(response, proxy ? 'proxy-authenticate' : 'www-authenticate') ?? '',
    )
    if (!challenge) return false
    this.authTried = true
    this.cseq += 1
    const value = digestAuthorization(
      challenge,
      credentials,
      'INVITE',
      this.remoteTarget,
      randomToken(),
    )
    this.sendInvite([[proxy ? 'proxy-authorization' : 'authorization', value]])
    return true
  }

  private onAnswer(response: SipResponse): void {
    this.ack(response)
    if (this.state === 'confirmed' || this.state === 'ended') return
    this.toHeader = header(response, 'to') ?? this.toHeader
    const contact = header(response, 'contact')
    if (contact) this.remoteTarget = addressUri(contact)
    if (this.hungUp) {
      this.state = 'confirmed'
      return this.bye()
    }
    this.state = 'confirmed'
    this.report.answered(readAnswer(response.body))
  }

  private ack(response: SipResponse): void {
    const cseq = parseCSeq(header(response, 'cseq') ?? '')
    const contact = header(response, 'contact')
    this.endpoint.sendRequest(
      {
        kind: 'request',
        method: 'ACK',
        uri: contact ? addressUri(contact) : this.remoteTarget,
        headers: [
          ['via', this.endpoint.via(this.endpoint.newBranch(), this.target.trunk.transport)],
          ['max-forwards', '70'],
          ['from', this.from()],
          ['to', header(response, 'to') ?? this.toHeader],
          ['call-id', this.sipCallId],
          ['cseq', `${cseq?.seq ?? this.cseq} ACK`],
        ],
        body: '',
      },
      this.target.trunk,
    )
  }

  /** The dialer ends the call: BYE once answered, CANCEL before (once a provisional came). */
  hangup(): void {
    if (this.hungUp || this.state === 'ended') return
    this.hungUp = true
    if (this.state === 'confirmed') return this.bye()
    this.cancelIfWanted()
  }

  private cancelIfWanted(): void {
    if (!this.hungUp || this.cancelSent || !this.provisional || !this.invite) return
    if (this.state === 'confirmed' || this.state === 'ended') return
    this.cancelSent = true
    const invite = this.invite
    const cancel: SipRequest = {
      kind: 'request',
      method: 'CANCEL',
      uri: invite.uri,
      headers: [
        ['via', header(invite, 'via') ?? ''],
        ['max-forwards', '70'],
        ['from', header(invite, 'from') ?? ''],
        ['to', header(invite, 'to') ?? ''],
        ['call-id', this.sipCallId],
        ['cseq', `${parseCSeq(header(invite, 'cseq') ?? '')?.seq ?? 1} CANCEL`],
      ],
      body: '',
    }
    // The INVITE's 487 (or its timer B) ends the call; the CANCEL's own answer changes nothing.
    this.endpoint.request(cancel, this.target.trunk, { onResponse: () => {}, onTimeout: () => {} })
  }

  private bye(): void {
    this.cseq += 1
    const bye: SipRequest = {
      kind: 'request',
      method: 'BYE',
      uri: this.remoteTarget,
      headers: [
        ['via', this.endpoint.via(this.endpoint.newBranch(), this.target.trunk.transport)],
        ['max-forwards', '70'],
        ['from', this.from()],
        ['to', this.toHeader],
        ['call-id', this.sipCallId],
        ['cseq', `${this.cseq} BYE`],
      ],
      body: '',
    }
    this.end()
    this.endpoint.request(bye, this.target.trunk, { onResponse: () => {}, onTimeout: () => {} })
  }

  private onRequest(request: SipRequest): SipResponse | null {
    if (request.method === 'ACK') return null
    const toTag = headerParam(this.toHeader, 'tag')
    if (request.method === 'BYE') {
      const wasLive = this.state !== 'ended'
      this.end()
      if (wasLive && !this.hungUp) this.report.remoteHangup()
      return responseTo(request, 200, 'OK')
    }
    if (this.state !== 'confirmed') return responseTo(request, 481, 'Call Does Not Exist')
    if (request.method === 'INVITE') {
      const answer = readAnswer(request.body)
      if (request.body && !answer) return responseTo(request, 488, 'Not Acceptable Here')
      if (answer) this.report.mediaChanged(answer)
      this.sdpVersion += 1
      const contact = this.endpoint.contact(this.target.trunk.transport)
      return responseTo(
        request,
        200,
        'OK',
        toTag,
        [
          ['contact', contact],
          ['content-type', 'application/sdp'],
        ],
        this.offer(),
      )
    }
    if (request.method === 'OPTIONS') return responseTo(request, 200, 'OK')
    return responseTo(request, 501, 'Not Implemented')
  }

  private fail(failure: SipFailure): void {
    if (this.state === 'ended') return
    this.end()
    if (!this.hungUp) this.report.failed(failure)
  }

  private end(): void {
    if (this.state === 'ended') return
    this.state = 'ended'
    this.endpoint.removeDialog(this.sipCallId)
  }
}
