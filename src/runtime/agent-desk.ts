// What an agent's desktop does (R7): log in, go Available or Idle with a code, answer the
// reservation call (R7.2), hang up (the customer, or the reservation call to leave it, R7.5), end
// wrap-up, press "Campaign Contact" (R1.1 b). Each action
// answers the agent state machine's typed result (src/domain/agent-state.ts) as it is; an unknown
// agent or idle code is refused the same way, never thrown.
import type { Engine } from '../dialer/engine.ts'
import type { AgentState, AgentTransition } from '../domain/agent-state.ts'

export type UnknownAgent = { kind: 'unknownAgent'; agentId: string }
export type AgentActionResult =
  | AgentTransition
  | UnknownAgent
  | { kind: 'invalidCode'; code: string }
export type HangupResult = { kind: 'ok' } | { kind: 'noCall' } | UnknownAgent
export type CampaignContactResult =
  | { kind: 'offered' }
  | { kind: 'noContact' }
  | { kind: 'busy' }
  | UnknownAgent

export class AgentDesk {
  constructor(
    private readonly engine: Engine,
    /** The tenant's active idle codes; empty means any code is accepted. */
    private readonly idleCodes: () => ReadonlySet<string>,
  ) {}

  state(agentId: string): AgentState | null {
    return this.engine.ctx.agents.get(agentId)?.state ?? null
  }

  login(agentId: string): AgentActionResult {
    return this.known(agentId) ?? this.engine.agentLogin(agentId)
  }

  logout(agentId: string): AgentActionResult {
    return this.known(agentId) ?? this.engine.agentEvent(agentId, { kind: 'logout' })
  }

  available(agentId: string): AgentActionResult {
    return this.known(agentId) ?? this.engine.agentEvent(agentId, { kind: 'setAvailable' })
  }

  /** Idle with a reason (R7.1); without one, the tenant's default idle code. */
  idle(agentId: string, code?: string): AgentActionResult {
    const unknown = this.known(agentId)
    if (unknown) return unknown
    const codes = this.idleCodes()
    if (code !== undefined && codes.size > 0 && !codes.has(code)) {
      return { kind: 'invalidCode', code }
    }
    const chosen = code ?? this.engine.ctx.agents.get(agentId)!.idleCode
    return this.engine.agentEvent(agentId, { kind: 'setIdle', code: chosen })
  }

  endWrapUp(agentId: string): AgentActionResult {
    return this.known(agentId) ?? this.engine.agentEndWrapUp(agentId)
  }

  /** R7.2: the agent answered the reservation call on their device or browser. */
  answerReservation(agentId: string): AgentActionResult {
    const unknown = this.known(agentId)
    if (unknown) return unknown
    const state = this.engine.ctx.agents.get(agentId)!.state
    if (state.kind !== 'Reserved' || state.connected) {
      return { kind: 'illegal', from: state.kind, event: 'reservationAnswered' }
    }
    this.engine.handleTelephony({ kind: 'agentAnswered', agentId })
    return { kind: 'ok', state: this.engine.ctx.agents.get(agentId)!.state }
  }

  /**
   * Hangs up the agent's call: the customer's, or (R7.5) the reservation call, which leaves the
   * reservation for Idle with `code` (an active idle code; default the tenant's default).
   */
  hangup(agentId: string, code?: string): HangupResult | { kind: 'invalidCode'; code: string } {
    const unknown = this.known(agentId)
    if (unknown) return unknown
    const codes = this.idleCodes()
    if (code !== undefined && codes.size > 0 && !codes.has(code)) {
      return { kind: 'invalidCode', code }
    }
    return this.engine.agentHangup(agentId, code)
  }

  /** R1.1 (b): the next record across the agent's running preview campaigns. */
  requestCampaignContact(agentId: string): CampaignContactResult {
    return this.known(agentId) ?? this.engine.requestCampaignContact(agentId)
  }

  private known(agentId: string): UnknownAgent | null {
    return this.engine.ctx.agents.has(agentId) ? null : { kind: 'unknownAgent', agentId }
  }
}
