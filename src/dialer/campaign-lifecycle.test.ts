// Goal: pause, resume and stop let calls finish and agents go; misfit commands are refused (R5.2).
import { describe, expect, it } from 'vitest'
import { makeEngineKit } from './test-kit.ts'

describe('R5.2 pause and resume', () => {
  it('pause stops new dials but lets the calls in flight finish', () => {
    const kit = makeEngineKit({ dialingRate: 2, autoAnswerReservations: true })
    const [a, b] = kit.dialIds()
    kit.advanceSec(5)
    expect(kit.engine.pauseCampaign('camp-1')).toEqual({ kind: 'ok' })
    expect(kit.campaign().status).toBe('paused')
    // The agent keeps the reservation while its lines are out.
    expect(kit.agentState('agent-1')).toMatchObject({ kind: 'Reserved', connected: true })
    kit.live(a!)
    expect(kit.commands('bridge')).toMatchObject([{ callId: a, agentId: 'agent-1' }])
    kit.fail(b!, 'busy')
    kit.advanceSec(60)
    kit.finishCall('agent-1')
    expect(kit.outcomes()).toEqual(['LIVE_VOICE', 'CUSTOMER_BUSY'])
    expect(kit.dials()).toHaveLength(2)
    expect(kit.agentState('agent-1')).toEqual({ kind: 'Available' })
    kit.advanceSec(600)
    expect(kit.dials()).toHaveLength(2)
  })

  it('pause lets a reserved agent with no line out go at once', () => {
    const kit = makeEngineKit({ agentsAvailable: true })
    expect(kit.agentState('agent-1')).toMatchObject({ kind: 'Reserved', connected: false })
    kit.engine.pauseCampaign('camp-1')
    expect(kit.agentState('agent-1')).toEqual({ kind: 'Available' })
    expect(kit.commands('releaseAgent')).toMatchObject([{ agentId: 'agent-1' }])
    // The withdrawn reservation call answering late changes nothing.
    kit.agentAnswered('agent-1')
    expect(kit.dials()).toEqual([])
  })

  it('still bridges a live customer of a paused campaign, or abandons it at 2 s', () => {
    const kit = makeEngineKit({ dialingRate: 2, autoAnswerReservations: true })
    const [a, b] = kit.dialIds()
    kit.engine.pauseCampaign('camp-1')
    kit.live(a!)
    kit.live(b!)
    kit.advanceSec(2)
    expect(kit.outcomes()).toEqual(['LIVE_VOICE', 'ABANDONED'])
    kit.playDone(b!)
    expect(kit.assertAttemptAccounting()).toEqual({ dialled: 2, closed: 1, open: 1 })
  })

  it('resume reserves agents and dials again', () => {
    const kit = makeEngineKit({ dialingRate: 2, autoAnswerReservations: true })
    kit.engine.pauseCampaign('camp-1')
    for (const id of kit.dialIds()) kit.fail(id, 'busy')
    expect(kit.agentState('agent-1')).toEqual({ kind: 'Available' })
    kit.advanceSec(30)
    expect(kit.engine.resumeCampaign('camp-1')).toEqual({ kind: 'ok' })
    kit.advanceSec(0) // the reservation call answers (auto-answer after 0 s)
    expect(kit.agentState('agent-1')).toMatchObject({ kind: 'Reserved', connected: true })
    expect(kit.dials().map((d) => d.atMs)).toEqual([kit.ms(0), kit.ms(0), kit.ms(30), kit.ms(30)])
  })

  it('pause takes back open preview offers; the record stays in the list', () => {
    const kit = makeEngineKit({ mode: 'preview_standard', contacts: 1 })
    kit.agentAnswered('agent-1')
    const [offer] = kit.eventsOf('previewOffer')
    kit.advanceSec(4)
    kit.engine.pauseCampaign('camp-1')
    expect(kit.engine.previewAction(offer!.taskId, 'ACCEPT')).toMatchObject({ kind: 'notFound' })
    expect(kit.agentState('agent-1')).toEqual({ kind: 'Available' })
    expect(kit.list().nextDueMs()).toBe(kit.ms(4))
    kit.engine.resumeCampaign('camp-1')
    kit.agentAnswered('agent-1')
    expect(kit.eventsOf('previewOffer').map((e) => e.contactId)).toEqual(['camp-1-c1', 'camp-1-c1'])
  })
})

