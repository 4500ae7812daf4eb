// The demo tenant seeded on first start (issue 5 "The server"): agents and teams, an inbound and
// three outdial queues, flows, entry points, global variables, auxiliary codes, an outcome group, a
// progressive, a predictive and a preview campaign group and campaign (the preview one served by
// the desk agent agent-16 alone, issue 12). Every object passes the same schemas
// and reference checks as the API (tested), so the demo is also a worked example of the config.
import { ALWAYS_OPEN_WINDOW } from '../../domain/calling-window.ts'
import { inboundQueueFlow, outdialFlow } from '../../flows/defaultFlows.ts'

export const DEMO_TENANT_ID = 'demo'
export const DEMO_TENANT_NAME = 'Demo contact center'
export const DEMO_AGENT_COUNT = 16
export const DEMO_CONTACTS_PER_CAMPAIGN = 3000
export const DEMO_CALLER_ID = '+15550100000'
/** The internal DNC list every demo campaign scrubs against, and the fictional number it starts with. */
export const DEMO_INTERNAL_DNC_LIST = 'internal'
export const DEMO_DNC_SEED_NUMBER = '+12125550199'
/** The demo's campaigns, each with its generated customers, started on first start. */
export const DEMO_CAMPAIGNS = ['renewals', 'winback', 'preview'] as const

/**
 * The demo agents a person works in the web app's desktop: each has a user (role agent) and is
 * not simulated. The other demo agents are simulated and keep the campaigns busy.
 */
export const DEMO_DESK_AGENTS = [
  { username: 'agent15', agentId: 'agent-15' },
  { username: 'agent16', agentId: 'agent-16' },
] as const
export const DEMO_DESK_AGENT_IDS: readonly string[] = DEMO_DESK_AGENTS.map((a) => a.agentId)

export interface SeedObject {
  kind: string
  body: Record<string, unknown>
}

const agentIds = Array.from({ length: DEMO_AGENT_COUNT }, (_, i) => `agent-${i + 1}`)

/** The desk agent who works the preview campaign, and only it (issue 12: preview in the browser). */
const DEMO_PREVIEW_AGENT_ID = 'agent-16'
/** The preview campaign's offer countdown and what the server does when it runs out (R1.1). */
const DEMO_PREVIEW_OFFER_TIMEOUT_SEC = 60
const DEMO_PREVIEW_AUTO_ACTION = 'ACCEPT'

function outdialQueue(id: string, name: string, teamId = 'team-sales') {
  return {
    id,
    name,
    type: 'OUTBOUND',
    outboundCampaignEnabled: true,
    routingType: 'LONGEST_AVAILABLE_AGENT',
    callDistributionGroups: [{ teamIds: [teamId] }],
    maxTimeInQueueSec: 3600,
  }
}

function campaignFor(id: string, name: string, groupId: string) {
  return {
    id,
    name,
    category: 'SALES',
    businessOutcomeGroupId: 'outcomes-sales',
    timeZone: 'America/New_York',
    campaignGroupId: groupId,
    contactStrategy: { numberOrder: [{ numberIndex: 0, numberType: 'MOBILE' }] },
    dncEnabled: true,
    ndncEnabled: false,
    dncListNames: [DEMO_INTERNAL_DNC_LIST],
    // The demo dials at any hour of the day so a visitor sees calls; real tenants use US or UK.
    complianceProfile: 'CUSTOM',
    callingWindow: ALWAYS_OPEN_WINDOW,
  }
}

/** The customer variables with what the desktop calls them (R3.4). */
const VARIABLE_LABELS = {
  firstName: 'First name',
  lastName: 'Last name',
  plan: 'Plan',
  accountNumber: 'Account number',
}

