// The customer's data delivered to the one agent the contact is for, as the engine's events happen:
// the reservation popover (R7.2; customer fields in progressive 1:1 once a line is dialled for
// the agent, R7.4), the preview offer with its record (R1.1), and on connect the interaction panel
// and the call guide (R7.3, R3.4, R5.6). Each message names its agent; the live route sends it to
// that agent's own connections only. What the desktop shows now is kept per agent for
// `GET /v1/agents/{id}/desk` (a desktop that reconnects).
import type { Engine } from '../../dialer/engine.ts'
import type { EngineEvent } from '../../dialer/types.ts'
import { PREVIEW_OFFER_TIMEOUT_AUTO_ACTION_DEFAULT } from '../../domain/campaign/preview.ts'
import type { Contact } from '../../domain/contact.ts'
import { invariant } from '../../domain/invariant.ts'
import type { TenantConfig } from '../../store/ports/dialer-store.ts'
import type { LiveViewer } from '../control.ts'
import type { RuntimeLog } from '../log.ts'
import {
  bareDeskConfig,
  type CampaignDeskConfig,
  campaignDeskConfigs,
  type DeskConfigProblem,
} from './campaign-data.ts'
import type {
  AgentDataMessage,
  AgentDeskView,
  AgentInteraction,
  AgentPopover,
  AgentPreview,
} from './messages.ts'
import { callGuideView, panelFields, popoverFields, reportableValues } from './views.ts'

/** Subscribers of one tenant's agent data (the live route's connections). */
export const AGENT_DATA_SUBSCRIBERS_MAX = 1000

type Listener = (message: AgentDataMessage) => void

export class AgentData {
  private campaigns = new Map<string, CampaignDeskConfig>()
  private configProblems: DeskConfigProblem[] = []
  private readonly listeners = new Set<Listener>()
  private readonly popovers = new Map<string, AgentPopover>()
  private readonly previews = new Map<string, AgentPreview>()
  private readonly interactions = new Map<string, AgentInteraction>()

  constructor(
    private readonly deps: { engine: Engine; log: RuntimeLog },
    config: TenantConfig,
  ) {
    this.configure(config)
  }

  /** Takes the (re)loaded configuration: the next message shows it. */
  configure(config: TenantConfig): void {
    const { campaigns, problems } = campaignDeskConfigs(config)
    this.campaigns = campaigns
    this.configProblems = problems
  }

  get problems(): readonly DeskConfigProblem[] {
    return this.configProblems
  }

  /** An agent viewer gets the messages of their own calls; staff viewers get none. */
  subscribe(viewer: LiveViewer, listener: Listener): () => void {
    const { agentId } = viewer
    if (agentId === null) return () => {}
    invariant(this.listeners.size < AGENT_DATA_SUBSCRIBERS_MAX, 'too many agent data subscribers')
    const own: Listener = (message) => {
      if (message.agentId === agentId) listener(message)
    }
    this.listeners.add(own)
    return () => {
      this.listeners.delete(own)
    }
  }

  onEvent(event: EngineEvent): void {
    switch (event.kind) {
      case 'agentState':
        return this.onAgentState(event.agentId, event.state, event.atMs)
      case 'dial':
        return this.onDial(event.attemptId, event.campaignId, event.atMs)
      case 'attemptClosed':
        return this.onAttemptClosed(event.attempt.id, event.atMs)
      case 'previewOffer':
        return this.onPreviewOffer(event)
      case 'bridged':
        return this.onBridged(event.attemptId, event.agentId, event.atMs)
      default:
        return
    }
  }

  /** What the agent's desktop shows now; null for an agent the dialer does not know. */
  desk(agentId: string): AgentDeskView | null {
    if (!this.deps.engine.ctx.agents.has(agentId)) return null
    this.pruneOffers()
    return {
      agentId,
      nowMs: this.deps.engine.ctx.clock.nowMs(),
      popover: this.popovers.get(agentId) ?? null,
      previews: [...this.previews.values()].filter((preview) => preview.agentId === agentId),
      interaction: this.interactions.get(agentId) ?? null,
    }
  }

  /** R4.4, R5.1: the contact's reportable variables, kept with its attempts for reports. */
  reportable(campaignId: string, contact: Contact): Record<string, string> {
    return reportableValues(this.deskOf(campaignId), contact)
  }

  private deskOf(campaignId: string): CampaignDeskConfig {
    const known = this.campaigns.get(campaignId)
    if (known) return known
    const config = this.deps.engine.ctx.campaigns.get(campaignId)?.config
    return bareDeskConfig(campaignId, config?.name ?? campaignId, {
      outcomes: config?.businessOutcomes ?? [],
      dncListNames: config?.dncListNames ?? [],
    })
  }

