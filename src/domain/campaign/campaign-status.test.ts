// Goal: the campaign status machine (R5.2, R5.7, R10.2) allows exactly draft → running ⇄ paused →
// stopped and running → completed, answers every other move with a typed refusal, and the engine's
// view is its projection: the engine moves exactly where the machine does.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  CAMPAIGN_ACTIONS,
  CAMPAIGN_MOVES,
  CAMPAIGN_STATUSES,
  type CampaignMove,
  type CampaignStatus,
  CONFIGURED_CAMPAIGN_STATUSES,
  campaignStatusSchema,
  campaignTransition,
  ENGINE_CAMPAIGN_STATUSES,
  type EngineCampaignStatus,
  engineStatusOf,
  engineTransition,
  isDialing,
  isFinal,
} from './campaign-status.ts'

/** Every legal move, written out: any pair not listed must be refused. */
const LEGAL: [CampaignStatus, CampaignMove, CampaignStatus][] = [
  ['draft', 'start', 'running'],
  ['running', 'pause', 'paused'],
  ['running', 'stop', 'stopped'],
  ['running', 'complete', 'completed'],
  ['paused', 'resume', 'running'],
  ['paused', 'stop', 'stopped'],
]

/** The engine's moves as it has always made them (stopped also stands for not started yet). */
const ENGINE_LEGAL: [
  EngineCampaignStatus,
  (typeof CAMPAIGN_ACTIONS)[number],
  EngineCampaignStatus,
][] = [
  ['stopped', 'start', 'running'],
  ['running', 'pause', 'paused'],
  ['running', 'stop', 'stopped'],
  ['paused', 'resume', 'running'],
  ['paused', 'stop', 'stopped'],
]

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

  it('answers every pair of status and move: legal as listed, illegal otherwise', () => {
    for (const from of CAMPAIGN_STATUSES) {
      for (const action of CAMPAIGN_MOVES) {
        const legal = LEGAL.find(([f, a]) => f === from && a === action)
        const expected = legal ? { kind: 'ok', to: legal[2] } : { kind: 'illegal', from, action }
        expect(campaignTransition(from, action), `${from} --${action}-->`).toEqual(expected)
      }
    }
  })

  it('completes only a running campaign, and a completed one is final', () => {
    expect(campaignTransition('running', 'complete')).toEqual({ kind: 'ok', to: 'completed' })
    for (const action of CAMPAIGN_MOVES) {
      expect(campaignTransition('completed', action).kind).toBe('illegal')
    }
  })

  it('calls final exactly the statuses with no move out: stopped and completed', () => {
    expect(CAMPAIGN_STATUSES.filter(isFinal)).toEqual(['stopped', 'completed'])
    for (const status of CAMPAIGN_STATUSES) {
      const moves = CAMPAIGN_MOVES.filter((a) => campaignTransition(status, a).kind === 'ok')
      expect(isFinal(status)).toBe(moves.length === 0)
    }
  })

  it('lets configuration store every status but completed, which only the dialer reaches', () => {
    expect(CONFIGURED_CAMPAIGN_STATUSES).toEqual(CAMPAIGN_STATUSES.filter((s) => s !== 'completed'))
    expect(campaignStatusSchema.safeParse('completed').success).toBe(false)
    for (const status of CONFIGURED_CAMPAIGN_STATUSES) {
      expect(campaignStatusSchema.parse(status)).toBe(status)
    }
  })
})

describe('the engine view', () => {
  it('sees a campaign as running, paused or stopped (not started and completed alike)', () => {
    expect(CAMPAIGN_STATUSES.map(engineStatusOf)).toEqual([
      'stopped',
      'running',
      'paused',
      'stopped',
      'stopped',
    ])
    for (const status of CAMPAIGN_STATUSES) {
      expect(engineStatusOf(status) === 'running').toBe(isDialing(status))
    }
  })

  it('answers every pair of engine status and action: legal as listed, illegal otherwise', () => {
    for (const from of ENGINE_CAMPAIGN_STATUSES) {
      for (const action of CAMPAIGN_ACTIONS) {
        const legal = ENGINE_LEGAL.find(([f, a]) => f === from && a === action)
        const expected = legal ? { kind: 'ok', to: legal[2] } : { kind: 'illegal', from, action }
        expect(engineTransition(from, action), `${from} --${action}-->`).toEqual(expected)
      }
    }
  })

  it('follows every legal move of the machine through the projection', () => {
    for (const [from, action, to] of LEGAL) {
      if (action === 'complete') continue
      expect(engineTransition(engineStatusOf(from), action)).toEqual({
        kind: 'ok',
        to: engineStatusOf(to),
      })
    }
  })
})
