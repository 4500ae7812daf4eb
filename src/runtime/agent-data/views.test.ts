// Goal: what leaves the server about a customer holds even when the stored configuration no
// longer fits the rules (a variable made sensitive or hidden after the layout was saved): the
// popover never shows a sensitive or hidden field and at most 6 in all, campaignId first (R7.4,
// R3.4); the panel never a hidden one and every sensitive one masked (R4.4); without a layout the
// panel shows the bound agent-viewable variables; each field under its variable's label; the
// wrap-up's outcome codes and DNC list are the campaign's (a Dialer-API campaign's from the
// engine). The API path is test/api/agent-data.test.ts.
import { describe, expect, it } from 'vitest'
import { globalVariableSchema } from '../../domain/config/global-variable.ts'
import type { Contact } from '../../domain/contact.ts'
import { kitTenant } from '../test-kit.ts'
import { bareDeskConfig, campaignDeskConfigs } from './campaign-data.ts'
import { SENSITIVE_VALUE_MASK } from './messages.ts'
import { panelFields, popoverFields, reportableValues } from './views.ts'

const NAMES = ['a', 'b', 'c', 'd', 'e', 'f', 'g']

function deskOf(options: { layout: boolean; dialingRate: number }) {
  const config = kitTenant({
    campaigns: [
      { id: 'camp-1', pacing: { mode: 'progressive', dialingRate: options.dialingRate } },
    ],
  })
  config.globalVariables = [
    ...NAMES.map((name) => globalVariableSchema.parse({ name, type: 'STRING', reportable: true })),
    globalVariableSchema.parse({
      name: 'secret',
      label: 'Secret',
      type: 'STRING',
      sensitive: true,
    }),
    globalVariableSchema.parse({ name: 'hidden', type: 'STRING', agentViewable: false }),
  ]
  config.campaignGroups[0]!.businessParameters = [...NAMES, 'secret', 'hidden'].map((name) => ({
    fieldName: `f_${name}`,
    globalVariableName: name,
  }))
  if (options.layout)
    config.desktopLayouts = [
      {
        id: 'layout-1',
        name: 'Layout',
        flowId: 'flow-camp-1',
        layout: {
          panelVariables: ['hidden', 'secret', 'a', 'campaignId'],
          // Stored before `secret` became sensitive and `hidden` hidden: the check names it.
          popoverVariables: ['secret', 'hidden', 'a', 'b', 'c', 'd', 'e', 'campaignId'],
        },
      },
    ]
  const { campaigns, problems } = campaignDeskConfigs(config)
  return { desk: campaigns.get('camp-1')!, problems }
}

const contact: Contact = {
  id: 'c1',
  campaignId: 'camp-1',
  numbers: ['+12125550100'],
  fields: Object.fromEntries(
    [...NAMES, 'secret', 'hidden'].map((name) => [`f_${name}`, `${name}-value`]),
  ),
}

describe('R7.4 R3.4 R4.4 customer fields the desktop receives', () => {
  it('keeps the popover to 6 fields, campaignId first, never sensitive or hidden', () => {
    const { desk, problems } = deskOf({ layout: true, dialingRate: 1 })
    expect(problems.map((p) => p.kind)).toEqual(['desktop-layout'])
    expect(popoverFields(desk, contact).map((f) => f.name)).toEqual([
      'campaignId',
      'a',
      'b',
      'c',
      'd',
      'e',
    ])
    expect(popoverFields(desk, null).map((f) => f.name)).toEqual(['campaignId'])
  })

  it('shows no customer field in the popover beyond 1:1 progressive', () => {
    const { desk } = deskOf({ layout: true, dialingRate: 2 })
    expect(popoverFields(desk, contact)).toEqual([
      { name: 'campaignId', label: 'Campaign', value: 'Campaign camp-1', masked: false },
    ])
  })

  it("lays the panel out in order with each variable's label, hidden left out, sensitive masked", () => {
    const { desk } = deskOf({ layout: true, dialingRate: 1 })
    expect(panelFields(desk, contact)).toEqual([
      { name: 'secret', label: 'Secret', value: SENSITIVE_VALUE_MASK, masked: true },
      { name: 'a', label: 'a', value: 'a-value', masked: false },
      { name: 'campaignId', label: 'Campaign', value: 'Campaign camp-1', masked: false },
    ])
  })

  it('without a layout shows the bound agent-viewable variables, in binding order', () => {
    const { desk } = deskOf({ layout: false, dialingRate: 1 })
    expect(panelFields(desk, contact).map((f) => f.name)).toEqual([...NAMES, 'secret'])
    expect(reportableValues(desk, contact)).toEqual(
      Object.fromEntries(NAMES.map((name) => [name, `${name}-value`])),
    )
  })

  it("R5.2 R5.4: the wrap-up gets the campaign's codes and DNC list; a Dialer-API campaign the engine's", () => {
    const { desk } = deskOf({ layout: false, dialingRate: 1 })
    expect(desk.outcomes).toEqual([
      { code: 'SALE', label: 'Sale', final: true },
      { code: 'NOT_INTERESTED', label: 'Not interested', final: true },
      { code: 'CALL_BACK', label: 'Call back', final: false },
    ])
    expect(desk.dncListName).toBe('internal')
    const bare = bareDeskConfig('ext-1', 'External', {
      outcomes: [{ code: 'X1', final: false }],
      dncListNames: ['ext-dnc', 'other'],
    })
    expect(bare.outcomes).toEqual([{ code: 'X1', label: 'X1', final: false }])
    expect(bare.dncListName).toBe('ext-dnc')
  })
})
