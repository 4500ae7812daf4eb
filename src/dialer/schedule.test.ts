// Goal: the engine applies the campaign's schedule on its Clock (issue 15, R5.5): no new dial
// before the day's start, after its stop, on a weekday it does not dial or after its end; at the
// next period's start it dials again with no one acting (and at the next tick after its schedule
// is replaced); the end the abandon-cap guard counts future connects to is the current period's
// end (the right instant on a DST day), the earlier of it and a fixed end; outside a period
// pooled pacing makes no decision.
import { describe, expect, it } from 'vitest'
import { campaignScheduleSchema } from '../domain/campaign/schedule.ts'
import type { PacingSnapshot } from '../pacing/types.ts'
import { dialingEndsAt } from './context.ts'
import { engineScheduleOf } from './schedule-period.ts'
import { type EngineKit, type EngineKitOptions, makeEngineKit } from './test-kit.ts'

const HOUR_SEC = 3600
const DAY_SEC = 24 * HOUR_SEC
// The kit starts on Monday 2026-03-02 at 09:00Z: 04:00 in its zone, New York (EST, UTC−5).
const EARLY_HOURS = { dailyStart: '05:00', dailyStop: '06:00' }

function progressive(options: EngineKitOptions): EngineKit {
  return makeEngineKit({ contacts: 500, autoAnswerReservations: true, ...options })
}

/** Every line out fails busy, every `stepSec`, until `untilSec`: each free agent dials again. */
function churn(kit: EngineKit, untilSec: number, stepSec = 60): void {
  while (kit.sec() < untilSec) {
    for (const dial of kit.dials())
      if (kit.outcomeOf(dial.callId) === undefined) kit.fail(dial.callId, 'busy')
    kit.advanceSec(Math.min(stepSec, untilSec - kit.sec()))
  }
}

const dialSecs = (kit: EngineKit) => kit.dials().map((dial) => (dial.atMs - kit.ms(0)) / 1000)

describe('the campaign schedule in the engine (issue 15)', () => {
  it('dials only within the daily hours, and again at the next day’s start by itself', () => {
    const kit = progressive({ schedule: EARLY_HOURS })
    churn(kit, HOUR_SEC - 1)
    expect(kit.dials()).toEqual([])
    expect(kit.agentState('agent-1')).toEqual({ kind: 'Available' })
    churn(kit, 2 * HOUR_SEC + 600)
    const today = dialSecs(kit)
    expect(today[0]).toBe(HOUR_SEC)
    expect(today.length).toBeGreaterThan(50)
    expect(Math.max(...today)).toBeLessThan(2 * HOUR_SEC)
    // After the stop the agent goes back to Available (other work may have them).
    expect(kit.agentState('agent-1')).toEqual({ kind: 'Available' })
    churn(kit, DAY_SEC + HOUR_SEC - 1, 600)
    expect(dialSecs(kit)).toEqual(today)
    kit.advanceSec(1)
    expect(dialSecs(kit).slice(today.length)).toEqual([DAY_SEC + HOUR_SEC])
    expect(kit.assertAttemptAccounting().open).toBe(1)
  })

  it('lets a line dialled before the stop finish after it', () => {
    const kit = progressive({ schedule: EARLY_HOURS })
    churn(kit, 2 * HOUR_SEC - 60)
    churn(kit, 2 * HOUR_SEC - 5, 5)
    const last = kit.dials().at(-1)!
    expect(kit.outcomeOf(last.callId)).toBeUndefined()
    kit.advanceSec(10)
    kit.live(last.callId)
    expect(kit.commands('bridge').at(-1)).toMatchObject({ callId: last.callId, agentId: 'agent-1' })
  })

  it('does not dial on a weekday the schedule leaves out', () => {
    const kit = progressive({ schedule: { ...EARLY_HOURS, days: ['TUE'] } })
    churn(kit, DAY_SEC + HOUR_SEC - 1, 600)
    expect(kit.dials()).toEqual([])
    kit.advanceSec(1)
    expect(dialSecs(kit)).toEqual([DAY_SEC + HOUR_SEC])
  })

  it('dials nothing after the end instant, on that day or the next', () => {
    const kit = progressive({ schedule: { ...EARLY_HOURS, endsAt: '2026-03-02T05:30:00-05:00' } })
    churn(kit, 2 * DAY_SEC, 600)
    const secs = dialSecs(kit)
    expect(secs[0]).toBe(HOUR_SEC)
    expect(Math.max(...secs)).toBeLessThan(HOUR_SEC + 1800)
  })

  it('applies a schedule replaced while running (a configuration reload) at the next tick', () => {
    const kit = progressive({ schedule: { ...EARLY_HOURS, days: ['TUE'] } })
    churn(kit, 600)
    expect(kit.dials()).toEqual([])
    const campaign = kit.campaign()
    const now = campaignScheduleSchema.parse({ dailyStart: '04:00', dailyStop: '06:00' })
    campaign.config = {
      ...campaign.config,
      schedule: engineScheduleOf(now, campaign.config.timeZone),
    }
    kit.advanceSec(1)
    expect(dialSecs(kit)).toEqual([601])
  })

  it('does not dial before the start instant', () => {
    const kit = progressive({ schedule: { startsAt: '2026-03-02T07:15:00-05:00' } })
    churn(kit, 3 * HOUR_SEC + 899, 300)
    expect(kit.dials()).toEqual([])
    kit.advanceSec(1)
    expect(dialSecs(kit)).toEqual([3 * HOUR_SEC + 900])
  })
})