describe('R5.2 stop', () => {
  it('releases the reserved agents once the lines are drained', () => {
    const kit = makeEngineKit({ agents: 2, autoAnswerReservations: true })
    const [a, b] = kit.dialIds()
    expect(kit.engine.stopCampaign('camp-1')).toEqual({ kind: 'ok' })
    expect(kit.agentState('agent-1')).toMatchObject({ kind: 'Reserved' })
    kit.fail(a!, 'busy')
    // One line is still out: both agents stay, either may take its customer.
    expect(kit.agentState('agent-1')).toMatchObject({ kind: 'Reserved' })
    expect(kit.agentState('agent-2')).toMatchObject({ kind: 'Reserved' })
    kit.advanceSec(10)
    kit.fail(b!, 'unavailable')
    expect(kit.agentState('agent-1')).toEqual({ kind: 'Available' })
    expect(kit.agentState('agent-2')).toEqual({ kind: 'Available' })
    expect(kit.commands('releaseAgent').map((c) => [c.agentId, c.atMs])).toEqual([
      ['agent-1', kit.ms(10)],
      ['agent-2', kit.ms(10)],
    ])
    kit.advanceSec(600)
    expect(kit.dials()).toHaveLength(2)
  })

  it('lets an engaged agent finish the call, then go free', () => {
    const kit = makeEngineKit({ autoAnswerReservations: true })
    kit.live(kit.dialIds()[0]!)
    kit.engine.stopCampaign('camp-1')
    expect(kit.agentState('agent-1')).toMatchObject({ kind: 'Engaged' })
    kit.advanceSec(40)
    kit.finishCall('agent-1')
    expect(kit.agentState('agent-1')).toEqual({ kind: 'Available' })
    expect(kit.closed()).toMatchObject([{ outcome: 'LIVE_VOICE', hangupParty: 'agent' }])
  })

  it('can be started again and carries on with the list', () => {
    const kit = makeEngineKit({ autoAnswerReservations: true })
    kit.fail(kit.dialIds()[0]!, 'sit')
    kit.engine.stopCampaign('camp-1')
    kit.fail(kit.dialIds()[1]!, 'sit')
    expect(kit.engine.startCampaign('camp-1')).toEqual({ kind: 'ok' })
    kit.advanceSec(0)
    expect(kit.dials().map((d) => d.toNumber)).toEqual([
      '+15551000001',
      '+15551000002',
      '+15551000003',
    ])
  })
})

describe('R5.2 commands that do not fit the state are refused', () => {
  it.each([
    ['running', 'start'],
    ['running', 'resume'],
  ] as const)('%s campaign: %s is illegal', (from, action) => {
    const kit = makeEngineKit({ autoAnswerReservations: true })
    const dials = kit.dials().length
    const command = action === 'start' ? kit.engine.startCampaign : kit.engine.resumeCampaign
    expect(command.call(kit.engine, 'camp-1')).toEqual({ kind: 'illegal', from, action })
    expect(kit.campaign().status).toBe('running')
    expect(kit.dials()).toHaveLength(dials)
  })

  it('stopped campaign: pause, resume and stop are illegal', () => {
    const kit = makeEngineKit({ start: false })
    expect(kit.engine.pauseCampaign('camp-1')).toEqual({
      kind: 'illegal',
      from: 'stopped',
      action: 'pause',
    })
    expect(kit.engine.resumeCampaign('camp-1')).toMatchObject({ kind: 'illegal', action: 'resume' })
    expect(kit.engine.stopCampaign('camp-1')).toMatchObject({ kind: 'illegal', action: 'stop' })
    expect(kit.campaign().status).toBe('stopped')
    expect(kit.agentState('agent-1')).toEqual({ kind: 'Available' })
  })

  it('paused campaign: pause and start are illegal, stop is not', () => {
    const kit = makeEngineKit()
    kit.engine.pauseCampaign('camp-1')
    expect(kit.engine.pauseCampaign('camp-1')).toMatchObject({ kind: 'illegal', from: 'paused' })
    expect(kit.engine.startCampaign('camp-1')).toMatchObject({ kind: 'illegal', from: 'paused' })
    expect(kit.engine.stopCampaign('camp-1')).toEqual({ kind: 'ok' })
  })

  it('an unknown campaign is notFound', () => {
    const kit = makeEngineKit()
    expect(kit.engine.startCampaign('nope')).toEqual({ kind: 'notFound', campaignId: 'nope' })
    expect(kit.engine.stopCampaign('nope')).toEqual({ kind: 'notFound', campaignId: 'nope' })
  })
})
