// The parts of a tenant runtime and how they are wired: the engine on the clock, the phone network
// behind the durable telephony (attempt row first, then the dial), the bus fanned out to the
// attempt journal, the figures, the live feed, the Dialer-API webhook and the simulated agents.

import { queuesOfAgent } from '../dialer/agents.ts'
import { Engine } from '../dialer/engine.ts'
import type { Clock, TimerId } from '../dialer/ports/clock.ts'
import type { Ids } from '../dialer/ports/ids.ts'
import type { EngineEvent } from '../dialer/types.ts'
import type { RuntimePorts, TenantConfig } from '../store/ports/dialer-store.ts'
import type { ProcessLiveness } from '../store/ports/process-liveness.ts'
import type { Network, TelephonyFactory } from '../telephony/network.ts'
import {
  AgentLegs,
  demoNetworkModel,
  SimulatedAgents,
  type SimulatedInbound,
  type Simulation,
  scheduleSimulatedInbound,
  simulatedNetwork,
} from '../telephony/simulated/demo-network.ts'
import { AgentData } from './agent-data/agent-data.ts'
import { AgentStateJournal } from './agent-state-journal.ts'
import { AttemptJournal } from './attempt-journal.ts'
import { BoardHistory, boardAgents, SERIES_INTERVAL_MS } from './board-history.ts'
import { CampaignStats } from './campaign-stats.ts'
import { CampaignLifecycle } from './campaigns.ts'
import type { BoardAgent, CampaignLiveFigures } from './control.ts'
import { DialerApiCampaigns, type DialerApiOptions } from './dialer-api/dialer-api-campaigns.ts'
import { DncMirror } from './dnc-mirror.ts'
import type { ContactBufferLimits } from './durable-contact-list.ts'
import { DurableTelephony } from './durable-telephony.ts'
import { applyTenantConfig, type MappedTenant, mapTenantConfig } from './engine-config.ts'
import { LEASE_TIMINGS, LeaseKeeper, type LeaseTimings } from './lease-keeper.ts'
import { TenantLive } from './live-feed.ts'
import { type RuntimeLog, silentLog } from './log.ts'
import type { DialerMetrics } from './metrics.ts'
import { ScheduleEnds } from './schedule-ends.ts'
import { WriteQueue } from './write-queue.ts'

export interface RuntimeLimits {
  leases: LeaseTimings
  contactBuffer: ContactBufferLimits
  recoverIntervalMs: number
}

export interface TenantRuntimeOptions {
  tenantId: string
  clock: Clock
  ports: RuntimePorts
  /** This process's lease owner: unique per process start (e.g. `<host>-<pid>-<uuid>`). */
  owner: string
  /** Default: ids unique to this owner (attempt ids are the log's keys). */
  ids?: Ids
  /** The phone network; default: the built-in simulated network. */
  telephony?: TelephonyFactory
  /** The customer model and seed of the simulated network and simulated agents. */
  simulation?: Simulation
  /** Agents driven by the simulation (log in at start, answer, wrap up); others by the API. */
  simulatedAgents?: readonly string[]
  /** Inbound customers arriving at an entry point (simulated network only). */
  simulatedInbound?: SimulatedInbound
  metrics?: DialerMetrics
  log?: RuntimeLog
  dialerApi?: DialerApiOptions
  limits?: Partial<RuntimeLimits>
  /**
   * Which other lease owners are known to be dead (issue 16): their open attempts are closed and
   * their contacts freed at once, not when their leases run out. Without it: lease expiry only.
   */
  liveness?: ProcessLiveness
}

type Subscriber = (event: EngineEvent) => void

export abstract class RuntimeParts {
  readonly tenantId: string
  readonly clock: Clock
  readonly log: RuntimeLog
  readonly engine: Engine
  readonly leases: LeaseKeeper
  readonly writes: WriteQueue
  readonly journal: AttemptJournal
  /** Every agent state change to the agent state log, batched (R9.1 agent reports). */
  protected readonly agentStates: AgentStateJournal
  readonly telephony: DurableTelephony
  readonly lifecycle: CampaignLifecycle
  readonly live: TenantLive
  /** The customer's data for the agent the contact is for (R1.1, R7.2–R7.4, R3.4, R5.6). */
  readonly agentData: AgentData
  readonly dialerApi: DialerApiCampaigns
  /** Campaigns whose schedule's end passed become stopped (issue 15). */
  protected readonly scheduleEnds: ScheduleEnds
  protected readonly ports: RuntimePorts
  protected readonly dnc: DncMirror
  protected readonly simulated: SimulatedAgents | null
  protected readonly inboundSim: { stop(): void } | null
  protected config: TenantConfig
  protected mapped: MappedTenant
  protected readonly inbound = { answered: 0, abandoned: 0 }
  private readonly stats = new Map<string, CampaignStats>()
  /** The board's pacing decisions and chart series (issue 12). */
  readonly history = new BoardHistory()
  private seriesTimer: TimerId | null = null
  /** The last reason the compliance gate held a contact back, per campaign (shown in the status). */
  protected readonly lastBlocked = new Map<string, { reason: string; atMs: number }>()

