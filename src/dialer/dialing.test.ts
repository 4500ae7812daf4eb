// Goal: a dial's caller ID follows campaign < record < PreDial; bad ones fall back (R6.1, R3.2).
import { describe, expect, it } from 'vitest'
import { outdialFlow } from '../flows/defaultFlows.ts'
import type { Flow } from '../flows/schema.ts'
import { validateFlow } from '../flows/validate.ts'
import { KIT_CALLER_ID, KIT_CAMPAIGN_NAME, makeEngineKit } from './test-kit.ts'

const RECORD_CLID = '+15550100001'
const PREDIAL_CLID = '+15550100002'

function valid(flow: Flow): Flow {
  const result = validateFlow(flow)
  if (!result.ok) throw new Error(JSON.stringify(result.errors))
  return result.flow
}

/** A PreDial flow whose SetCallerID reads a variable: campaignId holds the campaign's name. */
const campaignNameAsCallerId = valid({
  id: 'bad-clid',
  name: 'bad caller ID',
  kind: 'outdial',
  variables: [{ name: 'campaignId', type: 'STRING' }],
  handlers: {
    PreDial: {
      start: 'set',
      activities: { set: { kind: 'SetCallerID', callerId: { variable: 'campaignId' } } },
    },
  },
})

/** Branches on the PreDial event's operationType (R3.2). */
const byOperation = valid({
  id: 'by-op',
  name: 'by operation',
  kind: 'outdial',
  variables: [{ name: 'campaignId', type: 'STRING' }],
  handlers: {
    PreDial: {
      start: 'case',
      activities: {
        case: {
          kind: 'Case',
          variable: 'PreDial.operationType',
          branches: { PREVIEW_CAMPAIGN: 'preview' },
          defaultNext: 'outdial',
        },
        preview: { kind: 'SetCallerID', callerId: '+15550100077' },
        outdial: { kind: 'SetCallerID', callerId: '+15550100088' },
      },
    },
  },
})

function firstDialCallerId(options: Parameters<typeof makeEngineKit>[0]) {
  const kit = makeEngineKit({ contacts: 1, ...options })
  kit.agentAnswered('agent-1')
  return { kit, callerId: kit.dials()[0]!.callerId }
}

describe('R6.1 R3.2 caller ID precedence in the dial command', () => {
  it('uses the campaign caller ID when nothing else is given', () => {
    expect(firstDialCallerId({}).callerId).toBe(KIT_CALLER_ID)
  })

  it("uses the record's caller ID over the campaign's", () => {
    const { kit, callerId } = firstDialCallerId({ contacts: [{ callerId: RECORD_CLID }] })
    expect(callerId).toBe(RECORD_CLID)
    expect(kit.eventsOf('callerIdRejected')).toEqual([])
  })

  it("uses PreDial SetCallerID over the record's", () => {
    const flow = outdialFlow({ id: 'f', callerId: PREDIAL_CLID })
    const { callerId } = firstDialCallerId({ flow, contacts: [{ callerId: RECORD_CLID }] })
    expect(callerId).toBe(PREDIAL_CLID)
  })

  it('keeps the caller ID with the attempt record', () => {
    const { kit } = firstDialCallerId({ contacts: [{ callerId: RECORD_CLID }] })
    kit.fail(kit.dialIds()[0]!, 'busy')
    expect(kit.closed()[0]).toMatchObject({ callerId: RECORD_CLID })
    expect(kit.eventsOf('dial')[0]).toMatchObject({ callerId: RECORD_CLID })
  })

  it('tells PreDial whether it is an outdial or a preview dial', () => {
    expect(firstDialCallerId({ flow: byOperation }).callerId).toBe('+15550100088')
    const kit = makeEngineKit({ mode: 'preview_standard', flow: byOperation })
    kit.agentAnswered('agent-1')
    kit.engine.previewAction(kit.eventsOf('previewOffer')[0]!.taskId, 'ACCEPT')
    expect(kit.dials()[0]!.callerId).toBe('+15550100077')
  })
})

describe('R6.1 R3.2 Appendix A: an invalid caller ID falls back and is reported', () => {
  it("falls back from an invalid PreDial caller ID to the record's, and publishes it", () => {
    const { kit, callerId } = firstDialCallerId({
      flow: campaignNameAsCallerId,
      contacts: [{ callerId: RECORD_CLID }],
    })
    expect(callerId).toBe(RECORD_CLID)
    expect(kit.eventsOf('callerIdRejected')).toEqual([
      {
        kind: 'callerIdRejected',
        atMs: kit.ms(0),
        attemptId: kit.dialIds()[0],
        source: 'preDial',
        value: KIT_CAMPAIGN_NAME,
        reason: 'notE164',
      },
    ])
  })

  it("falls back to the campaign's when the record has none", () => {
    const { kit, callerId } = firstDialCallerId({ flow: campaignNameAsCallerId })
    expect(callerId).toBe(KIT_CALLER_ID)
    expect(kit.eventsOf('callerIdRejected')).toHaveLength(1)
  })

  it("falls back from an invalid record caller ID to the campaign's", () => {
    const { kit, callerId } = firstDialCallerId({ contacts: [{ callerId: '555-0100' }] })
    expect(callerId).toBe(KIT_CALLER_ID)
    expect(kit.eventsOf('callerIdRejected')).toMatchObject([
      { source: 'record', value: '555-0100', reason: 'notE164' },
    ])
  })

  it('reports both refused candidates, highest first', () => {
    const { kit, callerId } = firstDialCallerId({
      flow: campaignNameAsCallerId,
      contacts: [{ callerId: ' ' }],
    })
    expect(callerId).toBe(KIT_CALLER_ID)
    expect(kit.eventsOf('callerIdRejected').map((e) => [e.source, e.reason])).toEqual([
      ['preDial', 'notE164'],
      ['record', 'empty'],
    ])
  })
})
