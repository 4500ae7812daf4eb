// Goal: the customer's data reaches the agent's desktop where the guide puts it, through the HTTP
// API and the /v1/live WebSocket of a running dialer, and only the agent the contact is for gets
// it: the reservation popover (campaign only; customer fields in progressive 1:1, never sensitive),
// the preview offer's record, on connect the interaction panel in layout order (agent-viewable
// only, sensitive masked, each variable under its label) with the call guide's functions
// evaluated, the campaign's outcome codes and its DNC list for the wrap-up (an agent adds the
// customer they called, nobody else; a code outside the group is refused), and the attempt naming
// its agent from the bridge. Another agent, a supervisor and an administrator never receive it, and a
// sensitive value never leaves the server unmasked.
import { afterEach, describe, expect, it } from 'vitest'
import { ALWAYS_OPEN_WINDOW } from '../../src/domain/calling-window.ts'
import type { Contact } from '../../src/domain/contact.ts'
import { outdialFlow } from '../../src/flows/defaultFlows.ts'
import { SENSITIVE_VALUE_MASK } from '../../src/runtime/agent-data/messages.ts'
import { type DialerHarness, type LiveClient, openDialerHarness } from './agent-data-harness.ts'

const SECRET_ACCOUNT = '98765432'
const HIDDEN_SCORE = 'score-42'

const ADA = {
  id: 'c-ada',
  numbers: ['+12125550101'],
  timeZone: 'America/New_York',
  fields: {
    firstName: 'Ada',
    surname: 'Lovelace',
    plan: 'Gold',
    accountNumber: SECRET_ACCOUNT,
    birthDate: '1990-06-15',
    internalScore: HIDDEN_SCORE,
    notBound: 'never shown',
  },
}

