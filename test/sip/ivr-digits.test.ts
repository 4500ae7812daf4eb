// Goal (issue 14, R1.4, R3.3): an IVR campaign's CollectDigits menu on a real SIP call. The engine
// dials through the SIP network; sipp (the customer) answers and sends the RFC 4733 digit "5" of
// its DTMF pcap (/usr/share/sip-tester/dtmf_2833_5.pcap) while the menu prompt plays; the flow
// takes the "5" branch (its message is played), ends, the dialer hangs up, and the attempt is
// closed with the answer { choice: '5' }.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DncRegistry } from '../../src/compliance/dnc.ts'
import { NumberHistory } from '../../src/compliance/repeat-call.ts'
import { Engine } from '../../src/dialer/engine.ts'
import { sequentialIds } from '../../src/dialer/ports/ids.ts'
import type { PlayRequest, Telephony } from '../../src/dialer/ports/telephony.ts'
import { kitCampaign, kitList } from '../../src/dialer/test-kit-campaign.ts'
import type { AttemptRecord, EngineEvent } from '../../src/dialer/types.ts'
import { validateFlow } from '../../src/flows/validate.ts'
import { createCallProgressAnalyzer } from '../../src/media/cpa/analyzer.ts'
import { writeWav } from '../../src/media/wav.ts'
import { RealClock } from '../../src/runtime/real-clock.ts'
import { SipEndpoint } from '../../src/telephony/sip/endpoint.ts'
import { PromptLibrary } from '../../src/telephony/sip/prompt-library.ts'
import { SipNetwork } from '../../src/telephony/sip/sip-network.ts'
import { writeAudioScenario } from './audio-scenario.ts'
import { freeUdpPort, haveSipp, type SippRun, startSippUas } from './sipp.ts'

const DTMF_PCAP = '/usr/share/sip-tester/dtmf_2833_5.pcap'
const enabled = haveSipp('the SIP IVR menu suite (test/sip/ivr-digits)') && existsSync(DTMF_PCAP)
const clock = new RealClock()
const log = { warn: () => {}, info: () => {} }
const dir = mkdtempSync(join(tmpdir(), 'outdial-sip-ivr-'))
let endpoint: SipEndpoint | null = null
let sipp: SippRun | null = null
let network: SipNetwork | null = null

const menuFlow = () => {
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
        start: 'menu',
        activities: {
          menu: {
            kind: 'CollectDigits',
            promptId: 'menu',
            variable: 'choice',
            firstDigitTimeoutSec: 5,
            branches: { '5': 'five', '1': 'one' },
            noInput: 'nothing',
          },
          five: { kind: 'PlayMessage', promptId: 'short' },
          one: { kind: 'DisconnectContact' },
          nothing: { kind: 'DisconnectContact' },
        },
      },
    },
  })
  if (!result.ok) throw new Error(JSON.stringify(result.errors))
  return result.flow
}

beforeAll(async () => {
  if (!enabled) return
  const prompts = join(dir, 'prompts')
  mkdirSync(prompts, { recursive: true })
  // A 1.5 s menu prompt (silence) and a 0.3 s message: the pcap's digit comes during the menu.
  writeFileSync(join(prompts, 'menu.wav'), writeWav(new Int16Array(12_000), 8000))
  writeFileSync(join(prompts, 'short.wav'), writeWav(new Int16Array(2400), 8000))
  endpoint = await SipEndpoint.open('127.0.0.2', 0, clock, log)
}, 30_000)

afterAll(() => {
  network?.close()
  sipp?.stop()
  rmSync(dir, { recursive: true, force: true })
})

describe.skipIf(!enabled)('an IVR menu on a SIP call (sipp sends RFC 4733 "5")', () => {
  it('takes the pressed branch and closes the attempt with the answer', async () => {
    const scenario = writeAudioScenario(dir, 'dtmf-menu', { audio: { pcap: DTMF_PCAP } })
    sipp = await startSippUas(scenario, 1)
    const rtpBase = await freeUdpPort('127.0.0.2')
    const events: EngineEvent[] = []
    const plays: PlayRequest[] = []
    let engine: Engine | null = null
    network = new SipNetwork(
      {
        endpoint: endpoint!,
        trunk: {
          host: '127.0.0.1',
          port: sipp.port,
          credentials: null,
          maxConcurrentCalls: 2,
          keepAliveSec: 0,
          allowedCallerIdPrefixes: [],
        },
        rtp: { host: '127.0.0.2', ports: { min: rtpBase, max: rtpBase + 20 } },
        clock,
        log,
        createAnalyzer: (params) => createCallProgressAnalyzer(params),
        prompts: new PromptLibrary(join(dir, 'prompts'), log),
      },
      (event) => engine?.handleTelephony(event),
    )
    const sip = network
    // The engine's Telephony is the SIP network; the plays are recorded on the way through.
    const telephony: Telephony = {
      dial: (request) => sip.dial(request),
      hangup: (callId) => sip.hangup(callId),
      bridge: (callId, agentId) => sip.bridge(callId, agentId),
      play: (request) => {
        plays.push(request)
        sip.play(request)
      },
      startVirtualAgent: (callId, botId, sec) => sip.startVirtualAgent(callId, botId, sec),
      callAgent: (agentId, purpose) => sip.callAgent(agentId, purpose),
      releaseAgent: (agentId) => sip.releaseAgent(agentId),
    }
    engine = new Engine({
      clock,
      telephony,
      ids: sequentialIds(),
      bus: { publish: (event) => events.push(event) },
      dnc: new DncRegistry(),
      history: new NumberHistory(),
    })
    const options = {
      mode: 'progressive_ivr' as const,
      ivrPorts: 1,
      dialingRate: 1,
      contacts: 1,
      flow: menuFlow(),
      // The pcap holds the key only, no voice for CPA: the answer counts as live at once.
      campaign: { cpaEnabled: false, amdEnabled: false, cpa: null },
    }
    engine.addTeam({ id: 'team-1' })
    engine.addQueue({ id: 'q-outdial', type: 'OUTBOUND', teamIds: ['team-1'] })
    engine.addCampaign(
      kitCampaign('camp-1', 'q-outdial', options),
      kitList('camp-1', 1, options, clock.nowMs()),
    )
    engine.startCampaign('camp-1')
    const closed = await new Promise<AttemptRecord>((resolve, reject) => {
      const deadline = Date.now() + 20_000
      const poll = () => {
        const event = events.find((e) => e.kind === 'attemptClosed')
        if (event?.kind === 'attemptClosed') return resolve(event.attempt)
        if (Date.now() > deadline)
          return reject(new Error(`no attempt closed: ${JSON.stringify(events)} ${sipp!.output()}`))
        setTimeout(poll, 100)
      }
      poll()
    })
    engine.stopCampaign?.('camp-1')
    expect(closed).toMatchObject({
      outcome: 'LIVE_VOICE',
      hangupParty: 'system',
      ivrAnswers: { choice: '5' },
    })
    expect(plays.map((p) => p.promptId)).toEqual(['menu', 'short'])
    expect(plays[0]).toMatchObject({ collectsDigits: true })
    expect(await sipp.exited).toBe(0)
  }, 40_000)
})
