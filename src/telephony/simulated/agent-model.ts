// Simulated agents: they log in at the start, answer reservations (through the telephony model),
// read preview records, and end wrap-up after their wrap time. In waves (`agentWaves`), a share of
// them, drawn from the seed, log out at the end of their next call's wrap-up and log back in later. They act only through the engine's
// public actions, exactly as a desktop would. Their behaviour's fields are embedded by scenario
// files (sim/scenario.ts) and the demo network (demo-network.ts).

import { z } from 'zod'
import type { Engine } from '../../dialer/engine.ts'
import type { Clock } from '../../dialer/ports/clock.ts'
import type { EngineEvent } from '../../dialer/types.ts'
import { constSec, type Distribution, distributionSchema, sampleSec } from './distributions.ts'
import { numberIn, positiveUpTo } from './number-fields.ts'
import type { Random, Rng } from './rng.ts'

export const PREVIEW_REVIEW_SEC_DEFAULT = 5
/** A wave starts within a week of the day's start and lasts at most a week. */
const WAVE_SEC_MAX = 7 * 86_400
const BREAK_IDLE_CODE = 'break'

/** At `atSec`, `share` of the agents log out (each after its next call) until `atSec + awaySec`. */
export const agentWaveSchema = z.object({
  atSec: numberIn(0, WAVE_SEC_MAX, ' s'),
  share: numberIn(0, 1, ' (a share of the agents)'),
  awaySec: positiveUpTo(WAVE_SEC_MAX, ' s'),
})
export type AgentWave = z.output<typeof agentWaveSchema>

/** The simulated agents' behaviour fields, as scenario files and the demo network name them. */
export const agentBehaviourShape = {
  /** After-call work of an outbound call. */
  wrapSec: distributionSchema,
  /** Outdial extension: how long a preview agent reads a record before accepting. */
  previewReviewSec: distributionSchema.default(constSec(PREVIEW_REVIEW_SEC_DEFAULT)),
  /** Outdial extension: agents logging out and back in, in waves (default: none). */
  agentWaves: z.array(agentWaveSchema).default([]),
}

export interface AgentBehaviour {
  wrapSec: Distribution
  previewReviewSec: Distribution
  /** After-call work of an inbound call; absent: wrapSec. */
  inboundWrapSec?: Distribution
  agentWaves?: readonly AgentWave[]
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
  /** Agents of a wave who log out once their current call is wrapped up. */
  private readonly leaving = new Set<string>()
  private readonly away = new Set<string>()
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
    this.waveRandom = rng.stream('agent.waves')
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

  private readonly waveRandom: Random

  loginAll(agentIds: readonly string[]): void {
    for (const agentId of agentIds) this.logIn(agentId)
    for (const wave of this.behaviour.agentWaves ?? []) {
      this.after(wave.atSec, () => this.startWave(agentIds, wave))
    }
  }

  private logIn(agentId: string): void {
    this.engine.agentLogin(agentId)
    this.engine.agentEvent(agentId, { kind: 'setAvailable' })
  }

  /**
   * The wave's agents (a seeded draw among those still here) each log out at the end of their next
   * wrap-up (a desktop's "not ready after this call", which the dialer does not see coming), and
   * log back in `awaySec` after the wave started (one still on the call by then does not leave).
   */
  private startWave(agentIds: readonly string[], wave: AgentWave): void {
    if (this.stopped) return
    const here = agentIds.filter((id) => !this.away.has(id) && !this.leaving.has(id))
    const count = Math.round(wave.share * here.length)
    const chosen: string[] = []
    for (let i = 0; i < count; i++) {
      const index = this.waveRandom.int(i, here.length - 1)
      ;[here[i], here[index]] = [here[index]!, here[i]!]
      chosen.push(here[i]!)
    }
    for (const agentId of chosen) this.leaving.add(agentId)
    this.after(wave.awaySec, () => {
      for (const agentId of chosen) {
        this.leaving.delete(agentId)
        if (this.away.delete(agentId) && !this.stopped) this.logIn(agentId)
      }
    })
  }

  stop(): void {
    this.stopped = true
  }

  private after(sec: number, action: () => void): void {
    this.clock.setTimerAt(this.clock.nowMs() + Math.max(0, sec) * 1000, action)
  }

  /** A leaving agent ends wrap-up by going on a break (Idle) and logging out. */
  private endWrapUp(agentId: string): void {
    if (!this.leaving.delete(agentId)) {
      this.engine.agentEndWrapUp(agentId)
      return
    }
    this.engine.agentEvent(agentId, { kind: 'setIdle', code: BREAK_IDLE_CODE })
    this.engine.agentEvent(agentId, { kind: 'logout' })
    this.away.add(agentId)
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
        this.endWrapUp(agentId)
      })
    }
    if (event.kind === 'previewOffer' && !this.stopped) {
      const { taskId, agentId } = event
      const readSec = sampleSec(this.behaviour.previewReviewSec, this.previewRandom)
      this.after(readSec, () => this.engine.previewAction(taskId, 'ACCEPT', agentId))
    }
  }
}
