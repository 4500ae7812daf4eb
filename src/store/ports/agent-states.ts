// The append-only agent state log (issue 13, R9.1 agent reports): every state change of every
// agent as the runtime saw it, so logged-in, talk, wrap-up and idle time can be summed over any
// range afterwards. Written in batches through the runtime's write queue; bound to one tenant.

export interface AgentStateChange {
  agentId: string
  atMs: number
  /** Orders changes of one agent within one millisecond (the runtime's own counter). */
  seq: number
  /** The state entered: LoggedOut, Idle, Available, Reserved, Engaged or WrapUp. */
  state: string
  /** The idle (aux) code of an Idle state, the wrap-up code of a WrapUp state; else null. */
  code: string | null
  /** The campaign a Reserved state is for; else null. */
  campaignId: string | null
}

export interface AgentStateLog {
  /** Appends the changes (one transaction). */
  append(changes: readonly AgentStateChange[]): Promise<void>
  /**
   * The changes in [fromMs, toMs) and, for each agent, its last change before `fromMs` (the state
   * it was in when the range began); ordered by agent, time and seq.
   */
  between(fromMs: number, toMs: number): Promise<AgentStateChange[]>
}

/** Orders changes by agent, time and seq (the order `between` answers in). */
export function byAgentAndTime(a: AgentStateChange, b: AgentStateChange): number {
  return a.agentId < b.agentId ? -1 : a.agentId > b.agentId ? 1 : a.atMs - b.atMs || a.seq - b.seq
}
