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

export class SimAgents {
  private readonly wrapRandom: Random
  private readonly previewRandom: Random
  /** Agents whose last call was inbound (their wrap-up follows the inbound distribution). */
  private readonly lastInbound = new Set<string>()
  private stopped = false

  constructor(
    private readonly behaviour: AgentBehaviour,
    private readonly clock: Clock,
    private readonly engine: Engine,
    rng: Rng,
  ) {
    this.wrapRandom = rng.stream('agent.wrap')
    this.previewRandom = rng.stream('agent.preview')
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
    }
    if (event.kind === 'agentState' && event.state.kind === 'WrapUp') {
      const { inboundWrapSec, wrapSec } = this.behaviour
      const dist = this.lastInbound.has(event.agentId) ? (inboundWrapSec ?? wrapSec) : wrapSec
      const agentId = event.agentId
      this.after(sampleSec(dist, this.wrapRandom), () => this.engine.agentEndWrapUp(agentId))
    }
    if (event.kind === 'previewOffer' && !this.stopped) {
      const { taskId, agentId } = event
      const readSec = sampleSec(this.behaviour.previewReviewSec, this.previewRandom)
      this.after(readSec, () => this.engine.previewAction(taskId, 'ACCEPT', agentId))
    }
  }
}
