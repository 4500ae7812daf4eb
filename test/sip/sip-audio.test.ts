// Goal (issue 14, R2, Appendix A, R5.5): real calls hear and speak. Against sipp on loopback, with
// audio made at test time (espeak-ng speech and sox tones converted to 8 kHz µ-law; fax and SIT
// tones synthesised in code), the SIP network's real analyzer — built from the campaign's CPA
// parameters on the DialRequest, fed through the jitter buffer — gives the engine: a person's
// "Hello?" then silence → cpa live; a long greeting then a beep with terminatingToneDetect →
// cpa machine with the beep found; sipp's own recorded greeting → machine; no RTP at all → dead
// air, reported live; a fax CNG → cpa fax; a SIT after the answer and in early media
// (183) → failed sit; a customer BYE while CPA listens → customerHangup. A WAV prompt played to
// sipp comes back (rtp_echo) and sox measures its length, level and pitch; music on hold loops for
// its duration (once through without one); a bad WAV is logged and playDone still comes; an RFC 4733 digit is decoded.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DialRequest, TelephonyEvent } from '../../src/dialer/ports/telephony.ts'
import { type CpaParams, cpaSchema } from '../../src/domain/campaign/cpa.ts'
import { createCallProgressAnalyzer } from '../../src/media/cpa/analyzer.ts'
import { encodeG711 } from '../../src/media/g711.ts'
import { concatPcm } from '../../src/media/tone-gen.ts'
import { readWav } from '../../src/media/wav.ts'
import { RealClock } from '../../src/runtime/real-clock.ts'
import { SipEndpoint } from '../../src/telephony/sip/endpoint.ts'
import { PromptLibrary } from '../../src/telephony/sip/prompt-library.ts'
import type { RtpSession } from '../../src/telephony/sip/rtp.ts'
import { SipNetwork } from '../../src/telephony/sip/sip-network.ts'
import { faxCng, seededRandom, silenceMs, sitTone, withNoise } from '../support/synthetic-audio.ts'
import { type AudioScenario, writeAudioScenario } from './audio-scenario.ts'
import {
  eventually,
  freeUdpPort,
  haveSipp,
  type SippRun,
  startSippUas,
  telephonyEvents,
} from './sipp.ts'

const TOOLS = ['/usr/bin/espeak-ng', '/usr/bin/sox']
const missingTools = TOOLS.filter((tool) => !existsSync(tool))
if (missingTools.length > 0) {
  const message = `${missingTools.join(' and ')} missing (apt-get install espeak-ng sox)`
  if (process.env.CI === 'true') throw new Error(`${message}: CI installs them`)
  console.warn(`\n*** SKIPPED the SIP audio suite (test/sip/sip-audio): ${message} ***\n`)
}
const enabled = haveSipp('the SIP audio suite (test/sip/sip-audio)') && missingTools.length === 0

const clock = new RealClock()
const warnings: { message: string; fields: Record<string, unknown> }[] = []
const infos: { message: string; fields: Record<string, unknown> }[] = []
const log = {
  warn: (message: string, fields: Record<string, unknown> = {}) =>
    void warnings.push({ message, fields }),
  info: (message: string, fields: Record<string, unknown> = {}) =>
    void infos.push({ message, fields }),
}
const dir = mkdtempSync(join(tmpdir(), 'outdial-sip-audio-'))
const promptsDir = join(dir, 'prompts')
let endpoint: SipEndpoint
let rtpBase = 0

/** Runs a tool with a bounded time. */
function run(tool: string, args: string[]): void {
  execFileSync(tool, args, { timeout: 20_000, stdio: ['ignore', 'ignore', 'pipe'] })
}

/** espeak-ng speech as 8 kHz mono 16-bit, through sox. */
function speak(name: string, text: string): Int16Array {
  const wide = join(dir, `${name}-22k.wav`)
  const narrow = join(dir, `${name}-8k.wav`)
  run('/usr/bin/espeak-ng', ['-v', 'en', '-w', wide, text])
  run('/usr/bin/sox', [wide, '-r', '8000', '-c', '1', '-b', '16', narrow])
  return readWav(new Uint8Array(readFileSync(narrow))).pcm
}

/** A sox sine as 8 kHz mono 16-bit. */
function soxTone(name: string, sec: number, hz: number, rate = 8000): string {
  const path = join(dir, `${name}.wav`)
  run('/usr/bin/sox', [
    '-n',
    '-r',
    String(rate),
    '-c',
    '1',
    '-b',
    '16',
    path,
    'synth',
    String(sec),
    'sine',
    String(hz),
    'vol',
    '0.5',
  ])
  return path
}

