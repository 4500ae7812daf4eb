// The benchmark's metrics (docs/benchmarks.md "Method: metrics"), from the engine's events and the
// simulator's truth: occupancy, abandon rate over the run and its worst regulatory window, connects
// per agent-hour, mean agent wait between calls, dials per connect, outcomes, and inbound service
// (R8).

import type { EngineEvent } from '../dialer/types.ts'
import type { AgentState } from '../domain/agent-state.ts'
import { type AttemptOutcome, emptyOutcomeCounts } from '../domain/outcomes.ts'
import type { SimCall } from '../telephony/simulated/sim-telephony.ts'

/** A call inbound answered within this long counts toward the service level. */
export const INBOUND_SERVICE_LEVEL_SEC = 20

export interface SimMetrics {
  occupancyPct: number
  abandonRatePct: number
  worstWindowAbandonPct: number
  connectsPerAgentHour: number
  meanAgentWaitSec: number
  dialsPerConnect: number
  dials: number
  connects: number
  abandoned: number
  hiddenAbandons: number
  outcomes: Record<AttemptOutcome, number>
  inbound?: { offered: number; answered: number; meanWaitSec: number; answeredWithin20sPct: number }
}

export class MetricsCollector {
  private talkMs = 0
  private readonly outcomes = emptyOutcomeCounts()
  private dials = 0
  /**
   * Abandon-rate events in time order, as two parallel arrays (no object per connect kept for the
   * whole day: issue 15, engine speed): each event's time, and 1 abandoned or 0 connected.
   */
  private readonly rateAtMs: number[] = []
  private readonly rateAbandoned: number[] = []
  private hiddenAbandons = 0
  private readonly freeSinceMs = new Map<string, number>()
  private waitTotalMs = 0
  private waits = 0
  private readonly inboundArrivals = new Map<string, number>()
  private inboundOffered = 0
  private inboundAnswered = 0
  private inboundWaitMs = 0
  private inboundWithinSla = 0
  private liveConnects = 0

  /**
   * `truthOf`: the truth of a call still in the simulated network. Only an AMD outcome needs it,
   * and the network still holds that call when its outcome comes (the CPA decision ends nothing):
   * no map of every dial's truth (issue 15, engine speed).
   */
  constructor(
    private readonly startMs: number,
    private readonly endMs: number,
    private readonly servers: number,
    private readonly windowSec: number,
    private readonly hasInbound: boolean,
    private readonly truthOf: (callId: string) => SimCall['truth'] | undefined,
  ) {}

  /** Talk with a live person, clipped to the staffed day. */
  callEnded(call: SimCall, endedAtMs: number): void {
    if (call.connectedAtMs === null || call.truth !== 'human') return
    const from = Math.max(call.connectedAtMs, this.startMs)
    const to = Math.min(endedAtMs, this.endMs)
    if (to > from) this.talkMs += to - from
  }

  inboundArrived(callId: string, atMs: number): void {
    this.inboundOffered += 1
    this.inboundArrivals.set(callId, atMs)
  }

  onEvent(event: EngineEvent): void {
    switch (event.kind) {
      case 'dial':
        this.dials += 1
        return
      case 'outcome':
        return this.onOutcome(event.attemptId, event.outcome, event.atMs)
      case 'agentState':
        return this.onAgentState(event.agentId, event.state, event.atMs)
      case 'inbound':
        if (event.phase === 'answered') this.onInboundAnswered(event.callId, event.atMs)
        return
      default:
        return
    }
  }

  private onOutcome(attemptId: string, outcome: AttemptOutcome, atMs: number): void {
    this.outcomes[outcome] += 1
    if (outcome === 'ABANDONED') this.rateEvent(atMs, 1)
    if (outcome === 'LIVE_VOICE') this.rateEvent(atMs, 0)
    if (outcome === 'AMD' && this.truthOf(attemptId) === 'human') {
      // A person AMD took for a machine was hung up on: invisible to the dialer, an abandon here.
      this.hiddenAbandons += 1
      this.rateEvent(atMs, 1)
    }
  }

  private rateEvent(atMs: number, abandoned: 0 | 1): void {
    this.rateAtMs.push(atMs)
    this.rateAbandoned.push(abandoned)
  }

