// Goal: `npm start` (outdial serve) serves the API on the embedded SQLite database, creates the
// demo tenant and the admin on first start only, and runs the engine on the real clock: attempts
// arrive while it runs (issue 3 "one core, two clocks", issue 5 "The server").
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import type { RuntimeStatus as DemoStatus } from '../../src/runtime/tenant-runtime.ts'
import { serverConfigSchema } from '../../src/server/config.ts'
import { type RunningServer, serve } from '../../src/server/serve.ts'

const PASSWORD = 'demo-admin-password'
const dataDir = mkdtempSync(join(tmpdir(), 'outdial-serve-'))
const config = serverConfigSchema.parse({
  port: 0,
  dataDir,
  adminPassword: PASSWORD,
  speed: 200,
  logLevel: 'silent',
})
let server: RunningServer | null = null
let lines: string[] = []
let token = ''

beforeAll(async () => {
  server = await serve(config, (line) => lines.push(line))
  const response = await fetch(`${server.url}/v1/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: PASSWORD }),
  })
  token = ((await response.json()) as { token: string }).token
})
afterAll(async () => {
  await server?.stop()
  rmSync(dataDir, { recursive: true, force: true })
})

async function get(path: string): Promise<Response> {
  return fetch(`${server!.url}${path}`, { headers: { authorization: `Bearer ${token}` } })
}

describe('outdial serve', () => {
  it('answers /healthz with the database it runs on', async () => {
    const response = await fetch(`${server!.url}/healthz`)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ status: 'ok', database: 'sqlite' })
  })

  it('seeds the demo tenant on first start and logs in its admin', async () => {
    expect(token).toMatch(/^odt_/)
    expect(lines.some((l) => l.includes('first start'))).toBe(true)
    const campaigns = (await (await get('/v1/campaigns')).json()) as { items: { id: string }[] }
    expect(campaigns.items.map((c) => c.id).sort()).toEqual(['preview', 'renewals', 'winback'])
  })

  it('creates the demo desk agents with the password it prints once (issue 12)', async () => {
    const printed = lines.find((l) => l.includes("demo agents' password"))
    const password = printed?.split(': ').at(-1) ?? ''
    expect(password.length).toBeGreaterThanOrEqual(8)
    const response = await fetch(`${server!.url}/v1/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'agent15', password }),
    })
    expect(response.status).toBe(200)
    const { user } = (await response.json()) as { user: { role: string; agentId: string } }
    expect(user).toMatchObject({ role: 'agent', agentId: 'agent-15' })
  })

  it('dials the demo campaigns on the real clock: connects arrive within seconds', async () => {
    let connects = 0
    let status: DemoStatus | null = null
    for (let i = 0; i < 50 && connects === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 200))
      const response = await get('/v1/status')
      expect(response.status).toBe(200)
      status = (await response.json()) as DemoStatus
      connects = status.campaigns.reduce((n, c) => n + (c.outcomes.LIVE_VOICE ?? 0), 0)
    }
    expect(connects).toBeGreaterThan(0)
    expect(status!.campaigns.every((c) => c.status === 'running')).toBe(true)
  })

  it('streams live state over a WebSocket: a snapshot, then attempts and agent states (R9.2)', async () => {
    const socket = new WebSocket(`${server!.url.replace('http', 'ws')}/v1/live`, {
      headers: { authorization: `Bearer ${token}` },
    })
    const types = new Set<string>()
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`only ${[...types].join(', ')} arrived`)),
        10_000,
      )
      socket.on('message', (data) => {
        types.add((JSON.parse(String(data)) as { type: string }).type)
        if (types.has('snapshot') && types.has('attempt') && types.has('agentState')) {
          clearTimeout(timer)
          resolve()
        }
      })
      socket.on('error', reject)
    })
    socket.close()
    const refused = new WebSocket(`${server!.url.replace('http', 'ws')}/v1/live`)
    const status = await new Promise<number>((resolve) => {
      refused.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0))
      refused.on('open', () => resolve(101))
    })
    expect(status).toBe(401)
  })

  it('lets an agent act on their own state only (R7)', async () => {
    const response = await fetch(`${server!.url}/v1/agents/agent-1/state`, {
      headers: { authorization: `Bearer ${token}` },
    })
    expect(response.status).toBe(200)
    expect(((await response.json()) as { state: string }).state).toEqual(expect.any(String))
    const unknown = await fetch(`${server!.url}/v1/agents/nobody/state`, {
      headers: { authorization: `Bearer ${token}` },
    })
    expect(unknown.status).toBe(404)
  })

  it('keeps its data across a restart and does not seed twice', async () => {
    await server!.stop()
    lines = []
    server = await serve(config, (line) => lines.push(line))
    expect(lines.some((l) => l.includes('first start'))).toBe(false)
    const login = await fetch(`${server.url}/v1/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: PASSWORD }),
    })
    token = ((await login.json()) as { token: string }).token
    // Sales and the preview desk team, once each.
    const teams = (await (await get('/v1/teams')).json()) as { total: number }
    expect(teams.total).toBe(2)
  })

  it('answers an unknown route with the error body and 404', async () => {
    const response = await fetch(`${server!.url}/nope`)
    expect(response.status).toBe(404)
    const body = (await response.json()) as { error: string; details: unknown[] }
    expect(body.error).toBe('not_found')
    expect(body.details).toEqual([])
  })
})
