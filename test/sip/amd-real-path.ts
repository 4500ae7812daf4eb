// AMD on the real path (issue 14, R2): each generated greeting is streamed by its own sipp UAS over
// RTP (µ-law, 20 ms) after a 200 OK, and Outdial's SIP network dials it with AMD on — our RTP socket,
// the jitter buffer, the framer and the analyzer decide; the decision and its time (audio ms since
// the answer, from the network's 'CPA decided' log) are collected. A few calls run at once, each
// bounded. Used by test/sip/amd-accuracy.test.ts and `npm run bench:cpa`.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { TelephonyEvent } from '../../src/dialer/ports/telephony.ts'
import { type CpaParams, cpaSchema } from '../../src/domain/campaign/cpa.ts'
import { createCallProgressAnalyzer } from '../../src/media/cpa/analyzer.ts'
import { encodeG711 } from '../../src/media/g711.ts'
import { RealClock } from '../../src/runtime/real-clock.ts'
import { SipEndpoint } from '../../src/telephony/sip/endpoint.ts'
import { PromptLibrary } from '../../src/telephony/sip/prompt-library.ts'
import { SipNetwork } from '../../src/telephony/sip/sip-network.ts'
import type { Greeting } from '../support/greetings.ts'
import { writeAudioScenario } from './audio-scenario.ts'
import { freeUdpPort, startSippUas } from './sipp.ts'

export const AMD_PARAMS: CpaParams = cpaSchema.parse({ cpaEnabled: true, amdEnabled: true })
/** Calls in flight at once (each its own sipp). */
const CONCURRENT_CALLS = 6
/** The longest one call may take from the dial to the decision. */
const CALL_MS_MAX = 15_000

export interface AmdResult {
  kind: Greeting['kind']
  label: string
  /** live, machine, …; `none` when no decision came in time. */
  decision: string
  /** Audio time of the decision since the answer (ms), from the analyzer. */
  atMs: number | null
  right: boolean
}

/** Runs every greeting through sipp and the SIP network (files in `dir`). */
export async function amdOnRealPath(dir: string, greetings: Greeting[]): Promise<AmdResult[]> {
  const clock = new RealClock()
  const decided = new Map<string, { decision: string; atMs: number }>()
  const log = {
    warn: () => {},
    info: (message: string, fields: Record<string, unknown> = {}) => {
      if (message === 'CPA decided')
        decided.set(String(fields.callId), {
          decision: String(fields.decision),
          atMs: Number(fields.atMs),
        })
    },
  }
  const endpoint = await SipEndpoint.open('127.0.0.2', 0, clock, log)
  const rtpBase = await freeUdpPort('127.0.0.2')
  const prompts = new PromptLibrary(dir, log)
  const results: AmdResult[] = new Array(greetings.length)
  try {
    let next = 0
    const worker = async (slot: number) => {
      while (next < greetings.length) {
        const index = next++
        const greeting = greetings[index]!
        const audio = join(dir, `amd-${index}.ul`)
        writeFileSync(audio, encodeG711(greeting.pcm, 'mu'))
        const scenario = writeAudioScenario(dir, `amd-${index}`, { audio: { rawMuLaw: audio } })
        const callId = `amd-${index}`
        const decision = await oneCall(scenario, callId, slot)
        const heard = decided.get(callId)
        const expected = greeting.kind === 'person' ? 'live' : 'machine'
        results[index] = {
          kind: greeting.kind,
          label: greeting.label,
          decision,
          atMs: heard?.atMs ?? null,
          right: decision === expected,
        }
      }
    }
    const oneCall = async (scenario: string, callId: string, slot: number) => {
      const sipp = await startSippUas(scenario, 1)
      let resolveEvent: (event: TelephonyEvent | null) => void = () => {}
      const first = new Promise<TelephonyEvent | null>((resolve) => {
        resolveEvent = resolve
      })
      const network = new SipNetwork(
        {
          endpoint,
          trunk: {
            host: '127.0.0.1',
            port: sipp.port,
            credentials: null,
            maxConcurrentCalls: 1,
            keepAliveSec: 0,
            allowedCallerIdPrefixes: [],
          },
          // Each slot its own slice of the port range: the slots never compete for a port.
          rtp: {
            host: '127.0.0.2',
            ports: { min: rtpBase + slot * 4, max: rtpBase + slot * 4 + 3 },
          },
          clock,
          log,
          createAnalyzer: (params) => createCallProgressAnalyzer(params),
          prompts,
        },
        (event) => {
          if (event.kind === 'cpa' || event.kind === 'failed' || event.kind === 'customerHangup')
            resolveEvent(event)
        },
      )
      const timer = setTimeout(() => resolveEvent(null), CALL_MS_MAX)
      network.dial({
        callId,
        toNumber: '+15557654321',
        callerId: '+15551230000',
        cpaEnabled: true,
        amdEnabled: true,
        cpa: AMD_PARAMS,
      })
      const event = await first
      clearTimeout(timer)
      network.hangup(callId)
      await Promise.race([sipp.exited, new Promise((resolve) => setTimeout(resolve, 3000))])
      network.close()
      sipp.stop()
      if (event === null) return 'none'
      return event.kind === 'cpa' ? event.decision : event.kind
    }
    await Promise.all(Array.from({ length: CONCURRENT_CALLS }, (_, slot) => worker(slot)))
  } finally {
    await endpoint.close()
    clock.stopAll()
  }
  return results
}

/** The p-th percentile (0–100) of `values`, nearest rank; null when empty. */
export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!
}

/** Accuracy and decision times per kind. */
export function amdSummary(results: AmdResult[]) {
  const of = (kind: Greeting['kind']) => {
    const mine = results.filter((r) => r.kind === kind)
    const times = mine.filter((r) => r.right && r.atMs !== null).map((r) => r.atMs!)
    return {
      total: mine.length,
      right: mine.filter((r) => r.right).length,
      accuracyPct: mine.length === 0 ? 0 : (100 * mine.filter((r) => r.right).length) / mine.length,
      p50Ms: percentile(times, 50),
      p95Ms: percentile(times, 95),
    }
  }
  return { person: of('person'), machine: of('machine') }
}
