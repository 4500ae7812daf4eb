// Goal: flows see the contact's fields as flow variables (R3, R5.1): a business parameter binds a
// contact field to a STRING global variable, and a flow that declares that variable reads the
// contact's value in PreDial and in OutboundCampaignCallResult, on the engine's own dial path.
import { describe, expect, it } from 'vitest'
import type { Flow } from '../flows/schema.ts'
import { validateFlow } from '../flows/validate.ts'
import { makeEngineKit } from './test-kit.ts'

const GOLD_CLID = '+15550100077'
const OTHER_CLID = '+15550100088'

function valid(flow: Flow): Flow {
  const result = validateFlow(flow)
  if (!result.ok) throw new Error(JSON.stringify(result.errors))
  return result.flow
}

/** PreDial branches on the customer's tier; the call result plays a message in their language. */
const byCustomer = valid({
  id: 'by-customer',
  name: 'by customer',
  kind: 'outdial',
  variables: [
    { name: 'campaignId', type: 'STRING' },
    { name: 'tier', type: 'STRING' },
    { name: 'language', type: 'STRING', defaultValue: 'en' },
  ],
  handlers: {
    PreDial: {
      start: 'case',
      activities: {
        case: { kind: 'Case', variable: 'tier', branches: { GOLD: 'gold' }, defaultNext: 'other' },
        gold: { kind: 'SetCallerID', callerId: GOLD_CLID },
        other: { kind: 'SetCallerID', callerId: OTHER_CLID },
      },
    },
    OutboundCampaignCallResult: {
      start: 'lang',
      activities: {
        lang: { kind: 'Case', variable: 'language', branches: { pl: 'pl' }, defaultNext: 'en' },
        pl: { kind: 'PlayMessage', promptId: 'machine-pl', next: 'bye' },
        en: { kind: 'PlayMessage', promptId: 'machine-en', next: 'bye' },
        bye: { kind: 'DisconnectContact' },
      },
    },
  },
})

const bound = [
  { fieldName: 'customerTier', globalVariableName: 'tier' },
  { fieldName: 'lang', globalVariableName: 'language' },
]

describe('R3 R5.1 flows read the contact fields bound by business parameters', () => {
  it('R3.2 PreDial branches on a bound contact field', () => {
    const kit = makeEngineKit({
      flow: byCustomer,
      businessParameters: bound,
      dialingRate: 2,
      contacts: [{ fields: { customerTier: 'GOLD' } }, { fields: { customerTier: 'SILVER' } }],
    })
    kit.agentAnswered('agent-1')
    expect(kit.dials().map((dial) => dial.callerId)).toEqual([GOLD_CLID, OTHER_CLID])
    expect(kit.eventsOf('callerIdRejected')).toEqual([])
  })

  it('R3.3 the call-result flow branches on a bound contact field; a missing one keeps the default', () => {
    const kit = makeEngineKit({
      flow: byCustomer,
      businessParameters: bound,
      dialingRate: 2,
      contacts: [{ fields: { lang: 'pl' } }, { fields: {} }],
    })
    kit.agentAnswered('agent-1')
    const [first, second] = kit.dialIds()
    kit.machine(first!)
    kit.machine(second!)
    const plays = kit.telephony.of('play').map((play) => [play.callId, play.promptId])
    expect(plays).toEqual([
      [first, 'machine-pl'],
      [second, 'machine-en'],
    ])
  })

  it('R5.1 a field no business parameter binds never reaches the flow', () => {
    const kit = makeEngineKit({
      flow: byCustomer,
      businessParameters: [],
      contacts: [{ fields: { tier: 'GOLD', customerTier: 'GOLD' } }],
    })
    kit.agentAnswered('agent-1')
    expect(kit.dials()[0]!.callerId).toBe(OTHER_CLID)
  })
})
