// Goal: preview offers, accept/skip/remove, expiry auto-actions, pull and direct (R1.1, R10.2).
import { describe, expect, it } from 'vitest'
import { PREVIEW_SKIP_DELAY_SEC } from './preview.ts'
import { type EngineKitOptions, makeEngineKit } from './test-kit.ts'

function preview(options: EngineKitOptions = {}) {
  const kit = makeEngineKit({ mode: 'preview_standard', contacts: 3, ...options })
  return kit
}

/** Push model: the agent is reserved, answers, and gets the first offer. */
function offered(options: EngineKitOptions = {}) {
  const kit = preview(options)
  kit.agentAnswered('agent-1')
  return { kit, taskId: kit.eventsOf('previewOffer')[0]!.taskId }
}

describe('R1.1(a) R10.2 preview push: reservation and offer', () => {
  it('offers one record to the reserved agent once the reservation is answered', () => {
    const kit = preview()
    expect(kit.agentState('agent-1')).toMatchObject({ kind: 'Reserved', connected: false })
    expect(kit.eventsOf('previewOffer')).toEqual([])
    kit.advanceSec(2)
    kit.agentAnswered('agent-1')
    expect(kit.eventsOf('previewOffer')).toEqual([
      {
        kind: 'previewOffer',
        atMs: kit.ms(2),
        taskId: 'task-1',
        campaignId: 'camp-1',
        agentId: 'agent-1',
        contactId: 'camp-1-c1',
        expiresAtMs: kit.ms(602),
      },
    ])
    kit.advanceSec(100)
    expect(kit.eventsOf('previewOffer')).toHaveLength(1)
    expect(kit.dials()).toEqual([])
  })

  it('ACCEPT dials the record for the agent and bridges on live, never abandoning', () => {
    const { kit, taskId } = offered()
    kit.advanceSec(20)
    expect(kit.engine.previewAction(taskId, 'ACCEPT', 'agent-1')).toEqual({ kind: 'ok' })
    expect(kit.dials()).toMatchObject([
      { atMs: kit.ms(20), toNumber: '+15551000001', cpaEnabled: true, amdEnabled: false },
    ])
    const [callId] = kit.dialIds()
    expect(kit.engine.ctx.attempts.get(callId!)!.ownerAgentId).toBe('agent-1')
    kit.advanceSec(8)
    kit.live(callId!)
    expect(kit.commands('bridge')).toMatchObject([{ callId, agentId: 'agent-1' }])
    expect(kit.outcomes()).toEqual(['LIVE_VOICE'])
    expect(kit.eventsOf('previewOffer')).toHaveLength(1)
  })

  it('offers the next record after an accepted call fails', () => {
    const { kit, taskId } = offered()
    kit.engine.previewAction(taskId, 'ACCEPT')
    kit.fail(kit.dialIds()[0]!, 'busy')
    expect(kit.eventsOf('previewOffer').map((e) => e.contactId)).toEqual(['camp-1-c1', 'camp-1-c2'])
  })

  it('SKIP keeps the record in the list, offers the next, and the record comes back later', () => {
    const { kit, taskId } = offered({ contacts: 2 })
    kit.advanceSec(5)
    expect(kit.engine.previewAction(taskId, 'SKIP')).toEqual({ kind: 'ok' })
    expect(kit.dials()).toEqual([])
    expect(kit.eventsOf('previewOffer').map((e) => e.contactId)).toEqual(['camp-1-c1', 'camp-1-c2'])
    expect(kit.list().nextDueMs()).toBe(kit.ms(5 + PREVIEW_SKIP_DELAY_SEC))
    expect(kit.disposition('camp-1-c1')).toBeUndefined()
    // Remove the second: nothing is due, so the agent is let go for other work.
    kit.engine.previewAction(kit.eventsOf('previewOffer')[1]!.taskId, 'REMOVE')
    expect(kit.agentState('agent-1')).toEqual({ kind: 'Available' })
    kit.advanceToSec(5 + PREVIEW_SKIP_DELAY_SEC)
    expect(kit.agentState('agent-1')).toMatchObject({ kind: 'Reserved', campaignId: 'camp-1' })
    kit.agentAnswered('agent-1')
    expect(kit.eventsOf('previewOffer').at(-1)).toMatchObject({ contactId: 'camp-1-c1' })
  })

  it('brings a skipped record back even after the list looked empty to another agent', () => {
    const kit = preview({ agents: 2, contacts: 2 })
    kit.agentAnswered('agent-1')
    const [first] = kit.eventsOf('previewOffer')
    kit.engine.previewAction(first!.taskId, 'REMOVE')
    const second = kit.eventsOf('previewOffer')[1]!
    expect(second).toMatchObject({ agentId: 'agent-1', contactId: 'camp-1-c2' })
    // agent-2 answers its reservation when nothing is left to preview, and is let go.
    kit.agentAnswered('agent-2')
    expect(kit.agentState('agent-2')).toEqual({ kind: 'Available' })
    kit.engine.previewAction(second.taskId, 'SKIP')
    kit.advanceSec(PREVIEW_SKIP_DELAY_SEC)
    expect(kit.agentState('agent-1')).toMatchObject({ kind: 'Reserved', connected: false })
    kit.agentAnswered('agent-1')
    expect(kit.eventsOf('previewOffer').map((e) => [e.contactId, e.atMs])).toEqual([
      ['camp-1-c1', kit.ms(0)],
      ['camp-1-c2', kit.ms(0)],
      ['camp-1-c2', kit.ms(PREVIEW_SKIP_DELAY_SEC)],
    ])
  })

  it('REMOVE finishes the record as removed and offers the next', () => {
    const { kit, taskId } = offered()
    expect(kit.engine.previewAction(taskId, 'REMOVE', 'agent-1')).toEqual({ kind: 'ok' })
    expect(kit.disposition('camp-1-c1')).toBe('removed')
    expect(kit.eventsOf('previewOffer').at(-1)).toMatchObject({ contactId: 'camp-1-c2' })
    expect(kit.dials()).toEqual([])
  })

  it.each(['SKIP', 'REMOVE'] as const)('a disabled %s is refused and changes nothing', (action) => {
    const { kit, taskId } = offered({ preview: { actionsDisabled: ['SKIP', 'REMOVE'] } })
    expect(kit.engine.previewAction(taskId, action, 'agent-1')).toEqual({
      kind: 'disabled',
      action,
    })
    expect(kit.eventsOf('previewOffer')).toHaveLength(1)
    expect(kit.engine.ctx.previewTasks.has(taskId)).toBe(true)
    expect(kit.disposition('camp-1-c1')).toBeUndefined()
    expect(kit.engine.previewAction(taskId, 'ACCEPT', 'agent-1')).toEqual({ kind: 'ok' })
    expect(kit.dials()).toHaveLength(1)
  })

  it('refuses an unknown task and a task of another agent', () => {
    const { kit, taskId } = offered()
    expect(kit.engine.previewAction('task-99', 'ACCEPT')).toEqual({
      kind: 'notFound',
      taskId: 'task-99',
    })
    expect(kit.engine.previewAction(taskId, 'ACCEPT', 'agent-2')).toEqual({
      kind: 'notYourTask',
      taskId,
    })
    expect(kit.dials()).toEqual([])
    kit.engine.previewAction(taskId, 'ACCEPT')
    expect(kit.engine.previewAction(taskId, 'ACCEPT')).toEqual({ kind: 'notFound', taskId })
    expect(kit.dials()).toHaveLength(1)
  })
})

