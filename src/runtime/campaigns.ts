// The campaigns a tenant runtime runs, built-in (contacts from the ContactStore) and Dialer-API
// (contacts pulled from the campaign manager) alike, behind the one campaign status machine
// (domain/campaign/campaign-status.ts, R5.2, R10.2): start, pause, resume, stop and, for Dialer-API
// campaigns, complete. A change is persisted first and applied to the engine after, so a crash in
// between replays it at the next start.
import type { Engine } from '../dialer/engine.ts'
import type { Clock } from '../dialer/ports/clock.ts'
import type { EngineCampaign } from '../dialer/types.ts'
import {
  type CampaignAction,
  campaignTransition,
  isDialing,
  isFinal,
} from '../domain/campaign/campaign-status.ts'
import { invariant } from '../domain/invariant.ts'
import type {
  CampaignStateStore,
  DialerApiDefinition,
  RuntimeCampaignStatus,
} from '../store/ports/dialer-store.ts'
import type { ManagedContactList } from './durable-contact-list.ts'
import type { RuntimeLog } from './log.ts'

/** Campaigns one tenant runtime keeps (a bound on the engine's work, far above real tenants). */
export const TENANT_CAMPAIGNS_MAX = 10_000

export type CampaignSource = 'builtin' | 'dialerApi'

export interface RuntimeCampaign {
  id: string
  name: string
  source: CampaignSource
  status: RuntimeCampaignStatus
  /** The list the engine reads; null while the campaign cannot run (see `problem`) or is final. */
  list: ManagedContactList | null
  /** Why the engine cannot run it (configuration), when it cannot. */
  problem?: string
  dialerApi?: DialerApiDefinition
}

export type CampaignActionResult =
  | { kind: 'ok'; status: RuntimeCampaignStatus }
  | { kind: 'notFound'; campaignId: string }
  | { kind: 'illegal'; from: RuntimeCampaignStatus; action: CampaignAction; message: string }
  /** The campaign cannot run (configuration), or its new state could not be saved. */
  | { kind: 'unavailable'; message: string }

export class CampaignLifecycle {
  private readonly campaigns = new Map<string, RuntimeCampaign>()
  /** Actions on one campaign run one after the other (each awaits a save). */
  private readonly chains = new Map<string, Promise<unknown>>()

  constructor(
    private readonly engine: Engine,
    private readonly states: CampaignStateStore,
    private readonly clock: Clock,
    private readonly log: RuntimeLog,
    private readonly onChange: (campaign: RuntimeCampaign) => void,
  ) {}

  get(campaignId: string): RuntimeCampaign | undefined {
    return this.campaigns.get(campaignId)
  }

  all(): RuntimeCampaign[] {
    return [...this.campaigns.values()]
  }

  /** Registers a campaign; one that can run joins the engine with its list (stopped there). */
  add(campaign: RuntimeCampaign, config: EngineCampaign | null): void {
    invariant(!this.campaigns.has(campaign.id), `campaign ${campaign.id} registered twice`)
    invariant(
      this.campaigns.size < TENANT_CAMPAIGNS_MAX,
      'too many campaigns (TENANT_CAMPAIGNS_MAX)',
    )
    if (isFinal(campaign.status) || config === null) campaign.list = null
    if (campaign.list !== null && config !== null) this.engine.addCampaign(config, campaign.list)
    this.campaigns.set(campaign.id, campaign)
  }

  /** A campaign that could not run (configuration) can now: it joins the engine. */
  attach(campaignId: string, config: EngineCampaign, list: ManagedContactList): void {
    const campaign = this.campaigns.get(campaignId)
    if (!campaign || campaign.list !== null || isFinal(campaign.status)) return
    campaign.list = list
    delete campaign.problem
    if (!this.engine.ctx.campaigns.has(campaignId)) this.engine.addCampaign(config, list)
    this.restore(campaignId)
  }

  /** At start: a campaign persisted running dials again (a paused one waits for resume). */
  restore(campaignId: string): void {
    const campaign = this.campaigns.get(campaignId)
    if (campaign === undefined || !isDialing(campaign.status) || campaign.list === null) return
    campaign.list.start()
    this.checkEngine(campaignId, 'start', this.engine.startCampaign(campaignId))
  }

  act(campaignId: string, action: CampaignAction): Promise<CampaignActionResult> {
    return this.serialised(campaignId, () => this.apply(campaignId, action))
  }

