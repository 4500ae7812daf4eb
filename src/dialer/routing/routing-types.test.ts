// Goal: an inbound queue routes by its Appendix A routing type — LONGEST_AVAILABLE_AGENT,
// SKILLS_BASED (the agent's skill profile against the queue's requirements), CIRCULAR, LINEAR —
// on the engine's simulated inbound calls, alone and blended with a running campaign (R8).
import { describe, expect, it } from 'vitest'
import { type EngineKit, type KitAgentSpec, makeEngineKit } from '../test-kit.ts'
import type { EngineQueueConfig } from '../types.ts'

type Routing = Pick<EngineQueueConfig, 'routingType' | 'skillRequirements'>

/** Three agents made Available in the order agent-3, agent-1, agent-2 (agent-3 waits longest). */
function inboundKit(
  inbound: Routing,
  agents: (string | KitAgentSpec)[] = ['agent-1', 'agent-2', 'agent-3'],
) {
  const kit = makeEngineKit({ agents, agentsAvailable: false, inbound, start: false })
  for (const id of ['agent-3', 'agent-1', 'agent-2']) {
    kit.makeAvailable(id)
    kit.advanceSec(5)
  }
  return kit
}

function answeredBy(kit: EngineKit): Record<string, string | undefined> {
  const answered = kit.eventsOf('inbound').filter((e) => e.phase === 'answered')
  return Object.fromEntries(answered.map((e) => [e.callId, e.agentId]))
}

/** The agent's inbound call ends and their wrap-up with it: they are Available again. */
function free(kit: EngineKit, agentId: string): void {
  kit.finishCall(agentId)
  kit.advanceSec(1)
}

describe('Appendix A inbound routing types on the engine', () => {
  it('LONGEST_AVAILABLE_AGENT: each call goes to the agent Available longest', () => {
    const kit = inboundKit({ routingType: 'LONGEST_AVAILABLE_AGENT' })
    kit.inboundCall('in-1')
    free(kit, 'agent-3')
    kit.inboundCall('in-2')
    kit.inboundCall('in-3')
    expect(answeredBy(kit)).toEqual({ 'in-1': 'agent-3', 'in-2': 'agent-1', 'in-3': 'agent-2' })
  })

  it('LINEAR: each call goes to the first Available agent in the queue order, however long others wait', () => {
    const kit = inboundKit({ routingType: 'LINEAR' })
    kit.inboundCall('in-1')
    free(kit, 'agent-1')
    kit.inboundCall('in-2')
    kit.inboundCall('in-3')
    kit.inboundCall('in-4')
    expect(answeredBy(kit)).toEqual({
      'in-1': 'agent-1',
      'in-2': 'agent-1',
      'in-3': 'agent-2',
      'in-4': 'agent-3',
    })
  })

  it('CIRCULAR: calls go round the queue order, starting after the agent who got the last one', () => {
    const kit = inboundKit({ routingType: 'CIRCULAR' })
    kit.inboundCall('in-1')
    free(kit, 'agent-1')
    kit.inboundCall('in-2')
    free(kit, 'agent-2')
    kit.inboundCall('in-3')
    free(kit, 'agent-3')
    kit.inboundCall('in-4')
    // agent-2 is busy: the round skips them to agent-3, then starts again.
    kit.engine.agentEvent('agent-2', { kind: 'setIdle', code: 'Break' })
    free(kit, 'agent-1')
    kit.inboundCall('in-5')
    kit.inboundCall('in-6')
    expect(answeredBy(kit)).toEqual({
      'in-1': 'agent-1',
      'in-2': 'agent-2',
      'in-3': 'agent-3',
      'in-4': 'agent-1',
      'in-5': 'agent-3',
      'in-6': 'agent-1',
    })
  })

  it('SKILLS_BASED: only agents whose skill profile meets every requirement get calls; a call waits for one', () => {
    const kit = inboundKit(
      {
        routingType: 'SKILLS_BASED',
        skillRequirements: [
          { skillId: 'spanish', minLevel: 5 },
          { skillId: 'billing', minLevel: 2 },
        ],
      },
      [
        // Too low in Spanish; no billing at all; qualified (and Available the shortest time).
        {
          id: 'agent-1',
          skills: [
            { skillId: 'spanish', level: 4 },
            { skillId: 'billing', level: 9 },
          ],
        },
        { id: 'agent-2', skills: [{ skillId: 'spanish', level: 9 }] },
        {
          id: 'agent-3',
          skills: [
            { skillId: 'spanish', level: 5 },
            { skillId: 'billing', level: 2 },
          ],
        },
      ],
    )
    kit.inboundCall('in-1')
    kit.inboundCall('in-2')
    expect(answeredBy(kit)).toEqual({ 'in-1': 'agent-3' })
    // agent-1 and agent-2 are Available, yet the call waits for a qualified agent.
    expect(kit.engine.ctx.queues.get('q-inbound')!.waiting).toEqual(['in-2'])
    expect(kit.agentState('agent-1')).toEqual({ kind: 'Available' })
    free(kit, 'agent-3')
    expect(answeredBy(kit)).toEqual({ 'in-1': 'agent-3', 'in-2': 'agent-3' })
  })

  it('SKILLS_BASED blended with a campaign: an unqualified agent goes back to the campaign, a qualified one takes the call', () => {
    const kit = makeEngineKit({
      agents: [
        { id: 'agent-1', skills: [] },
        { id: 'agent-2', skills: [{ skillId: 'spanish', level: 8 }] },
      ],
      inbound: {
        routingType: 'SKILLS_BASED',
        skillRequirements: [{ skillId: 'spanish', minLevel: 5 }],
      },
      autoAnswerReservations: true,
      dialingRate: 1,
    })
    // Both agents are on campaign calls when the inbound call arrives; it waits.
    for (const id of kit.dialIds()) kit.live(id)
    kit.inboundCall('in-1')
    expect(kit.engine.ctx.queues.get('q-inbound')!.waiting).toEqual(['in-1'])
    kit.advanceSec(30)
    free(kit, 'agent-1')
    expect(kit.agentState('agent-1')).toMatchObject({ kind: 'Reserved', campaignId: 'camp-1' })
    free(kit, 'agent-2')
    expect(kit.agentState('agent-2')).toMatchObject({ kind: 'Engaged', interactionId: 'in-1' })
  })
})
