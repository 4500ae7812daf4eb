// Goal: a campaign's schedule (issue 15) becomes dialing periods in the campaign's zone: the
// daily hours on its weekdays, clipped to its start and end, the next one when now is outside,
// none once the end passed; DST days have the hours the wall clock says (tzdb through luxon).
import { describe, expect, it } from 'vitest'
import { type CampaignScheduleInput, campaignScheduleSchema } from '../domain/campaign/schedule.ts'
import { dialingPeriodAt, engineScheduleOf } from './schedule-period.ts'

const NY = 'America/New_York'
const at = (iso: string) => Date.parse(iso)
const period = (startIso: string, endIso: string) => ({ startMs: at(startIso), endMs: at(endIso) })

function periodAt(input: CampaignScheduleInput, iso: string) {
  return dialingPeriodAt(engineScheduleOf(campaignScheduleSchema.parse(input), NY), at(iso))
}

const weekdays: CampaignScheduleInput = {
  dailyStart: '09:00',
  dailyStop: '17:00',
  days: ['MON', 'TUE', 'WED', 'THU', 'FRI'],
}

describe('dialingPeriodAt', () => {
  it('gives the day’s hours before and within them, and the next day’s from the stop on', () => {
    // Monday 2026-03-02, New York on EST (UTC−5).
    const monday = period('2026-03-02T14:00:00Z', '2026-03-02T22:00:00Z')
    expect(periodAt(weekdays, '2026-03-02T12:00:00Z')).toEqual(monday)
    expect(periodAt(weekdays, '2026-03-02T15:00:00Z')).toEqual(monday)
    expect(periodAt(weekdays, '2026-03-02T22:00:00Z')).toEqual(
      period('2026-03-03T14:00:00Z', '2026-03-03T22:00:00Z'),
    )
  })

  it('skips the weekdays it does not dial: Friday’s stop leads to Monday, after the DST change', () => {
    // Clocks go forward on Sunday 2026-03-08: Monday 09:00 is 13:00Z (EDT, UTC−4).
    expect(periodAt(weekdays, '2026-03-06T22:00:00Z')).toEqual(
      period('2026-03-09T13:00:00Z', '2026-03-09T21:00:00Z'),
    )
  })

  it('puts the hours of a DST day at the instants its wall clock reads them', () => {
    const sunday: CampaignScheduleInput = { ...weekdays, days: ['SAT', 'SUN'] }
    expect(periodAt(sunday, '2026-03-07T12:00:00Z')).toEqual(
      period('2026-03-07T14:00:00Z', '2026-03-07T22:00:00Z'),
    )
    expect(periodAt(sunday, '2026-03-08T12:00:00Z')).toEqual(
      period('2026-03-08T13:00:00Z', '2026-03-08T21:00:00Z'),
    )
    // 01:00–05:00 on the spring-forward night is three hours long; a start in the gap (02:30,
    // which does not exist) begins when the clock jumps past it, at 03:30 EDT.
    expect(
      periodAt({ dailyStart: '01:00', dailyStop: '05:00', days: ['SUN'] }, '2026-03-08T00:00:00Z'),
    ).toEqual(period('2026-03-08T06:00:00Z', '2026-03-08T09:00:00Z'))
    expect(
      periodAt({ dailyStart: '02:30', dailyStop: '05:00', days: ['SUN'] }, '2026-03-08T00:00:00Z'),
    ).toEqual(period('2026-03-08T07:30:00Z', '2026-03-08T09:00:00Z'))
    // The fall-back Sunday (2026-11-01) dialled all day is 25 hours long.
    expect(periodAt({ days: ['SUN'] }, '2026-10-31T12:00:00Z')).toEqual(
      period('2026-11-01T04:00:00Z', '2026-11-02T05:00:00Z'),
    )
  })

  it('joins days that touch at midnight into one period', () => {
    expect(periodAt({ days: ['MON', 'TUE', 'WED', 'THU', 'FRI'] }, '2026-03-02T12:00:00Z')).toEqual(
      period('2026-03-02T05:00:00Z', '2026-03-07T05:00:00Z'),
    )
  })

  it('clips the periods to the start and end instants, and has none after the end', () => {
    const clipped = {
      ...weekdays,
      startsAt: '2026-03-04T10:30:00-05:00',
      endsAt: '2026-03-05T12:00:00-05:00',
    }
    expect(periodAt(clipped, '2026-03-02T12:00:00Z')).toEqual(
      period('2026-03-04T15:30:00Z', '2026-03-04T22:00:00Z'),
    )
    expect(periodAt(clipped, '2026-03-04T22:00:00Z')).toEqual(
      period('2026-03-05T14:00:00Z', '2026-03-05T17:00:00Z'),
    )
    expect(periodAt(clipped, '2026-03-05T17:00:00Z')).toBeNull()
  })

  it('without daily hours or weekdays, is one period from the start to the end', () => {
    expect(periodAt({ endsAt: '2026-03-05T12:00:00-05:00' }, '2026-03-02T12:00:00Z')).toEqual({
      startMs: Number.NEGATIVE_INFINITY,
      endMs: at('2026-03-05T17:00:00Z'),
    })
    expect(periodAt({ startsAt: '2026-03-03T00:00:00Z' }, '2026-03-02T12:00:00Z')).toEqual({
      startMs: at('2026-03-03T00:00:00Z'),
      endMs: Number.POSITIVE_INFINITY,
    })
  })
})
