// Goal: validateFlow accepts good flows and reports each bad one with the right dotted path.
import { describe, expect, it } from 'vitest'
import { validateFlow } from './validate.ts'

type Json = Record<string, unknown>

/** A complete outdial flow using every outdial activity; each bad fixture changes one thing. */
function goodOutdial(): Json {
  return {
    id: 'flow-1',
    name: 'Collections',
    kind: 'outdial',
    variables: [
      { name: 'campaignId', type: 'STRING', agentViewable: true },
      { name: 'attempts', type: 'INTEGER', defaultValue: 0 },
      { name: 'score', type: 'DECIMAL', defaultValue: 0.5 },
      { name: 'vip', type: 'BOOLEAN', defaultValue: false },
      { name: 'since', type: 'DATE_TIME', defaultValue: '2025-03-03T09:00:00Z' },
      { name: 'lastResult', type: 'STRING' },
    ],
    handlers: {
      PreDial: {
        start: 'a1',
        activities: {
          a1: {
            kind: 'Case',
            variable: 'PreDial.dialNumber',
            branches: { '+442071234567': 'a2' },
            defaultNext: 'a3',
          },
          a2: { kind: 'SetCallerID', callerId: '+442070000000' },
          a3: { kind: 'SetVariable', name: 'attempts', value: 1, next: 'a4' },
          a4: { kind: 'SetCallerID', callerId: { variable: 'campaignId' } },
        },
      },
      OutboundCampaignCallResult: {
        start: 'cpa',
        activities: {
          cpa: {
            kind: 'Case',
            variable: 'CPAResult',
            branches: { AMD: 'vm', ABANDONED: 'sorry', LIVE_VOICE: 'bot' },
          },
          vm: { kind: 'PlayMessage', promptId: 'voicemail', next: 'bye' },
          sorry: { kind: 'PlayMusic', musicId: 'jingle', durationSec: 10, next: 'note' },
          note: {
            kind: 'SetVariable',
            name: 'lastResult',
            value: { variable: 'OutboundCampaignCallResult.CPAResult' },
            next: 'bye',
          },
          bot: { kind: 'VirtualAgent', botId: 'sales-bot', next: 'agent' },
          agent: { kind: 'GotoEntryPoint', entryPointId: 'ep-inbound' },
          bye: { kind: 'DisconnectContact' },
        },
      },
    },
  }
}

function goodInbound(): Json {
  return {
    id: 'flow-in',
    name: 'Sales inbound',
    kind: 'inbound',
    variables: [],
    handlers: {
      NewPhoneContact: {
        start: 'c',
        activities: {
          c: {
            kind: 'Case',
            variable: 'DNIS',
            branches: { '+15550001111': 'music' },
            defaultNext: 'q',
          },
          music: { kind: 'PlayMusic', musicId: 'welcome', next: 'q' },
          q: { kind: 'QueueContact', queueId: 'queue-sales' },
        },
      },
    },
  }
}

/** Reaches into a fixture by a dotted path, so each bad case reads as one line. */
function at(root: Json, path: string): Json {
  let node: unknown = root
  for (const key of path.split('.')) node = (node as Json)[key]
  return node as Json
}

function preDial(flow: Json): Json {
  return at(flow, 'handlers.PreDial.activities')
}

function callResult(flow: Json): Json {
  return at(flow, 'handlers.OutboundCampaignCallResult.activities')
}

function errorsOf(input: unknown) {
  const result = validateFlow(input)
  if (result.ok) throw new Error('expected the flow to be refused')
  return result.errors
}

describe('R3.1 validateFlow accepts good flows', () => {
  it('accepts an outdial flow using every outdial activity', () => {
    const result = validateFlow(goodOutdial())
    expect(result.ok).toBe(true)
    // The parsed flow carries schema defaults, e.g. the virtual agent's 300 s.
    if (result.ok) {
      const bot = result.flow.handlers.OutboundCampaignCallResult?.activities.bot
      expect(bot).toMatchObject({ kind: 'VirtualAgent', maxDurationSec: 300 })
    }
  })

  it('accepts an inbound flow that queues', () => {
    expect(validateFlow(goodInbound()).ok).toBe(true)
  })

  it('accepts an outdial flow with no handlers at all', () => {
    const flow = { ...goodOutdial(), handlers: {} }
    expect(validateFlow(flow).ok).toBe(true)
  })
})