/** The demo's configuration, in an order where every reference already exists. */
export function demoTenantObjects(): SeedObject[] {
  const flowRenewals = outdialFlow({
    id: 'flow-renewals',
    callerId: DEMO_CALLER_ID,
    onAmd: { play: 'voicemail-drop' },
    onAbandoned: { play: 'abandon-message' },
  })
  const flowWinback = outdialFlow({
    id: 'flow-winback',
    callerId: DEMO_CALLER_ID,
    onAmd: { play: 'voicemail-drop' },
    onAbandoned: { play: 'abandon-message' },
  })
  const flowPreview = outdialFlow({ id: 'flow-preview', callerId: DEMO_CALLER_ID })
  const flowSupport = inboundQueueFlow({ id: 'flow-support', queueId: 'q-support' })
  return [
    ...Object.entries(VARIABLE_LABELS).map(([name, label]) => ({
      kind: 'global-variable',
      body: { name, label, type: 'STRING', agentViewable: true, reportable: name === 'plan' },
    })),
    {
      kind: 'global-variable',
      body: {
        name: 'birthDate',
        label: 'Date of birth',
        type: 'STRING',
        agentViewable: true,
        sensitive: true,
      },
    },
    { kind: 'aux-code', body: { id: 'idle-break', name: 'Break', type: 'IDLE' } },
    { kind: 'aux-code', body: { id: 'idle-meeting', name: 'Meeting', type: 'IDLE' } },
    { kind: 'aux-code', body: { id: 'wrap-done', name: 'Done', type: 'WRAP_UP' } },
    { kind: 'aux-code', body: { id: 'wrap-callback', name: 'Call back', type: 'WRAP_UP' } },
    ...agentIds.map((id, i) => ({
      kind: 'agent',
      body: {
        id,
        name: `Agent ${i + 1}`,
        teamIds: [],
        profile: { outboundCampaignsAllowed: true },
      },
    })),
    {
      kind: 'team',
      body: {
        id: 'team-sales',
        name: 'Sales',
        agentIds: agentIds.filter((id) => id !== DEMO_PREVIEW_AGENT_ID),
        queueRankings: [],
      },
    },
    {
      kind: 'team',
      body: {
        id: 'team-preview',
        name: 'Preview desk',
        agentIds: [DEMO_PREVIEW_AGENT_ID],
        queueRankings: [],
      },
    },
    { kind: 'queue', body: outdialQueue('q-renewals', 'Renewals outdial') },
    { kind: 'queue', body: outdialQueue('q-winback', 'Win-back outdial') },
    { kind: 'queue', body: outdialQueue('q-preview', 'Preview outdial', 'team-preview') },
    {
      kind: 'queue',
      body: {
        id: 'q-support',
        name: 'Support inbound',
        type: 'INBOUND',
        routingType: 'LONGEST_AVAILABLE_AGENT',
        callDistributionGroups: [{ teamIds: ['team-sales'] }],
      },
    },
    { kind: 'flow', body: flowRenewals as unknown as Record<string, unknown> },
    { kind: 'flow', body: flowWinback as unknown as Record<string, unknown> },
    { kind: 'flow', body: flowPreview as unknown as Record<string, unknown> },
    { kind: 'flow', body: flowSupport as unknown as Record<string, unknown> },
    {
      kind: 'entry-point',
      body: {
        id: 'ep-renewals',
        name: 'Renewals',
        type: 'OUTBOUND',
        queueId: 'q-renewals',
        flowId: 'flow-renewals',
      },
    },
    {
      kind: 'entry-point',
      body: {
        id: 'ep-winback',
        name: 'Win-back',
        type: 'OUTBOUND',
        queueId: 'q-winback',
        flowId: 'flow-winback',
      },
    },
    {
      kind: 'entry-point',
      body: {
        id: 'ep-preview',
        name: 'Preview',
        type: 'OUTBOUND',
        queueId: 'q-preview',
        flowId: 'flow-preview',
      },
    },
    {
      kind: 'entry-point',
      body: { id: 'ep-support', name: 'Support', type: 'INBOUND', flowId: 'flow-support' },
    },
    {
      kind: 'desktop-layout',
      body: {
        id: 'layout-sales',
        name: 'Sales desktop',
        flowId: 'flow-renewals',
        layout: {
          panelVariables: ['firstName', 'lastName', 'plan', 'accountNumber'],
          popoverVariables: ['campaignId', 'firstName', 'plan'],
        },
      },
    },
    {
      kind: 'desktop-layout',
      body: {
        id: 'layout-preview',
        name: 'Preview desktop',
        flowId: 'flow-preview',
        layout: {
          panelVariables: ['firstName', 'lastName', 'plan', 'accountNumber', 'campaignId'],
          popoverVariables: ['campaignId'],
        },
      },
    },
    {
      kind: 'outcome-group',
      body: {
        id: 'outcomes-sales',
        name: 'Sales outcomes',
        outcomes: [
          { code: 'SALE', name: 'Sale', success: true },
          { code: 'NOT_INTERESTED', name: 'Not interested' },
          { code: 'CALLBACK', name: 'Call back later', final: false },
        ],
      },
    },
    {
      kind: 'call-guide',
      body: {
        id: 'guide-renewal',
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
          {
            kind: 'QUESTION',
            id: 'renews',
            label: 'Renews today?',
            answerType: 'BOOLEAN',
            required: true,
          },
          {
            kind: 'QUESTION',
            id: 'term',
            label: 'Term',
            answerType: 'CHOICE',
            choices: ['12 months', '24 months'],
          },
        ],
      },
    },
    {
      kind: 'campaign-group',
      body: {
        id: 'group-renewals',
        name: 'Renewals (progressive 1:1)',
        entryPointId: 'ep-renewals',
        pacing: { mode: 'progressive', callerId: DEMO_CALLER_ID, dialingRate: 1 },
        // R5.1: the fields its desktop layout and call guide show (layout-sales, guide-renewal).
        businessParameters: ['firstName', 'lastName', 'plan', 'accountNumber'].map((name) => ({
          fieldName: name,
          globalVariableName: name,
        })),
      },
    },
    {
      kind: 'campaign-group',
      body: {
        id: 'group-winback',
        name: 'Win-back (predictive)',
        entryPointId: 'ep-winback',
        pacing: { mode: 'predictive', callerId: DEMO_CALLER_ID, maxDialingRate: 4 },
        businessParameters: ['firstName', 'lastName', 'plan'].map((name) => ({
          fieldName: name,
          globalVariableName: name,
        })),
      },
    },
    {
      kind: 'campaign',
      body: {
        ...campaignFor('renewals', 'Renewals', 'group-renewals'),
        callGuideFormId: 'guide-renewal',
      },
    },
    {
      kind: 'campaign-group',
      body: {
        id: 'group-preview',
        name: 'Preview (standard)',
        entryPointId: 'ep-preview',
        // R1.1: the agent reads the record first; remove is disabled (the server refuses it too).
        pacing: {
          mode: 'preview_standard',
          callerId: DEMO_CALLER_ID,
          previewOfferTimeoutSec: DEMO_PREVIEW_OFFER_TIMEOUT_SEC,
          previewOfferTimeoutAutoAction: DEMO_PREVIEW_AUTO_ACTION,
          previewActionsDisabled: ['REMOVE'],
        },
        businessParameters: ['firstName', 'lastName', 'plan', 'accountNumber'].map((name) => ({
          fieldName: name,
          globalVariableName: name,
        })),
      },
    },
    { kind: 'campaign', body: campaignFor('winback', 'Win-back', 'group-winback') },
    { kind: 'campaign', body: campaignFor('preview', 'Preview', 'group-preview') },
  ]
}