/** The tenant as an administrator sets it up (R4, R5): every object through the API. */
async function configureTenant(
  h: DialerHarness,
  pacing: Record<string, unknown>,
  contacts: Omit<Contact, 'campaignId'>[] = [ADA],
): Promise<void> {
  const variables: [string, Record<string, unknown>][] = [
    ['firstName', { label: 'First name' }],
    ['lastName', { label: 'Surname' }],
    ['plan', { reportable: true }],
    ['accountNumber', { sensitive: true }],
    ['birthDate', {}],
    ['internalScore', { agentViewable: false }],
  ]
  for (const [name, flags] of variables)
    await h.configure('/v1/global-variables', { name, type: 'STRING', ...flags })
  await h.configure('/v1/aux-codes', { id: 'idle-break', name: 'Break', type: 'IDLE' })
  await h.configure('/v1/aux-codes', { id: 'wrap-done', name: 'Done', type: 'WRAP_UP' })
  for (const id of ['agent-1', 'agent-2'])
    await h.configure('/v1/agents', {
      id,
      name: id,
      teamIds: [],
      profile: { outboundCampaignsAllowed: true },
    })
  await h.configure('/v1/teams', {
    id: 'team-1',
    name: 'Team one',
    agentIds: ['agent-1', 'agent-2'],
    queueRankings: [],
  })
  await h.configure('/v1/queues', {
    id: 'q-1',
    name: 'Outdial',
    type: 'OUTBOUND',
    outboundCampaignEnabled: true,
    routingType: 'LONGEST_AVAILABLE_AGENT',
    callDistributionGroups: [{ teamIds: ['team-1'] }],
  })
  await h.configure('/v1/flows', outdialFlow({ id: 'flow-1' }))
  await h.configure('/v1/entry-points', {
    id: 'ep-1',
    name: 'Outdial',
    type: 'OUTBOUND',
    queueId: 'q-1',
    flowId: 'flow-1',
  })
  await h.configure('/v1/desktop-layouts', {
    id: 'layout-1',
    name: 'Sales desktop',
    flowId: 'flow-1',
    layout: {
      panelVariables: ['campaignId', 'firstName', 'lastName', 'accountNumber', 'plan'],
      popoverVariables: ['campaignId', 'firstName', 'plan'],
    },
  })
  await h.configure('/v1/call-guides', {
    id: 'guide-1',
    name: 'Renewal script',
    items: [
      { kind: 'BUSINESS_FIELD', id: 'plan', label: 'Current plan', fieldName: 'plan' },
      {
        kind: 'FUNCTION',
        id: 'name',
        label: 'Customer',
        function: 'CONCAT',
        args: ['firstName', 'lastName'],
      },
      { kind: 'FUNCTION', id: 'age', label: 'Age', function: 'AGE_YEARS', args: ['birthDate'] },
      {
        kind: 'FUNCTION',
        id: 'account',
        label: 'Account',
        function: 'UPPER',
        args: ['accountNumber'],
      },
      { kind: 'GLOBAL_VARIABLE', id: 'score', label: 'Score', variableName: 'internalScore' },
      { kind: 'QUESTION', id: 'renews', label: 'Renews?', answerType: 'BOOLEAN', required: true },
    ],
  })
  await h.configure('/v1/outcome-groups', {
    id: 'outcomes',
    name: 'Outcomes',
    outcomes: [
      { code: 'SALE', name: 'Sale', success: true },
      { code: 'LATER', name: 'Call back later', final: false },
    ],
  })
  await h.configure('/v1/campaign-groups', {
    id: 'group-1',
    name: 'Group one',
    entryPointId: 'ep-1',
    pacing: { callerId: '+15550100000', ...pacing },
    businessParameters: [
      { fieldName: 'firstName', globalVariableName: 'firstName' },
      { fieldName: 'surname', globalVariableName: 'lastName' },
      { fieldName: 'plan', globalVariableName: 'plan' },
      { fieldName: 'accountNumber', globalVariableName: 'accountNumber' },
      { fieldName: 'birthDate', globalVariableName: 'birthDate' },
      { fieldName: 'internalScore', globalVariableName: 'internalScore' },
    ],
  })
  await h.configure('/v1/campaigns', {
    id: 'camp-1',
    name: 'Renewals',
    category: 'SALES',
    businessOutcomeGroupId: 'outcomes',
    timeZone: 'America/New_York',
    campaignGroupId: 'group-1',
    contactStrategy: { numberOrder: [{ numberIndex: 0 }] },
    complianceProfile: 'CUSTOM',
    callingWindow: ALWAYS_OPEN_WINDOW,
    dncEnabled: false,
    ndncEnabled: false,
    dncListNames: ['internal'],
    callGuideFormId: 'guide-1',
  })
  await h.addContacts(contacts, 'camp-1')
  await h.startDialer()
}

/** Dialled before Ada (ids in order), and busy. */
const ZED = {
  id: 'c-0-zed',
  numbers: ['+12125550102'],
  fields: { firstName: 'Zed', plan: 'Silver', accountNumber: '11112222' },
}

const CUSTOMER_DATA = ['agentPopover', 'agentPreview', 'agentInteraction']

/** Nobody but the contact's agent saw the customer's data; nobody saw the sensitive value. */
function expectNoLeak(clients: LiveClient[], agentClient: LiveClient): void {
  for (const client of clients)
    expect(client.messages.filter((m) => CUSTOMER_DATA.includes(String(m.type)))).toEqual([])
  for (const client of [...clients, agentClient]) {
    expect(JSON.stringify(client.messages)).not.toContain(SECRET_ACCOUNT)
    expect(JSON.stringify(client.messages)).not.toContain(ZED.fields.accountNumber)
  }
  expect(JSON.stringify(agentClient.messages)).not.toContain(HIDDEN_SCORE)
}

const state = (h: DialerHarness, agentId: string) => h.runtime.desk.state(agentId)?.kind

let harness: DialerHarness | null = null
afterEach(async () => {
  await harness?.close()
  harness = null
})

