// Writes every agent state change to the append-only agent state log (issue 13, R9.1 agent
// reports). Changes are buffered and written in batches through the runtime's write queue: one
// write is queued at a time and takes every change buffered when it runs, so the write cost stays
// bounded however fast agents change state. The buffer is bounded too; beyond it changes are
// dropped and logged (the report then under-counts, it never blocks the engine).
import type { EngineEvent } from '../dialer/types.ts'
import type { AgentStateChange, AgentStateLog } from '../store/ports/agent-states.ts'
import type { RuntimeLog } from './log.ts'
import type { WriteQueue } from './write-queue.ts'

/** Changes waiting for their batch at most. */
export const AGENT_STATE_BUFFER_MAX = 50_000

export class AgentStateJournal {
  private buffer: AgentStateChange[] = []
  private queued = false
  private seq = 0
  dropped = 0

  constructor(
    private readonly deps: { log: AgentStateLog; writes: WriteQueue; runtimeLog: RuntimeLog },
  ) {}

  onEvent(event: EngineEvent): void {
    if (event.kind !== 'agentState') return
    if (this.buffer.length >= AGENT_STATE_BUFFER_MAX) {
      this.dropped += 1
      if (this.dropped === 1)
        this.deps.runtimeLog.error(
          'agent state log behind (AGENT_STATE_BUFFER_MAX), changes dropped',
          {
            agentId: event.agentId,
          },
        )
      return
    }
    const { state } = event
    this.seq += 1
    this.buffer.push({
      agentId: event.agentId,
      atMs: event.atMs,
      seq: this.seq,
      state: state.kind,
      code: state.kind === 'Idle' || state.kind === 'WrapUp' ? state.code : null,
      campaignId: state.kind === 'Reserved' ? state.campaignId : null,
    })
    if (this.queued) return
    this.queued = true
    let batch: AgentStateChange[] = []
    this.deps.writes.push({
      label: 'agent state changes',
      run: async () => {
        // Taken when the write runs (not when queued), so one write carries every change since.
        if (batch.length === 0) {
          batch = this.buffer
          this.buffer = []
          this.queued = false
        }
        await this.deps.log.append(batch)
      },
      onDropped: () => {
        this.dropped += batch.length
        this.queued = false
      },
    })
  }
}