const FIRST = [
  'Ada',
  'Grace',
  'Alan',
  'Edsger',
  'Barbara',
  'Donald',
  'Frances',
  'Ken',
  'Radia',
  'John',
]
const LAST = [
  'Lovelace',
  'Hopper',
  'Turing',
  'Dijkstra',
  'Liskov',
  'Knuth',
  'Allen',
  'Thompson',
  'Perlman',
  'Backus',
]
const PLANS = ['Basic', 'Plus', 'Premium']

/** Generated customers as CSV (header + rows), the way an administrator would upload them. */
export function demoContactsCsv(campaignIndex: number, count = DEMO_CONTACTS_PER_CAMPAIGN): string {
  const lines = ['id,phone,firstName,lastName,plan,accountNumber']
  for (let i = 0; i < count; i++) {
    const n = campaignIndex * count + i
    // 555-01XX numbers are reserved for fiction; the simulator never rings a real phone anyway.
    const phone = `+1212${String(5_000_000 + n).padStart(7, '0')}`
    lines.push(
      [
        `c${n + 1}`,
        phone,
        FIRST[n % FIRST.length],
        LAST[(n * 7) % LAST.length],
        PLANS[n % 3],
        `AC${100000 + n}`,
      ].join(','),
    )
  }
  return `${lines.join('\n')}\n`
}
