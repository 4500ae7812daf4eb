// Simulated agents: they log in at the start, answer reservations (through the telephony model),
// read preview records, and end wrap-up after the scenario's wrap time. They act only through the
// engine's public actions, exactly as a desktop would.
import type { Engine } from '../../dialer/engine.ts'
import type { Clock } from '../../dialer/ports/clock.ts'
import type { EngineEvent } from '../../dialer/types.ts'
import type { AgentScenario } from '../../sim/scenario.ts'
import { sampleSec } from './distributions.ts'
import type { Random, Rng } from './rng.ts'

export class SimAgents {
  private readonly wrapRandom: Random
  private readonly previewRandom: Random
  /** Agents whose last call was inbound (their wrap-up follows the inbound distribution). */
  private readonly lastInbound = new Set<string>()
  private stopped = false

  constructor(
    private readonly scenario: AgentScenario,
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
      const inbound = this.lastInbound.has(event.agentId) && this.scenario.inbound
      const dist = inbound ? this.scenario.inbound!.wrapSec : this.scenario.wrapSec
      const agentId = event.agentId
      this.after(sampleSec(dist, this.wrapRandom), () => this.engine.agentEndWrapUp(agentId))
    }
    if (event.kind === 'previewOffer' && !this.stopped) {
      const { taskId, agentId } = event
      const readSec = sampleSec(this.scenario.previewReviewSec, this.previewRandom)
      this.after(readSec, () => this.engine.previewAction(taskId, 'ACCEPT', agentId))
    }
  }
}
