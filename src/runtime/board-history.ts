// What the supervisor's board shows beyond the figures of now (issue 12, R9.2): each campaign's
// recent pooled pacing decisions with their inputs ("why N lines now"), and a time series over the
// day (lines in flight, connects, abandon rate over the run and in the window) for the charts.
// Both bounded: a ring of decisions per campaign, a ring of points per campaign.
import type { AgentRuntime } from '../dialer/context.ts'
import type { EngineEvent } from '../dialer/types.ts'
import { invariant } from '../domain/invariant.ts'
import type {
  BoardAgent,
  CampaignLiveFigures,
  PacingDecisionRecord,
  SeriesPoint,
} from './control.ts'

/** Pacing decisions kept per campaign (the newest; decisions come at most 4 a second). */
export const PACING_DECISIONS_KEPT = 50
/** One chart point per campaign this often. */
export const SERIES_INTERVAL_MS = 10_000
/** Points kept per campaign: a whole day at one point every 10 s. */
export const SERIES_POINTS_MAX = 8640
invariant(SERIES_POINTS_MAX * SERIES_INTERVAL_MS >= 86_400_000, 'the series holds a whole day')

/** A bounded ring: push drops the oldest when full; `newestFirst` copies. */
class Ring<T> {
  private readonly items: T[] = []
  private start = 0

  constructor(private readonly capacity: number) {}

  push(item: T): void {
    if (this.items.length < this.capacity) this.items.push(item)
    else {
      this.items[this.start] = item
      this.start = (this.start + 1) % this.capacity
    }
  }

  oldestFirst(): T[] {
    return [...this.items.slice(this.start), ...this.items.slice(0, this.start)]
  }

  newest(): T | undefined {
    if (this.items.length === 0) return undefined
    return this.items[(this.start + this.items.length - 1) % this.items.length]
  }
}

export class BoardHistory {
  private readonly decisions = new Map<string, Ring<PacingDecisionRecord>>()
  private readonly series = new Map<string, Ring<SeriesPoint>>()
  private readonly connectsSeen = new Map<string, number>()

  onEvent(event: EngineEvent): PacingDecisionRecord | null {
    if (event.kind !== 'pacing') return null
    const record: PacingDecisionRecord = {
      atMs: event.atMs,
      target: event.target,
      inFlight: event.inFlight,
      reason: event.reason,
      inputs: event.inputs,
    }
    this.ringOf(this.decisions, event.campaignId, PACING_DECISIONS_KEPT).push(record)
    return record
  }

  /** The campaign's recent decisions, newest first. */
  decisionsOf(campaignId: string): PacingDecisionRecord[] {
    return this.decisions.get(campaignId)?.oldestFirst().reverse() ?? []
  }

  latestDecision(campaignId: string): PacingDecisionRecord | null {
    return this.decisions.get(campaignId)?.newest() ?? null
  }

  /** Adds the campaign's point of now; returns it. */
  sample(campaignId: string, nowMs: number, figures: CampaignLiveFigures): SeriesPoint {
    const connectsTotal = figures.outcomes.LIVE_VOICE ?? 0
    const before = this.connectsSeen.get(campaignId) ?? 0
    this.connectsSeen.set(campaignId, connectsTotal)
    const point: SeriesPoint = {
      atMs: nowMs,
      linesInFlight: figures.linesInFlight,
      connects: Math.max(0, connectsTotal - before),
      abandonRateRunPct: figures.abandonRateRunPct,
      abandonRateWindowPct: figures.abandonRateWindowPct,
    }
    this.ringOf(this.series, campaignId, SERIES_POINTS_MAX).push(point)
    return point
  }

  /** The campaign's points, oldest first. */
  seriesOf(campaignId: string): SeriesPoint[] {
    return this.series.get(campaignId)?.oldestFirst() ?? []
  }

  private ringOf<T>(rings: Map<string, Ring<T>>, campaignId: string, capacity: number): Ring<T> {
    let ring = rings.get(campaignId)
    if (!ring) {
      ring = new Ring<T>(capacity)
      rings.set(campaignId, ring)
    }
    return ring
  }
}

/** The agents the engine knows, with their state and since when, by name (the board's table). */
export function boardAgents(
  agents: Iterable<AgentRuntime>,
  names: ReadonlyMap<string, string>,
): BoardAgent[] {
  const rows: BoardAgent[] = []
  for (const agent of agents) {
    const { state } = agent
    rows.push({
      agentId: agent.id,
      name: names.get(agent.id) ?? agent.id,
      state: state.kind,
      code: state.kind === 'Idle' || state.kind === 'WrapUp' ? state.code : null,
      sinceMs: agent.stateSinceMs,
      campaignId: servedCampaign(agent),
    })
  }
  return rows.sort((a, b) => a.name.localeCompare(b.name))
}

function servedCampaign(agent: AgentRuntime): string | null {
  const { state } = agent
  if (state.kind === 'Reserved') return state.campaignId
  if (state.kind === 'Engaged' && state.origin === 'campaign') return agent.poolCampaignId
  if (state.kind === 'WrapUp') return agent.wrapUp?.campaignId ?? null
  return null
}
