// One tenant's dialer inside the server (issue 5): the engine (src/dialer/engine.ts) on the given
// clock, its configuration and contacts from the store's ports, every attempt written before its
// dial and closed exactly once, leases renewed while it runs, crashed attempts recovered at start,
// campaigns resumed as they were persisted. Built-in and Dialer-API campaigns share one lifecycle.
import { randomUUID } from 'node:crypto'
import type { PreviewActionResult } from '../dialer/preview.ts'
import type { EngineCampaign, EngineEvent, PreviewAction } from '../dialer/types.ts'
import { type CampaignAction, isFinal } from '../domain/campaign/campaign-status.ts'
import { CAMPAIGN_DNC_LISTS_MAX } from '../domain/campaign/limits.ts'
import type {
  DncSnapshot,
  PersistedCampaignState,
  TenantConfig,
} from '../store/ports/dialer-store.ts'
import type { AgentDeskView } from './agent-data/messages.ts'
import { AgentDesk } from './agent-desk.ts'
import { campaignFigures } from './campaign-stats.ts'
import type { CampaignActionResult, RuntimeCampaign } from './campaigns.ts'
import { seedComplianceHistory } from './compliance-history.ts'
import type { CampaignLiveFigures, LiveMessage, LiveViewer } from './control.ts'
import { DurableContactList } from './durable-contact-list.ts'
import { applyTenantConfig, mapTenantConfig, updateEngineCampaign } from './engine-config.ts'
import { RECOVER_INTERVAL_MS, recoverOpenAttempts } from './recovery.ts'
import { RuntimeParts, type TenantRuntimeOptions } from './runtime-parts.ts'

export type { TenantRuntimeOptions } from './runtime-parts.ts'

/** A lease owner id unique to this process start (host, pid and a random part). */
export function newOwnerId(host: string, pid: number): string {
  return `${host}-${pid}-${randomUUID().slice(0, 8)}`
}

export interface ReloadReport {
  added: { teams: string[]; queues: string[]; entryPoints: string[]; agents: string[] }
  campaignsAdded: string[]
  /** Running campaigns' fields that changed but apply only to a new campaign. */
  ignored: { kind: string; id: string; fields: string[] }[]
  problems: { kind: string; id: string; message: string }[]
}

export interface RuntimeStatus {
  nowIso: string
  tenantId: string
  agents: Record<string, number>
  campaigns: ({
    id: string
    name: string
    source: string
    mode: string | null
    /** Why the compliance gate last held one of its contacts back (e.g. no national DNC list). */
    lastBlocked: { reason: string; atMs: number } | null
  } & CampaignLiveFigures)[]
  inbound: { waiting: number; answered: number; abandoned: number }
  problems: { kind: string; id: string; message: string }[]
}

export class TenantRuntime extends RuntimeParts {
  readonly desk: AgentDesk
  private recoverTimer: number | null = null
  private closed = false
  private reloading: Promise<unknown> = Promise.resolve()

  private constructor(
    options: TenantRuntimeOptions,
    config: TenantConfig,
    states: PersistedCampaignState[],
    dnc: DncSnapshot,
  ) {
    super(options, config)
    // DNC first: Dialer-API campaigns take the tenant's list names when they join (R5.4).
    this.dnc.apply(dnc)
    this.desk = new AgentDesk(this.engine, () => this.mapped.idleCodes)
    const persisted = new Map(states.map((state) => [state.campaignId, state]))
    this.addCampaigns(persisted)
    for (const state of states) this.dialerApi.restore(state)
  }