/** Raw µ-law for sipp's rtp_stream. */
function rawMuLaw(name: string, pcm: Int16Array): string {
  const path = join(dir, `${name}.ul`)
  writeFileSync(path, encodeG711(pcm, 'mu'))
  return path
}

/** sox's `stat` of raw µ-law audio: its length (s), RMS amplitude (0–1) and rough frequency. */
function soxStat(pcm: Int16Array): { lengthSec: number; rms: number; hz: number } {
  const path = join(dir, `heard-${Date.now()}.ul`)
  writeFileSync(path, encodeG711(pcm, 'mu'))
  // sox stat writes its table to stderr.
  const result = spawnSync(
    '/usr/bin/sox',
    ['-t', 'ul', '-r', '8000', '-c', '1', path, '-n', 'stat'],
    {
      timeout: 20_000,
    },
  )
  if (result.status !== 0) throw new Error(`sox stat failed: ${result.stderr?.toString()}`)
  const text = result.stderr.toString()
  const field = (label: string) => Number(new RegExp(`${label}:\\s+(-?[0-9.]+)`).exec(text)?.[1])
  return {
    lengthSec: field('Length \\(seconds\\)'),
    rms: field('RMS\\s+amplitude'),
    hz: field('Rough\\s+frequency'),
  }
}

const audio: Record<string, string> = {}

beforeAll(async () => {
  if (!enabled) return
  endpoint = await SipEndpoint.open('127.0.0.2', 0, clock, log)
  rtpBase = await freeUdpPort('127.0.0.2')
  const noise = (pcm: Int16Array) => withNoise(seededRandom(3), pcm, -60)
  audio.hello = rawMuLaw(
    'hello',
    noise(concatPcm([silenceMs(300), speak('hello', 'Hello?'), silenceMs(4000)])),
  )
  const greeting = speak(
    'greeting',
    'Hello, you have reached the voicemail of Mary Smith. I cannot take your call right now. Please leave a message after the tone.',
  )
  const beepWav = readWav(new Uint8Array(readFileSync(soxTone('beep', 0.4, 1000)))).pcm
  audio.machine = rawMuLaw(
    'machine',
    noise(concatPcm([silenceMs(250), greeting, silenceMs(300), beepWav, silenceMs(3000)])),
  )
  audio.fax = rawMuLaw('fax', concatPcm([silenceMs(200), faxCng(3), silenceMs(1000)]))
  audio.sit = rawMuLaw('sit', concatPcm([silenceMs(200), sitTone(), silenceMs(2000)]))
  audio.quiet = rawMuLaw('quiet', noise(silenceMs(3000)))
  // Prompts: a 1 s 440 Hz tone recorded at 16 kHz (resampled on load) and a file that is no WAV.
  mkdirSync(promptsDir, { recursive: true })
  soxTone('prompts/welcome', 1, 440, 16000)
  writeFileSync(join(promptsDir, 'broken.wav'), 'RIFF....WAVEnot really')
}, 60_000)

afterAll(async () => {
  await endpoint?.close()
  clock.stopAll()
  rmSync(dir, { recursive: true, force: true })
})

interface Harness {
  network: SipNetwork
  events: TelephonyEvent[]
  sipp: SippRun
  waitFor(kind: TelephonyEvent['kind'], ms?: number): Promise<TelephonyEvent>
}

async function harness(scenario: string, sippArgs: string[] = []): Promise<Harness> {
  const sipp = await startSippUas(scenario, 1, sippArgs)
  const { events, push, waitFor } = telephonyEvents(() => sipp.output(), 15_000)
  const network = new SipNetwork(
    {
      endpoint,
      trunk: {
        host: '127.0.0.1',
        port: sipp.port,
        credentials: null,
        maxConcurrentCalls: 4,
        keepAliveSec: 0,
        allowedCallerIdPrefixes: [],
      },
      rtp: { host: '127.0.0.2', ports: { min: rtpBase, max: rtpBase + 40 } },
      clock,
      log,
      createAnalyzer: (params) => createCallProgressAnalyzer(params),
      prompts: new PromptLibrary(promptsDir, log),
    },
    push,
  )
  return { network, events, sipp, waitFor }
}

async function done(h: Harness): Promise<number> {
  const code = await Promise.race([
    h.sipp.exited,
    new Promise<number>((resolve) => setTimeout(() => resolve(-2), 10_000)),
  ])
  h.network.close()
  h.sipp.stop()
  return code
}

const AMD: CpaParams = cpaSchema.parse({ cpaEnabled: true, amdEnabled: true })