describe('R1.1 R7.5 an offer belongs to a reserved agent', () => {
  it('is withdrawn when the agent goes Idle: the record goes back and cannot be accepted', () => {
    const { kit, taskId } = offered({ contacts: 1 })
    kit.advanceSec(10)
    kit.engine.agentEvent('agent-1', { kind: 'setIdle', code: 'Break' })
    expect(kit.engine.previewAction(taskId, 'ACCEPT', 'agent-1')).toEqual({
      kind: 'notFound',
      taskId,
    })
    expect(kit.dials()).toEqual([])
    expect(kit.list().nextDueMs()).toBe(kit.ms(10))
    kit.advanceSec(600)
    expect(kit.dials()).toEqual([])
    expect(kit.disposition('camp-1-c1')).toBeUndefined()
  })

  it('is offered again to the next agent who is reserved', () => {
    const kit = preview({ agents: 2, agentsAvailable: false, contacts: 1 })
    kit.makeAvailable('agent-1')
    kit.agentAnswered('agent-1')
    kit.engine.agentEvent('agent-1', { kind: 'setIdle', code: 'Break' })
    kit.makeAvailable('agent-2')
    kit.agentAnswered('agent-2')
    expect(kit.eventsOf('previewOffer').map((e) => [e.agentId, e.contactId])).toEqual([
      ['agent-1', 'camp-1-c1'],
      ['agent-2', 'camp-1-c1'],
    ])
  })
})