  /** Loads, recovers, resumes: the runtime is dialling when this resolves. */
  static async start(options: TenantRuntimeOptions): Promise<TenantRuntime> {
    const { ports } = options
    const [config, dnc, states] = await Promise.all([
      ports.config.load(),
      ports.dnc.load(),
      ports.campaignStates.load(),
    ])
    const runtime = new TenantRuntime(options, config, states, dnc)
    await seedComplianceHistory(runtime.engine, ports.attempts, runtime.clock.nowMs(), runtime.log)
    await runtime.recover()
    runtime.leases.start((lease, nowMs) => runtime.renew(lease, nowMs))
    runtime.scheduleRecovery()
    runtime.startSeries((id) => runtime.figures(id))
    for (const campaign of runtime.lifecycle.all()) runtime.lifecycle.restore(campaign.id)
    runtime.scheduleEnds.start()
    runtime.simulated?.loginAll((agentId) => runtime.engine.ctx.agents.has(agentId))
    runtime.log.info('tenant runtime started', {
      tenantId: runtime.tenantId,
      owner: runtime.leases.owner,
      campaigns: runtime.lifecycle.all().length,
    })
    return runtime
  }

  // --- campaigns ---------------------------------------------------------------------------

  campaignAction(campaignId: string, action: CampaignAction): Promise<CampaignActionResult> {
    return this.lifecycle.act(campaignId, action)
  }

  campaign(campaignId: string): RuntimeCampaign | null {
    return this.lifecycle.get(campaignId) ?? null
  }

  figures(campaignId: string): CampaignLiveFigures | null {
    const campaign = this.lifecycle.get(campaignId)
    if (!campaign) return null
    const running = this.engine.ctx.campaigns.get(campaignId)
    return campaignFigures(campaign, running, this.statsOf(campaignId), this.clock.nowMs())
  }

  /**
   * R10.2 preview-task actions. `campaignId` may be the campaign's id or its name (the reference
   * SDK sends the name); a task of another campaign is not found.
   */
  previewAction(
    campaignId: string | null,
    taskId: string,
    action: PreviewAction,
    agentId?: string,
  ): PreviewActionResult {
    const task = this.engine.ctx.previewTasks.get(taskId)
    if (task && campaignId !== null) {
      const campaign = this.engine.ctx.campaigns.get(task.campaignId)
      if (campaignId !== task.campaignId && campaignId !== campaign?.config.name)
        return { kind: 'notFound', taskId }
    }
    return this.engine.previewAction(taskId, action, agentId)
  }

  // --- configuration -----------------------------------------------------------------------

  /**
   * Reads the configuration again: new objects join, running campaigns take what they can. Calls
   * run one after the other (the API calls this after every configuration write).
   */
  reload(): Promise<ReloadReport> {
    const run = () => this.reloadNow()
    const next = this.reloading.then(run, run)
    this.reloading = next.catch(() => undefined)
    return next
  }

  private async reloadNow(): Promise<ReloadReport> {
    const config = await this.ports.config.load()
    this.config = config
    this.mapped = mapTenantConfig(config)
    this.agentData.configure(config)
    const applied = applyTenantConfig(this.engine, this.mapped)
    const report: ReloadReport = {
      added: applied.added,
      campaignsAdded: [],
      ignored: [...applied.ignored],
      problems: [...this.mapped.problems, ...this.agentData.problems],
    }
    for (const { campaign, engine } of this.mapped.campaigns) {
      const existing = this.lifecycle.get(campaign.id)
      if (!existing) {
        this.addBuiltin(campaign.id, campaign.name, campaign.status, engine, undefined)
        report.campaignsAdded.push(campaign.id)
      } else if (existing.source === 'builtin' && existing.list === null) {
        this.lifecycle.attach(campaign.id, engine, this.durableList(campaign.id))
        if (existing.list !== null) report.campaignsAdded.push(campaign.id)
      } else if (existing.source === 'builtin' && this.engine.ctx.campaigns.has(campaign.id)) {
        existing.name = campaign.name
        const fields = updateEngineCampaign(this.engine, engine)
        if (fields.length > 0) report.ignored.push({ kind: 'campaign', id: campaign.id, fields })
      }
    }
    for (const problem of this.mapped.problems) {
      if (problem.kind === 'campaign' && !this.lifecycle.get(problem.id)) {
        const campaign = config.campaigns.find((c) => c.id === problem.id)
        if (campaign)
          this.addBuiltin(campaign.id, campaign.name, campaign.status, null, problem.message)
      }
    }
    this.simulated?.loginAll((agentId) => this.engine.ctx.agents.has(agentId))
    this.scheduleEnds.check()
    this.log.info('configuration reloaded', { tenantId: this.tenantId, ...countsOf(report) })
    return report
  }

