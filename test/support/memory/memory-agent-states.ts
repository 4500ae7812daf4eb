// The agent state log in memory (tests and the "no database" mode), to the same contract as SQL.
import {
  type AgentStateChange,
  type AgentStateLog,
  byAgentAndTime,
} from '../../../src/store/ports/agent-states.ts'

export class MemoryAgentStates implements AgentStateLog {
  readonly changes: AgentStateChange[] = []

  async append(changes: readonly AgentStateChange[]): Promise<void> {
    this.changes.push(...changes.map((c) => ({ ...c })))
  }

  async between(fromMs: number, toMs: number): Promise<AgentStateChange[]> {
    const last = new Map<string, AgentStateChange>()
    const inRange: AgentStateChange[] = []
    for (const c of [...this.changes].sort(byAgentAndTime)) {
      if (c.atMs < fromMs) last.set(c.agentId, c)
      else if (c.atMs < toMs) inRange.push(c)
    }
    return [...last.values(), ...inRange].map((c) => ({ ...c })).sort(byAgentAndTime)
  }
}
