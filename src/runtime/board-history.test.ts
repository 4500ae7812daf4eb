// Goal: the board's history stays bounded and in order: a campaign keeps its newest
// PACING_DECISIONS_KEPT pacing decisions (newest first, inputs kept), and each chart point counts
// the connects since the one before.
import { describe, expect, it } from 'vitest'
import type { EngineEvent, PacingInputs } from '../dialer/types.ts'
import { emptyOutcomeCounts } from '../domain/outcomes.ts'
import { BoardHistory, PACING_DECISIONS_KEPT } from './board-history.ts'
import type { CampaignLiveFigures } from './control.ts'

const inputs: PacingInputs = {
  readyServers: 2,
  busyServers: 3,
  linesInFlight: 4,
  liveWaiting: 0,
  liveProbability: 0.3,
  dialToLiveSec: 12,
  talkSec: 90,
  wrapSec: 10,
  liveSamples: 40,
  windowAbandonPct: 1.2,
  abandonCapPct: 3,
  abandonTargetPct: 2,
  capGuardActive: false,
  policyTarget: 6,
  policy: 'predictive',
}

const decision = (atMs: number): EngineEvent => ({
  kind: 'pacing',
  atMs,
  campaignId: 'c1',
  target: atMs,
  inFlight: 4,
  reason: 'forecast',
  inputs,
})

function figures(connects: number): CampaignLiveFigures {
  return {
    status: 'running',
    linesInFlight: 5,
    readyAgents: 1,
    abandonRateWindowPct: 1,
    abandonRateRunPct: 0.5,
    dialsPerMinute: 10,
    outsideHours: false,
    pendingContacts: 3,
    outcomes: { ...emptyOutcomeCounts(), LIVE_VOICE: connects },
  }
}

describe('board history', () => {
  it('keeps the newest decisions only, newest first, with their inputs', () => {
    const history = new BoardHistory()
    for (let atMs = 1; atMs <= PACING_DECISIONS_KEPT + 7; atMs++) history.onEvent(decision(atMs))
    const kept = history.decisionsOf('c1')
    expect(kept).toHaveLength(PACING_DECISIONS_KEPT)
    expect(kept[0]!.atMs).toBe(PACING_DECISIONS_KEPT + 7)
    expect(kept.at(-1)!.atMs).toBe(8)
    expect(kept[0]!.inputs).toEqual(inputs)
    expect(history.latestDecision('c1')?.atMs).toBe(PACING_DECISIONS_KEPT + 7)
    expect(history.decisionsOf('other')).toEqual([])
  })

  it('counts the connects of each interval in its point', () => {
    const history = new BoardHistory()
    history.sample('c1', 10_000, figures(4))
    history.sample('c1', 20_000, figures(9))
    expect(history.seriesOf('c1').map((p) => [p.atMs, p.connects, p.linesInFlight])).toEqual([
      [10_000, 4, 5],
      [20_000, 5, 5],
    ])
  })
})
