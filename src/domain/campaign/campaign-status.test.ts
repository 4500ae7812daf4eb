// Goal: the campaign lifecycle (R5.2, R5.7) allows exactly draft → running ⇄ paused → stopped, and
// answers an illegal move with a typed refusal.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  CAMPAIGN_ACTIONS,
  CAMPAIGN_STATUSES,
  type CampaignStatus,
  campaignTransition,
  isDialing,
} from './campaign-status.ts'

describe('campaignTransition', () => {
  it.each([
    ['draft', 'start', 'running'],
    ['running', 'pause', 'paused'],
    ['paused', 'resume', 'running'],
    ['running', 'stop', 'stopped'],
    ['paused', 'stop', 'stopped'],
  ] as const)('%s --%s--> %s', (from, action, to) => {
    expect(campaignTransition(from, action)).toEqual({ kind: 'ok', to })
  })

  it.each([
    ['draft', 'pause'],
    ['draft', 'stop'],
    ['running', 'start'],
    ['running', 'resume'],
    ['paused', 'pause'],
    ['stopped', 'start'],
    ['stopped', 'resume'],
  ] as const)('refuses %s --%s--> as illegal', (from, action) => {
    expect(campaignTransition(from, action)).toEqual({ kind: 'illegal', from, action })
  })

  it('never leaves stopped and never returns to draft, whatever the sequence', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...CAMPAIGN_ACTIONS), { maxLength: 30 }), (actions) => {
        let status: CampaignStatus = 'draft'
        let stopped = false
        for (const action of actions) {
          const result = campaignTransition(status, action)
          if (result.kind === 'ok') status = result.to
          if (stopped) expect(status).toBe('stopped')
          if (status === 'stopped') stopped = true
          if (result.kind === 'ok') expect(result.to).not.toBe('draft')
        }
        expect(CAMPAIGN_STATUSES).toContain(status)
      }),
    )
  })

  it('dials only while running', () => {
    expect(CAMPAIGN_STATUSES.filter(isDialing)).toEqual(['running'])
  })
})
