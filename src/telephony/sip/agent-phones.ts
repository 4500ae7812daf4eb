// Agents on SIP phones (issue 14, R7.2, R7.5): the reservation call goes to the agent's static SIP
// URI, or to the contact their softphone registered (registrar.ts); the phone answering is the agent answering (agentAnswered), and the agent stays on that call
// across customers. Hanging it up — or the phone refusing or never answering — releases the agent
// (agentHangup). On a live customer the two calls' audio is relayed both ways, after the zip tone
// to the agent (R7.3).
import type { Clock } from '../../dialer/ports/clock.ts'
import type { TelephonyEvent } from '../../dialer/ports/telephony.ts'
import { encodeG711 } from '../../media/g711.ts'
import { zipTone } from '../../media/tone-gen.ts'
import type { SipEndpoint, SipLog, SipPeer } from './endpoint.ts'
import { uriPeer } from './message.ts'
import type { Registration } from './registrar.ts'
import { type RtpPortRange, RtpSession } from './rtp.ts'
import { SipCall } from './sip-call.ts'

interface AgentLeg {
  call: SipCall | null
  rtp: RtpSession | null
  answered: boolean
  hungUp: boolean
}

export interface AgentPhonesOptions {
  endpoint: SipEndpoint
  rtp: { host: string; ports: RtpPortRange }
  clock: Clock
  log: SipLog
  /** A softphone's live registration (registrar.ts), for agents without a static URI. */
  registrationOf?: (agentId: string) => Registration | null
}

export class AgentPhones {
  private uris = new Map<string, string>()
  private readonly legs = new Map<string, AgentLeg>()

  constructor(
    private readonly options: AgentPhonesOptions,
    private readonly emit: (event: TelephonyEvent) => void,
  ) {}

  /** The agents' phones (configuration reload): agent id → static SIP URI. */
  setUris(uris: ReadonlyMap<string, string>): void {
    this.uris = new Map(uris)
  }

  rings(agentId: string): boolean {
    return this.target(agentId) !== null
  }

  /** The static URI, else the registered contact (reached through the REGISTER's source). */
  private target(agentId: string): { uri: string; peer: SipPeer } | null {
    const uri = this.uris.get(agentId)
    const peer = uri ? uriPeer(uri) : null
    if (uri && peer) return { uri, peer }
    const registration = this.options.registrationOf?.(agentId)
    return registration ? { uri: registration.contact, peer: registration.peer } : null
  }

  /** Rings the agent's phone for a reservation. */
  call(agentId: string): void {
    const target = this.target(agentId)
    if (!target || this.legs.has(agentId)) return
    const { uri, peer } = target
    const leg: AgentLeg = { call: null, rtp: null, answered: false, hungUp: false }
    this.legs.set(agentId, leg)
    const { endpoint, clock } = this.options
    RtpSession.open(this.options.rtp.host, this.options.rtp.ports, clock).then(
      (rtp) => {
        leg.rtp = rtp
        if (leg.hungUp) return this.end(agentId, leg)
        leg.call = new SipCall(
          endpoint,
          {
            toNumber: agentId,
            callerId: 'outdial',
            trunk: peer,
            domain: endpoint.address.host,
            credentials: null,
            requestUri: uri,
            rtpHost: this.options.rtp.host,
            rtpPort: rtp.port,
          },
          {
            ringing: () => {},
            earlyMedia: () => {},
            answered: (answer) => {
              if (answer) rtp.connect(answer.host, answer.port, answer.payloadType, answer.law)
              leg.answered = true
              this.emit({ kind: 'agentAnswered', agentId })
            },
            failed: () => this.dropped(agentId, leg),
            remoteHangup: () => this.dropped(agentId, leg),
            mediaChanged: (answer) =>
              rtp.connect(answer.host, answer.port, answer.payloadType, answer.law),
          },
        )
        leg.call.start()
      },
      (error: unknown) => {
        this.options.log.warn('agent phone without an RTP port', { agentId, error: String(error) })
        this.dropped(agentId, leg)
      },
    )
  }

  /** The phone hung up or never answered: the agent leaves the reservation (R7.5). */
  private dropped(agentId: string, leg: AgentLeg): void {
    if (this.legs.get(agentId) !== leg) return
    this.end(agentId, leg)
    this.emit({ kind: 'agentHangup', agentId })
  }

  /** The dialer drops the agent's leg (reservation withdrawn, agent idle): no event. */
  release(agentId: string): void {
    const leg = this.legs.get(agentId)
    if (!leg) return
    leg.hungUp = true
    leg.call?.hangup()
    if (leg.call || leg.rtp) this.end(agentId, leg)
  }

  private end(agentId: string, leg: AgentLeg): void {
    if (this.legs.get(agentId) === leg) this.legs.delete(agentId)
    leg.rtp?.close()
  }

  /** The agent's answered leg's RTP, for the bridge. */
  rtpOf(agentId: string): RtpSession | null {
    const leg = this.legs.get(agentId)
    return leg?.answered && leg.rtp ? leg.rtp : null
  }

  /** Connects a customer's audio to the agent's: zip tone to the agent first, then both ways. */
  relay(customer: RtpSession, agentId: string): boolean {
    const agent = this.rtpOf(agentId)
    if (!agent) return false
    agent.onAudio = (pcm) => customer.send(encodeG711(pcm, customer.codec))
    agent.play(encodeG711(zipTone(), agent.codec), () => {
      customer.onAudio = (pcm) => agent.send(encodeG711(pcm, agent.codec))
    })
    return true
  }

  /** The customer's call ended: the agent stays on their leg, in silence. */
  unrelay(agentId: string): void {
    const agent = this.legs.get(agentId)?.rtp
    if (!agent) return
    agent.stop()
    agent.onAudio = null
  }

  close(): void {
    for (const agentId of [...this.legs.keys()]) this.release(agentId)
  }
}
