// Goal: agent times are summed from the state log over a range — a state begun before the range
// counts from its start, the last runs to its end, LoggedOut is not logged-in time, idle and
// wrap-up time are split by code.
import { describe, expect, it } from 'vitest'
import type { AgentStateChange } from '../store/ports/agent-states.ts'
import { agentTimes } from './agent-report.ts'

const c = (agentId: string, atSec: number, state: string, code: string | null = null) =>
  ({ agentId, atMs: atSec * 1000, seq: atSec, state, code, campaignId: null }) as AgentStateChange

describe('agent times (R9.1)', () => {
  it('sums each state within the range', () => {
    const times = agentTimes(
      [
        c('a1', -100, 'Idle', 'Break'),
        c('a1', 50, 'Available'),
        c('a1', 60, 'Reserved'),
        c('a1', 70, 'Engaged'),
        c('a1', 190, 'WrapUp', 'SALE'),
        c('a1', 220, 'Idle', 'Lunch'),
        c('a1', 400, 'LoggedOut'),
        c('a2', -10, 'LoggedOut'),
      ],
      0,
      1000_000,
    )
    expect(times.get('a1')).toEqual({
      loggedInSec: 400,
      availableSec: 10,
      reservedSec: 10,
      talkSec: 120,
      wrapUpSec: 30,
      idleSec: 230,
      idleSecByCode: { Break: 50, Lunch: 180 },
      wrapUpSecByCode: { SALE: 30 },
    })
    expect(times.get('a2')).toMatchObject({ loggedInSec: 0, idleSec: 0 })
  })

  it('runs the last state to the end of the range', () => {
    const times = agentTimes([c('a1', 10, 'Available')], 0, 70_000)
    expect(times.get('a1')).toMatchObject({ loggedInSec: 60, availableSec: 60 })
  })
})