  /** Reads the DNC lists again (R5.4). */
  async reloadDnc(): Promise<void> {
    this.dnc.apply(await this.ports.dnc.load())
    this.syncDialerApiDncLists()
  }

  /** A number added to an internal list through the API: blocked from the next dial on. */
  dncAdded(listName: string, number: string): void {
    this.dnc.add(listName, number)
    this.syncDialerApiDncLists()
  }

  dncRemoved(listName: string, number: string): void {
    this.dnc.remove(listName, number)
  }

  // --- live view ---------------------------------------------------------------------------

  snapshot(viewer: LiveViewer): LiveMessage {
    return this.live.snapshot(viewer)
  }

  /** The live feed as the viewer may see it, and an agent's own customer data (agent-data/). */
  subscribe(viewer: LiveViewer, listener: (message: LiveMessage) => void): () => void {
    const unsubscribeLive = this.live.subscribe(viewer, listener)
    const unsubscribeAgentData = this.agentData.subscribe(viewer, listener)
    return () => {
      unsubscribeLive()
      unsubscribeAgentData()
    }
  }

  /** What the agent's desktop shows now (R7); null for an unknown agent. */
  deskView(agentId: string): AgentDeskView | null {
    return this.agentData.desk(agentId)
  }

  status(): RuntimeStatus {
    const nowMs = this.clock.nowMs()
    return {
      nowIso: new Date(nowMs).toISOString(),
      tenantId: this.tenantId,
      agents: this.agentsByState(),
      campaigns: this.lifecycle.all().map((campaign) => ({
        id: campaign.id,
        name: campaign.name,
        source: campaign.source,
        mode: this.engine.ctx.campaigns.get(campaign.id)?.config.mode ?? null,
        ...this.figures(campaign.id)!,
        lastBlocked: this.lastBlocked.get(campaign.id) ?? null,
      })),
      inbound: {
        waiting: [...this.engine.ctx.queues.values()].reduce((n, q) => n + q.waiting.length, 0),
        ...this.inbound,
      },
      problems: [...this.mapped.problems, ...this.agentData.problems],
    }
  }

  // --- shutdown ----------------------------------------------------------------------------

  /**
   * Stops this runtime without changing any campaign's persisted status (they resume at the
   * next start). With `drainMs`, dialling pauses and calls in flight get that long to finish;
   * attempts still open afterwards are recovered as UNKNOWN by the next start.
   */
  async close(options: { drainMs?: number } = {}): Promise<void> {
    if (this.closed) return
    this.closed = true
    if (this.recoverTimer !== null) this.clock.cancelTimer(this.recoverTimer)
    this.stopSeries()
    this.scheduleEnds.close()
    this.simulated?.stop()
    this.inboundSim?.stop()
    for (const campaign of this.engine.ctx.campaigns.values())
      if (campaign.status === 'running') this.engine.pauseCampaign(campaign.config.id)
    await this.drain(options.drainMs ?? 0)
    this.engine.settleWrapUps()
    for (const campaign of this.lifecycle.all())
      if (!isFinal(campaign.status)) campaign.list?.stop()
    await this.writes.close()
    this.leases.stop()
    this.live.close()
    this.log.info('tenant runtime closed', { tenantId: this.tenantId })
  }

  // --- internals ---------------------------------------------------------------------------

  protected override figuresOf(campaignId: string): CampaignLiveFigures | null {
    return this.figures(campaignId)
  }

  protected override snapshotData(): unknown {
    return this.status()
  }

  protected override onEngineEvent(event: EngineEvent): void {
    this.dialerApi.onEvent(event)
  }

