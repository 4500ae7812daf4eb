// The SIP network (issue 14): the engine's Telephony port on a SIP trunk. A dial opens an RTP port
// from the configured range and sends the INVITE; what the trunk answers reaches the engine
// through the one table of sip-outcomes.ts. An answer is live at once when the campaign runs no
// call progress analysis; with it, the far end's audio (out of the jitter buffer, in 20 ms frames)
// goes to the analyzer built with the campaign's CPA parameters, and its outcome reaches the engine
// through src/media/cpa/telephony-map.ts. Early media (183 with SDP) is listened to for a SIT.
// Prompts are WAV files (prompt-library.ts) played at 20 ms pacing. The engine cannot tell this
// network from the simulated one: same events, same order.
import type { Clock, TimerId } from '../../dialer/ports/clock.ts'
import {
  type DialRequest,
  isDigit,
  type PlayRequest,
  type TelephonyEvent,
} from '../../dialer/ports/telephony.ts'
import type { CpaParams } from '../../domain/campaign/cpa.ts'
import { trunkCallerId } from '../../domain/config/sip-trunk.ts'
import type { CallProgressAnalyzer, CpaOutcome } from '../../media/cpa/analyzer.ts'
import { CPA_OUTCOME_EVENTS } from '../../media/cpa/telephony-map.ts'
import type { Network, TelephonyFactory } from '../network.ts'
import { AgentPhones } from './agent-phones.ts'
import { DEFAULT_CPA, EARLY_MEDIA_CPA } from './cpa-defaults.ts'
import type { DigestCredentials } from './digest.ts'
import type { SipEndpoint, SipLog, SipTransport } from './endpoint.ts'
import { type TrunkHealth, TrunkKeepAlive } from './keepalive.ts'
import { type PromptLibrary, playPrompt } from './prompt-library.ts'
import type { Registration } from './registrar.ts'
import { type RtpPortRange, RtpSession } from './rtp.ts'
import { SipCall } from './sip-call.ts'

/** Wall time past maxTimeAnalysis after which an analysis that heard no audio at all ends. */
export const CPA_NO_AUDIO_GRACE_MS = 500

/** Builds the analyzer for one answered call (src/media's createCallProgressAnalyzer). */
export type AnalyzerFactory = (params: CpaParams) => CallProgressAnalyzer

export interface SipTrunkTarget {
  host: string
  port: number
  /** UDP when absent; over TCP one connection to host:port carries every call and keep-alive. */
  transport?: SipTransport
  /** Host part of the From and request URIs; the trunk's address when absent. */
  domain?: string
  credentials: DigestCredentials | null
  /** Calls in flight at once; a dial over it fails as CUSTOMER_UNAVAILABLE (code 503). */
  maxConcurrentCalls: number
  /** Seconds between OPTIONS pings; 0 turns them off. */
  keepAliveSec: number
  /** Caller-ID rules (R6): prefixes the trunk accepts (empty: any) and the one sent otherwise. */
  allowedCallerIdPrefixes: string[]
  defaultCallerId?: string
}

export interface SipNetworkOptions {
  endpoint: SipEndpoint
  /** The tenant's trunk; without one every dial fails as CUSTOMER_UNAVAILABLE. */
  trunk: SipTrunkTarget | null
  rtp: { host: string; ports: RtpPortRange }
  /** Real time for SIP timers and RTP pacing (never a sped-up clock). */
  clock: Clock
  log: SipLog
  /** Without it, an answer with CPA on is live at once (nothing listens to the audio). */
  createAnalyzer?: AnalyzerFactory
  /** Where prompts come from; without it, every prompt but the zip tone plays as silence. */
  prompts?: PromptLibrary
  /** Agents on SIP phones: agent id → static SIP URI (reservation calls ring it). */
  agentUris?: ReadonlyMap<string, string>
  /** Agents on softphones that register: their live registration. */
  registrationOf?: (agentId: string) => Registration | null
}

