// Goal: a campaign's schedule (issue 15) parses daily dialing hours in the campaign's zone, its
// weekdays (default every day) and its start and end instants with their offsets; each wrong value
// is refused at its field path with what is wrong (R5.2).
import { describe, expect, it } from 'vitest'
import { messageAt } from '../config/issues.testkit.ts'
import { campaignSchema } from './campaign.ts'
import { campaignScheduleSchema, instantMs, isoWeekdayOf, SCHEDULE_WEEKDAYS } from './schedule.ts'

const campaign = {
  id: 'spring-sale',
  name: 'Spring sale',
  category: 'SALES',
  businessOutcomeGroupId: 'outcomes-sales',
  timeZone: 'America/New_York',
  campaignGroupId: 'group-sales',
  contactStrategy: { numberOrder: [{ numberIndex: 0, numberType: 'MOBILE' }] },
}
const schedule = {
  dailyStart: '09:00',
  dailyStop: '17:30',
  days: ['MON', 'TUE', 'WED', 'THU', 'FRI'],
  startsAt: '2026-12-01T09:00:00-05:00',
  endsAt: '2026-12-24T12:00:00Z',
}

function scheduleIssue(body: Record<string, unknown>, field: string): string {
  return messageAt(campaignSchema.safeParse({ ...campaign, schedule: body }), ['schedule', field])
}

describe('campaignScheduleSchema', () => {
  it('accepts a full schedule on the campaign, and a campaign has none by default', () => {
    const parsed = campaignSchema.parse({ ...campaign, schedule })
    expect(parsed.schedule).toEqual(schedule)
    expect(campaignSchema.parse(campaign).schedule).toBeUndefined()
  })

  it('dials every day by default, all day without hours, and until midnight with 24:00', () => {
    expect(campaignScheduleSchema.parse({}).days).toEqual([...SCHEDULE_WEEKDAYS])
    const parsed = campaignScheduleSchema.parse({ dailyStart: '18:00', dailyStop: '24:00' })
    expect(parsed).toEqual({
      dailyStart: '18:00',
      dailyStop: '24:00',
      days: [...SCHEDULE_WEEKDAYS],
    })
  })

  it('refuses a stop at or before the start, at schedule.dailyStop', () => {
    expect(scheduleIssue({ dailyStart: '17:00', dailyStop: '09:00' }, 'dailyStop')).toBe(
      'schedule.dailyStop 09:00 must be after dailyStart 17:00 (hours do not cross midnight; 24:00 is midnight)',
    )
    expect(scheduleIssue({ dailyStart: '09:00', dailyStop: '09:00' }, 'dailyStop')).toMatch(
      /must be after dailyStart 09:00/,
    )
  })

  it('refuses hours with only one end, at the missing one', () => {
    expect(scheduleIssue({ dailyStart: '09:00' }, 'dailyStop')).toMatch(
      /schedule.dailyStop is missing: daily dialing hours need both a start and a stop/,
    )
    expect(scheduleIssue({ dailyStop: '17:00' }, 'dailyStart')).toMatch(/dailyStart is missing/)
  })

  it('refuses malformed times of day', () => {
    expect(scheduleIssue({ dailyStart: '9:00', dailyStop: '17:00' }, 'dailyStart')).toBe(
      'schedule.dailyStart must be a local time HH:mm (00:00–23:59)',
    )
    expect(scheduleIssue({ dailyStart: '24:00', dailyStop: '24:00' }, 'dailyStart')).toMatch(
      /HH:mm/,
    )
    expect(scheduleIssue({ dailyStart: '09:00', dailyStop: '25:00' }, 'dailyStop')).toBe(
      'schedule.dailyStop must be a local time HH:mm (00:00–24:00)',
    )
  })

  it('refuses an unknown, a repeated or no weekday, at its index', () => {
    const unknown = campaignSchema.safeParse({ ...campaign, schedule: { days: ['MON', 'FUN'] } })
    expect(messageAt(unknown, ['schedule', 'days', 1])).toBe(
      'schedule.days[] must be one of MON, TUE, WED, THU, FRI, SAT, SUN',
    )
    const repeated = campaignSchema.safeParse({ ...campaign, schedule: { days: ['MON', 'MON'] } })
    expect(messageAt(repeated, ['schedule', 'days', 1])).toMatch(
      /weekday 'MON' is repeated \(first at index 0\)/,
    )
    expect(scheduleIssue({ days: [] }, 'days')).toMatch(/at least one weekday/)
  })

  it('refuses an instant without its offset, and an end not after the start', () => {
    expect(scheduleIssue({ endsAt: '2026-12-24T18:00:00' }, 'endsAt')).toBe(
      'schedule.endsAt must be an ISO 8601 date and time with its offset, e.g. 2026-12-24T18:00:00-05:00',
    )
    expect(scheduleIssue({ startsAt: 'tomorrow' }, 'startsAt')).toMatch(/ISO 8601/)
    expect(
      scheduleIssue(
        { startsAt: '2026-12-24T12:00:00-05:00', endsAt: '2026-12-24T17:00:00Z' },
        'endsAt',
      ),
    ).toBe(
      'schedule.endsAt 2026-12-24T17:00:00Z must be after schedule.startsAt 2026-12-24T12:00:00-05:00',
    )
  })

  it('reads instants with their offsets and names weekdays as luxon numbers them', () => {
    expect(instantMs('2026-12-24T12:00:00-05:00')).toBe(Date.UTC(2026, 11, 24, 17))
    expect(instantMs('2026-12-24T17:00:00Z')).toBe(Date.UTC(2026, 11, 24, 17))
    expect(instantMs(undefined)).toBeNull()
    expect(isoWeekdayOf('MON')).toBe(1)
    expect(isoWeekdayOf('SUN')).toBe(7)
  })
})