  private onAgentState(agentId: string, state: AgentState, atMs: number): void {
    if (state.kind === 'Available' && !this.freeSinceMs.has(agentId)) {
      this.freeSinceMs.set(agentId, atMs)
    } else if (state.kind === 'Engaged') {
      const since = this.freeSinceMs.get(agentId)
      if (since !== undefined) {
        this.waitTotalMs += atMs - since
        this.waits += 1
      }
      this.freeSinceMs.delete(agentId)
    } else if (state.kind === 'Idle' || state.kind === 'LoggedOut') {
      this.freeSinceMs.delete(agentId)
    }
  }

  private onInboundAnswered(callId: string, atMs: number): void {
    const arrived = this.inboundArrivals.get(callId)
    if (arrived === undefined) return
    this.inboundArrivals.delete(callId)
    this.inboundAnswered += 1
    this.inboundWaitMs += atMs - arrived
    if (atMs - arrived <= INBOUND_SERVICE_LEVEL_SEC * 1000) this.inboundWithinSla += 1
  }

  result(): SimMetrics {
    const events = this.rateAtMs.map((atMs, i) => ({
      atMs,
      abandoned: this.rateAbandoned[i] === 1,
    }))
    const abandoned = events.filter((e) => e.abandoned).length
    const connects = events.length - abandoned
    const staffedMs = this.servers * (this.endMs - this.startMs)
    const hours = staffedMs / 3_600_000
    const metrics: SimMetrics = {
      occupancyPct: staffedMs > 0 ? (100 * this.talkMs) / staffedMs : 0,
      abandonRatePct: ratePct(abandoned, connects),
      worstWindowAbandonPct: worstWindowPct(
        events,
        this.windowSec * 1000,
        this.startMs,
        this.endMs,
      ),
      connectsPerAgentHour: hours > 0 ? this.liveConnects / hours : 0,
      meanAgentWaitSec: this.waits > 0 ? this.waitTotalMs / this.waits / 1000 : 0,
      dialsPerConnect: connects > 0 ? this.dials / connects : 0,
      dials: this.dials,
      connects,
      abandoned,
      hiddenAbandons: this.hiddenAbandons,
      outcomes: { ...this.outcomes },
    }
    if (this.hasInbound) {
      metrics.inbound = {
        offered: this.inboundOffered,
        answered: this.inboundAnswered,
        meanWaitSec:
          this.inboundAnswered > 0 ? this.inboundWaitMs / this.inboundAnswered / 1000 : 0,
        answeredWithin20sPct: ratePct(
          this.inboundWithinSla,
          this.inboundOffered - this.inboundWithinSla,
        ),
      }
    }
    return metrics
  }

  /** An outbound call reached an agent or port with a live person on it. */
  liveConnected(): void {
    this.liveConnects += 1
  }
}

function ratePct(part: number, rest: number): number {
  return part + rest > 0 ? (100 * part) / (part + rest) : 0
}

/**
 * The worst abandon rate over every full window (t − W, t] with start + W ≤ t ≤ end; when the
 * window is as long as the run or longer, the whole run. The rate only changes where an event
 * enters or leaves, so those instants (and the first full window's end) are the candidates.
 */
export function worstWindowPct(
  events: readonly { atMs: number; abandoned: boolean }[],
  windowMs: number,
  startMs: number,
  endMs: number,
): number {
  const lastMs = Math.max(endMs, events.length > 0 ? events[events.length - 1]!.atMs : endMs)
  if (startMs + windowMs >= lastMs) {
    const abandoned = events.filter((e) => e.abandoned).length
    return ratePct(abandoned, events.length - abandoned)
  }
  const candidates = [startMs + windowMs, lastMs]
  for (const e of events) candidates.push(e.atMs, e.atMs + windowMs)
  const times = candidates
    .filter((t) => t >= startMs + windowMs && t <= lastMs)
    .sort((a, b) => a - b)
  let worst = 0
  let head = 0
  let tail = 0
  let abandoned = 0
  let total = 0
  for (const t of times) {
    while (head < events.length && events[head]!.atMs <= t) {
      abandoned += events[head]!.abandoned ? 1 : 0
      total += 1
      head += 1
    }
    while (tail < head && events[tail]!.atMs <= t - windowMs) {
      abandoned -= events[tail]!.abandoned ? 1 : 0
      total -= 1
      tail += 1
    }
    if (total > 0) worst = Math.max(worst, (100 * abandoned) / total)
  }
  return worst
}