// [case, change to the good outdial fixture, expected path, expected message pattern]
const BAD_OUTDIAL: [string, (flow: Json) => void, string, RegExp][] = [
  [
    'unknown activity kind is named',
    (f) => (callResult(f).vm = { kind: 'PlayPrompt', promptId: 'x' }),
    'handlers.OutboundCampaignCallResult.activities.vm.kind',
    /unknown activity kind "PlayPrompt"/,
  ],
  [
    'misspelt activity field',
    (f) => (callResult(f).vm = { kind: 'PlayMessage', promptId: 'x', nxt: 'bye' }),
    'handlers.OutboundCampaignCallResult.activities.vm',
    /nxt/,
  ],
  [
    'misspelt event name',
    (f) => (at(f, 'handlers').Predial = at(f, 'handlers.PreDial')),
    'handlers',
    /Predial/,
  ],
  [
    'non-E.164 caller ID constant',
    (f) => (preDial(f).a2 = { kind: 'SetCallerID', callerId: '555-0100' }),
    'handlers.PreDial.activities.a2.callerId',
    /E\.164/,
  ],
  [
    'default of the wrong type',
    (f) => (at(f, 'variables.1').defaultValue = 'zero'),
    'variables.1.defaultValue',
    /integer/,
  ],
  [
    'activity id with a dot',
    (f) => (preDial(f)['a.5'] = { kind: 'SetCallerID', callerId: '+15551230000' }),
    'handlers.PreDial.activities.a.5',
    /activity id/,
  ],
  [
    'missing start',
    (f) => (at(f, 'handlers.PreDial').start = 'nope'),
    'handlers.PreDial.start',
    /'nope' not found/,
  ],
  [
    'missing next',
    (f) => (preDial(f).a3 = { kind: 'SetVariable', name: 'attempts', value: 1, next: 'a9' }),
    'handlers.PreDial.activities.a3.next',
    /'a9' not found/,
  ],
  [
    'missing branch target',
    (f) => (at(callResult(f), 'cpa.branches').AMD = 'ghost'),
    'handlers.OutboundCampaignCallResult.activities.cpa.branches.AMD',
    /'ghost' not found/,
  ],
  [
    'QueueContact in an outdial flow',
    (f) => (callResult(f).agent = { kind: 'QueueContact', queueId: 'q' }),
    'handlers.OutboundCampaignCallResult.activities.agent.kind',
    /not allowed in outdial flows; use GotoEntryPoint/,
  ],
  [
    'SetCallerID outside PreDial',
    (f) => (callResult(f).bye = { kind: 'SetCallerID', callerId: '+15551230000' }),
    'handlers.OutboundCampaignCallResult.activities.bye.kind',
    /SetCallerID is not allowed in OutboundCampaignCallResult/,
  ],
  [
    'a cycle',
    (f) =>
      (callResult(f).note = { kind: 'SetVariable', name: 'attempts', value: 2, next: 'sorry' }),
    'handlers.OutboundCampaignCallResult.activities.note.next',
    /cycle: sorry → note → sorry/,
  ],
  [
    'no campaignId variable',
    (f) => (at(f, 'variables.0').name = 'campaign'),
    'variables',
    /must declare the STRING variable 'campaignId' \(R3\.1\)/,
  ],
  [
    'campaignId in the wrong case',
    (f) => (at(f, 'variables.0').name = 'CampaignId'),
    'variables',
    /'campaignId'/,
  ],
  [
    'campaignId not a STRING',
    (f) => (at(f, 'variables.0').type = 'INTEGER'),
    'variables.0.type',
    /must be a STRING/,
  ],
  [
    'a variable declared twice',
    (f) => (at(f, 'variables.5').name = 'attempts'),
    'variables.5.name',
    /declared twice/,
  ],
  [
    'a variable hiding an event variable',
    (f) => (at(f, 'variables.5').name = 'CPAResult'),
    'variables.5.name',
    /hides an event variable/,
  ],
  [
    'reading an unknown variable',
    (f) => (at(preDial(f), 'a1').variable = 'dialnumber'),
    'handlers.PreDial.activities.a1.variable',
    /unknown variable 'dialnumber'/,
  ],
  [
    'reading another event’s variable',
    (f) => (at(preDial(f), 'a1').variable = 'CPAResult'),
    'handlers.PreDial.activities.a1.variable',
    /not a PreDial variable/,
  ],
  [
    'writing an event variable',
    (f) => (at(callResult(f), 'note').name = 'CPAResult'),
    'handlers.OutboundCampaignCallResult.activities.note.name',
    /not a declared flow variable/,
  ],
  [
    'a constant of the wrong type',
    (f) => (at(preDial(f), 'a3').value = 'one'),
    'handlers.PreDial.activities.a3.value',
    /integer for an INTEGER/,
  ],
  [
    'a CPAResult branch that can never match',
    (f) => (at(callResult(f), 'cpa').branches = { AMDD: 'vm' }),
    'handlers.OutboundCampaignCallResult.activities.cpa.branches.AMDD',
    /CPAResult is never 'AMDD'/,
  ],
]