function dial(network: SipNetwork, callId: string, cpa: CpaParams | null): void {
  const request: DialRequest = {
    callId,
    toNumber: '+15557654321',
    callerId: '+15551230000',
    cpaEnabled: cpa !== null,
    amdEnabled: cpa?.amdEnabled ?? false,
    cpa,
  }
  network.dial(request)
}

function rtpOf(network: SipNetwork, callId: string): RtpSession | null {
  const legs = (network as unknown as { legs: Map<string, { rtp: RtpSession | null }> }).legs
  return legs.get(callId)?.rtp ?? null
}

const scenario = (name: string, spec: AudioScenario) => writeAudioScenario(dir, name, spec)
const decisionLog = (callId: string) =>
  infos.find((i) => i.message === 'CPA decided' && i.fields.callId === callId)?.fields

describe.skipIf(!enabled)('SIP calls hear and speak (sipp, real audio)', () => {
  it('a person: "Hello?" then silence → cpa live', async () => {
    const h = await harness(scenario('hello', { audio: { rawMuLaw: audio.hello! } }))
    dial(h.network, 'p1', AMD)
    await h.waitFor('cpa')
    expect(h.events).toEqual([
      { kind: 'ringing', callId: 'p1' },
      { kind: 'answered', callId: 'p1' },
      { kind: 'cpa', callId: 'p1', decision: 'live' },
    ])
    expect(decisionLog('p1')).toMatchObject({ decision: 'live' })
    h.network.hangup('p1')
    expect(await done(h)).toBe(0)
  }, 30_000)

  it('a machine: a long greeting then a beep, terminatingToneDetect → cpa machine after the beep', async () => {
    const h = await harness(scenario('machine', { audio: { rawMuLaw: audio.machine! } }))
    dial(h.network, 'm1', { ...AMD, terminatingToneDetect: true })
    await h.waitFor('cpa', 20_000)
    expect(h.events.slice(2)).toEqual([{ kind: 'cpa', callId: 'm1', decision: 'machine' }])
    const decided = decisionLog('m1')!
    expect(decided).toMatchObject({ decision: 'machine', reason: 'greeting then beep' })
    // The decision waits for the beep, which follows the whole greeting.
    expect(decided.beepAtMs as number).toBeGreaterThan(AMD.analysisPeriod)
    expect(decided.atMs as number).toBeGreaterThan(decided.beepAtMs as number)
    h.network.hangup('m1')
    expect(await done(h)).toBe(0)
  }, 40_000)

  it("sipp's recorded greeting (g711a.pcap: A-law, 30 ms packets) → cpa machine", async () => {
    const h = await harness('greeting.xml')
    dial(h.network, 'g1', AMD)
    await h.waitFor('cpa')
    expect(h.events.slice(2)).toEqual([{ kind: 'cpa', callId: 'g1', decision: 'machine' }])
    expect(decisionLog('g1')).toMatchObject({ reason: 'speech longer than analysisPeriod' })
    h.network.hangup('g1')
    expect(await done(h)).toBe(0)
  }, 30_000)

  it('an answer that sends no RTP at all is dead air after maxTimeAnalysis → cpa live', async () => {
    const h = await harness('answer.xml')
    const startedMs = Date.now()
    dial(h.network, 'z1', AMD)
    await h.waitFor('cpa', 10_000)
    expect(h.events.slice(2)).toEqual([{ kind: 'cpa', callId: 'z1', decision: 'live' }])
    expect(decisionLog('z1')).toMatchObject({ decision: 'deadAir' })
    expect(Date.now() - startedMs).toBeGreaterThanOrEqual(AMD.maxTimeAnalysis)
    h.network.hangup('z1')
    expect(await done(h)).toBe(0)
  }, 30_000)

  it('a fax calling tone → cpa fax', async () => {
    const h = await harness(scenario('fax', { audio: { rawMuLaw: audio.fax! } }))
    dial(h.network, 'f1', AMD)
    await h.waitFor('cpa')
    expect(h.events.slice(2)).toEqual([{ kind: 'cpa', callId: 'f1', decision: 'fax' }])
    h.network.hangup('f1')
    expect(await done(h)).toBe(0)
  }, 30_000)

  it('a SIT after the answer → failed sit, and the network hangs up its leg (BYE)', async () => {
    const h = await harness(scenario('sit', { audio: { rawMuLaw: audio.sit! } }))
    dial(h.network, 's1', AMD)
    await h.waitFor('failed')
    expect(h.events.slice(2)).toEqual([{ kind: 'failed', callId: 's1', reason: 'sit' }])
    // The engine hangs up on a failure while analysing (lifecycle.ts); so does this test.
    h.network.hangup('s1')
    expect(await done(h)).toBe(0)
  }, 30_000)

  it('a SIT in early media (183) → ringing, failed sit, no answer; we CANCEL', async () => {
    const h = await harness(scenario('sit-early', { audio: { rawMuLaw: audio.sit! }, early: true }))
    dial(h.network, 'e1', AMD)
    await h.waitFor('failed')
    const expected = [
      { kind: 'ringing', callId: 'e1' },
      { kind: 'failed', callId: 'e1', reason: 'sit' },
    ]
    expect(h.events).toEqual(expected)
    expect(await done(h)).toBe(0)
    expect(h.events).toEqual(expected)
  }, 30_000)

  it('the customer hangs up while CPA still listens → customerHangup (CUSTOMER_LEFT)', async () => {
    const h = await harness(
      scenario('bye-during-cpa', { audio: { rawMuLaw: audio.quiet! }, customerByeAfterMs: 1200 }),
    )
    dial(h.network, 'b1', AMD)
    await h.waitFor('customerHangup')
    expect(h.events.map((e) => e.kind)).toEqual(['ringing', 'answered', 'customerHangup'])
    expect(decisionLog('b1')).toBeUndefined()
    expect(await done(h)).toBe(0)
  }, 30_000)

  it('an RFC 4733 digit from the customer is decoded and reported once as a digit event (sipp dtmf_2833_5.pcap → "5")', async () => {
    const h = await harness(
      scenario('dtmf', {
        audio: { pcap: '/usr/share/sip-tester/dtmf_2833_5.pcap' },
        customerByeAfterMs: 1000,
      }),
    )
    dial(h.network, 'd1', null)
    await h.waitFor('customerHangup')
    const digits = infos.filter(
      (i) => i.message === 'DTMF digit received' && i.fields.callId === 'd1',
    )
    expect(digits.map((d) => d.fields.digit)).toEqual(['5'])
    // The end packet comes three times; the engine hears the key once.
    expect(h.events.filter((e) => e.kind === 'digit')).toEqual([
      { kind: 'digit', callId: 'd1', digit: '5', atMs: expect.any(Number) },
    ])
    expect(await done(h)).toBe(0)
  }, 30_000)

  it('a WAV prompt reaches the far end: sipp echoes it and sox hears 1 s of 440 Hz', async () => {
    const h = await harness('answer.xml', ['-rtp_echo'])
    dial(h.network, 'w1', null)
    await h.waitFor('answered')
    const rtp = rtpOf(h.network, 'w1')!
    const heard: Int16Array[] = []
    let loud = 0
    rtp.onAudio = (pcm) => {
      const peak = pcm.reduce((m, s) => Math.max(m, Math.abs(s)), 0)
      if (peak > 1000) {
        heard.push(pcm)
        loud += 1
      }
    }
    h.network.play({ callId: 'w1', promptId: 'welcome', music: false })
    await h.waitFor('playDone', 5000)
    expect(await eventually(() => loud >= 50, 3000)).toBe(true)
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(rtp.stats.sent).toBe(50)
    const stat = soxStat(concatPcm(heard))
    expect(stat.lengthSec).toBeGreaterThanOrEqual(0.96)
    expect(stat.lengthSec).toBeLessThanOrEqual(1.08)
    expect(stat.rms).toBeGreaterThan(0.3)
    expect(stat.rms).toBeLessThan(0.4)
    expect(Math.abs(stat.hz - 440)).toBeLessThan(20)
    h.network.hangup('w1')
    expect(await done(h)).toBe(0)
  }, 30_000)

  it('music on hold loops for its duration, once without one; a bad WAV is logged, silence plays, playDone comes', async () => {
    const h = await harness('answer.xml')
    dial(h.network, 'h1', null)
    await h.waitFor('answered')
    const rtp = rtpOf(h.network, 'h1')!
    h.network.play({ callId: 'h1', promptId: 'welcome', music: true, durationSec: 2.5 })
    await h.waitFor('playDone', 6000)
    expect(rtp.stats.sent).toBe(125)
    h.events.length = 0
    h.network.play({ callId: 'h1', promptId: 'broken', music: false, durationSec: 0.4 })
    await h.waitFor('playDone', 3000)
    expect(rtp.stats.sent).toBe(145)
    const warned = warnings.find((w) => w.fields.promptId === 'broken')
    expect(String(warned?.fields.reason)).toMatch(/broken\.wav: wav /)
    // Music without a duration plays its file once through (1 s), then playDone.
    h.events.length = 0
    h.network.play({ callId: 'h1', promptId: 'welcome', music: true })
    await h.waitFor('playDone', 3000)
    expect(rtp.stats.sent).toBe(195)
    h.network.hangup('h1')
    expect(await done(h)).toBe(0)
  }, 30_000)
})
