// The live feed of one tenant (R9.2, control.ts LiveFeed): agent states, closed
// attempts and preview offers as they happen, and each campaign's figures at most once per
// CAMPAIGN_FIGURES_INTERVAL_MS. Also keeps the prom-client gauges and counters of /metrics.
// Listeners are isolated: one that throws is dropped, and never reaches the engine. Each listener
// sees what its viewer may (issue 16): staff everything, an agent their own agent's messages and
// the campaigns they serve now (their teams are in the campaign's queue), nothing else.

import type { Clock, TimerId } from '../dialer/ports/clock.ts'
import type { EngineEvent } from '../dialer/types.ts'
import type { AgentState } from '../domain/agent-state.ts'
import { invariant } from '../domain/invariant.ts'
import type {
  CampaignLiveFigures,
  LiveMessage,
  LiveViewer,
  PacingDecisionRecord,
  SeriesPoint,
} from './control.ts'
import type { RuntimeLog } from './log.ts'
import type { DialerMetrics } from './metrics.ts'

/** Live subscribers per tenant (WebSocket clients of /v1/live). */
export const LIVE_SUBSCRIBERS_MAX = 1000
/** A campaign's figures are pushed at most this often (R9.2 real-time view, bounded traffic). */
export const CAMPAIGN_FIGURES_INTERVAL_MS = 1000

const AGENT_STATES: AgentState['kind'][] = [
  'LoggedOut',
  'Idle',
  'Available',
  'Reserved',
  'Engaged',
  'WrapUp',
]

export interface TenantLiveDeps {
  tenantId: string
  clock: Clock
  log: RuntimeLog
  /** The campaign's figures now; null when the runtime does not know it. */
  figures(campaignId: string): CampaignLiveFigures | null
  /** The snapshot's data: the runtime's status. */
  snapshotData(): unknown
  /** Agents by state now (for the gauge). */
  agentsByState(): Record<string, number>
  /** The campaigns the agent serves now (empty for an unknown agent). */
  campaignsServedBy(agentId: string): ReadonlySet<string>
  /** The campaign's newest pooled pacing decision (pushed to staff with its figures). */
  latestDecision?(campaignId: string): PacingDecisionRecord | null
  metrics?: DialerMetrics
}

type Listener = (message: LiveMessage) => void

function agentCode(state: AgentState): string | undefined {
  return state.kind === 'Idle' || state.kind === 'WrapUp' ? state.code : undefined
}

export class TenantLive {
  private readonly listeners = new Set<Listener>()
  private readonly dirty = new Set<string>()
  private timer: TimerId | null = null
  private lastFlushMs = Number.NEGATIVE_INFINITY
  private agentsDirty = false
  /** The time of the last pacing decision pushed, per campaign. */
  private readonly decisionSentMs = new Map<string, number>()

  constructor(private readonly deps: TenantLiveDeps) {}

  /** The tenant's state for staff; for an agent, their agent and the campaigns they serve. */
  snapshot(viewer: LiveViewer): LiveMessage {
    const atMs = this.deps.clock.nowMs()
    const { agentId } = viewer
    if (agentId === null) return { type: 'snapshot', atMs, data: this.deps.snapshotData() }
    const campaigns = [...this.deps.campaignsServedBy(agentId)].flatMap((id) => {
      const figures = this.deps.figures(id)
      return figures ? [{ id, ...figures }] : []
    })
    return { type: 'snapshot', atMs, data: { agentId, campaigns } }
  }

  subscribe(viewer: LiveViewer, listener: Listener): () => void {
    invariant(this.listeners.size < LIVE_SUBSCRIBERS_MAX, 'too many live subscribers')
    const { agentId } = viewer
    const filtered: Listener =
      agentId === null
        ? listener
        : (message) => {
            if (this.visibleToAgent(agentId, message)) listener(message)
          }
    this.listeners.add(filtered)
    return () => {
      this.listeners.delete(filtered)
    }
  }

  private visibleToAgent(agentId: string, message: LiveMessage): boolean {
    switch (message.type) {
      case 'agentState':
      case 'previewOffer':
      case 'attempt':
        return message.agentId === agentId
      case 'campaign':
        return this.deps.campaignsServedBy(agentId).has(message.campaignId)
      default:
        return false
    }
  }

  get subscribers(): number {
    return this.listeners.size
  }

