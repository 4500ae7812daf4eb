// Simulated agents: they log in at the start, answer reservations (through the telephony model),
// read preview records, and end wrap-up after their wrap time. They act only through the engine's
// public actions, exactly as a desktop would. Their behaviour's fields are embedded by scenario
// files (sim/scenario.ts) and the demo network (demo-network.ts).
import type { Engine } from '../../dialer/engine.ts'
import type { Clock } from '../../dialer/ports/clock.ts'
import type { EngineEvent } from '../../dialer/types.ts'
import { constSec, type Distribution, distributionSchema, sampleSec } from './distributions.ts'
import type { Random, Rng } from './rng.ts'

export const PREVIEW_REVIEW_SEC_DEFAULT = 5

/** The simulated agents' behaviour fields, as scenario files and the demo network name them. */
export const agentBehaviourShape = {
  /** After-call work of an outbound call. */
  wrapSec: distributionSchema,
  /** Outdial extension: how long a preview agent reads a record before accepting. */
  previewReviewSec: distributionSchema.default(constSec(PREVIEW_REVIEW_SEC_DEFAULT)),
}

export interface AgentBehaviour {
  wrapSec: Distribution
  previewReviewSec: Distribution
  /** After-call work of an inbound call; absent: wrapSec. */
  inboundWrapSec?: Distribution
}

export interface SimAgentsOptions {
  /**
   * Draw each call's wrap-up when its talk starts instead of when the wrap-up starts, so that the
   * simulator's truth knows it ahead (the benchmark's oracle baseline, sim/oracle.ts). The draws
   * come in another order, so it is on only for that baseline: every other day draws as before.
   */
  drawWrapAhead?: boolean
}

export class SimAgents {
  private readonly wrapRandom: Random
  private readonly previewRandom: Random
  /** Agents whose last call was inbound (their wrap-up follows the inbound distribution). */
  private readonly lastInbound = new Set<string>()
  /** drawWrapAhead: the wrap-up of each engaged agent's call, drawn at talk start. */
  private readonly wrapAhead: Map<string, number> | null
  /** When each agent in wrap-up ends it (simulated ms). */
  private readonly wrapEndsMs = new Map<string, number>()
  private stopped = false

  constructor(
    private readonly behaviour: AgentBehaviour,
    private readonly clock: Clock,
    private readonly engine: Engine,
    rng: Rng,
    options: SimAgentsOptions = {},
  ) {
    this.wrapRandom = rng.stream('agent.wrap')
    this.previewRandom = rng.stream('agent.preview')
    this.wrapAhead = options.drawWrapAhead === true ? new Map() : null
  }

  /** The wrap-up the engaged agent's call will have, when drawn ahead (drawWrapAhead). */
  plannedWrapSec(agentId: string): number | undefined {
    return this.wrapAhead?.get(agentId)
  }

  /** When the agent's current wrap-up ends, if the agent is in one. */
  wrapEndMs(agentId: string): number | undefined {
    return this.wrapEndsMs.get(agentId)
  }

  private wrapDistribution(agentId: string): Distribution {
    const { inboundWrapSec, wrapSec } = this.behaviour
    return this.lastInbound.has(agentId) ? (inboundWrapSec ?? wrapSec) : wrapSec
  }

  loginAll(agentIds: readonly string[]): void {
    for (const agentId of agentIds) {
      this.engine.agentLogin(agentId)
      this.engine.agentEvent(agentId, { kind: 'setAvailable' })
    }
  }

  stop(): void {
    this.stopped = true
  }

  private after(sec: number, action: () => void): void {
    this.clock.setTimerAt(this.clock.nowMs() + Math.max(0, sec) * 1000, action)
  }

  onEvent(event: EngineEvent): void {
    if (event.kind === 'agentState' && event.state.kind === 'Engaged') {
      if (event.state.origin === 'inbound') this.lastInbound.add(event.agentId)
      else this.lastInbound.delete(event.agentId)
      if (this.wrapAhead && !this.wrapAhead.has(event.agentId)) {
        const dist = this.wrapDistribution(event.agentId)
        this.wrapAhead.set(event.agentId, sampleSec(dist, this.wrapRandom))
      }
    }
    if (event.kind === 'agentState' && event.state.kind === 'WrapUp') {
      const agentId = event.agentId
      const planned = this.wrapAhead?.get(agentId)
      this.wrapAhead?.delete(agentId)
      const sec = planned ?? sampleSec(this.wrapDistribution(agentId), this.wrapRandom)
      this.wrapEndsMs.set(agentId, this.clock.nowMs() + Math.max(0, sec) * 1000)
      this.after(sec, () => {
        this.wrapEndsMs.delete(agentId)
        this.engine.agentEndWrapUp(agentId)
      })
    }
    if (event.kind === 'previewOffer' && !this.stopped) {
      const { taskId, agentId } = event
      const readSec = sampleSec(this.behaviour.previewReviewSec, this.previewRandom)
      this.after(readSec, () => this.engine.previewAction(taskId, 'ACCEPT', agentId))
    }
  }
}
