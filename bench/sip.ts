// `npm run bench:sip` (issue 14): how many concurrent calls with media one Outdial process carries
// on this machine, and the CPU each costs. At each step sipp (one UAS process) answers N calls and
// streams a looped speech-like greeting to each over RTP (µ-law, 20 ms); Outdial's SIP network
// dials the N calls (AMD on, as predictive dials), runs call progress analysis on what it hears,
// and plays a looped music prompt back to each (20 ms pacing), so every call has RTP both ways.
// With all N up it measures, over a fixed window: this process's CPU (user + system), the RTP
// packets received and sent per call against the 50 a second each way should carry, and the
// calls that failed. Steps rise (50, 100, 200, 300, 500, 700) until calls fail, packets go
// missing or the process uses both cores; each step is bounded to STEP_SEC_MAX. Writes its section
// into docs/benchmarks.md between <!-- sip:begin --> and <!-- sip:end -->.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { TelephonyEvent } from '../src/dialer/ports/telephony.ts'
import { cpaSchema } from '../src/domain/campaign/cpa.ts'
import { createCallProgressAnalyzer } from '../src/media/cpa/analyzer.ts'
import { encodeG711 } from '../src/media/g711.ts'
import { concatPcm, zipTone } from '../src/media/tone-gen.ts'
import { writeWav } from '../src/media/wav.ts'
import { RealClock } from '../src/runtime/real-clock.ts'
import { serverConfigSchema } from '../src/server/config.ts'
import { serve } from '../src/server/serve.ts'
import { SipEndpoint } from '../src/telephony/sip/endpoint.ts'
import { PromptLibrary } from '../src/telephony/sip/prompt-library.ts'
import type { RtpSession } from '../src/telephony/sip/rtp.ts'
import { SipNetwork } from '../src/telephony/sip/sip-network.ts'
import { writeAudioScenario } from '../test/sip/audio-scenario.ts'
import { writeCustomersScenario } from '../test/sip/campaign-customers.ts'
import { driveDeskAgents } from '../test/sip/desk-agents.ts'
import { freeUdpPort, haveSipp, startSippUas } from '../test/sip/sipp.ts'
import { seededRandom, silenceMs, speechLike } from '../test/support/synthetic-audio.ts'
import { writeDocsSection } from './docs-section.ts'

const DOCS_FILE = fileURLToPath(new URL('../docs/benchmarks.md', import.meta.url))
const BEGIN = '<!-- sip:begin -->'
const END = '<!-- sip:end -->'
const STEPS = [50, 100, 200, 300, 500, 700]
/** Each step, from the first dial to the last hang-up, is bounded to this (seconds). */
const STEP_SEC_MAX = 60
/** New calls a second while a step ramps up. */
const DIALS_PER_SEC = 100
/** The measurement window once every call of the step is up (ms). */
const WINDOW_MS = 10_000
/** RTP packets a second each way on a 20 ms call. */
const PACKETS_PER_SEC = 50
/** A step fails when more calls than this share fail, or packets fall short by more than it. */
const FAILURE_SHARE_MAX = 0.01
/** Cores in use (of this process) at which the machine counts as saturated. */
const SATURATED_CORES = 1.9

const AMD = cpaSchema.parse({ cpaEnabled: true, amdEnabled: true })

interface Step {
  calls: number
  answered: number
  failed: number
  coresUsed: number
  cpuMsPerCallSec: number
  receivedPerCallSec: number
  sentPerCallSec: number
  rampSec: number
  loadAvg: number
  ok: boolean
}

function legsOf(network: SipNetwork): Map<string, { rtp: RtpSession | null }> {
  return (network as unknown as { legs: Map<string, { rtp: RtpSession | null }> }).legs
}