  private addCampaigns(persisted: Map<string, PersistedCampaignState>): void {
    for (const { campaign, engine } of this.mapped.campaigns) {
      const status = persisted.get(campaign.id)?.status ?? campaign.status
      this.addBuiltin(campaign.id, campaign.name, status, engine, undefined)
    }
    for (const problem of this.mapped.problems) {
      if (problem.kind !== 'campaign') continue
      const campaign = this.config.campaigns.find((c) => c.id === problem.id)
      if (!campaign) continue
      const status = persisted.get(campaign.id)?.status ?? campaign.status
      this.addBuiltin(campaign.id, campaign.name, status, null, problem.message)
    }
  }

  private addBuiltin(
    id: string,
    name: string,
    status: RuntimeCampaign['status'],
    config: EngineCampaign | null,
    problem: string | undefined,
  ): void {
    const list = config === null ? null : this.durableList(id)
    const campaign: RuntimeCampaign = {
      id,
      name,
      source: 'builtin',
      status,
      list,
      ...(problem !== undefined ? { problem } : {}),
    }
    this.lifecycle.add(campaign, config)
  }

  /** Dialer-API campaigns scrub against every internal list of the tenant, new ones included. */
  private syncDialerApiDncLists(): void {
    const names = this.dnc.names().slice(0, CAMPAIGN_DNC_LISTS_MAX)
    for (const campaign of this.lifecycle.all()) {
      const running = this.engine.ctx.campaigns.get(campaign.id)
      if (campaign.source !== 'dialerApi' || !running) continue
      if (running.config.dncListNames.join('\n') === names.join('\n')) continue
      updateEngineCampaign(this.engine, { ...running.config, dncListNames: names })
    }
  }

  private durableList(campaignId: string): DurableContactList {
    return new DurableContactList({
      campaignId,
      clock: this.clock,
      store: this.ports.contacts,
      leases: this.leases,
      writes: this.writes,
      log: this.log,
      onArrived: () => this.engine.contactsChanged(campaignId),
      ...(this.options.limits?.contactBuffer ? { limits: this.options.limits.contactBuffer } : {}),
    })
  }

  private recover(): Promise<number> {
    return recoverOpenAttempts({
      attempts: this.ports.attempts,
      contacts: this.ports.contacts,
      leases: this.leases,
      nowMs: () => this.clock.nowMs(),
      log: this.log,
      campaignConfig: (id) => this.engine.ctx.campaigns.get(id)?.config ?? null,
      onForeignAttempt: (attempt) => this.dialerApi.onRecoveredAttempt(attempt),
      ...(this.options.liveness ? { liveness: this.options.liveness } : {}),
    })
  }

  private scheduleRecovery(): void {
    const intervalMs = this.options.limits?.recoverIntervalMs ?? RECOVER_INTERVAL_MS
    this.recoverTimer = this.clock.setTimerAt(this.clock.nowMs() + intervalMs, () => {
      void this.recover().finally(() => {
        if (!this.closed) this.scheduleRecovery()
      })
    })
  }

  private async renew(lease: { owner: string; untilMs: number }, nowMs: number): Promise<void> {
    const contactIds = this.lifecycle.all().flatMap((campaign) => campaign.list?.heldIds() ?? [])
    const attemptIds = this.journal.openIds()
    if (contactIds.length > 0)
      await this.ports.contacts.renewContactLeases(lease, nowMs, contactIds)
    if (attemptIds.length > 0)
      await this.ports.attempts.renewAttemptLeases(lease, nowMs, attemptIds)
  }

  private async drain(drainMs: number): Promise<void> {
    const endMs = this.clock.nowMs() + drainMs
    while (this.clock.nowMs() < endMs && this.engine.ctx.attempts.size > 0) {
      await new Promise<void>((resolve) =>
        this.clock.setTimerAt(Math.min(endMs, this.clock.nowMs() + 250), resolve),
      )
    }
  }
}

function countsOf(report: ReloadReport) {
  return {
    agentsAdded: report.added.agents.length,
    campaignsAdded: report.campaignsAdded.length,
    ignored: report.ignored.length,
    problems: report.problems.length,
  }
}
