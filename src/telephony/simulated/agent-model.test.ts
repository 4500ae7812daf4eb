// Simulated agents' wrap-up draws (issue 15): drawn at talk start only when the oracle baseline
// asks for it, and then used as drawn when the wrap-up starts; otherwise drawn as before.
import { describe, expect, it } from 'vitest'
import type { Engine } from '../../dialer/engine.ts'
import { VirtualClock } from '../../dialer/ports/virtual-clock.ts'
import type { EngineEvent } from '../../dialer/types.ts'
import { SimAgents } from './agent-model.ts'
import { sampleSec } from './distributions.ts'
import { createRng, createStream } from './rng.ts'

const SEED = 42
const START_MS = 1_000_000
const behaviour = {
  wrapSec: { dist: 'lognormal', mean: 15, cv: 0.5 },
  previewReviewSec: { dist: 'const', value: 5 },
} as const

function setup(drawWrapAhead: boolean) {
  const clock = new VirtualClock(START_MS)
  const ended: { agentId: string; atMs: number }[] = []
  const engine = {
    agentEndWrapUp: (agentId: string) => ended.push({ agentId, atMs: clock.nowMs() }),
  } as unknown as Engine
  const agents = new SimAgents(behaviour, clock, engine, createRng(SEED), { drawWrapAhead })
  return { clock, ended, agents }
}

const engaged: EngineEvent = {
  kind: 'agentState',
  atMs: START_MS,
  agentId: 'agent-1',
  state: { kind: 'Engaged', interactionId: 'call-1', origin: 'campaign' },
}
const wrapUp = (atMs: number): EngineEvent => ({
  kind: 'agentState',
  atMs,
  agentId: 'agent-1',
  state: { kind: 'WrapUp', code: 'done' },
})

describe('SimAgents wrap-up draws', () => {
  it('draws the wrap-up at talk start when asked, and ends the wrap-up on it', () => {
    const { clock, ended, agents } = setup(true)
    agents.onEvent(engaged)
    const planned = agents.plannedWrapSec('agent-1')
    expect(planned).toBe(sampleSec(behaviour.wrapSec, createStream(SEED, 'agent.wrap')))
    clock.runUntil(START_MS + 60_000, 100)
    agents.onEvent(wrapUp(clock.nowMs()))
    const endMs = START_MS + 60_000 + planned! * 1000
    expect(agents.plannedWrapSec('agent-1')).toBeUndefined()
    expect(agents.wrapEndMs('agent-1')).toBe(endMs)
    clock.runAll(100)
    expect(ended).toEqual([{ agentId: 'agent-1', atMs: endMs }])
    expect(agents.wrapEndMs('agent-1')).toBeUndefined()
  })

  it('otherwise draws it when the wrap-up starts, from the same stream as before', () => {
    const { clock, ended, agents } = setup(false)
    agents.onEvent(engaged)
    expect(agents.plannedWrapSec('agent-1')).toBeUndefined()
    agents.onEvent(wrapUp(START_MS))
    clock.runAll(100)
    const drawn = sampleSec(behaviour.wrapSec, createStream(SEED, 'agent.wrap'))
    expect(ended).toEqual([{ agentId: 'agent-1', atMs: START_MS + drawn * 1000 }])
  })
})