  private onAgentState(
    agentId: string,
    state: Extract<EngineEvent, { kind: 'agentState' }>['state'],
    atMs: number,
  ): void {
    if (state.kind !== 'Engaged' && state.kind !== 'WrapUp') this.interactions.delete(agentId)
    if (state.kind !== 'Reserved') {
      this.popovers.delete(agentId)
      return
    }
    // Answering the reservation call is a change of state too: the popover stays as it is.
    if (this.popovers.get(agentId)?.campaignId === state.campaignId) return
    this.sendPopover(agentId, state.campaignId, null, null, atMs)
  }

  /**
   * A line dialled for a reserved agent: the popover names it — with its customer's fields in
   * progressive 1:1 (R7.4); after a preview offer was accepted (by the agent or by the countdown),
   * so that the desktop learns the offer is gone (R1.1).
   */
  private onDial(attemptId: string, campaignId: string, atMs: number): void {
    const attempt = this.deps.engine.ctx.attempts.get(attemptId)
    const agentId = attempt?.ownerAgentId ?? null
    if (!attempt || agentId === null || !this.reservedFor(agentId, campaignId)) return
    const showsCustomer = this.deskOf(campaignId).popoverCustomerFields
    if (!showsCustomer && !this.pruneOffers(agentId)) return
    const contact = showsCustomer ? attempt.progress.contact : null
    this.sendPopover(agentId, campaignId, attemptId, contact, atMs)
  }

  /** Forgets the offers the engine no longer holds; whether one of them was the agent's. */
  private pruneOffers(agentId?: string): boolean {
    const tasks = this.deps.engine.ctx.previewTasks
    let theirs = false
    for (const [taskId, preview] of this.previews) {
      if (tasks.has(taskId)) continue
      this.previews.delete(taskId)
      if (preview.agentId === agentId) theirs = true
    }
    return theirs
  }

  /** The customer of the popover is gone without reaching the agent: back to the campaign only. */
  private onAttemptClosed(attemptId: string, atMs: number): void {
    for (const popover of this.popovers.values()) {
      if (popover.attemptId !== attemptId) continue
      if (this.reservedFor(popover.agentId, popover.campaignId))
        this.sendPopover(popover.agentId, popover.campaignId, null, null, atMs)
      return
    }
  }

  private onPreviewOffer(event: Extract<EngineEvent, { kind: 'previewOffer' }>): void {
    this.pruneOffers()
    const task = this.deps.engine.ctx.previewTasks.get(event.taskId)
    if (!task) return
    const desk = this.deskOf(event.campaignId)
    const campaign = this.deps.engine.ctx.campaigns.get(event.campaignId)?.config
    const message: AgentPreview = {
      type: 'agentPreview',
      atMs: event.atMs,
      agentId: event.agentId,
      campaignId: event.campaignId,
      campaignName: desk.campaignName,
      taskId: event.taskId,
      expiresAtMs: event.expiresAtMs,
      contactId: event.contactId,
      number: task.number,
      timeZone: task.zone,
      actionsDisabled: [...(campaign?.preview.actionsDisabled ?? [])],
      autoAction: campaign?.preview.autoAction ?? PREVIEW_OFFER_TIMEOUT_AUTO_ACTION_DEFAULT,
      record: panelFields(desk, task.progress.contact),
    }
    this.previews.set(event.taskId, message)
    this.send(message)
  }

  private onBridged(attemptId: string, agentId: string, atMs: number): void {
    const attempt = this.deps.engine.ctx.attempts.get(attemptId)
    if (!attempt) return
    const desk = this.deskOf(attempt.campaignId)
    const contact = attempt.progress.contact
    const message: AgentInteraction = {
      type: 'agentInteraction',
      atMs,
      agentId,
      campaignId: attempt.campaignId,
      campaignName: desk.campaignName,
      attemptId,
      contactId: contact.id,
      number: attempt.number,
      timeZone: attempt.zone,
      panel: panelFields(desk, contact),
      callGuide: callGuideView(desk, contact, atMs),
      outcomes: desk.outcomes,
      dncListName: desk.dncListName,
    }
    this.interactions.set(agentId, message)
    this.send(message)
  }

  private reservedFor(agentId: string, campaignId: string): boolean {
    const state = this.deps.engine.ctx.agents.get(agentId)?.state
    return state?.kind === 'Reserved' && state.campaignId === campaignId
  }

  private sendPopover(
    agentId: string,
    campaignId: string,
    attemptId: string | null,
    contact: Contact | null,
    atMs: number,
  ): void {
    const message: AgentPopover = {
      type: 'agentPopover',
      atMs,
      agentId,
      campaignId,
      attemptId,
      fields: popoverFields(this.deskOf(campaignId), contact),
    }
    this.popovers.set(agentId, message)
    this.send(message)
  }

  private send(message: AgentDataMessage): void {
    for (const listener of this.listeners) {
      try {
        listener(message)
      } catch (error) {
        this.listeners.delete(listener)
        this.deps.log.warn('agent data listener failed, unsubscribed', { error })
      }
    }
  }
}