async function runStep(
  endpoint: SipEndpoint,
  clock: RealClock,
  dir: string,
  calls: number,
): Promise<Step> {
  const stepStarted = Date.now()
  const scenario = writeAudioScenario(dir, 'load', {
    audio: { rawMuLaw: join(dir, 'greeting.ul') },
    loop: true,
  })
  const sipp = await startSippUas(scenario, calls, ['-l', String(2 * calls)], STEP_SEC_MAX + 10)
  const rtpBase = await freeUdpPort('127.0.0.2')
  const answered = new Set<string>()
  const lastEvent = new Map<string, string>()
  const failed = new Set<string>()
  const log = { warn: () => {}, info: () => {} }
  const network = new SipNetwork(
    {
      endpoint,
      trunk: {
        host: '127.0.0.1',
        port: sipp.port,
        credentials: null,
        maxConcurrentCalls: calls,
        keepAliveSec: 0,
        allowedCallerIdPrefixes: [],
      },
      rtp: { host: '127.0.0.2', ports: { min: rtpBase, max: rtpBase + 4 * calls + 10 } },
      clock,
      log,
      createAnalyzer: (params) => createCallProgressAnalyzer(params),
      prompts: new PromptLibrary(dir, log),
    },
    (event: TelephonyEvent) => {
      if ('callId' in event) lastEvent.set(event.callId, event.kind)
      if (event.kind === 'answered') {
        answered.add(event.callId)
        network.play({ callId: event.callId, promptId: 'music', music: true, durationSec: 300 })
      } else if (event.kind === 'failed' || event.kind === 'customerHangup')
        failed.add(event.callId)
    },
  )
  const ids = Array.from({ length: calls }, (_, i) => `load-${calls}-${i}`)
  for (let i = 0; i < ids.length; i++) {
    network.dial({
      callId: ids[i]!,
      toNumber: '+15557654321',
      callerId: '+15551230000',
      cpaEnabled: true,
      amdEnabled: true,
      cpa: AMD,
    })
    await sleep(1000 / DIALS_PER_SEC)
  }
  const rampDeadline = stepStarted + (STEP_SEC_MAX * 1000 - WINDOW_MS) / 2
  while (answered.size + failed.size < calls && Date.now() < rampDeadline) await sleep(100)
  const rampSec = (Date.now() - stepStarted) / 1000
  if (answered.size + failed.size < calls) {
    const stuck = ids.filter((id) => !answered.has(id) && !failed.has(id))
    process.stdout.write(
      `not up after ${rampSec.toFixed(1)} s: ${stuck.length} calls, last events ${JSON.stringify(
        stuck.slice(0, 5).map((id) => lastEvent.get(id) ?? 'none'),
      )}; sipp: ${sipp.output().slice(-500)}\n`,
    )
  }
  // Let the last calls' media start, then measure.
  await sleep(1000)
  const packets = () => {
    let received = 0
    let sent = 0
    for (const leg of legsOf(network).values()) {
      received += leg.rtp?.stats.received ?? 0
      sent += leg.rtp?.stats.sent ?? 0
    }
    return { received, sent }
  }
  const before = packets()
  const cpuBefore = process.cpuUsage()
  const wallBefore = performance.now()
  await sleep(WINDOW_MS)
  const cpu = process.cpuUsage(cpuBefore)
  const wallMs = performance.now() - wallBefore
  const after = packets()
  const up = answered.size - [...failed].filter((id) => answered.has(id)).length
  const cpuMs = (cpu.user + cpu.system) / 1000
  const coresUsed = cpuMs / wallMs
  const windowSec = wallMs / 1000
  const receivedPerCallSec = up === 0 ? 0 : (after.received - before.received) / up / windowSec
  const sentPerCallSec = up === 0 ? 0 : (after.sent - before.sent) / up / windowSec
  const loadAvg = loadavg()[0]!
  for (const id of ids) network.hangup(id)
  await Promise.race([sipp.exited, sleep(5000)])
  network.close()
  sipp.stop()
  const failures = calls - up
  const ok =
    failures <= calls * FAILURE_SHARE_MAX &&
    receivedPerCallSec >= PACKETS_PER_SEC * (1 - FAILURE_SHARE_MAX) &&
    sentPerCallSec >= PACKETS_PER_SEC * (1 - FAILURE_SHARE_MAX)
  return {
    calls,
    answered: up,
    failed: failures,
    coresUsed,
    cpuMsPerCallSec: up === 0 ? 0 : cpuMs / up / windowSec,
    receivedPerCallSec,
    sentPerCallSec,
    rampSec,
    loadAvg,
    ok,
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/** How long each campaign of the latency part dials (s), and its desk agents. */
const LATENCY_PHASE_SEC = 25
const LATENCY_AGENTS = Array.from({ length: 10 }, (_, i) => `agent-${i + 1}`)
const BRIDGED_LINE = /^outdial: call bridged (\{.*\})$/

interface Latency {
  campaign: string
  bridges: number
  p50Ms: number | null
  p99Ms: number | null
  maxMs: number | null
}

function percentileOf(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!
}

/**
 * Answer → bridge on a real server: `outdial serve --telephony sip` with the demo tenant, its trunk
 * at a sipp UAS where every customer answers with a short hello, ten desk agents driven through the
 * agent API; the progressive campaign (no CPA: bridged on the answer) dials for a while, then the
 * predictive one (AMD on: bridged after the analyzer's live decision). The SIP network logs each
 * bridge's interval from the customer's 200 OK.
 */
async function answerToBridge(dir: string): Promise<Latency[]> {
  const hello = join(dir, 'hello.ul')
  const person = concatPcm([
    silenceMs(250),
    speechLike(seededRandom(5), { ms: 500 }),
    silenceMs(3500),
  ])
  writeFileSync(hello, encodeG711(person, 'mu'))
  const sipp = await startSippUas(
    writeCustomersScenario(dir, hello, 2500),
    100_000,
    ['-l', '200'],
    2 * LATENCY_PHASE_SEC + 30,
  )
  const bridged: number[] = []
  const rtpPortMin = await freeUdpPort('127.0.0.2')
  const server = await serve(
    serverConfigSchema.parse({
      port: 0,
      dataDir: join(dir, 'data'),
      adminPassword: 'bench-admin-password',
      logLevel: 'silent',
      telephony: 'sip',
      sipHost: '127.0.0.2',
      sipPort: 0,
      rtpPortMin,
      rtpPortMax: rtpPortMin + 400,
    }),
    (line) => {
      const found = BRIDGED_LINE.exec(line)
      if (found)
        bridged.push((JSON.parse(found[1]!) as { answerToBridgeMs: number }).answerToBridgeMs)
    },
  )
  const token = (
    (await (
      await fetch(`${server.url}/v1/auth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: 'bench-admin-password' }),
      })
    ).json()) as { token: string }
  ).token
  const api = (method: string, path: string, body?: unknown) =>
    fetch(`${server.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    })
  const must = async (response: Promise<Response>) => {
    const r = await response
    if (!r.ok) throw new Error(`${r.url}: ${r.status} ${await r.text()}`)
    await r.body?.cancel()
  }
  const results: Latency[] = []
  const agents = driveDeskAgents(api, LATENCY_AGENTS, 'NOT_INTERESTED')
  try {
    await must(api('POST', '/v1/campaigns/winback/pause'))
    await must(api('POST', '/v1/campaigns/renewals/pause'))
    await must(
      api('POST', '/v1/sip-trunks', {
        id: 'main',
        name: 'Loopback sipp customers',
        host: '127.0.0.1',
        port: sipp.port,
        keepAliveSec: 0,
        maxConcurrentCalls: 60,
      }),
    )
    for (const agentId of LATENCY_AGENTS)
      for (const action of ['login', 'available'])
        await must(api('POST', `/v1/agents/${agentId}/state`, { action }))
    for (const campaign of ['renewals', 'winback']) {
      const from = bridged.length
      await must(api('POST', `/v1/campaigns/${campaign}/resume`))
      await sleep(LATENCY_PHASE_SEC * 1000)
      await must(api('POST', `/v1/campaigns/${campaign}/pause`))
      // Let the calls in flight end before the next campaign starts.
      await sleep(5000)
      const sorted = bridged.slice(from).sort((a, b) => a - b)
      results.push({
        campaign,
        bridges: sorted.length,
        p50Ms: percentileOf(sorted, 0.5),
        p99Ms: percentileOf(sorted, 0.99),
        maxMs: sorted.at(-1) ?? null,
      })
      process.stdout.write(`${JSON.stringify(results.at(-1))}\n`)
    }
  } finally {
    await agents.stop()
    await server.stop()
    sipp.stop()
  }
  return results
}

async function main(): Promise<void> {
  if (!haveSipp('bench:sip')) return
  const dir = mkdtempSync(join(tmpdir(), 'outdial-bench-sip-'))
  const clock = new RealClock()
  const endpoint = await SipEndpoint.open('127.0.0.2', 0, clock, { warn: () => {} })
  const steps: Step[] = []
  let latencies: Latency[] = []
  try {
    latencies = await answerToBridge(dir)
    // The customers' greeting (looped by sipp) and the music we play back.
    const random = seededRandom(21)
    const greeting = concatPcm([silenceMs(300), speechLike(random, { ms: 4000 }), silenceMs(700)])
    writeFileSync(join(dir, 'greeting.ul'), encodeG711(greeting, 'mu'))
    const music = concatPcm(Array.from({ length: 10 }, () => zipTone()))
    writeFileSync(join(dir, 'music.wav'), writeWav(music, 8000))
    for (const calls of STEPS) {
      const step = await runStep(endpoint, clock, dir, calls)
      steps.push(step)
      process.stdout.write(`${JSON.stringify(step)}\n`)
      if (!step.ok || step.coresUsed >= SATURATED_CORES) break
      await sleep(2000)
    }
  } finally {
    await endpoint.close()
    clock.stopAll()
    rmSync(dir, { recursive: true, force: true })
  }
  writeSection(steps, latencies)
}

function writeSection(steps: Step[], latencies: Latency[]): void {
  const carried = steps.filter((s) => s.ok).map((s) => s.calls)
  const best = carried.length === 0 ? 0 : Math.max(...carried)
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU'
  const largest = steps.filter((s) => s.answered > 0).at(-1)
  // Node runs the media on one event loop: one core is the ceiling, whatever the machine has.
  const estimate =
    largest === undefined
      ? ''
      : `The cost per call at the largest step (${largest.cpuMsPerCallSec.toFixed(2)} ms of CPU per call-second at ${largest.calls} calls) puts one whole core at about ${Math.floor(1000 / largest.cpuMsPerCallSec)} calls — an estimate from the CPU figure, not a run: the media runs on one Node event loop, so one core is the ceiling${largest.coresUsed < 0.9 ? ', and in this run the process did not get one' : ''}.`
  const rows = steps.map(
    (s) =>
      `| ${s.calls} | ${s.answered} | ${s.failed} | ${s.rampSec.toFixed(1)} | ${s.receivedPerCallSec.toFixed(1)} | ${s.sentPerCallSec.toFixed(1)} | ${(s.coresUsed * 100).toFixed(0)} % | ${s.cpuMsPerCallSec.toFixed(2)} | ${s.loadAvg.toFixed(1)} | ${s.ok ? 'yes' : 'no'} |`,
  )
  const section = [
    BEGIN,
    '## SIP calls: answer → bridge, concurrent calls with media',
    `Command: \`npm run bench:sip\` · ${new Date().toISOString().slice(0, 10)} · ${cpu} (nproc ${availableParallelism()}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}. Each step's 1-minute load average is in the table: above the core count, other work shared the cores and this process got only part of one. sipp runs on the same cores.`,
    '',
    `Answer → agent bridge (the 2-second rule's interval, from the customer's 200 OK to the bridge, logged by the SIP network as \`call bridged\`): a real \`outdial serve --telephony sip\` with the demo tenant, its trunk at a sipp UAS whose customers answer with a short hello, ten desk agents driven through the agent API; each campaign dials for ${LATENCY_PHASE_SEC} s, one after the other.`,
    '',
    '| campaign | CPA | bridges | p50 ms | p99 ms | max ms |',
    '| --- | --- | ---: | ---: | ---: | ---: |',
    ...latencies.map(
      (l) =>
        `| ${l.campaign === 'renewals' ? 'renewals (progressive)' : 'winback (predictive)'} | ${l.campaign === 'renewals' ? 'off: bridged on the answer' : 'AMD on: bridged on the live decision'} | ${l.bridges} | ${l.p50Ms ?? '–'} | ${l.p99Ms ?? '–'} | ${l.maxMs ?? '–'} |`,
    ),
    '',
    `Concurrent calls with media. Each step: one sipp UAS answers N calls on loopback and streams a looped 5 s speech-like greeting to each (µ-law, 20 ms); Outdial's SIP network (one process, one SIP endpoint) dials them at ${DIALS_PER_SEC} a second with AMD on (the analyzer runs on each call until it decides), and plays a looped music prompt back to each at 20 ms pacing. With every call up, a ${WINDOW_MS / 1000} s window measures this process's CPU (user + system) and the RTP packets each call received and sent (50 a second each way is full). A step passes with at most ${FAILURE_SHARE_MAX * 100} % of calls failed and packets within ${FAILURE_SHARE_MAX * 100} % of full; the steps stop at the first failure or at ${SATURATED_CORES} cores. Each step is bounded to ${STEP_SEC_MAX} s.`,
    '',
    '| calls | up | failed | ramp s | RTP in /call/s | RTP out /call/s | CPU (of one core) | CPU ms per call-second | load avg | passed |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...rows,
    '',
    `Carried with full media in one process in this run: ${best} concurrent calls (target ≥ 500). ${estimate}`,
    END,
  ].join('\n')
  process.stdout.write(`${section}\n`)
  writeDocsSection(DOCS_FILE, section, BEGIN, END)
}

await main()