  /** A Dialer-API campaign whose records are all done (R10.2): running → completed. */
  complete(campaignId: string): Promise<CampaignActionResult> {
    return this.serialised(campaignId, async () => {
      const campaign = this.campaigns.get(campaignId)
      if (!campaign) return { kind: 'notFound', campaignId }
      const transition = campaignTransition(campaign.status, 'complete')
      if (transition.kind === 'illegal') return { kind: 'ok', status: campaign.status }
      const saved = await this.save(campaign, transition.to)
      if (saved !== null) return saved
      this.stopInEngine(campaign)
      return this.changed(campaign, transition.to)
    })
  }

  /** Saves a campaign's Dialer-API definition (after a PUT) with its current status. */
  async saveDefinition(campaign: RuntimeCampaign): Promise<CampaignActionResult> {
    return this.serialised(campaign.id, async () => {
      const saved = await this.save(campaign, campaign.status)
      return saved ?? { kind: 'ok', status: campaign.status }
    })
  }

  private async serialised<T>(campaignId: string, run: () => Promise<T>): Promise<T> {
    const before = this.chains.get(campaignId) ?? Promise.resolve()
    const result = before.then(run, run)
    const tail = result.catch(() => {})
    this.chains.set(campaignId, tail)
    void tail.then(() => {
      if (this.chains.get(campaignId) === tail) this.chains.delete(campaignId)
    })
    return result
  }

  private async apply(campaignId: string, action: CampaignAction): Promise<CampaignActionResult> {
    const campaign = this.campaigns.get(campaignId)
    if (!campaign) return { kind: 'notFound', campaignId }
    const from = campaign.status
    const transition = campaignTransition(from, action)
    if (transition.kind === 'illegal') {
      const message = `campaign ${campaignId} is ${from}: it cannot ${action}`
      return { kind: 'illegal', from, action, message }
    }
    if (campaign.list === null && action !== 'stop') {
      return { kind: 'unavailable', message: campaign.problem ?? 'the campaign cannot run' }
    }
    const saved = await this.save(campaign, transition.to)
    if (saved !== null) return saved
    this.applyToEngine(campaign, action)
    return this.changed(campaign, transition.to)
  }

  private applyToEngine(campaign: RuntimeCampaign, action: CampaignAction): void {
    const id = campaign.id
    const list = campaign.list
    if (list === null) return
    const engineStatus = this.engine.ctx.campaigns.get(id)?.status
    switch (action) {
      case 'start':
        list.start()
        return this.checkEngine(id, action, this.engine.startCampaign(id))
      case 'pause':
        return this.checkEngine(id, action, this.engine.pauseCampaign(id))
      case 'resume':
        if (engineStatus === 'paused')
          return this.checkEngine(id, action, this.engine.resumeCampaign(id))
        // Restored paused after a restart: the engine never started it.
        list.start()
        return this.checkEngine(id, action, this.engine.startCampaign(id))
      case 'stop':
        return this.stopInEngine(campaign)
    }
  }

  private stopInEngine(campaign: RuntimeCampaign): void {
    const status = this.engine.ctx.campaigns.get(campaign.id)?.status
    if (status === 'running' || status === 'paused') {
      this.checkEngine(campaign.id, 'stop', this.engine.stopCampaign(campaign.id))
    }
    campaign.list?.stop()
  }

  private checkEngine(campaignId: string, action: string, result: { kind: string }): void {
    // The runtime's status leads the engine's; a mismatch is a bug, not a user error.
    invariant(result.kind === 'ok', `engine refused ${action} of ${campaignId}: ${result.kind}`)
  }

  private async save(
    campaign: RuntimeCampaign,
    status: RuntimeCampaignStatus,
  ): Promise<CampaignActionResult | null> {
    try {
      await this.states.save({
        campaignId: campaign.id,
        status,
        updatedAtMs: this.clock.nowMs(),
        ...(campaign.dialerApi ? { dialerApi: campaign.dialerApi } : {}),
      })
      return null
    } catch (error) {
      this.log.error('campaign state not saved', {
        campaignId: campaign.id,
        status,
        error,
      })
      return { kind: 'unavailable', message: 'the campaign state could not be saved; try again' }
    }
  }

  private changed(campaign: RuntimeCampaign, status: RuntimeCampaignStatus): CampaignActionResult {
    campaign.status = status
    this.log.info('campaign status changed', { campaignId: campaign.id, status })
    this.onChange(campaign)
    return { kind: 'ok', status }
  }
}
