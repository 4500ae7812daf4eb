// Goal: a campaign's schedule (issue 15) through the product's path. The configuration API refuses
// a schedule whose stop is not after its start, naming `schedule.dailyStop`; a running campaign
// whose end instant passes dials nothing more and becomes `stopped` through the campaign status
// machine by itself: saved, shown on GET /v1/campaigns/:id/live and the board, and sent on the live
// feed; a final campaign cannot be resumed (R5.2). A running campaign outside its daily hours shows
// `outsideHours` and dials from its next start on by itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { VirtualClock } from '../../src/dialer/ports/virtual-clock.ts'
import { DialerService } from '../../src/runtime/dialer-service.ts'
import { TenantRuntime } from '../../src/runtime/tenant-runtime.ts'
import {
  KIT_SIMULATION,
  KIT_START_MS,
  kitAgentIds,
  kitContacts,
  kitTenant,
  runFor,
} from '../../src/runtime/test-kit.ts'
import { demoTenantObjects } from '../../src/server/seed/demo-tenant.ts'
import { memoryPorts } from '../support/memory/memory-ports.ts'
import { type Harness, listenLive, openHarness } from './harness.ts'

const MINUTE_MS = 60_000
// The kit starts at 10:00 in New York (EST); the campaign ends 20 minutes later.
const ENDS_AT = '2026-03-02T10:20:00-05:00'
const ENDS_AT_MS = Date.parse(ENDS_AT)

describe('a campaign whose schedule ended (issue 15)', () => {
  let h: Harness | null = null
  const clock = new VirtualClock(KIT_START_MS)
  const ports = memoryPorts(
    kitTenant({
      agents: 3,
      campaigns: [
        {
          id: 'camp-1',
          pacing: { mode: 'progressive', dialingRate: 1 },
          schedule: { dailyStart: '08:00', dailyStop: '20:00', endsAt: ENDS_AT },
        },
        {
          id: 'camp-2',
          pacing: { mode: 'progressive', dialingRate: 1 },
          schedule: { dailyStart: '11:00', dailyStop: '12:00' },
        },
      ],
    }),
  )
  let runtime: TenantRuntime

  beforeAll(async () => {
    ports.contacts.addContacts(kitContacts('camp-1', 300))
    ports.contacts.addContacts(kitContacts('camp-2', 300))
    runtime = await TenantRuntime.start({
      tenantId: 't1',
      clock,
      ports,
      owner: 'node-a',
      simulation: KIT_SIMULATION,
      simulatedAgents: kitAgentIds(3),
    })
    const dialer = new DialerService()
    dialer.add(runtime)
    h = await openHarness('sqlite', { dialer, agents: dialer, live: dialer, board: dialer })
  })
  afterAll(async () => {
    await runtime?.close()
    await h?.close()
  })

  it('refuses a schedule whose stop is not after its start, at schedule.dailyStop', async () => {
    const t = h!
    const campaign = demoTenantObjects().find((o) => o.kind === 'campaign')!.body as Record<
      string,
      unknown
    >
    const r = await t.call('admin1', 'POST', '/v1/campaigns', {
      ...campaign,
      id: 'bad-hours',
      name: 'Bad hours',
      schedule: { dailyStart: '17:00', dailyStop: '09:00' },
    })
    expect(r.statusCode, r.body).toBe(400)
    const detail = r.json().details.find((d: { path: string }) => d.path === 'schedule.dailyStop')
    expect(detail.message).toMatch(/must be after dailyStart 17:00/)
  })

  it('stops the campaign when its end passes: saved, on the API and the live feed, final', async () => {
    const t = h!
    const live = await listenLive(t, 'super1')
    expect((await t.call('super1', 'POST', '/v1/campaigns/camp-1/start')).statusCode).toBe(202)
    await runFor(clock, 10 * MINUTE_MS)
    expect((await t.call('super1', 'GET', '/v1/campaigns/camp-1/live')).json().status).toBe(
      'running',
    )
    await runFor(clock, 15 * MINUTE_MS)
    await new Promise((resolve) => setTimeout(resolve, 50))
    live.socket.terminate()

    const figures = (await t.call('super1', 'GET', '/v1/campaigns/camp-1/live')).json()
    expect(figures.status).toBe('stopped')
    const board = (await t.call('super1', 'GET', '/v1/board')).json()
    expect(board.campaigns[0]).toMatchObject({ id: 'camp-1', status: 'stopped' })
    expect(await ports.campaignStates.load()).toEqual([
      expect.objectContaining({ campaignId: 'camp-1', status: 'stopped' }),
    ])
    const statuses = live.messages
      .filter((m) => m.type === 'campaign')
      .map((m) => (m as { data: { status: string } }).data.status)
    expect(statuses).toContain('running')
    expect(statuses.at(-1)).toBe('stopped')

    // It dialled before its end and nothing at or after it.
    const dialledAt = [...ports.attempts.attempts.values()].map((a) => a.open.atMs)
    expect(dialledAt.length).toBeGreaterThan(10)
    expect(Math.max(...dialledAt)).toBeLessThan(ENDS_AT_MS)

    const resume = await t.call('super1', 'POST', '/v1/campaigns/camp-1/resume')
    expect(resume.statusCode).toBe(409)
  })

  it('shows a running campaign outside its dialing hours, which dials at its next start by itself', async () => {
    const t = h!
    const dialsOf = () =>
      [...ports.attempts.attempts.values()].filter((a) => a.open.campaignId === 'camp-2')
    expect((await t.call('super1', 'POST', '/v1/campaigns/camp-2/start')).statusCode).toBe(202)
    await runFor(clock, MINUTE_MS)
    // 10:26 in New York: before 11:00.
    const before = (await t.call('super1', 'GET', '/v1/campaigns/camp-2/live')).json()
    expect(before).toMatchObject({ status: 'running', outsideHours: true })
    const card = (await t.call('super1', 'GET', '/v1/board'))
      .json()
      .campaigns.find((c: { id: string }) => c.id === 'camp-2')
    expect(card).toMatchObject({ status: 'running', outsideHours: true })
    expect(dialsOf()).toEqual([])
    await runFor(clock, 40 * MINUTE_MS)
    const within = (await t.call('super1', 'GET', '/v1/campaigns/camp-2/live')).json()
    expect(within).toMatchObject({ status: 'running', outsideHours: false })
    const startMs = Date.parse('2026-03-02T11:00:00-05:00')
    expect(dialsOf().length).toBeGreaterThan(0)
    expect(Math.min(...dialsOf().map((a) => a.open.atMs))).toBeGreaterThanOrEqual(startMs)
  })
})
