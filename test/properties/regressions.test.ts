// Regression cases the property tests found (regressions.ts documents each), replayed as plain
// tests, plus the smallest hand-written reproduction of each engine bug inside the product's own
// parameter ranges.
import { describe, expect, it } from 'vitest'
import { DncRegistry } from '../../src/compliance/dnc.ts'
import type { AttemptRecord, EngineCampaign } from '../../src/dialer/types.ts'
import { dailyWindow } from '../../src/domain/calling-window.ts'
import { runScenario, SIM_START_MS } from '../../src/sim/run.ts'
import { hangupPartyChecker } from './checkers/attempts.ts'
import { minRingChecker } from './checkers/compliance.ts'
import { runChecked } from './checkers/core.ts'
import {
  IVR_LIVE_VOICE_WITHOUT_HANGUP_PARTY,
  PREVIEW_RESERVATION_LIVELOCK,
  RING_LIMIT_BELOW_MINIMUM_RING,
} from './regressions.ts'
import { buildRun, parseOrThrow } from './run-setup.ts'

describe('regression cases found by the property tests', () => {
  it('R2.1: an IVR LIVE_VOICE call ended by the campaign flow records who hung up', () => {
    const { violations, result } = runChecked(
      IVR_LIVE_VOICE_WITHOUT_HANGUP_PARTY,
      hangupPartyChecker,
    )
    expect(result.outcomes.LIVE_VOICE).toBeGreaterThan(0)
    expect(violations).toEqual([])
  })

  it('R5.5, R2.3: a ring limit below the profile’s minimum ring time does not cut ringing short (shrunk case)', () => {
    const { violations } = runChecked(RING_LIMIT_BELOW_MINIMUM_RING, minRingChecker)
    expect(violations).toEqual([])
  })

  it('R5.5, R2.3: ring limit 20 s (valid 16–80) under a CUSTOM minimum ring time of 30 s (valid 1–80) rings ≥ 30 s', () => {
    const scenario = parseOrThrow({
      name: 'ring-minimum',
      seed: 1,
      durationSec: 600,
      mode: 'progressive',
      agents: 2,
      dialRate: 1,
      abandonTargetPct: 3,
      abandonWindowSec: 3600,
      ringLimitSec: 20,
      outcomes: { live: 0, machine: 0, busy: 0, sit: 0, noAnswer: 1 },
      answerSec: { dist: 'const', value: 5 },
      busySec: { dist: 'const', value: 3 },
      sitSec: { dist: 'const', value: 2 },
      amd: { enabled: false },
      talkSec: { dist: 'const', value: 60 },
      wrapSec: { dist: 'const', value: 5 },
    })
    const noAnswers: AttemptRecord[] = []
    runScenario(scenario, {
      adjustCampaign: (campaign) => ({
        ...campaign,
        compliance: { ...campaign.compliance, ringSecMin: 30 },
      }),
      observe: (event) => {
        if (event.kind === 'attemptClosed' && event.attempt.outcome === 'NO_ANSWER_CUSTOMER') {
          noAnswers.push(event.attempt)
        }
      },
    })
    expect(noAnswers.length).toBeGreaterThan(0)
    const shortestRingSec = Math.min(...noAnswers.map((a) => (a.endedAtMs - a.dialedAtMs) / 1000))
    expect(shortestRingSec).toBeGreaterThanOrEqual(30)
  })

  it('R1.1, R8: a preview campaign whose hopper blocks while a line still rings does not livelock (found case)', () => {
    const setup = buildRun(PREVIEW_RESERVATION_LIVELOCK)
    expect(() => runScenario(setup.scenario, setup.options)).not.toThrow()
  })

  it('R1.1, R8: preview, 2 agents, national DNC copy stale at +100 s while lines ring: the day runs to the end', () => {
    const dnc = new DncRegistry()
    // The CUSTOM profile keeps the US maximum age, 31 days: this copy turns stale 100 s in.
    dnc.loadNational([], SIM_START_MS - (31 * 86_400 - 100) * 1000)
    const worst = runMinimalPreview(
      (campaign) => ({ ...campaign, compliance: { ...campaign.compliance, ndncEnabled: true } }),
      dnc,
    )
    expect(worst.events).toBeLessThan(LIVELOCK_EVENTS)
  })

  // Open at the time of writing: at +120.016 s nextDialable() scans HOPPER_SCAN_MAX (200) contacts,
  // all outsideWindow, and returns null without moving hopperIdleUntilMs; campaignWantsAgents()
  // still sees a record due (the list's nextDueMs is -Infinity), so the router reserves an agent,
  // pumpPreview() finds nothing to offer and releases them, and so on at one instant. Endless with
  // the simulator's generated list; with a finite list it churns reservations until every due
  // contact has been scanned.
  it('R1.1, R8: preview, 2 agents, calling window closing at +120 s for every contact: the day runs to the end', () => {
    // New York (the campaign's zone) is at 04:00 when the simulated day starts.
    const worst = runMinimalPreview((campaign) => ({
      ...campaign,
      compliance: { ...campaign.compliance, callingWindow: dailyWindow('04:00', '04:02') },
    }))
    expect(worst.events).toBeLessThan(LIVELOCK_EVENTS)
  })
})

/** Events at one virtual instant that mean a livelock (a healthy run of this day has < 500). */
const LIVELOCK_EVENTS = 3000

/**
 * The smallest preview day that livelocked: 2 agents who answer reservations at once (the
 * scenario default), every call rings out (30 s), records read for 1–10 s so lines overlap.
 * Returns the busiest instant; throws when one instant passes LIVELOCK_EVENTS.
 */
function runMinimalPreview(
  adjustCampaign: (campaign: EngineCampaign) => EngineCampaign,
  dnc?: DncRegistry,
): { events: number; atSec: number } {
  const scenario = parseOrThrow({
    name: 'preview-minimal',
    seed: 1,
    durationSec: 600,
    mode: 'preview',
    agents: 2,
    dialRate: 1,
    abandonTargetPct: 3,
    abandonWindowSec: 3600,
    ringLimitSec: 30,
    outcomes: { live: 0, machine: 0, busy: 0, sit: 0, noAnswer: 1 },
    answerSec: { dist: 'const', value: 5 },
    busySec: { dist: 'const', value: 3 },
    sitSec: { dist: 'const', value: 2 },
    amd: { enabled: false },
    previewReviewSec: { dist: 'uniform', min: 1, max: 10 },
    talkSec: { dist: 'const', value: 60 },
    wrapSec: { dist: 'const', value: 5 },
  })
  let instantMs = Number.NaN
  let eventsAtInstant = 0
  let worst = { events: 0, atSec: 0 }
  runScenario(scenario, {
    ...(dnc ? { dnc } : {}),
    adjustCampaign,
    observe: (event, nowMs) => {
      eventsAtInstant = nowMs === instantMs ? eventsAtInstant + 1 : 1
      instantMs = nowMs
      if (eventsAtInstant > worst.events) {
        worst = { events: eventsAtInstant, atSec: (nowMs - SIM_START_MS) / 1000 }
      }
      if (eventsAtInstant > LIVELOCK_EVENTS) {
        throw new Error(`livelock at t=+${worst.atSec} s, last event ${JSON.stringify(event)}`)
      }
    },
  })
  return worst
}