interface CallLeg {
  call: SipCall | null
  rtp: RtpSession | null
  analyzer: CallProgressAnalyzer | null
  /** Ends an analysis that hears nothing (no RTP at all) after maxTimeAnalysis. */
  analysisTimer: TimerId | null
  /** The agent whose phone the customer's audio is relayed to. */
  bridgedAgent: string | null
  hungUp: boolean
  answered: boolean
  /** When the customer's 2xx came (clock ms), for the answer → bridge latency. */
  answeredAtMs: number | null
  decided: boolean
}

/** What /v1/status and /metrics read from a tenant's SIP network. */
export interface SipNetworkStatus {
  trunk: ({ host: string; port: number; transport: SipTransport } & TrunkHealth) | null
  callsInFlight: number
  maxConcurrentCalls: number
  datagrams: { received: number; sent: number; malformed: number }
  /** SIP over TCP connections the endpoint holds open now (all tenants'). */
  tcpConnections: number
}

export class SipNetwork implements Network {
  private readonly legs = new Map<string, CallLeg>()
  private keepAlive: TrunkKeepAlive | null = null
  private trunk: SipTrunkTarget | null = null
  private readonly phones: AgentPhones

  constructor(
    private readonly options: SipNetworkOptions,
    private readonly emit: (event: TelephonyEvent) => void,
  ) {
    this.setTrunk(options.trunk)
    this.phones = new AgentPhones(options, emit)
    this.phones.setUris(options.agentUris ?? new Map())
  }

  /** The agents' SIP phones changed (configuration reload). */
  setAgentUris(uris: ReadonlyMap<string, string>): void {
    this.phones.setUris(uris)
  }

  ringsAgent(agentId: string): boolean {
    return this.phones.rings(agentId)
  }

  /** A new trunk (configuration reload): new dials use it; calls in flight keep theirs. */
  setTrunk(trunk: SipTrunkTarget | null): void {
    this.keepAlive?.stop()
    this.keepAlive = null
    this.trunk = trunk
    if (!trunk) return
    const { endpoint, clock } = this.options
    const domain = trunk.domain ?? trunk.host
    this.keepAlive = new TrunkKeepAlive(endpoint, trunk, domain, clock, trunk.keepAliveSec)
    this.keepAlive.start()
  }

  status(): SipNetworkStatus {
    const { trunk } = this
    return {
      trunk:
        trunk && this.keepAlive
          ? {
              host: trunk.host,
              port: trunk.port,
              transport: trunk.transport ?? 'udp',
              ...this.keepAlive.health,
            }
          : null,
      callsInFlight: this.legs.size,
      maxConcurrentCalls: trunk?.maxConcurrentCalls ?? 0,
      datagrams: { ...this.options.endpoint.counters },
      tcpConnections: this.options.endpoint.tcpConnections,
    }
  }

  /** Events reach the engine on their own turn, never inside the call that caused them. */
  private later(event: TelephonyEvent): void {
    const { clock } = this.options
    clock.setTimerAt(clock.nowMs(), () => this.emit(event))
  }

  dial(request: DialRequest): void {
    const { callId } = request
    const { trunk } = this
    if (!trunk || this.legs.size >= trunk.maxConcurrentCalls) {
      this.options.log.warn(trunk ? 'SIP dial over the trunk limit' : 'SIP dial without a trunk', {
        callId,
      })
      return this.later({ kind: 'failed', callId, reason: 'unavailable', code: 503 })
    }
    const leg: CallLeg = {
      call: null,
      rtp: null,
      analyzer: null,
      analysisTimer: null,
      bridgedAgent: null,
      hungUp: false,
      answered: false,
      answeredAtMs: null,
      decided: false,
    }
    this.legs.set(callId, leg)
    RtpSession.open(this.options.rtp.host, this.options.rtp.ports, this.options.clock).then(
      (rtp) => this.place(callId, leg, rtp, request, trunk),
      (error: unknown) => {
        this.options.log.warn('SIP dial without an RTP port', { callId, error: String(error) })
        this.finish(callId)
        if (!leg.hungUp) this.emit({ kind: 'failed', callId, reason: 'unavailable', code: 503 })
      },
    )
  }

