// The benchmark's ceiling (issue 15): an `oracle` pooled policy that knows what no real dialer can,
// each busy agent's true remaining talk and wrap-up, from the simulator's truth. It dials
// round(ratio × (ready agents + busy agents truly free within the horizon)) lines. It lives in the
// simulator, where the truth is; the engine only calls it through its instrumentPolicy port, as it
// calls any pooled policy, and never reads the truth itself. The benchmark chooses the ratio and
// horizon in hindsight (bench/pacing/oracle-best.ts).
import type { EngineEvent } from '../dialer/types.ts'
import type { AgentState } from '../domain/agent-state.ts'
import { invariant } from '../domain/invariant.ts'
import { FIXED_RATIO_MAX } from '../pacing/fixed.ts'
import type { PacingDecision, PacingSnapshot, PoolPacingPolicy } from '../pacing/types.ts'
import type { SimAgents } from '../telephony/simulated/agent-model.ts'
import type { SimCall } from '../telephony/simulated/sim-telephony.ts'

/** The longest look-ahead the oracle accepts, in seconds. */
export const ORACLE_HORIZON_SEC_MAX = 600

/** Each agent's state and call, as the simulator knows them. */
export class AgentTruth {
  private readonly states = new Map<string, AgentState>()
  /** When each engaged agent's call ends (its party's engagement from the bridge on). */
  private readonly talkEndsMs = new Map<string, number>()

  constructor(private readonly agents: () => SimAgents | null) {}

  onEvent(event: EngineEvent): void {
    if (event.kind !== 'agentState') return
    this.states.set(event.agentId, event.state)
    if (event.state.kind !== 'Engaged') this.talkEndsMs.delete(event.agentId)
  }

  onBridge(call: SimCall, agentId: string, nowMs: number): void {
    this.talkEndsMs.set(agentId, nowMs + call.engagementSec * 1000)
  }

  /**
   * When a busy agent is truly free again (end of talk + wrap-up, or of wrap-up); a reserving agent
   * counts as free now (it answers its reservation call within seconds). Null: not busy, or not
   * known (an engaged agent whose wrap-up was not drawn ahead).
   */
  freeAtMs(agentId: string, nowMs: number): number | null {
    const state = this.states.get(agentId)
    if (state === undefined) return null
    if (state.kind === 'Reserved') return state.connected ? null : nowMs
    if (state.kind === 'WrapUp') return this.agents()?.wrapEndMs(agentId) ?? null
    if (state.kind !== 'Engaged') return null
    const talkEndMs = this.talkEndsMs.get(agentId)
    const wrapSec = this.agents()?.plannedWrapSec(agentId)
    if (talkEndMs === undefined || wrapSec === undefined) return null
    return Math.max(nowMs, talkEndMs) + wrapSec * 1000
  }

  /**
   * Busy agents truly free before `horizonSec` from now. Horizon 0 counts nobody: the oracle then
   * decides as the fixed ratio does.
   */
  freeingWithin(nowMs: number, horizonSec: number): number {
    const untilMs = nowMs + horizonSec * 1000
    let count = 0
    for (const agentId of this.states.keys()) {
      const freeAt = this.freeAtMs(agentId, nowMs)
      if (freeAt !== null && freeAt < untilMs) count++
    }
    return count
  }
}

export interface OracleSettings {
  ratio: number
  horizonSec: number
}

export function checkOracleSettings({ ratio, horizonSec }: OracleSettings): void {
  invariant(ratio > 0 && ratio <= FIXED_RATIO_MAX, 'oracle ratio outside (0, FIXED_RATIO_MAX]')
  invariant(
    horizonSec >= 0 && horizonSec <= ORACLE_HORIZON_SEC_MAX,
    'oracle horizon outside [0, ORACLE_HORIZON_SEC_MAX]',
  )
}

export function oraclePolicy(truth: AgentTruth, settings: OracleSettings): PoolPacingPolicy {
  checkOracleSettings(settings)
  const { ratio, horizonSec } = settings
  return {
    name: `oracle:${ratio}:${horizonSec}`,
    decide(snapshot: PacingSnapshot): PacingDecision {
      const freeing = truth.freeingWithin(snapshot.nowMs, horizonSec)
      const servers = snapshot.readyServers + freeing
      return {
        targetLinesInFlight: Math.round(ratio * servers),
        reason: `oracle ${ratio} × (${snapshot.readyServers} ready + ${freeing} free within ${horizonSec} s)`,
      }
    },
  }
}