describe('R1.1(a) R10.2 the server applies the auto-action on expiry', () => {
  it('ACCEPT: dials at exactly the offer timeout', () => {
    const { kit } = offered({ preview: { offerTimeoutSec: 30, autoAction: 'ACCEPT' } })
    kit.advanceSec(29.999)
    expect(kit.dials()).toEqual([])
    kit.advanceSec(0.001)
    expect(kit.dials()).toMatchObject([{ atMs: kit.ms(30), toNumber: '+15551000001' }])
  })

  it('SKIP: the record goes back to the list and the next is offered', () => {
    const { kit } = offered({ preview: { offerTimeoutSec: 30, autoAction: 'SKIP' } })
    kit.advanceSec(30)
    expect(kit.eventsOf('previewOffer').map((e) => [e.contactId, e.atMs])).toEqual([
      ['camp-1-c1', kit.ms(0)],
      ['camp-1-c2', kit.ms(30)],
    ])
    expect(kit.disposition('camp-1-c1')).toBeUndefined()
  })

  it('REMOVE: the record is finished as removed', () => {
    const { kit } = offered({ preview: { offerTimeoutSec: 30, autoAction: 'REMOVE' } })
    kit.advanceSec(30)
    expect(kit.disposition('camp-1-c1')).toBe('removed')
    expect(kit.eventsOf('previewOffer').at(-1)).toMatchObject({ contactId: 'camp-1-c2' })
  })

  it('the server applies the auto-action even when the agent may not take it (REMOVE disabled)', () => {
    const { kit, taskId } = offered({
      preview: { offerTimeoutSec: 30, autoAction: 'REMOVE', actionsDisabled: ['REMOVE'] },
    })
    expect(kit.engine.previewAction(taskId, 'REMOVE', 'agent-1')).toEqual({
      kind: 'disabled',
      action: 'REMOVE',
    })
    kit.advanceSec(30)
    expect(kit.disposition('camp-1-c1')).toBe('removed')
  })

  it('an action taken before expiry cancels the countdown', () => {
    const { kit, taskId } = offered({ preview: { offerTimeoutSec: 30, autoAction: 'REMOVE' } })
    kit.engine.previewAction(taskId, 'SKIP')
    kit.advanceSec(31)
    expect(kit.disposition('camp-1-c1')).toBeUndefined()
  })
})

