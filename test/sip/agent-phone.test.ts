// Goal (issue 14, R7.2, R7.3, R7.5): agents on SIP phones, against sipp — the reservation call
// rings the agent's static URI and its answer is agentAnswered; on a live customer the agent hears
// the zip tone and the customer's audio (sipp echoes it back, and that reaches the customer's
// call); the agent stays on the leg after the customer leaves until released (BYE); an agent who
// hangs up the phone is agentHangup.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TelephonyEvent } from '../../src/dialer/ports/telephony.ts'
import { RealClock } from '../../src/runtime/real-clock.ts'
import type { AgentPhones } from '../../src/telephony/sip/agent-phones.ts'
import { SipEndpoint } from '../../src/telephony/sip/endpoint.ts'
import type { RtpSession } from '../../src/telephony/sip/rtp.ts'
import { SipNetwork } from '../../src/telephony/sip/sip-network.ts'
import { eventually, freeUdpPort, haveSipp, type SippRun, startSippUas } from './sipp.ts'

const enabled = haveSipp('the agent phone suite (test/sip)')
const clock = new RealClock()
let endpoint: SipEndpoint
let rtpBase = 0
const runs: SippRun[] = []

beforeAll(async () => {
  if (!enabled) return
  endpoint = await SipEndpoint.open('127.0.0.2', 0, clock, { warn: () => {} })
  rtpBase = await freeUdpPort('127.0.0.2')
})
afterAll(async () => {
  for (const run of runs) run.stop()
  await endpoint?.close()
  clock.stopAll()
})

async function setup(agentScenario: string, customerScenario: string | null) {
  const agent = await startSippUas(agentScenario, 1, ['-rtp_echo'])
  const customer = customerScenario ? await startSippUas(customerScenario) : null
  runs.push(agent, ...(customer ? [customer] : []))
  const events: TelephonyEvent[] = []
  const network = new SipNetwork(
    {
      endpoint,
      trunk: customer
        ? {
            host: '127.0.0.1',
            port: customer.port,
            credentials: null,
            maxConcurrentCalls: 4,
            keepAliveSec: 0,
            allowedCallerIdPrefixes: [],
          }
        : null,
      rtp: { host: '127.0.0.2', ports: { min: rtpBase, max: rtpBase + 40 } },
      clock,
      log: { warn: () => {} },
      agentUris: new Map([['agent-1', `sip:agent1@127.0.0.1:${agent.port}`]]),
    },
    (event) => events.push(event),
  )
  const waitFor = async (kind: TelephonyEvent['kind'], ms = 10_000) => {
    const end = Date.now() + ms
    while (!events.some((e) => e.kind === kind)) {
      if (Date.now() > end) throw new Error(`no ${kind}: ${JSON.stringify(events)}`)
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  }
  return { network, events, agent, customer, waitFor }
}

const phonesOf = (network: SipNetwork) => (network as unknown as { phones: AgentPhones }).phones
const customerRtp = (network: SipNetwork, callId: string) =>
  (network as unknown as { legs: Map<string, { rtp: RtpSession | null }> }).legs.get(callId)?.rtp ??
  null

describe.skipIf(!enabled)('agents on SIP phones', () => {
  it('the phone answers the reservation; the bridge relays audio both ways after the zip tone', async () => {
    const s = await setup('agent-phone.xml', 'customer-bye.xml')
    expect(s.network.ringsAgent('agent-1')).toBe(true)
    expect(s.network.ringsAgent('agent-2')).toBe(false)
    s.network.callAgent('agent-1', 'reservation')
    await s.waitFor('agentAnswered')
    s.network.dial({
      callId: 'c1',
      toNumber: '+15557654321',
      callerId: '+15551230000',
      cpaEnabled: false,
      amdEnabled: false,
      cpa: null,
    })
    await s.waitFor('answered')
    s.network.bridge('c1', 'agent-1')
    const agentRtp = phonesOf(s.network).rtpOf('agent-1')!
    const toCustomer = customerRtp(s.network, 'c1')!
    await eventually(
      () => agentRtp.stats.sent > 25 && agentRtp.stats.received > 10 && toCustomer.stats.sent > 10,
    )
    // Zip tone (15 packets of 20 ms) plus the customer's audio went to the agent; the agent's
    // (echoed) audio came back and was relayed to the customer.
    expect(agentRtp.stats.sent).toBeGreaterThan(25)
    expect(agentRtp.stats.received).toBeGreaterThan(10)
    expect(toCustomer.stats.sent).toBeGreaterThan(10)
    await s.waitFor('customerHangup')
    expect(s.events.map((e) => e.kind)).toEqual([
      'agentAnswered',
      'ringing',
      'answered',
      'customerHangup',
    ])
    expect(await s.customer!.exited).toBe(0)
    // The agent stays on the leg until the dialer releases them.
    expect(phonesOf(s.network).rtpOf('agent-1')).not.toBeNull()
    s.network.releaseAgent('agent-1')
    expect(await s.agent.exited).toBe(0)
    s.network.close()
  })

  it('the agent hanging up the phone is agentHangup (R7.5)', async () => {
    const s = await setup('agent-hangup.xml', null)
    s.network.callAgent('agent-1', 'reservation')
    await s.waitFor('agentHangup')
    expect(s.events).toEqual([
      { kind: 'agentAnswered', agentId: 'agent-1' },
      { kind: 'agentHangup', agentId: 'agent-1' },
    ])
    expect(await s.agent.exited).toBe(0)
    s.network.close()
  })
})
