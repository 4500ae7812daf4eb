// A campaign that dials a few hours a day over several days, its regulatory window longer than the
// run (the US rule is 3 % over 30 days; the simulator's windows go up to a week): the engine dials
// only within the schedule's daily hours (R5.2), and predictive pacing holds the cap over the one
// window that measures the whole run (R1.3, R5.5), while each day still dials about as much as a
// lone day of the same hours (the guard's room carries over from one day to the next; issue 15).
import { describe, expect, it } from 'vitest'
import type { EngineSchedule } from '../../src/dialer/schedule-period.ts'
import { runScenario, SIM_START_MS } from '../../src/sim/run.ts'
import { loadScenario } from '../sim/scenario-files.ts'

const DAY_SEC = 86_400
const DAYS = 3
/** Daily hours, minutes of the UTC day: 09:00–11:00. */
const DAILY_START_MIN = 9 * 60
const DAILY_STOP_MIN = 11 * 60
const DIAL_HOURS_SEC = (DAILY_STOP_MIN - DAILY_START_MIN) * 60

const schedule: EngineSchedule = {
  zone: 'UTC',
  dailyStartMin: DAILY_START_MIN,
  dailyStopMin: DAILY_STOP_MIN,
  weekdays: [1, 2, 3, 4, 5, 6, 7],
  startsAtMs: null,
  endsAtMs: null,
}

describe('R1.3 R5.2 R5.5 a campaign dialling two hours a day for three days', () => {
  it('small-team, predictive, 09:00–11:00 UTC: dials only then, every day, under the cap of its week-long window', () => {
    const base = loadScenario('small-team')
    // The simulated day starts at 09:00 UTC: the run ends at 11:00 on its third day.
    const durationSec = (DAYS - 1) * DAY_SEC + DIAL_HOURS_SEC
    const scenario = { ...base, durationSec, abandonWindowSec: 7 * DAY_SEC }
    const dialsByDay = new Map<number, number>()
    const outside: number[] = []
    const result = runScenario(scenario, {
      policy: { kind: 'predictive' },
      adjustCampaign: (campaign) => ({ ...campaign, schedule }),
      observe: (event) => {
        if (event.kind !== 'dial') return
        const day = Math.floor((event.atMs - SIM_START_MS) / (DAY_SEC * 1000))
        const minuteOfDay = (event.atMs / 60_000) % (24 * 60)
        if (minuteOfDay < DAILY_START_MIN || minuteOfDay >= DAILY_STOP_MIN) outside.push(event.atMs)
        dialsByDay.set(day, (dialsByDay.get(day) ?? 0) + 1)
      },
    })
    expect(outside).toEqual([])
    expect([...dialsByDay.keys()]).toEqual([0, 1, 2])
    expect(result.abandonRatePct).toBeLessThanOrEqual(scenario.abandonTargetPct)
    expect(result.worstWindowAbandonPct).toBeLessThanOrEqual(scenario.abandonTargetPct)

    // A lone day of the same two hours, same seed: each of the three days dials within a fifth of it.
    const lone = runScenario(
      { ...base, durationSec: DIAL_HOURS_SEC },
      { policy: { kind: 'predictive' }, adjustCampaign: (campaign) => ({ ...campaign, schedule }) },
    )
    for (const dials of dialsByDay.values()) {
      expect(dials).toBeGreaterThan(0.8 * lone.dials)
      expect(dials).toBeLessThan(1.2 * lone.dials)
    }
  })
})