describe('R1.1(b) the Campaign Contact button (pull)', () => {
  it('offers a record from a running preview campaign of the agent team', () => {
    const kit = preview({ agentsAvailable: false })
    expect(kit.engine.requestCampaignContact('agent-1')).toEqual({ kind: 'offered' })
    expect(kit.eventsOf('previewOffer')).toMatchObject([
      { agentId: 'agent-1', campaignId: 'camp-1', contactId: 'camp-1-c1' },
    ])
    expect(kit.agentState('agent-1')).toEqual({
      kind: 'Reserved',
      campaignId: 'camp-1',
      connected: true,
    })
    // The agent pressed a button on the desktop: no reservation call rings.
    expect(kit.commands('callAgent')).toEqual([])
    kit.engine.previewAction(kit.eventsOf('previewOffer')[0]!.taskId, 'ACCEPT', 'agent-1')
    kit.live(kit.dialIds()[0]!)
    expect(kit.agentState('agent-1')).toMatchObject({ kind: 'Engaged', origin: 'campaign' })
  })

  it('takes turns across several preview campaigns of the team', () => {
    const kit = preview({
      agentsAvailable: false,
      extraCampaigns: [{ id: 'camp-2', mode: 'preview_standard', contacts: 3 }],
    })
    kit.engine.requestCampaignContact('agent-1')
    const first = kit.eventsOf('previewOffer')[0]!
    kit.engine.previewAction(first.taskId, 'REMOVE')
    kit.engine.agentEvent('agent-1', { kind: 'setIdle', code: 'Default' })
    kit.advanceSec(1)
    kit.engine.requestCampaignContact('agent-1')
    expect(kit.eventsOf('previewOffer').map((e) => e.campaignId)).toEqual([
      'camp-1',
      'camp-1',
      'camp-2',
    ])
  })

  it('ignores campaigns of other teams, paused campaigns and other modes', () => {
    const kit = preview({
      agents: [{ id: 'agent-1' }, { id: 'agent-9', teamIds: ['team-9'] }],
      agentsAvailable: false,
      extraCampaigns: [{ id: 'camp-2', mode: 'progressive', teamIds: ['team-9'] }],
    })
    expect(kit.engine.requestCampaignContact('agent-9')).toEqual({ kind: 'noContact' })
    kit.engine.pauseCampaign('camp-1')
    expect(kit.engine.requestCampaignContact('agent-1')).toEqual({ kind: 'noContact' })
    expect(kit.agentState('agent-1')).toEqual({ kind: 'Idle', code: 'Default' })
    expect(kit.eventsOf('previewOffer')).toEqual([])
  })

  it('leaves an Idle agent Idle when the only due record may not be dialled', () => {
    const kit = preview({ agentsAvailable: false, contacts: 1 })
    kit.dnc.addToList('internal', '+15551000001')
    expect(kit.engine.requestCampaignContact('agent-1')).toEqual({ kind: 'noContact' })
    expect(kit.agentState('agent-1')).toEqual({ kind: 'Idle', code: 'Default' })
    expect(kit.disposition('camp-1-c1')).toBe('dncBlocked')
  })

  it('refuses an agent who is busy', () => {
    const kit = preview({ agentsAvailable: false })
    kit.engine.requestCampaignContact('agent-1')
    expect(kit.engine.requestCampaignContact('agent-1')).toEqual({ kind: 'busy' })
    expect(kit.eventsOf('previewOffer')).toHaveLength(1)
  })
})

describe('R1.1 R2.2 preview direct', () => {
  it('dials with CPA off and bridges on answer', () => {
    const { kit, taskId } = offered({ mode: 'preview_direct' })
    kit.engine.previewAction(taskId, 'ACCEPT', 'agent-1')
    expect(kit.dials()).toMatchObject([{ cpaEnabled: false, amdEnabled: false }])
    const [callId] = kit.dialIds()
    kit.advanceSec(6)
    kit.answer(callId!)
    expect(kit.commands('bridge')).toMatchObject([{ callId, agentId: 'agent-1', atMs: kit.ms(6) }])
    expect(kit.outcomes()).toEqual(['LIVE_VOICE'])
  })
})
