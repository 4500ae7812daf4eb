// The agent report's figures (R9.1): from the agent state log, each agent's logged-in, available,
// reserved, talk (Engaged), wrap-up and idle time over a range, idle and wrap-up time by code; a
// state that began before the range counts from the range's start, the last one runs to its end.
import type { AgentStateChange } from '../store/ports/agent-states.ts'

export interface AgentTimes {
  loggedInSec: number
  availableSec: number
  reservedSec: number
  talkSec: number
  wrapUpSec: number
  idleSec: number
  idleSecByCode: Record<string, number>
  wrapUpSecByCode: Record<string, number>
}

const FIELD: Record<string, keyof AgentTimes | undefined> = {
  Available: 'availableSec',
  Reserved: 'reservedSec',
  Engaged: 'talkSec',
  WrapUp: 'wrapUpSec',
  Idle: 'idleSec',
}

/** Milliseconds summed per agent, rounded to seconds at the end. */
export function agentTimes(
  changes: readonly AgentStateChange[],
  fromMs: number,
  toMs: number,
): Map<string, AgentTimes> {
  const ms = new Map<string, Record<string, number>>()
  const add = (agentId: string, key: string, value: number) => {
    let row = ms.get(agentId)
    if (!row) ms.set(agentId, (row = {}))
    row[key] = (row[key] ?? 0) + value
  }
  changes.forEach((change, i) => {
    const next = changes[i + 1]
    const end = next && next.agentId === change.agentId ? Math.min(next.atMs, toMs) : toMs
    const span = end - Math.max(change.atMs, fromMs)
    if (span <= 0 && ms.has(change.agentId)) return
    const length = Math.max(0, span)
    add(change.agentId, 'loggedIn', change.state === 'LoggedOut' ? 0 : length)
    const field = FIELD[change.state]
    if (field) add(change.agentId, field, length)
    if (change.state === 'Idle' && change.code) add(change.agentId, `idle:${change.code}`, length)
    if (change.state === 'WrapUp' && change.code)
      add(change.agentId, `wrapUp:${change.code}`, length)
  })
  const sec = (value: number | undefined) => Math.round((value ?? 0) / 1000)
  const byPrefix = (row: Record<string, number>, prefix: string) =>
    Object.fromEntries(
      Object.entries(row)
        .filter(([key]) => key.startsWith(prefix))
        .map(([key, value]) => [key.slice(prefix.length), sec(value)]),
    )
  return new Map(
    [...ms].map(([agentId, row]) => [
      agentId,
      {
        loggedInSec: sec(row.loggedIn),
        availableSec: sec(row.availableSec),
        reservedSec: sec(row.reservedSec),
        talkSec: sec(row.talkSec),
        wrapUpSec: sec(row.wrapUpSec),
        idleSec: sec(row.idleSec),
        idleSecByCode: byPrefix(row, 'idle:'),
        wrapUpSecByCode: byPrefix(row, 'wrapUp:'),
      },
    ]),
  )
}
