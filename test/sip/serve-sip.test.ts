// Goal (issue 14, R6, R7.2, Appendix A): a real `outdial serve --telephony sip` on a fresh SQLite
// dials a tenant's SIP trunk configured through the API — the trunk's digest password is sealed at
// rest and never returned; a desk agent goes Available and answers the reservation; the
// progressive campaign dials; sipp (the customer) answers, talks and hangs up; the attempt is in
// /v1/attempts as LIVE_VOICE ended by the customer; /v1/status and /metrics show the SIP trunk;
// the prompts directory in the data dir holds the default abandon message.
// Then an agent on a SIP phone (their `sipUri`): sipp plays the phone, answers the reservation call
// with no desktop action, and the next customer — a person saying a short hello, which the
// server's real CPA analyzer hears as live — is bridged to it.
// Last, the trunk moved to TCP through the API (sipp `-t t1`): the server's keep-alive reaches it
// over one TCP connection, and /v1/status shows it up with its transport.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { encodeG711 } from '../../src/media/g711.ts'
import { concatPcm } from '../../src/media/tone-gen.ts'
import { readWav } from '../../src/media/wav.ts'
import { serverConfigSchema } from '../../src/server/config.ts'
import { type RunningServer, serve } from '../../src/server/serve.ts'
import { seededRandom, silenceMs, speechLike } from '../support/synthetic-audio.ts'
import { writeAudioScenario } from './audio-scenario.ts'
import {
  freeUdpPort,
  haveSipp,
  type SippRun,
  startSippUac,
  startSippUas,
  waitTcpListening,
} from './sipp.ts'

const enabled = haveSipp('the SIP server suite (test/sip)')
const PASSWORD = 'demo-admin-password'
const TRUNK_PASSWORD = 'trunk-digest-secret-7'
const PHONE_PASSWORD = 'phone-digest-secret-9'
let sipPort = 0
let lastState = ''
const sipAddressOf = () => `127.0.0.2:${sipPort}`
const dataDir = mkdtempSync(join(tmpdir(), 'outdial-sip-'))
let server: RunningServer | null = null
let sipp: SippRun | null = null
let token = ''

async function api(method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${server!.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  })
}

/** Reads a configuration document, changes its body, and writes it back at its version. */
async function edit(
  path: string,
  change: (body: Record<string, unknown>) => Record<string, unknown>,
) {
  const doc = (await (await api('GET', path)).json()) as {
    version: number
    body: Record<string, unknown>
  }
  return fetch(`${server!.url}${path}`, {
    method: 'PUT',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'if-match': `"${doc.version}"`,
    },
    body: JSON.stringify(change(doc.body)),
  })
}

async function until<T>(what: string, read: () => Promise<T | null>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms
  while (Date.now() < end) {
    const value = await read()
    if (value !== null) return value
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`timed out waiting for ${what} (${lastState})${sipp ? `: ${sipp.output()}` : ''}`)
}

