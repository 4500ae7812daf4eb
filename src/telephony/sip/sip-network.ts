// The SIP network (issue 14): the engine's Telephony port on a SIP trunk. A dial opens an RTP port
// from the configured range and sends the INVITE; what the trunk answers reaches the engine
// through the one table of sip-outcomes.ts. An answer is live at once when the campaign runs no
// call progress analysis; with it, the far end's audio goes to the injected analyzer. The engine
// cannot tell this network from the simulated one: same events, same order.
import type { Clock } from '../../dialer/ports/clock.ts'
import type { DialRequest, PlayRequest, TelephonyEvent } from '../../dialer/ports/telephony.ts'
import { trunkCallerId } from '../../domain/config/sip-trunk.ts'
import { encodeG711 } from '../../media/g711.ts'
import type { Network, TelephonyFactory } from '../network.ts'
import { AgentPhones } from './agent-phones.ts'
import type { DigestCredentials } from './digest.ts'
import type { SipEndpoint, SipLog } from './endpoint.ts'
import { type TrunkHealth, TrunkKeepAlive } from './keepalive.ts'
import type { Registration } from './registrar.ts'
import { PACKET_MS, PcmFramer, type RtpPortRange, RtpSession, SAMPLES_PER_PACKET } from './rtp.ts'
import { SipCall } from './sip-call.ts'

/** Seconds a prompt plays when the engine gives no duration (prompts from WAV: not yet here). */
export const SIP_PROMPT_SEC = 5

/** What the CPA analyzer decides (issue 14's media part builds it; injected here). */
export type AnalyzerDecision = 'live' | 'machine' | 'fax' | 'sit' | 'deadAir'

export interface CpaAnalyzer {
  /** One 20 ms frame (160 samples at 8 kHz); a decision once it has one. */
  push(pcm: Int16Array): { decision: AnalyzerDecision; atMs: number } | null
  finish(): void
}

export type AnalyzerFactory = (params: { amdEnabled: boolean }) => CpaAnalyzer

export interface SipTrunkTarget {
  host: string
  port: number
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
  createAnalyzer?: AnalyzerFactory
  /** Agents on SIP phones: agent id → static SIP URI (reservation calls ring it). */
  agentUris?: ReadonlyMap<string, string>
  /** Agents on softphones that register: their live registration. */
  registrationOf?: (agentId: string) => Registration | null
}

interface CallLeg {
  call: SipCall | null
  rtp: RtpSession | null
  analyzer: CpaAnalyzer | null
  /** The agent whose phone the customer's audio is relayed to. */
  bridgedAgent: string | null
  hungUp: boolean
  answered: boolean
  decided: boolean
}

/** What /v1/status and /metrics read from a tenant's SIP network. */
export interface SipNetworkStatus {
  trunk: ({ host: string; port: number } & TrunkHealth) | null
  callsInFlight: number
  maxConcurrentCalls: number
  datagrams: { received: number; sent: number; malformed: number }
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
          ? { host: trunk.host, port: trunk.port, ...this.keepAlive.health }
          : null,
      callsInFlight: this.legs.size,
      maxConcurrentCalls: trunk?.maxConcurrentCalls ?? 0,
      datagrams: { ...this.options.endpoint.counters },
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
      bridgedAgent: null,
      hungUp: false,
      answered: false,
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
        answered: (answer) => {
          leg.answered = true
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

  /** Call progress analysis on the far end's audio; without an analyzer every answer is live. */
  private analyse(callId: string, leg: CallLeg, request: DialRequest): void {
    const factory = this.options.createAnalyzer
    if (!factory) {
      leg.decided = true
      return this.later({ kind: 'cpa', callId, decision: 'live' })
    }
    const analyzer = factory({ amdEnabled: request.amdEnabled })
    leg.analyzer = analyzer
    if (!leg.rtp) return
    const frames = new PcmFramer()
    leg.rtp.onAudio = (pcm) => {
      for (const frame of frames.push(pcm)) {
        if (leg.decided || leg.hungUp) return
        const result = analyzer.push(frame)
        if (result) return this.decided(callId, leg, analyzer, result.decision)
      }
    }
  }

  private decided(
    callId: string,
    leg: CallLeg,
    analyzer: CpaAnalyzer,
    decision: AnalyzerDecision,
  ): void {
    leg.decided = true
    analyzer.finish()
    leg.analyzer = null
    if (decision === 'live' || decision === 'machine' || decision === 'fax')
      return this.emit({ kind: 'cpa', callId, decision })
    // A SIT tone is an invalid number; dead air, nobody there (docs/decisions.md).
    this.emit({
      kind: 'failed',
      callId,
      reason: decision === 'sit' ? 'sit' : 'unavailable',
    })
    this.hangup(callId)
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
    leg.analyzer?.finish()
    leg.rtp?.close()
  }

  /** An agent on a SIP phone gets the zip tone, then the customer's audio both ways; an agent in
   * the desktop only (no phone) has no audio leg here. */
  bridge(callId: string, agentId: string): void {
    const leg = this.legs.get(callId)
    if (leg?.rtp && this.phones.relay(leg.rtp, agentId)) leg.bridgedAgent = agentId
  }

  /** Plays the prompt's length of silence (WAV prompts arrive with the media part), then playDone. */
  play(request: PlayRequest): void {
    const leg = this.legs.get(request.callId)
    if (!leg?.rtp) return
    const sec = request.durationSec ?? SIP_PROMPT_SEC
    const samples = Math.max(1, Math.round((sec * 1000) / PACKET_MS)) * SAMPLES_PER_PACKET
    const codes = encodeG711(new Int16Array(samples), leg.rtp.codec)
    leg.rtp.play(codes, () => this.emit({ kind: 'playDone', callId: request.callId }))
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