  private place(
    callId: string,
    leg: CallLeg,
    rtp: RtpSession,
    request: DialRequest,
    trunk: SipTrunkTarget,
  ): void {
    leg.rtp = rtp
    if (leg.hungUp) return this.finish(callId)
    // DTMF (RFC 4733): each key once (dtmf.ts drops the end packet's repeats) goes to the engine
    // as a 'digit' event, for the call's IVR menu (CollectDigits); A-D are only logged.
    rtp.onDigit = (digit) => {
      const key = digit.digit
      const durationMs = digit.durationMs
      if (!isDigit(key)) return this.options.log.info?.('DTMF key ignored', { callId, key })
      this.options.log.info?.('DTMF digit received', { callId, digit: key, durationMs })
      this.emit({ kind: 'digit', callId, digit: key, atMs: this.options.clock.nowMs() })
    }
    leg.call = new SipCall(
      this.options.endpoint,
      {
        toNumber: request.toNumber,
        callerId: trunkCallerId(trunk, request.callerId),
        trunk,
        domain: trunk.domain ?? trunk.host,
        credentials: trunk.credentials,
        rtpHost: this.options.rtp.host,
        rtpPort: rtp.port,
      },
      {
        ringing: () => this.emit({ kind: 'ringing', callId }),
        earlyMedia: (answer) => {
          rtp.connect(answer.host, answer.port, answer.payloadType, answer.law)
          if (request.cpaEnabled && this.options.createAnalyzer) this.listenEarly(callId, leg, rtp)
        },
        answered: (answer) => {
          leg.answered = true
          leg.answeredAtMs = this.options.clock.nowMs()
          rtp.onAudio = null
          if (answer) rtp.connect(answer.host, answer.port, answer.payloadType, answer.law)
          this.emit({ kind: 'answered', callId })
          if (request.cpaEnabled) this.analyse(callId, leg, request)
        },
        failed: (failure) => {
          this.finish(callId)
          this.emit({ kind: 'failed', callId, reason: failure.reason, code: failure.code })
        },
        remoteHangup: () => {
          this.finish(callId)
          this.emit({ kind: 'customerHangup', callId })
        },
        mediaChanged: (answer) =>
          rtp.connect(answer.host, answer.port, answer.payloadType, answer.law),
      },
    )
    leg.call.start()
  }

  /** Early media: a SIT there fails the dial as an invalid number before any answer (the
   * engine is still dialing); anything else heard there is ignored. */
  private listenEarly(callId: string, leg: CallLeg, rtp: RtpSession): void {
    const factory = this.options.createAnalyzer
    if (!factory || rtp.onAudio) return
    const sitOnly = () => factory(EARLY_MEDIA_CPA)
    let analyzer = sitOnly()
    rtp.onAudio = (pcm) => {
      if (leg.answered || leg.hungUp) return
      const outcome = analyzer.push(pcm)
      if (!outcome) return
      if (outcome.decision !== 'sit') {
        analyzer = sitOnly()
        return
      }
      rtp.onAudio = null
      this.options.log.info?.('SIT tone in early media', {
        callId,
        reason: outcome.evidence.reason,
      })
      this.emit({ kind: 'failed', callId, reason: 'sit' })
      this.hangup(callId)
    }
  }

  /** Call progress analysis on the far end's audio; without an analyzer every answer is live. */
  private analyse(callId: string, leg: CallLeg, request: DialRequest): void {
    const factory = this.options.createAnalyzer
    if (!factory) {
      leg.decided = true
      return this.later({ kind: 'cpa', callId, decision: 'live' })
    }
    const params: CpaParams = {
      ...(request.cpa ?? DEFAULT_CPA),
      cpaEnabled: request.cpaEnabled,
      amdEnabled: request.amdEnabled,
    }
    const analyzer = factory(params)
    leg.analyzer = analyzer
    const { clock } = this.options
    const limitMs = params.maxTimeAnalysis + CPA_NO_AUDIO_GRACE_MS
    let heard = false
    leg.analysisTimer = clock.setTimerAt(clock.nowMs() + limitMs, () => {
      leg.analysisTimer = null
      // No audio at all reached the analyzer (no RTP): it decides on nothing heard (dead air).
      // Once audio flows, the analyzer's own audio time decides (a pause in the RTP is concealed
      // as silence by the jitter buffer).
      if (!heard && !leg.decided && !leg.hungUp && leg.analyzer === analyzer)
        this.decided(callId, leg, analyzer.finish())
    })
    if (!leg.rtp) return
    leg.rtp.onAudio = (pcm) => {
      heard = true
      if (leg.decided || leg.hungUp) return
      const outcome = analyzer.push(pcm)
      if (outcome) this.decided(callId, leg, outcome)
    }
  }