  onEvent(event: EngineEvent): void {
    switch (event.kind) {
      case 'agentState': {
        const code = agentCode(event.state)
        this.send({
          type: 'agentState',
          atMs: event.atMs,
          agentId: event.agentId,
          state: event.state.kind,
          ...(code !== undefined ? { code } : {}),
          ...(event.state.kind === 'Reserved' ? { campaignId: event.state.campaignId } : {}),
        })
        if (event.state.kind === 'Reserved') this.campaignChanged(event.state.campaignId)
        this.agentsDirty = true
        return this.scheduleFlush()
      }
      case 'attemptClosed': {
        const { attempt } = event
        this.send({
          type: 'attempt',
          atMs: event.atMs,
          campaignId: attempt.campaignId,
          attemptId: attempt.id,
          outcome: attempt.outcome,
          agentId: attempt.agentId ?? null,
        })
        this.deps.metrics?.dialerAttempts.inc({
          tenant: this.deps.tenantId,
          campaign: attempt.campaignId,
          outcome: attempt.outcome,
        })
        return this.campaignChanged(attempt.campaignId)
      }
      case 'previewOffer':
        this.send({
          type: 'previewOffer',
          atMs: event.atMs,
          campaignId: event.campaignId,
          taskId: event.taskId,
          agentId: event.agentId,
          expiresAtMs: event.expiresAtMs,
        })
        return this.campaignChanged(event.campaignId)
      case 'dial':
      case 'outcome':
      case 'bridged':
      case 'pacing':
        return this.campaignChanged(event.campaignId)
      default:
        return
    }
  }

  /** The campaign's figures changed: pushed with the next flush (≤ one per interval). */
  campaignChanged(campaignId: string): void {
    this.dirty.add(campaignId)
    this.scheduleFlush()
  }

  private scheduleFlush(): void {
    if (this.timer !== null) return
    const { clock } = this.deps
    const atMs = Math.max(clock.nowMs(), this.lastFlushMs + CAMPAIGN_FIGURES_INTERVAL_MS)
    this.timer = clock.setTimerAt(atMs, () => {
      this.timer = null
      this.flush()
    })
  }

  /** Stops the flush timer (runtime closing). */
  close(): void {
    if (this.timer !== null) this.deps.clock.cancelTimer(this.timer)
    this.timer = null
    this.listeners.clear()
  }

  private flush(): void {
    const nowMs = this.deps.clock.nowMs()
    this.lastFlushMs = nowMs
    const campaigns = [...this.dirty]
    this.dirty.clear()
    if (this.agentsDirty) this.updateAgentGauge()
    this.agentsDirty = false
    for (const campaignId of campaigns) {
      const figures = this.deps.figures(campaignId)
      if (!figures) continue
      this.send({ type: 'campaign', atMs: nowMs, campaignId, data: figures })
      this.sendDecision(campaignId)
      const labels = { tenant: this.deps.tenantId, campaign: campaignId }
      this.deps.metrics?.dialerLines.set(labels, figures.linesInFlight)
      this.deps.metrics?.dialerAbandonRate.set(labels, figures.abandonRateWindowPct / 100)
    }
  }

  /** A campaign's chart point, for staff (agents' filter passes no 'series' message). */
  seriesPoint(campaignId: string, point: SeriesPoint): void {
    this.send({ type: 'series', atMs: point.atMs, campaignId, point })
  }

  private sendDecision(campaignId: string): void {
    const decision = this.deps.latestDecision?.(campaignId)
    if (!decision || this.decisionSentMs.get(campaignId) === decision.atMs) return
    this.decisionSentMs.set(campaignId, decision.atMs)
    this.send({ type: 'pacing', atMs: decision.atMs, campaignId, decision })
  }

  private updateAgentGauge(): void {
    const metrics = this.deps.metrics
    if (!metrics) return
    const counts = this.deps.agentsByState()
    for (const state of AGENT_STATES)
      metrics.dialerAgents.set({ tenant: this.deps.tenantId, state }, counts[state] ?? 0)
  }

  private send(message: LiveMessage): void {
    for (const listener of this.listeners) {
      try {
        listener(message)
      } catch (error) {
        this.listeners.delete(listener)
        this.deps.log.warn('live listener failed, unsubscribed', { error })
      }
    }
  }
}