describe('R3 validateFlow refuses bad flows with dotted paths', () => {
  it.each(BAD_OUTDIAL)('%s', (_name, change, path, message) => {
    const flow = goodOutdial()
    change(flow)
    expect(errorsOf(flow)).toContainEqual({ path, message: expect.stringMatching(message) })
  })

  it('refuses input that is not a flow at all', () => {
    expect(errorsOf(null)).toEqual([{ path: '', message: expect.any(String) }])
    expect(errorsOf({ id: 'x' }).map((e) => e.path)).toEqual(
      expect.arrayContaining(['name', 'kind', 'variables', 'handlers']),
    )
  })
})

describe('R3.2 every PreDial path ends in SetCallerID', () => {
  it('reports a path that ends on another activity, and only that', () => {
    const flow = goodOutdial()
    preDial(flow).a3 = { kind: 'SetVariable', name: 'attempts', value: 1 }
    expect(errorsOf(flow)).toEqual([
      {
        path: 'handlers.PreDial.activities.a3',
        message: "PreDial path ends at SetVariable 'a3' without SetCallerID (R3.2)",
      },
    ])
  })

  it('reports a Case without defaultNext, whose unmatched value would end the path', () => {
    const flow = goodOutdial()
    delete at(preDial(flow), 'a1').defaultNext
    expect(errorsOf(flow)).toEqual([
      {
        path: 'handlers.PreDial.activities.a1.defaultNext',
        message: expect.stringMatching(/needs defaultNext/),
      },
    ])
  })

  it('refuses call control in PreDial: there is no call yet', () => {
    const flow = goodOutdial()
    preDial(flow).a4 = { kind: 'DisconnectContact' }
    expect(errorsOf(flow).map((e) => e.path)).toEqual([
      'handlers.PreDial.activities.a4.kind',
      'handlers.PreDial.activities.a4',
    ])
  })

  it('ignores an unreachable activity when checking endings', () => {
    const flow = goodOutdial()
    preDial(flow).spare = { kind: 'SetVariable', name: 'attempts', value: 9 }
    expect(validateFlow(flow).ok).toBe(true)
  })
})

describe('R3.3 R4.6 events by flow kind', () => {
  it('refuses a PreDial handler on an inbound flow', () => {
    const flow = goodInbound()
    at(flow, 'handlers').PreDial = {
      start: 'x',
      activities: { x: { kind: 'SetCallerID', callerId: '+15551230000' } },
    }
    expect(errorsOf(flow)).toEqual([
      { path: 'handlers.PreDial', message: 'PreDial is never raised on inbound flows' },
    ])
  })

  it('does not ask an inbound flow for campaignId', () => {
    const errors = validateFlow(goodInbound())
    expect(errors.ok).toBe(true)
  })
})