  private decided(callId: string, leg: CallLeg, outcome: CpaOutcome): void {
    leg.decided = true
    leg.analyzer = null
    if (leg.analysisTimer !== null) this.options.clock.cancelTimer(leg.analysisTimer)
    leg.analysisTimer = null
    if (leg.rtp) leg.rtp.onAudio = null
    this.options.log.info?.('CPA decided', {
      callId,
      decision: outcome.decision,
      atMs: outcome.atMs,
      ...(outcome.beepAtMs !== undefined ? { beepAtMs: outcome.beepAtMs } : {}),
      reason: outcome.evidence.reason,
    })
    const event = CPA_OUTCOME_EVENTS[outcome.decision]
    this.emit({ ...event, callId })
    // A SIT heard on an answered call: the engine hangs up its leg (lifecycle.ts).
  }

  hangup(callId: string): void {
    const leg = this.legs.get(callId)
    if (!leg || leg.hungUp) return
    leg.hungUp = true
    leg.call?.hangup()
    if (leg.call || leg.rtp) this.finish(callId)
  }

  private finish(callId: string): void {
    const leg = this.legs.get(callId)
    if (!leg) return
    this.legs.delete(callId)
    if (leg.bridgedAgent !== null) this.phones.unrelay(leg.bridgedAgent)
    leg.analyzer = null
    if (leg.analysisTimer !== null) this.options.clock.cancelTimer(leg.analysisTimer)
    leg.analysisTimer = null
    leg.rtp?.close()
  }

  /** An agent on a SIP phone gets the zip tone, then the customer's audio both ways; an agent in
   * the desktop only (no phone) has no audio leg here. */
  bridge(callId: string, agentId: string): void {
    const leg = this.legs.get(callId)
    // The 2-second rule's interval on the wire: the customer's answer to the bridge (R5.5).
    if (leg?.answeredAtMs != null)
      this.options.log.info?.('call bridged', {
        callId,
        agentId,
        answerToBridgeMs: this.options.clock.nowMs() - leg.answeredAtMs,
      })
    if (leg?.rtp && this.phones.relay(leg.rtp, agentId)) leg.bridgedAgent = agentId
  }

  /** Plays the prompt (prompt-library.ts: playPrompt), then playDone. */
  play(request: PlayRequest): void {
    const rtp = this.legs.get(request.callId)?.rtp
    if (!rtp) return
    playPrompt(rtp, this.options.prompts ?? null, request, this.options.log, () =>
      this.emit({ kind: 'playDone', callId: request.callId }),
    )
  }

  startVirtualAgent(callId: string, botId: string, _maxDurationSec: number): void {
    this.options.log.warn('virtual agents do not run on SIP calls yet', { callId, botId })
    this.later({ kind: 'virtualAgentDone', callId })
  }

  callAgent(agentId: string, purpose: 'reservation' | 'inbound' | 'preview'): void {
    if (purpose === 'reservation') this.phones.call(agentId)
  }

  releaseAgent(agentId: string): void {
    this.phones.release(agentId)
  }

  close(): void {
    this.keepAlive?.stop()
    this.phones.close()
    for (const callId of [...this.legs.keys()]) this.hangup(callId)
  }
}

/** The factory the runtime hands each tenant's engine host. */
export function sipNetworkFactory(
  options: SipNetworkOptions,
  created?: (network: SipNetwork) => void,
): TelephonyFactory {
  return (host) => {
    const network = new SipNetwork(options, (event) => host.emit(event))
    created?.(network)
    return network
  }
}