beforeAll(async () => {
  if (!enabled) return
  sipp = await startSippUas('customer-bye.xml', 1)
  const rtpPortMin = await freeUdpPort('127.0.0.2')
  sipPort = await freeUdpPort('127.0.0.2')
  const config = serverConfigSchema.parse({
    port: 0,
    dataDir,
    adminPassword: PASSWORD,
    logLevel: 'silent',
    telephony: 'sip',
    sipHost: '127.0.0.2',
    sipPort,
    rtpPortMin,
    rtpPortMax: rtpPortMin + 40,
  })
  server = await serve(config, () => {})
  const response = await fetch(`${server.url}/v1/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: PASSWORD }),
  })
  token = ((await response.json()) as { token: string }).token
  const paused = await api('POST', '/v1/campaigns/winback/pause')
  if (!paused.ok) throw new Error(`pausing winback: ${paused.status}`)
}, 60_000)

afterAll(async () => {
  sipp?.stop()
  await server?.stop()
  rmSync(dataDir, { recursive: true, force: true })
})

describe.skipIf(!enabled)('outdial serve --telephony sip', () => {
  it('writes the default abandon information message at first start', () => {
    const file = join(dataDir, 'prompts', 'abandon-information-message.wav')
    expect(existsSync(file)).toBe(true)
    const wav = readWav(new Uint8Array(readFileSync(file)))
    expect(wav).toMatchObject({ sampleRate: 8000, channels: 1, encoding: 'pcm16' })
    expect(wav.pcm.length).toBeGreaterThan(8000)
  })

  it('stores the trunk with its password sealed, never returned', async () => {
    const created = await api('POST', '/v1/sip-trunks', {
      id: 'main',
      name: 'Loopback sipp',
      host: '127.0.0.1',
      port: sipp!.port,
      username: 'outdial',
      password: TRUNK_PASSWORD,
      keepAliveSec: 0,
    })
    expect(created.status).toBe(201)
    const view = (await (await api('GET', '/v1/sip-trunks/main')).json()) as { body: unknown }
    expect(view.body).toMatchObject({ id: 'main', port: sipp!.port, passwordSet: true })
    expect(JSON.stringify(view)).not.toContain(TRUNK_PASSWORD)
    const files = readdirFiles(dataDir)
    expect(files.length).toBeGreaterThan(0)
    for (const file of files) expect(readFileSync(file).includes(TRUNK_PASSWORD)).toBe(false)
    const second = await api('POST', '/v1/sip-trunks', { id: 'b', name: 'B', host: '127.0.0.1' })
    expect(second.status).toBe(422)
  })

  it('a desk agent takes a real call: dialled on the trunk, answered by sipp, ended by the customer', async () => {
    for (const action of ['login', 'available']) {
      const acted = await api('POST', '/v1/agents/agent-15/state', { action })
      expect(acted.status, action).toBe(202)
    }
    await until('the reservation', async () => {
      const state = await (await api('GET', '/v1/agents/agent-15/state')).json()
      return JSON.stringify(state).includes('Reserved') ? state : null
    })
    expect(
      (await api('POST', '/v1/agents/agent-15/state', { action: 'answerReservation' })).status,
    ).toBe(202)
    const attempt = await until('a closed attempt', async () => {
      const page = (await (await api('GET', '/v1/attempts?campaignId=renewals')).json()) as {
        items: {
          outcome: string | null
          closedAt: string | null
          details: Record<string, unknown>
        }[]
      }
      return page.items.find((a) => a.closedAt !== null) ?? null
    })
    expect(attempt.outcome).toBe('LIVE_VOICE')
    expect(attempt.details.hangupParty).toBe('customer')
    expect(await sipp!.exited).toBe(0)
    const status = (await (await api('GET', '/v1/status')).json()) as {
      sip: { trunk: { host: string; port: number }; datagrams: { malformed: number } }
    }
    expect(status.sip.trunk).toMatchObject({ host: '127.0.0.1', port: sipp!.port })
    expect(status.sip.datagrams.malformed).toBe(0)
    const metrics = await (await fetch(`${server!.url}/metrics`)).text()
    expect(metrics).toMatch(/outdial_sip_calls_in_flight\{tenant="[^"]+"\} \d/)
  })

  it('an agent on a SIP phone answers the reservation from the phone and takes the next call', async () => {
    const phone = await startSippUas('agent-phone.xml', 1, ['-rtp_echo'])
    // The server analyses the answer with the campaign's CPA (AMD on): the customer is a person,
    // a short hello then silence, who hangs up after a while.
    const audioDir = mkdtempSync(join(tmpdir(), 'outdial-sip-hello-'))
    const hello = join(audioDir, 'hello.ul')
    const person = concatPcm([
      silenceMs(300),
      speechLike(seededRandom(1), { ms: 600 }),
      silenceMs(4000),
    ])
    writeFileSync(hello, encodeG711(person, 'mu'))
    const customer = await startSippUas(
      writeAudioScenario(audioDir, 'hello-bye', {
        audio: { rawMuLaw: hello },
        customerByeAfterMs: 3000,
      }),
      1,
    )
    try {
      const put = await edit('/v1/agents/agent-14', (body) => ({
        ...body,
        sipUri: `sip:agent14@127.0.0.1:${phone.port}`,
      }))
      expect(put.status).toBe(200)
      const moved = await edit('/v1/sip-trunks/main', (body) => {
        const { passwordSet: _set, ...rest } = body
        return { ...rest, port: customer.port }
      })
      expect(moved.status).toBe(200)
      await new Promise((resolve) => setTimeout(resolve, 300))
      for (const action of ['login', 'available']) {
        const acted = await api('POST', '/v1/agents/agent-14/state', { action })
        expect(acted.status, action).toBe(202)
      }
      // No answerReservation: the phone answering connects the agent (R7.2).
      const attempt = await until("the phone agent's closed attempt", async () => {
        const page = (await (await api('GET', '/v1/attempts?agentId=agent-14')).json()) as {
          items: {
            outcome: string | null
            closedAt: string | null
            details: Record<string, unknown>
          }[]
        }
        return page.items.find((a) => a.closedAt !== null) ?? null
      })
      expect(attempt.outcome).toBe('LIVE_VOICE')
      expect(await customer.exited).toBe(0)
    } finally {
      customer.stop()
      phone.stop()
      rmSync(audioDir, { recursive: true, force: true })
    }
  })

  it('a softphone registers with digest (agent-1@demo) and the reservation rings its contact', async () => {
    const phone = await startSippUas('agent-phone.xml', 1)
    try {
      const agentDoc = (await (await api('GET', '/v1/agents/agent-1')).json()) as {
        version: number
        body: Record<string, unknown>
      }
      const put = await fetch(`${server!.url}/v1/agents/agent-1`, {
        method: 'PUT',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'if-match': `"${agentDoc.version}"`,
        },
        body: JSON.stringify({ ...agentDoc.body, sipPassword: PHONE_PASSWORD }),
      })
      expect(put.status).toBe(200)
      const view = (await put.json()) as { body: Record<string, unknown> }
      expect(view.body.sipPasswordSet).toBe(true)
      expect(JSON.stringify(view)).not.toContain(PHONE_PASSWORD)
      for (const file of readdirFiles(dataDir))
        expect(readFileSync(file).includes(PHONE_PASSWORD)).toBe(false)
      await new Promise((resolve) => setTimeout(resolve, 300))
      const status = (await (await api('GET', '/v1/status')).json()) as { sip: unknown }
      expect(status.sip).not.toBeNull()
      const sipAddress = sipAddressOf()
      const wrong = await startSippUac('register.xml', sipAddress, [
        ...['-key', 'phone_port', String(phone.port), '-au', 'agent-1@demo', '-ap', 'nope-nope'],
      ])
      expect(await wrong.exited).not.toBe(0)
      const register = await startSippUac('register.xml', sipAddress, [
        ...['-key', 'phone_port', String(phone.port), '-au', 'agent-1@demo', '-ap', PHONE_PASSWORD],
      ])
      expect(await register.exited).toBe(0)
      for (const action of ['login', 'available']) {
        const acted = await api('POST', '/v1/agents/agent-1/state', { action })
        expect(acted.status, action).toBe(202)
      }
      // The phone at the registered contact answers: the agent is connected with no desktop action.
      await until('the registered phone answering the reservation', async () => {
        const state = JSON.stringify(await (await api('GET', '/v1/agents/agent-1/state')).json())
        lastState = state
        return state.includes('"connected":true') || state.includes('Engaged') ? state : null
      })
      // Going idle releases the agent: the dialer hangs up the phone's call (BYE), R7.5.
      const idle = await api('POST', '/v1/agents/agent-1/state', {
        action: 'idle',
        code: 'idle-break',
      })
      expect(idle.status).toBe(202)
      expect(await phone.exited).toBe(0)
    } finally {
      phone.stop()
    }
  })

  it('a trunk moved to TCP through the API is kept alive over TCP (/v1/status)', async () => {
    const campaigns = (await (await api('GET', '/v1/campaigns')).json()) as {
      items: { id: string }[]
    }
    // No campaign dials while the trunk is the keep-alive's (a running one would send INVITEs).
    for (const { id } of campaigns.items) await api('POST', `/v1/campaigns/${id}/pause`)
    const trunk = await startSippUas('options.xml', 1, ['-t', 't1'])
    await waitTcpListening(trunk.port)
    try {
      const moved = await edit('/v1/sip-trunks/main', (body) => {
        const { passwordSet: _set, ...rest } = body
        return { ...rest, port: trunk.port, transport: 'tcp', keepAliveSec: 30 }
      })
      expect(moved.status).toBe(200)
      const sip = await until('the TCP trunk up on /v1/status', async () => {
        const status = (await (await api('GET', '/v1/status')).json()) as {
          sip: { trunk: { port: number; transport: string; state: string }; tcpConnections: number }
        }
        lastState = JSON.stringify(status.sip)
        return status.sip.trunk.port === trunk.port && status.sip.trunk.state === 'up'
          ? status.sip
          : null
      })
      expect(sip.trunk.transport).toBe('tcp')
      expect(await trunk.exited).toBe(0)
    } finally {
      trunk.stop()
    }
  })
})

function readdirFiles(dir: string): string[] {
  const names = ['outdial.db', 'outdial.db-wal']
  return names.map((n) => join(dir, n)).filter((f) => existsSync(f))
}