describe('the end the abandon-cap guard counts to (issue 15, R5.5)', () => {
  function predictive(options: EngineKitOptions) {
    const snapshots: PacingSnapshot[] = []
    const kit = makeEngineKit({
      mode: 'predictive',
      agents: 3,
      contacts: 300,
      autoAnswerReservations: true,
      instrumentPolicy: (policy) => ({
        name: policy.name,
        decide: (snapshot) => {
          snapshots.push({ ...snapshot })
          return policy.decide(snapshot)
        },
      }),
      ...options,
    })
    return { kit, snapshots }
  }

  it('is the day’s stop on a DST day, and pacing decides only within the hours', () => {
    // Sunday 2026-03-08: New York goes from EST to EDT at 02:00; 16:00–17:00 is 20:00Z–21:00Z.
    const { kit, snapshots } = predictive({
      startIso: '2026-03-08T19:30:00Z',
      schedule: { dailyStart: '16:00', dailyStop: '17:00', days: ['SUN'] },
    })
    churn(kit, 1800 - 1, 30)
    expect(snapshots).toEqual([])
    churn(kit, 1800 + 600, 30)
    expect(dialingEndsAt(kit.campaign(), kit.clock.nowMs())).toBe(
      Date.parse('2026-03-08T21:00:00Z'),
    )
    expect(snapshots[0]!.nowMs).toBe(Date.parse('2026-03-08T20:00:00Z'))
    // With the end known, the guard and the policy count the windows an abandon will be held in.
    expect(snapshots.every((snapshot) => snapshot.windowsHeld !== undefined)).toBe(true)
    churn(kit, 2 * HOUR_SEC, 300)
    const lastMs = Math.max(...snapshots.map((snapshot) => snapshot.nowMs))
    expect(lastMs).toBeLessThan(Date.parse('2026-03-08T21:00:00Z'))
    // Next Sunday's hours: the end is recomputed as the period passes.
    expect(dialingEndsAt(kit.campaign(), kit.clock.nowMs())).toBe(
      Date.parse('2026-03-15T21:00:00Z'),
    )
  })

  it('is the earlier of the period’s end and a fixed end (the simulator’s day end)', () => {
    const dayEndMs = Date.parse('2026-03-02T20:00:00Z')
    const { kit } = predictive({
      schedule: { dailyStart: '05:00', dailyStop: '17:00' },
      campaign: { dialingEndsAtMs: dayEndMs },
    })
    churn(kit, 2 * HOUR_SEC, 300)
    expect(dialingEndsAt(kit.campaign(), kit.clock.nowMs())).toBe(dayEndMs)
    const { kit: later } = predictive({ campaign: { dialingEndsAtMs: dayEndMs } })
    expect(dialingEndsAt(later.campaign(), later.clock.nowMs())).toBe(dayEndMs)
    const { kit: none, snapshots } = predictive({})
    churn(none, 600, 30)
    expect(dialingEndsAt(none.campaign(), none.clock.nowMs())).toBeUndefined()
    expect(snapshots.some((snapshot) => snapshot.windowsHeld === undefined)).toBe(true)
  })
})
