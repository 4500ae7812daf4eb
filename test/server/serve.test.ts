// Goal: `npm start` (outdial serve) runs the engine on the real clock with the demo tenant and
// answers /healthz and /v1/status; attempts arrive while it runs (issue 3 "one core, two clocks").
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DemoStatus } from '../../src/server/demo.ts'
import { serve } from '../../src/server/serve.ts'

const PORT = 18_931
let stop: (() => Promise<void>) | null = null

beforeAll(async () => {
  stop = await serve({ port: PORT, host: '127.0.0.1', speed: 200 }, () => {})
})
afterAll(async () => {
  await stop?.()
})

async function status(): Promise<DemoStatus> {
  const response = await fetch(`http://127.0.0.1:${PORT}/v1/status`)
  expect(response.status).toBe(200)
  return (await response.json()) as DemoStatus
}

describe('outdial serve', () => {
  it('answers /healthz', async () => {
    const response = await fetch(`http://127.0.0.1:${PORT}/healthz`)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ status: 'ok' })
  })

  it('dials the demo campaigns on the real clock: connects arrive within seconds', async () => {
    let connects = 0
    for (let i = 0; i < 50 && connects === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 200))
      const s = await status()
      connects = s.campaigns.reduce((n, c) => n + (c.outcomes.LIVE_VOICE ?? 0), 0)
    }
    expect(connects).toBeGreaterThan(0)
    const s = await status()
    expect(s.campaigns.map((c) => c.id).sort()).toEqual(['renewals', 'winback'])
    expect(s.campaigns.every((c) => c.status === 'running')).toBe(true)
  })

  it('answers an unknown route with the error body and 404', async () => {
    const response = await fetch(`http://127.0.0.1:${PORT}/nope`)
    expect(response.status).toBe(404)
    const body = (await response.json()) as { error: string; details: unknown[] }
    expect(body.error).toBe('not_found')
    expect(body.details).toEqual([])
  })
})
