// `outdial serve --telephony sip` (issue 14): one SIP endpoint for the process (UDP and TCP on
// --sip-host and --sip-port, on real time whatever the demo speed), and one SIP network per tenant on that
// tenant's trunk (/v1/sip-trunks), ringing its agents' SIP phones (the agent's `sipUri`), both
// changed when the tenant's configuration reloads. The trunks'
// keep-alive state and calls in flight are on /v1/status (`sip`) and /metrics. Every call with CPA
// on is analysed by src/media's analyzer with its campaign's parameters, and prompts are the WAV
// files of --prompts-dir (default <data-dir>/prompts; the abandon message is written there at
// first start when missing).
import { join } from 'node:path'
import { Gauge, type Registry } from 'prom-client'
import { createCallProgressAnalyzer } from '../media/cpa/analyzer.ts'
import { RealClock } from '../runtime/real-clock.ts'
import type { SipTrunkSettings, TenantConfig } from '../store/ports/dialer-store.ts'
import type { TelephonyFactory } from '../telephony/network.ts'
import { SipEndpoint, type SipLog } from '../telephony/sip/endpoint.ts'
import { PromptLibrary } from '../telephony/sip/prompt-library.ts'
import { Registrar } from '../telephony/sip/registrar.ts'
import {
  type SipNetwork,
  type SipNetworkStatus,
  type SipTrunkTarget,
  sipNetworkFactory,
} from '../telephony/sip/sip-network.ts'
import type { ServerConfig } from './config.ts'

function targetOf(trunk: SipTrunkSettings | null | undefined): SipTrunkTarget | null {
  if (!trunk) return null
  return {
    host: trunk.host,
    port: trunk.port,
    transport: trunk.transport,
    ...(trunk.domain !== undefined ? { domain: trunk.domain } : {}),
    credentials:
      trunk.username !== undefined && trunk.password !== null
        ? { username: trunk.username, password: trunk.password }
        : null,
    maxConcurrentCalls: trunk.maxConcurrentCalls,
    keepAliveSec: trunk.keepAliveSec,
    allowedCallerIdPrefixes: trunk.allowedCallerIdPrefixes,
    ...(trunk.defaultCallerId !== undefined ? { defaultCallerId: trunk.defaultCallerId } : {}),
  }
}

type SipTenantConfig = Pick<TenantConfig, 'sipTrunk' | 'agents' | 'agentSipPasswords'>

function agentUrisOf(config: SipTenantConfig): Map<string, string> {
  return new Map(config.agents.flatMap((a) => (a.sipUri ? [[a.id, a.sipUri] as const] : [])))
}

const TRUNK_STATE_VALUE = { unknown: -1, down: 0, up: 1 } as const

export class SipTelephony {
  private readonly networks = new Map<string, SipNetwork>()
  /** Softphone passwords by tenant, then agent id (from each tenant's configuration). */
  private readonly phonePasswords = new Map<string, ReadonlyMap<string, string>>()
  private readonly registrar: Registrar

  private constructor(
    private readonly endpoint: SipEndpoint,
    private readonly clock: RealClock,
    private readonly config: Pick<ServerConfig, 'sipHost' | 'rtpPortMin' | 'rtpPortMax'>,
    private readonly log: SipLog,
    private readonly prompts: PromptLibrary,
  ) {
    this.registrar = new Registrar(clock, (username) => {
      const at = username.lastIndexOf('@')
      if (at <= 0) return null
      return this.phonePasswords.get(username.slice(at + 1))?.get(username.slice(0, at)) ?? null
    })
    endpoint.onRegister = (request, from) => this.registrar.handle(request, from)
  }

  static async open(
    config: Pick<
      ServerConfig,
      'sipHost' | 'sipPort' | 'rtpPortMin' | 'rtpPortMax' | 'dataDir' | 'promptsDir'
    >,
    log: SipLog,
  ): Promise<SipTelephony> {
    const prompts = new PromptLibrary(config.promptsDir ?? join(config.dataDir, 'prompts'), log)
    prompts.ensureDefaults()
    const clock = new RealClock(1)
    const endpoint = await SipEndpoint.open(config.sipHost, config.sipPort, clock, log)
    return new SipTelephony(endpoint, clock, config, log, prompts)
  }

  get address(): { host: string; port: number } {
    return this.endpoint.address
  }

  /** The network of one tenant's engine, on its trunk (none: every dial fails as unavailable),
   * ringing the agents that have a SIP phone. */
  factoryFor(tenantId: string, config: SipTenantConfig): TelephonyFactory {
    this.phonePasswords.set(tenantId, config.agentSipPasswords ?? new Map())
    return sipNetworkFactory(
      {
        endpoint: this.endpoint,
        trunk: targetOf(config.sipTrunk),
        agentUris: agentUrisOf(config),
        registrationOf: (agentId) => this.registrar.lookup(`${agentId}@${tenantId}`),
        rtp: {
          host: this.config.sipHost,
          ports: { min: this.config.rtpPortMin, max: this.config.rtpPortMax },
        },
        clock: this.clock,
        createAnalyzer: (params) => createCallProgressAnalyzer(params),
        prompts: this.prompts,
        log: {
          warn: (message, fields) => this.log.warn(message, { tenantId, ...fields }),
          info: (message, fields) => this.log.info?.(message, { tenantId, ...fields }),
        },
      },
      (network) => this.networks.set(tenantId, network),
    )
  }

  /** The tenant's configuration reloaded: its trunk and its agents' phones. */
  configChanged(tenantId: string, config: SipTenantConfig): void {
    this.phonePasswords.set(tenantId, config.agentSipPasswords ?? new Map())
    const network = this.networks.get(tenantId)
    network?.setTrunk(targetOf(config.sipTrunk))
    network?.setAgentUris(agentUrisOf(config))
  }

  status(tenantId: string): SipNetworkStatus | null {
    return this.networks.get(tenantId)?.status() ?? null
  }

  /** The trunk's state (1 up, 0 down, -1 unknown) and calls in flight, per tenant. */
  registerMetrics(registry: Registry): void {
    const networks = this.networks
    new Gauge({
      name: 'outdial_sip_trunk_up',
      help: "The tenant's SIP trunk by its OPTIONS keep-alive: 1 up, 0 down, -1 unknown",
      labelNames: ['tenant'],
      registers: [registry],
      collect() {
        this.reset()
        for (const [tenant, network] of networks) {
          const trunk = network.status().trunk
          if (trunk) this.set({ tenant }, TRUNK_STATE_VALUE[trunk.state])
        }
      },
    })
    new Gauge({
      name: 'outdial_sip_calls_in_flight',
      help: "SIP calls in flight on the tenant's trunk",
      labelNames: ['tenant'],
      registers: [registry],
      collect() {
        this.reset()
        for (const [tenant, network] of networks)
          this.set({ tenant }, network.status().callsInFlight)
      },
    })
  }

  async close(): Promise<void> {
    for (const network of this.networks.values()) network.close()
    await this.endpoint.close()
    this.clock.stopAll()
  }
}