describe('the customer data on the agent desktop, through the API and /v1/live', () => {
  it('R7.2 R7.4 R7.3 R3.4 R5.6 progressive 1:1: popover fields while reserved, then the panel and the call guide on connect, to that agent only', async () => {
    const h = (harness = await openDialerHarness())
    await configureTenant(h, { mode: 'progressive', dialingRate: 1 }, [ZED, ADA])
    const agent1 = await h.live('agent1')
    const others = [await h.live('agent2'), await h.live('super1'), await h.live('admin1')]
    for (const action of ['login', 'available']) await h.act('agent-1', action)
    await h.act('agent-2', 'login')
    expect((await h.call('admin1', 'POST', '/v1/campaigns/camp-1/start')).statusCode).toBe(202)
    await h.runUntil(() => state(h, 'agent-1') === 'Reserved')

    // R7.2: reserved, the popover names the campaign; no customer is known yet.
    expect(agent1.ofType('agentPopover').at(-1)).toMatchObject({
      agentId: 'agent-1',
      campaignId: 'camp-1',
      attemptId: null,
      fields: [{ name: 'campaignId', label: 'Campaign', value: 'Renewals', masked: false }],
    })

    // R7.4: the line dialled for the agent brings its customer's popover fields, never sensitive.
    await h.act('agent-1', 'answerReservation')
    await h.runUntil(() => h.network.dials.length === 1)
    const zedCall = h.network.dials[0]!.callId
    expect(agent1.ofType('agentPopover').at(-1)).toMatchObject({
      attemptId: zedCall,
      fields: [{ value: 'Renewals' }, { value: 'Zed' }, { value: 'Silver' }],
    })
    // Zed is busy: the popover goes back to the campaign, then shows the next customer.
    h.network.noAnswer(zedCall)
    await h.runUntil(() => h.network.dials.length === 2)
    const callId = h.network.dials[1]!.callId
    expect(agent1.ofType('agentPopover').map((m) => m.attemptId)).toEqual([
      null,
      zedCall,
      null,
      callId,
    ])
    expect(agent1.ofType('agentPopover').at(-1)).toEqual({
      type: 'agentPopover',
      atMs: expect.any(Number),
      agentId: 'agent-1',
      campaignId: 'camp-1',
      attemptId: callId,
      fields: [
        { name: 'campaignId', label: 'Campaign', value: 'Renewals', masked: false },
        { name: 'firstName', label: 'First name', value: 'Ada', masked: false },
        { name: 'plan', label: 'plan', value: 'Gold', masked: false },
      ],
    })

    // R7.3 R3.4 R5.6: on connect, the panel in layout order and the call guide, evaluated.
    h.network.live(callId)
    await h.runUntil(() => state(h, 'agent-1') === 'Engaged')
    const interaction = agent1.ofType('agentInteraction')
    expect(interaction).toHaveLength(1)
    expect(interaction[0]).toMatchObject({
      agentId: 'agent-1',
      campaignId: 'camp-1',
      campaignName: 'Renewals',
      attemptId: callId,
      contactId: 'c-ada',
      number: '+12125550101',
      panel: [
        { name: 'campaignId', label: 'Campaign', value: 'Renewals', masked: false },
        { name: 'firstName', label: 'First name', value: 'Ada', masked: false },
        { name: 'lastName', label: 'Surname', value: 'Lovelace', masked: false },
        {
          name: 'accountNumber',
          label: 'accountNumber',
          value: SENSITIVE_VALUE_MASK,
          masked: true,
        },
        { name: 'plan', label: 'plan', value: 'Gold', masked: false },
      ],
      callGuide: {
        formId: 'guide-1',
        name: 'Renewal script',
        items: [
          { kind: 'BUSINESS_FIELD', id: 'plan', value: 'Gold', masked: false },
          { kind: 'FUNCTION', id: 'name', value: 'Ada Lovelace', masked: false },
          { kind: 'FUNCTION', id: 'age', value: '35', masked: false },
          { kind: 'FUNCTION', id: 'account', value: SENSITIVE_VALUE_MASK, masked: true },
          { kind: 'GLOBAL_VARIABLE', id: 'score', value: null, masked: false },
          { kind: 'QUESTION', id: 'renews', answerType: 'BOOLEAN', required: true },
        ],
      },
      // R5.2: exactly the campaign's codes for the wrap-up form; R5.4: where "add to DNC" writes.
      outcomes: [
        { code: 'SALE', label: 'Sale', final: true },
        { code: 'LATER', label: 'Call back later', final: false },
      ],
      dncListName: 'internal',
    })

    // The same view over HTTP, for the agent only (a desktop that reconnects).
    const desk = await h.call('agent1', 'GET', '/v1/agents/agent-1/desk')
    expect(desk.statusCode).toBe(200)
    expect(desk.json()).toMatchObject({
      agentId: 'agent-1',
      popover: null,
      previews: [],
      interaction: { attemptId: callId, panel: interaction[0]!.panel },
    })
    for (const user of ['agent2', 'super1', 'admin1'])
      expect((await h.call(user, 'GET', '/v1/agents/agent-1/desk')).statusCode).toBe(403)
    expect(desk.body).not.toContain(SECRET_ACCOUNT)

    // The agent can answer the call guide during the call: the attempt is theirs already.
    const answers = await h.call('agent1', 'PUT', `/v1/attempts/${callId}/answers`, {
      answers: { renews: true },
    })
    expect(answers.statusCode).toBe(200)

    // R5.1 R4.4: the attempt keeps the contact's reportable variables for reports, nothing else.
    h.network.customerHangsUp(callId)
    await h.runUntil(() => state(h, 'agent-1') === 'WrapUp')
    await h.runFor(100)
    const [attempt] = (await h.call('super1', 'GET', '/v1/attempts?campaignId=camp-1')).json().items
    expect(attempt).toMatchObject({ id: callId, agentId: 'agent-1', outcome: 'LIVE_VOICE' })
    expect(attempt.details.variables).toEqual({ plan: 'Gold' })
    // R9.1: the attempt level of the reports — the answer time the runtime wrote, the talk time,
    // the reportable variables as columns and the call-guide answers; and the agent table counts it.
    expect(attempt).toMatchObject({
      variables: { plan: 'Gold' },
      callGuide: { answers: { renews: true } },
    })
    expect(Date.parse(attempt.connectedAt)).toBeGreaterThanOrEqual(Date.parse(attempt.openedAt))
    expect(Date.parse(attempt.connectedAt)).toBeLessThanOrEqual(Date.parse(attempt.closedAt))
    const agents = (await h.call('super1', 'GET', '/v1/reports/campaigns/camp-1/agents')).json()
    expect(agents.rows).toEqual([
      expect.objectContaining({
        agentId: 'agent-1',
        outcomes: { CUSTOMER_BUSY: 1, LIVE_VOICE: 1 },
        connects: 1,
        talkSec: attempt.talkSec,
      }),
    ])
    // R9.1: the runtime logged the agent's state changes (idle on login with its code, the
    // wrap-up with its code; the virtual clock moved only milliseconds, so the seconds are 0), and
    // the agent report reads them with the agent's connects per hour.
    const around = (ms: number) => new Date(h.clock.nowMs() + ms).toISOString()
    const report = await h.call(
      'super1',
      'GET',
      `/v1/reports/agents?from=${around(-3_600_000)}&to=${around(3_600_000)}`,
    )
    const me = report.json().rows.find((r: { agentId: string }) => r.agentId === 'agent-1')
    expect(me).toMatchObject({
      idleSecByCode: { 'idle-break': 0 },
      wrapUpSecByCode: { 'wrap-done': 0 },
    })
    expect(me.hours).toEqual([
      { start: '2026-03-02T15:00:00Z', attempts: 2, connects: 1, dispositions: {} },
    ])
    // In wrap-up the desktop still shows the customer it is wrapping up.
    const wrapUp = (await h.call('agent1', 'GET', '/v1/agents/agent-1/desk')).json()
    expect(wrapUp.interaction).toMatchObject({ attemptId: callId, dncListName: 'internal' })
    // R5.4: from wrap-up the agent adds the customer to the campaign's DNC list (which exists);
    // a number they were never on a call with is refused, and a code outside the group too.
    const seeded = await h.call('admin1', 'POST', '/v1/dncList/internal/phoneNumber', {
      phoneNumber: '+12125550199',
      source: 'api',
    })
    expect(seeded.statusCode, seeded.body).toBe(201)
    const dnc = (phoneNumber: string) =>
      h.call('agent1', 'POST', '/v1/dncList/internal/phoneNumber', {
        phoneNumber,
        source: 'desktop',
        reason: 'asked during the call',
      })
    const added = await dnc(wrapUp.interaction.number)
    expect(added.statusCode, added.body).toBe(201)
    expect(added.json()).toMatchObject({ listName: 'internal', phoneNumber: '+12125550101' })
    expect((await dnc(wrapUp.interaction.number)).statusCode).toBe(409)
    expect((await dnc('+12125550177')).statusCode).toBe(403)
    const wrong = await h.call('agent1', 'POST', '/v1/agents/agent-1/state', {
      action: 'endWrapUp',
      code: 'NOT_IN_GROUP',
    })
    expect(wrong.statusCode, wrong.body).toBe(400)
    expect(state(h, 'agent-1')).toBe('WrapUp')
    expectNoLeak(others, agent1)
  })

  it('R7.3 predictive: the popover names the campaign only, and the attempt names its agent from the bridge', async () => {
    const h = (harness = await openDialerHarness())
    await configureTenant(h, { mode: 'predictive', maxDialingRate: 1 })
    const agent1 = await h.live('agent1')
    const others = [await h.live('agent2'), await h.live('super1')]
    for (const action of ['login', 'available']) await h.act('agent-1', action)
    await h.call('admin1', 'POST', '/v1/campaigns/camp-1/start')
    await h.runUntil(() => state(h, 'agent-1') === 'Reserved')
    await h.act('agent-1', 'answerReservation')
    await h.runUntil(() => h.network.dials.length === 1)
    const callId = h.network.dials[0]!.callId
    await h.runFor(100)
    const open = async (user: string) =>
      (await h.call(user, 'GET', '/v1/attempts?campaignId=camp-1')).json().items
    // Pooled lines belong to no agent until one takes the customer.
    expect(await open('super1')).toMatchObject([{ id: callId, agentId: null, closedAt: null }])
    // R7.4: not 1:1 progressive, so no customer field in the popover even with a line dialled.
    expect(agent1.ofType('agentPopover').map((m) => m.fields)).toEqual([
      [{ name: 'campaignId', label: 'Campaign', value: 'Renewals', masked: false }],
    ])

    h.network.live(callId)
    await h.runUntil(() => state(h, 'agent-1') === 'Engaged')
    await h.runFor(100)
    expect(await open('super1')).toMatchObject([{ id: callId, agentId: 'agent-1', closedAt: null }])
    expect(await open('agent1')).toMatchObject([{ id: callId, agentId: 'agent-1' }])
    expect(agent1.ofType('agentInteraction')).toHaveLength(1)
    const answers = await h.call('agent1', 'PUT', `/v1/attempts/${callId}/answers`, {
      answers: { renews: false },
    })
    expect(answers.statusCode).toBe(200)
    expectNoLeak(others, agent1)
  })

  it('R1.1 preview: the offer carries the record, to the agent it is offered to', async () => {
    const h = (harness = await openDialerHarness())
    await configureTenant(h, { mode: 'preview_standard', previewActionsDisabled: ['REMOVE'] })
    const agent1 = await h.live('agent1')
    const others = [await h.live('agent2'), await h.live('super1')]
    for (const action of ['login', 'available']) await h.act('agent-1', action)
    await h.call('admin1', 'POST', '/v1/campaigns/camp-1/start')
    await h.runUntil(() => state(h, 'agent-1') === 'Reserved')
    await h.act('agent-1', 'answerReservation')
    await h.runUntil(() => agent1.ofType('agentPreview').length === 1)
    const [preview] = agent1.ofType('agentPreview')
    expect(preview).toMatchObject({
      agentId: 'agent-1',
      campaignId: 'camp-1',
      campaignName: 'Renewals',
      contactId: 'c-ada',
      number: '+12125550101',
      // The customer's zone for their local time, and what the desktop must not offer.
      timeZone: 'America/New_York',
      actionsDisabled: ['REMOVE'],
      autoAction: 'SKIP',
      record: [
        { name: 'campaignId', label: 'Campaign', value: 'Renewals', masked: false },
        { name: 'firstName', label: 'First name', value: 'Ada', masked: false },
        { name: 'lastName', label: 'Surname', value: 'Lovelace', masked: false },
        {
          name: 'accountNumber',
          label: 'accountNumber',
          value: SENSITIVE_VALUE_MASK,
          masked: true,
        },
        { name: 'plan', label: 'plan', value: 'Gold', masked: false },
      ],
    })
    const desk = (await h.call('agent1', 'GET', '/v1/agents/agent-1/desk')).json()
    expect(desk.previews).toEqual([preview])
    // The offer's time left by the dialer's clock, for a desktop that (re)loads meanwhile.
    expect(desk.nowMs).toBeGreaterThanOrEqual(preview!.atMs as number)
    expect(desk.nowMs).toBeLessThan(preview!.expiresAtMs as number)
    // Supervisors still see that an offer was made (R9.2), without the record.
    expect(others[1]!.ofType('previewOffer')).toHaveLength(1)

    // The agent accepts; the customer answers: the panel arrives with the call.
    const accept = await h.call(
      'agent1',
      'POST',
      `/v1/dialer/campaign/camp-1/preview-task/${String(preview!.taskId)}/accept`,
    )
    expect(accept.statusCode).toBe(202)
    await h.runUntil(() => h.network.dials.length === 1)
    // The popover names the line dialled for the accepted record: the desktop learns the offer
    // is gone before the customer answers (an auto-accept too: the same dial).
    expect(agent1.ofType('agentPopover').at(-1)).toMatchObject({
      attemptId: h.network.dials[0]!.callId,
      fields: [{ name: 'campaignId', value: 'Renewals' }],
    })
    expect((await h.call('agent1', 'GET', '/v1/agents/agent-1/desk')).json().previews).toEqual([])
    h.network.live(h.network.dials[0]!.callId)
    await h.runUntil(() => agent1.ofType('agentInteraction').length === 1)
    expect(agent1.ofType('agentInteraction')[0]).toMatchObject({
      contactId: 'c-ada',
      timeZone: 'America/New_York',
      panel: preview!.record,
    })
    expect((await h.call('agent1', 'GET', '/v1/agents/agent-1/desk')).json().previews).toEqual([])
    expectNoLeak(others, agent1)
  })
})

describe('the desktop data contract (R10.1)', () => {
  it('is in the OpenAPI document: the desk view with popover, preview records and interaction', async () => {
    const h = (harness = await openDialerHarness())
    const doc = (await h.app.inject({ method: 'GET', url: '/openapi.json' })).json()
    const ok = doc.paths['/v1/agents/{id}/desk'].get.responses['200']
    const view = ok.content['application/json'].schema
    expect(Object.keys(view.properties)).toEqual([
      'agentId',
      'nowMs',
      'popover',
      'previews',
      'interaction',
    ])
    const interaction = view.properties.interaction.anyOf[0]
    expect(Object.keys(interaction.properties)).toEqual(
      expect.arrayContaining(['attemptId', 'panel', 'callGuide']),
    )
    expect(interaction.properties.type.enum).toEqual(['agentInteraction'])
  })
})
