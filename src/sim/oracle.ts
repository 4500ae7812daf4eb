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

/** One agent as the simulator knows it: its state, and when its engaged call ends. */
interface AgentFacts {
  state: AgentState
  /** The end of its call's engagement, from the bridge on; NaN when not engaged on a known call. */
  talkEndMs: number
}

/** Each agent's state and call, as the simulator knows them. */
export class AgentTruth {
  private readonly facts = new Map<string, AgentFacts>()

  constructor(private readonly agents: () => SimAgents | null) {}

  onEvent(event: EngineEvent): void {
    if (event.kind !== 'agentState') return
    const facts = this.facts.get(event.agentId)
    if (facts === undefined) {
      this.facts.set(event.agentId, { state: event.state, talkEndMs: Number.NaN })
      return
    }
    facts.state = event.state
    if (event.state.kind !== 'Engaged') facts.talkEndMs = Number.NaN
  }

  onBridge(call: SimCall, agentId: string, nowMs: number): void {
    const facts = this.facts.get(agentId)
    const talkEndMs = nowMs + call.engagementSec * 1000
    if (facts === undefined) this.facts.set(agentId, { state: UNKNOWN_STATE, talkEndMs })
    else facts.talkEndMs = talkEndMs
  }

  /**
   * When a busy agent is truly free again (end of talk + wrap-up, or of wrap-up); a reserving agent
   * counts as free now (it answers its reservation call within seconds). Null: not busy, or not
   * known (an engaged agent whose wrap-up was not drawn ahead).
   */
  freeAtMs(agentId: string, nowMs: number): number | null {
    const facts = this.facts.get(agentId)
    return facts === undefined ? null : freeAt(facts, agentId, nowMs, this.agents())
  }

  /**
   * Busy agents truly free before `horizonSec` from now. Horizon 0 counts nobody: the oracle then
   * decides as the fixed ratio does. It runs at every decision over every agent: one walk over
   * the facts, the simulated agents looked up once (issue 15, bench speed).
   */
  freeingWithin(nowMs: number, horizonSec: number): number {
    const untilMs = nowMs + horizonSec * 1000
    const agents = this.agents()
    let count = 0
    for (const [agentId, facts] of this.facts) {
      const at = freeAt(facts, agentId, nowMs, agents)
      if (at !== null && at < untilMs) count++
    }
    return count
  }
}

/** The state of an agent bridged before its first state event (not busy: never counted). */
const UNKNOWN_STATE: AgentState = { kind: 'LoggedOut' }

function freeAt(
  facts: AgentFacts,
  agentId: string,
  nowMs: number,
  agents: SimAgents | null,
): number | null {
  const state = facts.state
  if (state.kind === 'Reserved') return state.connected ? null : nowMs
  if (state.kind === 'WrapUp') return agents?.wrapEndMs(agentId) ?? null
  if (state.kind !== 'Engaged') return null
  const wrapSec = agents?.plannedWrapSec(agentId)
  if (Number.isNaN(facts.talkEndMs) || wrapSec === undefined) return null
  return Math.max(nowMs, facts.talkEndMs) + wrapSec * 1000
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
