// One SIP endpoint on a loopback address for a whole suite, and a SipNetwork per test whose trunk
// is a fresh sipp UAS playing one scenario (issue 14): shared by the UDP and TCP network suites.
import { afterAll, beforeAll } from 'vitest'
import type { TelephonyEvent } from '../../src/dialer/ports/telephony.ts'
import { RealClock } from '../../src/runtime/real-clock.ts'
import { SipEndpoint } from '../../src/telephony/sip/endpoint.ts'
import { SipNetwork } from '../../src/telephony/sip/sip-network.ts'
import {
  freeUdpPort,
  type SippRun,
  startSippUas,
  telephonyEvents,
  waitTcpListening,
} from './sipp.ts'

/** RTP ports each suite's networks may use, from its first free one. */
const RTP_PORTS_PER_SUITE = 40
/** How long a test waits for sipp to end its scenario before stopping it. */
const SIPP_DONE_WAIT_MS = 8000

export interface Harness {
  network: SipNetwork
  events: TelephonyEvent[]
  sipp: SippRun
  waitFor(kind: TelephonyEvent['kind'], ms?: number): Promise<TelephonyEvent>
}

export interface TrunkOptions {
  transport?: 'udp' | 'tcp'
  maxConcurrentCalls?: number
  keepAliveSec?: number
  sippArgs?: string[]
  credentials?: { username: string; password: string } | null
  /** Bound of sipp's run, seconds (sipp.ts's default when absent). */
  sippRunSecMax?: number
  eventWaitMs?: number
}

/** Opens the endpoint on `host` before the suite's tests and closes it after them. */
export function sipTrunkSuite(host: string, enabled: boolean) {
  const clock = new RealClock()
  const log = { warn: (_message: string) => {} }
  let endpoint: SipEndpoint | undefined
  let rtpBase = 0

  beforeAll(async () => {
    if (!enabled) return
    endpoint = await SipEndpoint.open(host, 0, clock, log)
    rtpBase = await freeUdpPort(host)
  })
  afterAll(async () => {
    await endpoint?.close()
    clock.stopAll()
  })

  return {
    endpoint: (): SipEndpoint => endpoint!,
    /** A network on a trunk that is a new sipp UAS playing `scenario` once. */
    async harness(scenario: string, options: TrunkOptions = {}): Promise<Harness> {
      const transport = options.transport ?? 'udp'
      const sippArgs = [...(transport === 'tcp' ? ['-t', 't1'] : []), ...(options.sippArgs ?? [])]
      const sipp = await startSippUas(scenario, 1, sippArgs, options.sippRunSecMax)
      if (transport === 'tcp') await waitTcpListening(sipp.port)
      const { events, push, waitFor } = telephonyEvents(
        () => sipp.output(),
        options.eventWaitMs ?? 10_000,
      )
      const network = new SipNetwork(
        {
          endpoint: endpoint!,
          trunk: {
            host: '127.0.0.1',
            port: sipp.port,
            ...(transport === 'tcp' ? { transport } : {}),
            credentials: options.credentials ?? null,
            maxConcurrentCalls: options.maxConcurrentCalls ?? 4,
            keepAliveSec: options.keepAliveSec ?? 0,
            allowedCallerIdPrefixes: [],
          },
          rtp: { host, ports: { min: rtpBase, max: rtpBase + RTP_PORTS_PER_SUITE } },
          clock,
          log,
        },
        push,
      )
      return { network, events, sipp, waitFor }
    },
  }
}

/** An outbound call on the harness's network, to one fixed number. */
export function dialOne(network: SipNetwork, callId: string, cpaEnabled = false): void {
  network.dial({
    callId,
    toNumber: '+15557654321',
    callerId: '+15551230000',
    cpaEnabled,
    amdEnabled: false,
    cpa: null,
  })
}

/** Waits for sipp to end its scenario (bounded), then closes the network: sipp's exit code, -2 on timeout. */
export async function finish(h: Harness): Promise<number> {
  const code = await Promise.race([
    h.sipp.exited,
    new Promise<number>((resolve) => setTimeout(() => resolve(-2), SIPP_DONE_WAIT_MS)),
  ])
  h.network.close()
  h.sipp.stop()
  return code
}
