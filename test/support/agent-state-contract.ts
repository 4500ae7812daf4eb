// The contract of the agent state log (issue 13, R9.1): appended batches read back by range, with
// each agent's last change before the range, in agent/time/seq order. memory-ports.test.ts runs it
// on the in-memory log; test/api/dialer-store.test.ts on SQLite and PostgreSQL. Only tests import it.
import { describe, expect, it } from 'vitest'
import type { AgentStateChange, AgentStateLog } from '../../src/store/ports/agent-states.ts'

const T0 = Date.parse('2026-03-02T15:00:00Z')

const change = (
  agentId: string,
  atMs: number,
  seq: number,
  state: string,
  code: string | null = null,
): AgentStateChange => ({ agentId, atMs, seq, state, code, campaignId: null })

export function describeAgentStateLogContract(
  name: string,
  make: () => Promise<AgentStateLog>,
): void {
  describe(`agent state log contract: ${name}`, () => {
    it('reads a range with each agent’s state when it began, in order', async () => {
      const log = await make()
      await log.append([
        change('a2', T0 - 5000, 1, 'Idle', 'Lunch'),
        change('a1', T0 - 9000, 2, 'Available'),
        change('a1', T0 - 2000, 3, 'Idle', 'Break'),
        change('a1', T0 - 2000, 4, 'Available'),
      ])
      await log.append([
        change('a1', T0 + 1000, 5, 'WrapUp', 'SALE'),
        change('a3', T0 + 2000, 6, 'Available'),
        change('a1', T0 + 3000, 7, 'LoggedOut'),
        change('a2', T0 + 60_000, 8, 'LoggedOut'),
      ])
      await log.append([])
      const read = await log.between(T0, T0 + 60_000)
      expect(read.map((c) => [c.agentId, c.atMs - T0, c.seq, c.state, c.code])).toEqual([
        ['a1', -2000, 4, 'Available', null],
        ['a1', 1000, 5, 'WrapUp', 'SALE'],
        ['a1', 3000, 7, 'LoggedOut', null],
        ['a2', -5000, 1, 'Idle', 'Lunch'],
        ['a3', 2000, 6, 'Available', null],
      ])
      expect(await log.between(T0 - 100_000, T0 - 50_000)).toEqual([])
    })

    it('appends a large batch in one call', async () => {
      const log = await make()
      const many = Array.from({ length: 1200 }, (_, i) =>
        change(`b${i % 7}`, T0 + i, i, i % 2 ? 'Available' : 'Idle', i % 2 ? null : 'Break'),
      )
      await log.append(many)
      expect(await log.between(T0, T0 + 1200)).toHaveLength(1200)
    })
  })
}
