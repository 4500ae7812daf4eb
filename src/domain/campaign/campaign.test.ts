// Goal: a campaign (R5.2) parses with its IANA time zone, contact strategy, retry settings,
// DNC/NDNC switches (default on), compliance profile (default US) and starts as a draft.
import { describe, expect, it } from 'vitest'
import { messageAt } from '../config/issues.testkit.ts'
import { campaignSchema, campaignTransition } from './campaign.ts'

const campaign = {
  id: 'spring-sale',
  name: 'Spring sale',
  category: 'SALES',
  businessOutcomeGroupId: 'outcomes-sales',
  timeZone: 'America/New_York',
  campaignGroupId: 'group-sales',
  contactStrategy: { numberOrder: [{ numberIndex: 0, numberType: 'MOBILE' }] },
}

describe('campaignSchema', () => {
  it('accepts a good campaign with its defaults', () => {
    const parsed = campaignSchema.parse(campaign)
    expect(parsed).toMatchObject({
      dncEnabled: true,
      ndncEnabled: true,
      dncListNames: [],
      complianceProfile: 'US',
      status: 'draft',
      retry: { perOutcome: {}, maxAttemptsPerDay: 3, maxAttemptsTotal: 10 },
    })
    expect(campaignTransition(parsed.status, 'start')).toEqual({ kind: 'ok', to: 'running' })
  })

  it('refuses a time zone luxon does not know, saying why it matters', () => {
    const result = campaignSchema.safeParse({ ...campaign, timeZone: 'Eastern' })
    expect(messageAt(result, ['timeZone'])).toMatch(/'Eastern' is not an IANA zone.*local hours/)
  })

  it('refuses a time zone of the wrong type', () => {
    const result = campaignSchema.safeParse({ ...campaign, timeZone: -5 })
    expect(messageAt(result, ['timeZone'])).toMatch(/IANA zone name/)
  })

  it('refuses an unknown category and compliance profile', () => {
    const result = campaignSchema.safeParse({
      ...campaign,
      category: 'SPAM',
      complianceProfile: 'EU',
    })
    expect(messageAt(result, ['category'])).toMatch(/SALES, COLLECTIONS, SURVEY/)
    expect(messageAt(result, ['complianceProfile'])).toMatch(/US, UK, CUSTOM \(R5\.5/)
  })

  it('refuses a name longer than the dialer API takes', () => {
    const result = campaignSchema.safeParse({ ...campaign, name: 'n'.repeat(65) })
    expect(messageAt(result, ['name'])).toMatch(/longer than 64.*campaignName/)
  })

  it('reports nested errors at their full path', () => {
    const result = campaignSchema.safeParse({
      ...campaign,
      retry: { perOutcome: { CUSTOMER_BUSY: { retry: true, delayMin: 5, maxAttempts: 0 } } },
      contactStrategy: { numberOrder: [{ numberIndex: -1 }] },
    })
    expect(messageAt(result, ['retry', 'perOutcome', 'CUSTOMER_BUSY', 'maxAttempts'])).toMatch(
      /below 1/,
    )
    expect(messageAt(result, ['contactStrategy', 'numberOrder', 0, 'numberIndex'])).toMatch(
      /below 0/,
    )
  })

  it('refuses a DNC list named twice, at the repeat', () => {
    const result = campaignSchema.safeParse({ ...campaign, dncListNames: ['internal', 'internal'] })
    expect(messageAt(result, ['dncListNames', 1])).toMatch(/scrubbed once/)
  })

  it('refuses a status outside the lifecycle', () => {
    const result = campaignSchema.safeParse({ ...campaign, status: 'done' })
    expect(messageAt(result, ['status'])).toMatch(/draft, running, paused, stopped/)
  })

  it('refuses a DNC switch of the wrong type', () => {
    const result = campaignSchema.safeParse({ ...campaign, ndncEnabled: 'no' })
    expect(messageAt(result, ['ndncEnabled'])).toMatch(/true or false/)
  })
})

describe('custom calling hours (R5.5)', () => {
  const base = {
    id: 'c',
    name: 'C',
    category: 'SALES',
    businessOutcomeGroupId: 'o',
    timeZone: 'America/New_York',
    campaignGroupId: 'g',
    contactStrategy: { numberOrder: [{ numberIndex: 0, numberType: 'MOBILE' }] },
  }
  const window = [{ day: 1, startLocal: '09:00', endLocal: '17:00' }]

  it('accepts calling hours with the CUSTOM profile', () => {
    const parsed = campaignSchema.parse({
      ...base,
      complianceProfile: 'CUSTOM',
      callingWindow: window,
    })
    expect(parsed.callingWindow).toEqual(window)
  })

  it('refuses calling hours with the US or UK profile, naming the field', () => {
    const result = campaignSchema.safeParse({
      ...base,
      complianceProfile: 'US',
      callingWindow: window,
    })
    expect(result.error?.issues[0]?.path).toEqual(['callingWindow'])
  })
})
