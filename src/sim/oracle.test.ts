// The oracle's truth (issue 15): when each busy agent is free again, from the bridged call's
// engagement and the wrap-up drawn ahead, and the lines it asks for.
import { describe, expect, it } from 'vitest'
import type { EngineEvent } from '../dialer/types.ts'
import type { AgentState } from '../domain/agent-state.ts'
import type { PacingSnapshot } from '../pacing/types.ts'
import type { SimAgents } from '../telephony/simulated/agent-model.ts'
import type { SimCall } from '../telephony/simulated/sim-telephony.ts'
import { AgentTruth, oraclePolicy } from './oracle.ts'

const T0 = 1_000_000
const TALK_SEC = 100
const WRAP_SEC = 20

const state = (agentId: string, s: AgentState): EngineEvent => ({
  kind: 'agentState',
  atMs: T0,
  agentId,
  state: s,
})

function truthWithOneTalkingAgent() {
  const wrapEnds = new Map<string, number>()
  const agents = {
    plannedWrapSec: (id: string) => (id === 'a1' ? WRAP_SEC : undefined),
    wrapEndMs: (id: string) => wrapEnds.get(id),
  } as unknown as SimAgents
  const truth = new AgentTruth(() => agents)
  truth.onEvent(state('a1', { kind: 'Engaged', interactionId: 'c1', origin: 'campaign' }))
  truth.onBridge({ engagementSec: TALK_SEC } as SimCall, 'a1', T0)
  truth.onEvent(state('a2', { kind: 'Reserved', campaignId: 'c', connected: true }))
  truth.onEvent(state('a3', { kind: 'Reserved', campaignId: 'c', connected: false }))
  return { truth, wrapEnds }
}

describe('AgentTruth', () => {
  it('frees a talking agent at the end of the talk plus the wrap-up drawn ahead', () => {
    const { truth } = truthWithOneTalkingAgent()
    expect(truth.freeAtMs('a1', T0)).toBe(T0 + (TALK_SEC + WRAP_SEC) * 1000)
    // Ready agents are not busy; a reserving one is free now.
    expect(truth.freeAtMs('a2', T0)).toBeNull()
    expect(truth.freeAtMs('a3', T0)).toBe(T0)
  })

  it('counts the agents free before the horizon; horizon 0 counts nobody', () => {
    const { truth } = truthWithOneTalkingAgent()
    // 95 s into the talk: a1 is free 25 s from now, a3 (reserving) now.
    const nowMs = T0 + 95_000
    expect(truth.freeingWithin(nowMs, 0)).toBe(0)
    expect(truth.freeingWithin(nowMs, 25)).toBe(1)
    expect(truth.freeingWithin(nowMs, 26)).toBe(2)
  })

  it('follows the agent into wrap-up, whose end the simulated agents know', () => {
    const { truth, wrapEnds } = truthWithOneTalkingAgent()
    wrapEnds.set('a1', T0 + 130_000)
    truth.onEvent(state('a1', { kind: 'WrapUp', code: 'done' }))
    expect(truth.freeAtMs('a1', T0 + 100_000)).toBe(T0 + 130_000)
  })

  it('asks round(ratio × (ready + freeing)) lines', () => {
    const { truth } = truthWithOneTalkingAgent()
    const policy = oraclePolicy(truth, { ratio: 1.5, horizonSec: 26 })
    const snapshot = { nowMs: T0 + 95_000, readyServers: 1 } as PacingSnapshot
    expect(policy.decide(snapshot).targetLinesInFlight).toBe(Math.round(1.5 * 3))
    const now = oraclePolicy(truth, { ratio: 1.5, horizonSec: 0 })
    expect(now.decide(snapshot).targetLinesInFlight).toBe(Math.round(1.5 * 1))
  })
})
