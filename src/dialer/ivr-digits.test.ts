// Goal: an IVR call's keys reach its running CollectDigits flow on the virtual clock: the branch is
// taken, timeouts and the terminator end a collection, retries play the menu again, the answer is
// kept with the attempt, and a hang-up mid-menu leaves no timer behind.
import { describe, expect, it } from 'vitest'
import { validateFlow } from '../flows/validate.ts'
import type { Digit } from './ports/telephony.ts'
import { KIT_INBOUND_QUEUE_ID, makeEngineKit } from './test-kit.ts'

function menuFlow(menu: Record<string, unknown> = {}) {
  const result = validateFlow({
    id: 'menu',
    name: 'IVR menu',
    kind: 'outdial',
    variables: [
      { name: 'campaignId', type: 'STRING' },
      { name: 'choice', type: 'STRING' },
    ],
    handlers: {
      OutboundCampaignCallResult: {
        start: 'onCpa',
        activities: {
          onCpa: { kind: 'Case', variable: 'CPAResult', branches: { LIVE_VOICE: 'menu' } },
          menu: {
            kind: 'CollectDigits',
            promptId: 'menu-prompt',
            variable: 'choice',
            branches: { '1': 'sales', '2': 'support' },
            noInput: 'noInput',
            noMatch: 'noMatch',
            ...menu,
          },
          sales: { kind: 'PlayMessage', promptId: 'sales-message' },
          support: { kind: 'PlayMessage', promptId: 'support-message' },
          noInput: { kind: 'PlayMessage', promptId: 'no-input-message' },
          noMatch: { kind: 'PlayMessage', promptId: 'no-match-message' },
        },
      },
    },
  })
  if (!result.ok) throw new Error(JSON.stringify(result.errors))
  return result.flow
}

function ivrKit(menu: Record<string, unknown> = {}) {
  const kit = makeEngineKit({
    mode: 'progressive_ivr',
    agents: 0,
    ivrPorts: 1,
    dialingRate: 1,
    flow: menuFlow(menu),
  })
  const [callId] = kit.dialIds()
  kit.live(callId!)
  const press = (digit: Digit) => kit.push({ kind: 'digit', callId: callId!, digit, atMs: 0 })
  const prompts = () => kit.commands('play').map((p) => p.promptId)
  return { kit, callId: callId!, press, prompts }
}

describe('IVR CollectDigits on the engine', () => {
  it('plays the menu, takes the pressed branch, and reports the answer with the attempt', () => {
    const { kit, callId, press, prompts } = ivrKit()
    expect(kit.commands('play')).toMatchObject([
      { callId, promptId: 'menu-prompt', music: false, collectsDigits: true },
    ])
    kit.advanceSec(4)
    kit.playDone(callId)
    kit.advanceSec(2)
    press('2')
    expect(prompts()).toEqual(['menu-prompt', 'support-message'])
    kit.advanceSec(5)
    kit.playDone(callId)
    expect(kit.closedOf(callId)).toMatchObject({
      outcome: 'LIVE_VOICE',
      hangupParty: 'system',
      ivrAnswers: { choice: '2' },
    })
  })

  it('takes keys pressed during the prompt, and goes on only once the prompt has ended', () => {
    const { kit, callId, press, prompts } = ivrKit()
    press('1')
    expect(prompts()).toEqual(['menu-prompt'])
    kit.advanceSec(3)
    kit.playDone(callId)
    expect(prompts()).toEqual(['menu-prompt', 'sales-message'])
  })

  it('no key within firstDigitTimeoutSec after the prompt: noInput', () => {
    const { kit, callId, prompts } = ivrKit({ firstDigitTimeoutSec: 4 })
    kit.advanceSec(10)
    kit.playDone(callId)
    kit.advanceSec(3.9)
    expect(prompts()).toEqual(['menu-prompt'])
    kit.advanceSec(0.1)
    expect(prompts()).toEqual(['menu-prompt', 'no-input-message'])
  })

  it('retries play the menu again; a wrong key each time ends in noMatch', () => {
    const { kit, callId, press, prompts } = ivrKit({ retries: 1 })
    kit.playDone(callId)
    press('9')
    expect(prompts()).toEqual(['menu-prompt', 'menu-prompt'])
    kit.playDone(callId)
    press('8')
    expect(prompts()).toEqual(['menu-prompt', 'menu-prompt', 'no-match-message'])
    kit.playDone(callId)
    expect(kit.closedOf(callId)).toMatchObject({ ivrAnswers: { choice: '8' } })
  })

  it('several digits end at the terminator, or after interDigitTimeoutSec', () => {
    const menu = { maxDigits: 4, terminator: '#', branches: { '12': 'sales', '123': 'support' } }
    const ended = ivrKit(menu)
    ended.kit.playDone(ended.callId)
    for (const digit of ['1', '2', '#'] as const) ended.press(digit)
    expect(ended.prompts()).toEqual(['menu-prompt', 'sales-message'])

    const timed = ivrKit({ ...menu, interDigitTimeoutSec: 2 })
    timed.kit.playDone(timed.callId)
    for (const digit of ['1', '2', '3'] as const) {
      timed.kit.advanceSec(1.5)
      timed.press(digit)
    }
    expect(timed.prompts()).toEqual(['menu-prompt'])
    timed.kit.advanceSec(2)
    expect(timed.prompts()).toEqual(['menu-prompt', 'support-message'])
  })

  it('a customer who hangs up mid-menu closes the attempt; the menu timer does nothing later', () => {
    const { kit, callId, press, prompts } = ivrKit()
    kit.playDone(callId)
    kit.customerHangup(callId)
    expect(kit.closedOf(callId)).toMatchObject({ hangupParty: 'customer' })
    expect(kit.closedOf(callId)?.ivrAnswers).toBeUndefined()
    kit.advanceSec(60)
    press('1')
    expect(prompts()).toEqual(['menu-prompt'])
  })

  it('an inbound flow runs the same menu: the key picks the queue', () => {
    const result = validateFlow({
      id: 'inbound-menu',
      name: 'Inbound menu',
      kind: 'inbound',
      variables: [{ name: 'choice', type: 'STRING' }],
      handlers: {
        NewPhoneContact: {
          start: 'menu',
          activities: {
            menu: {
              kind: 'CollectDigits',
              promptId: 'welcome',
              variable: 'choice',
              branches: { '1': 'queue' },
            },
            queue: { kind: 'QueueContact', queueId: KIT_INBOUND_QUEUE_ID },
          },
        },
      },
    })
    if (!result.ok) throw new Error(JSON.stringify(result.errors))
    const kit = makeEngineKit({ agents: 0, inbound: true, contacts: 0 })
    kit.engine.addEntryPoint({ id: 'ep-menu', type: 'INBOUND', flow: result.flow })
    kit.inboundCall('in-1', 'ep-menu')
    expect(kit.commands('play')).toMatchObject([{ callId: 'in-1', promptId: 'welcome' }])
    kit.playDone('in-1')
    kit.push({ kind: 'digit', callId: 'in-1', digit: '1', atMs: 0 })
    expect(kit.eventsOf('inbound')).toMatchObject([
      { callId: 'in-1', queueId: KIT_INBOUND_QUEUE_ID, phase: 'queued' },
    ])
  })
})