  protected constructor(
    protected readonly options: TenantRuntimeOptions,
    config: TenantConfig,
  ) {
    const { clock } = options
    this.tenantId = options.tenantId
    this.clock = clock
    this.log = options.log ?? silentLog
    this.ports = options.ports
    this.config = config
    this.mapped = mapTenantConfig(config)
    const ids = options.ids ?? prefixedIds(options.owner)
    this.leases = new LeaseKeeper(clock, options.owner, this.log, {
      ...LEASE_TIMINGS,
      ...options.limits?.leases,
    })
    this.writes = new WriteQueue(clock, this.log)
    this.agentStates = new AgentStateJournal({
      log: options.ports.agentStates,
      writes: this.writes,
      runtimeLog: this.log,
    })
    this.journal = new AttemptJournal({
      log: options.ports.attempts,
      writes: this.writes,
      leases: this.leases,
      runtimeLog: this.log,
      ownerAgentOf: (id) => this.engine.ctx.attempts.get(id)?.ownerAgentId ?? null,
      reportableVariablesOf: (id) => {
        const attempt = this.engine.ctx.attempts.get(id)
        return attempt
          ? this.agentData.reportable(attempt.campaignId, attempt.progress.contact)
          : {}
      },
      storedContacts: (id) => this.lifecycle.get(id)?.source === 'builtin',
      dialWithheld: (dial) => this.dncHit(dial.campaignId, dial.number),
    })
    const simulation = options.simulation ?? { model: demoNetworkModel(), seed: 1 }
    const simulatedIds = new Set(options.simulatedAgents ?? [])
    const network: Network = (options.telephony ?? simulatedNetwork(simulation))({
      clock,
      emit: (event) => this.engine.handleTelephony(event),
      agentHangsUp: (agentId) => {
        if (simulatedIds.has(agentId)) this.engine.agentHangup(agentId)
      },
    })
    this.telephony = new DurableTelephony(
      new AgentLegs(network, simulatedIds),
      this.journal,
      (event) => this.engine.handleTelephony(event),
      this.log,
      (callId, number) => {
        const campaignId = this.engine.ctx.attempts.get(callId)?.campaignId
        return campaignId === undefined ? null : this.dncHit(campaignId, number)
      },
    )
    const subscribers: Subscriber[] = []
    this.engine = new Engine({
      clock,
      ids,
      telephony: this.telephony,
      bus: { publish: (event) => this.publish(subscribers, event) },
    })
    this.dnc = new DncMirror(this.engine.ctx.dnc, this.log)
    this.agentData = new AgentData({ engine: this.engine, log: this.log }, config)
    this.lifecycle = new CampaignLifecycle(
      this.engine,
      options.ports.campaignStates,
      clock,
      this.log,
      (campaign) => {
        this.live.campaignChanged(campaign.id)
        this.dialerApi.onStatusChanged(campaign)
        this.scheduleEnds.check()
      },
    )
    this.scheduleEnds = new ScheduleEnds({
      clock,
      engine: this.engine,
      lifecycle: this.lifecycle,
      log: this.log,
    })
    this.live = new TenantLive({
      tenantId: this.tenantId,
      clock,
      log: this.log,
      figures: (id) => this.figuresOf(id),
      snapshotData: () => this.snapshotData(),
      agentsByState: () => this.agentsByState(),
      campaignsServedBy: (agentId) => this.campaignsServedBy(agentId),
      latestDecision: (id) => this.history.latestDecision(id),
      ...(options.metrics ? { metrics: options.metrics } : {}),
    })
    this.dialerApi = new DialerApiCampaigns({
      engine: this.engine,
      lifecycle: this.lifecycle,
      clock,
      log: this.log,
      ids,
      config: () => this.config,
      dncListNames: () => this.dnc.names(),
      ...(options.dialerApi ? { options: options.dialerApi } : {}),
    })
    this.simulated =
      simulatedIds.size > 0
        ? new SimulatedAgents(simulation, clock, this.engine, simulatedIds)
        : null
    this.inboundSim = options.simulatedInbound
      ? scheduleSimulatedInbound(clock, network, options.simulatedInbound, simulation.seed + 2)
      : null
    subscribers.push(
      (event) => this.journal.onEvent(event),
      (event) => this.observe(event),
    )
    applyTenantConfig(this.engine, this.mapped)
  }

