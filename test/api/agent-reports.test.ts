// Goal: GET /v1/reports/agents on SQLite and PostgreSQL — time by state and by idle/wrap-up code
// from the agent state log over a range (a state begun before the range counts from its start),
// connects and dispositions per hour of the requested zone from the attempt log; admins and
// supervisors only, the range required and checked, tenants apart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Dialect, type Harness, openHarness } from './harness.ts'

const T0 = Date.UTC(2026, 10, 24, 9) // the harness clock is at 12:00 UTC
const S = 1000
const state = (agentId: string, atSec: number, s: string, code: string | null = null) => ({
  agentId,
  atMs: T0 + atSec * S,
  seq: atSec,
  state: s,
  code,
  campaignId: null,
})

describe.each<Dialect>(['sqlite', 'postgres'])('agent report on %s (R9.1)', (dialect) => {
  let h: Harness | null = null
  beforeAll(async () => {
    h = await openHarness(dialect)
    if (!h) return
    const ports = h.store.forTenant('t1').runtime
    await ports.agentStates.append([
      state('agent-1', -600, 'Idle', 'Break'),
      state('agent-1', 300, 'Available'),
      state('agent-1', 360, 'Engaged'),
      state('agent-1', 480, 'WrapUp', 'wrap-done'),
      state('agent-1', 510, 'Available'),
      state('agent-1', 3900, 'LoggedOut'),
    ])
    const opened = await ports.attempts.open({
      attemptId: 'x1',
      campaignId: 'renewals',
      contactId: 'c1',
      number: '+14155550100',
      callerId: '+15550100000',
      agentId: 'agent-1',
      atMs: T0 + 350 * S,
      lease: { owner: 'p1', untilMs: T0 + 3600 * S },
      storedContact: false,
    })
    expect(opened.kind).toBe('opened')
    await ports.attempts.close({
      attemptId: 'x1',
      outcome: 'LIVE_VOICE',
      atMs: T0 + 480 * S,
      agentId: 'agent-1',
      details: { dialedAtMs: T0 + 350 * S, connectedAtMs: T0 + 360 * S },
    })
    await ports.attempts.recordDisposition({
      attemptId: 'x1',
      code: 'SALE',
      final: true,
      success: true,
      agentId: 'agent-1',
      atMs: T0 + 500 * S,
      callback: null,
    })
  })
  afterAll(async () => h?.close())

  const url = (from: string, to: string, extra = '') =>
    `/v1/reports/agents?from=${from}&to=${to}${extra}`

  it('sums state time by code and connects per hour', async (ctx) => {
    if (!h) return ctx.skip()
    const r = await h.call(
      'super1',
      'GET',
      url('2026-11-24T09:00:00Z', '2026-11-24T11:00:00Z', '&zone=Europe/Paris'),
    )
    expect(r.statusCode, r.body).toBe(200)
    expect(r.json()).toEqual({
      zone: 'Europe/Paris',
      rows: [
        {
          agentId: 'agent-1',
          loggedInSec: 3900,
          availableSec: 60 + 3390,
          reservedSec: 0,
          talkSec: 120,
          wrapUpSec: 30,
          idleSec: 300,
          idleSecByCode: { Break: 300 },
          wrapUpSecByCode: { 'wrap-done': 30 },
          hours: [
            {
              start: '2026-11-24T10:00:00+01:00',
              attempts: 1,
              connects: 1,
              dispositions: { SALE: 1 },
            },
          ],
        },
      ],
    })
  })

  it('stops the last state at now, and refuses agents, missing and reversed ranges', async (ctx) => {
    if (!h) return ctx.skip()
    const later = await h.call('admin1', 'GET', url('2026-11-24T11:00:00Z', '2026-11-25T00:00:00Z'))
    expect(later.json().rows[0]).toMatchObject({ loggedInSec: 0, availableSec: 0 })
    const before = await h.call(
      'admin1',
      'GET',
      url('2026-11-24T08:55:00Z', '2026-11-24T09:01:00Z'),
    )
    expect(before.json().rows[0]).toMatchObject({ loggedInSec: 360, idleSecByCode: { Break: 360 } })
    expect(
      (await h.call('agent1', 'GET', url('2026-11-24T09:00:00Z', '2026-11-24T10:00:00Z')))
        .statusCode,
    ).toBe(403)
    expect(
      (await h.call('super1', 'GET', '/v1/reports/agents?from=2026-11-24T09:00:00Z')).statusCode,
    ).toBe(400)
    expect(
      (await h.call('super1', 'GET', url('2026-11-24T10:00:00Z', '2026-11-24T09:00:00Z')))
        .statusCode,
    ).toBe(400)
    expect(
      (await h.call('admin2', 'GET', url('2026-11-24T09:00:00Z', '2026-11-24T10:00:00Z'))).json()
        .rows,
    ).toEqual([])
  })
})