  /** Figures of a campaign (the subclass knows the lifecycle's view). */
  protected abstract figuresOf(campaignId: string): CampaignLiveFigures | null
  protected abstract snapshotData(): unknown
  protected abstract onEngineEvent(event: EngineEvent): void

  agentsByState(): Record<string, number> {
    const agents: Record<string, number> = {}
    for (const agent of this.engine.ctx.agents.values())
      agents[agent.state.kind] = (agents[agent.state.kind] ?? 0) + 1
    return agents
  }

  /** The agents as the supervisor's board lists them. */
  boardAgents(): BoardAgent[] {
    const names = new Map(this.config.agents.map((agent) => [agent.id, agent.name]))
    return boardAgents(this.engine.ctx.agents.values(), names)
  }

  /** A chart point per campaign every SERIES_INTERVAL_MS, from now until `stopSeries`. */
  protected startSeries(figures: (campaignId: string) => CampaignLiveFigures | null): void {
    this.seriesTimer = this.clock.setTimerAt(this.clock.nowMs() + SERIES_INTERVAL_MS, () => {
      const nowMs = this.clock.nowMs()
      for (const campaign of this.lifecycle.all()) {
        const now = figures(campaign.id)
        if (now) this.live.seriesPoint(campaign.id, this.history.sample(campaign.id, nowMs, now))
      }
      this.startSeries(figures)
    })
  }

  protected stopSeries(): void {
    if (this.seriesTimer !== null) this.clock.cancelTimer(this.seriesTimer)
    this.seriesTimer = null
  }

  /** The campaigns whose queue names one of the agent's teams. */
  campaignsServedBy(agentId: string): Set<string> {
    const ctx = this.engine.ctx
    const agent = ctx.agents.get(agentId)
    if (!agent) return new Set()
    const queues = new Set(queuesOfAgent(ctx, agent))
    const served = new Set<string>()
    for (const campaign of ctx.campaigns.values())
      if (queues.has(campaign.config.queueId)) served.add(campaign.config.id)
    return served
  }

  /** The DNC list (or the national list) the number is on for the campaign now; null if none. */
  private dncHit(campaignId: string, number: string): string | null {
    const config = this.engine.ctx.campaigns.get(campaignId)?.config
    if (!config) return null
    const hit = this.engine.ctx.dnc.checkDnc(number, {
      dncEnabled: config.compliance.dncEnabled,
      ndncEnabled: config.compliance.ndncEnabled,
      dncListNames: config.dncListNames,
      nationalRegions: config.compliance.nationalDncRegions,
    })
    if (hit.kind === 'dncBlocked') return `on the DNC list '${hit.list}'`
    if (hit.kind === 'ndncBlocked') return 'on the national DNC list'
    return null
  }

  protected statsOf(campaignId: string): CampaignStats {
    let stats = this.stats.get(campaignId)
    if (!stats) {
      stats = new CampaignStats()
      this.stats.set(campaignId, stats)
    }
    return stats
  }

  /** The journal first (it must see every dial); the rest cannot break the engine. */
  private publish(subscribers: Subscriber[], event: EngineEvent): void {
    for (const subscriber of subscribers) subscriber(event)
  }

  private observe(event: EngineEvent): void {
    try {
      this.agentStates.onEvent(event)
      if (event.kind === 'dial') this.statsOf(event.campaignId).onDial(event.atMs)
      if (event.kind === 'attemptClosed')
        this.statsOf(event.attempt.campaignId).onOutcome(event.attempt.outcome)
      if (event.kind === 'inbound' && event.phase !== 'queued') this.inbound[event.phase] += 1
      if (event.kind === 'dialBlocked')
        this.lastBlocked.set(event.campaignId, { reason: event.reason, atMs: event.atMs })
      this.history.onEvent(event)
      this.live.onEvent(event)
      this.agentData.onEvent(event)
      this.onEngineEvent(event)
      this.simulated?.onEvent(event)
    } catch (error) {
      this.log.error('runtime event handler failed', { kind: event.kind, error })
    }
  }
}

/** Ids unique to one owner (one process start). */
export function prefixedIds(owner: string): Ids {
  const counters = new Map<string, number>()
  return {
    next(prefix) {
      const n = (counters.get(prefix) ?? 0) + 1
      counters.set(prefix, n)
      return `${prefix}-${owner}-${n}`
    },
  }
}
