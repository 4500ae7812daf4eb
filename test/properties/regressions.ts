// Cases the property tests once failed on, kept as explicit fast-check `examples` so every run
// tries them first, whatever seed it draws. Each entry says when it was found, the seed and path
// fast-check reported, the assertion that failed and why. Add new ones at the end; never delete one
// because it passes now: that is what a regression case is for.
import type { RunCase } from './arbitraries.ts'

/**
 * R2.1 "who hung up is recorded" (attempts.test.ts). Found with fast-check seed 1290790207, path
 * "1:0:…:2:2:2" (shrunk): run in ivr-progressive (the --mode override), a LIVE_VOICE customer
 * got a port, heard the campaign message, and the flow's DisconnectContact closed the attempt with
 * no `hangupParty` ("att-1 LIVE_VOICE closed with no hangupParty"): call-result.ts called
 * hangupAndClose without a party. Fixed in 7a299f5 (the dialer's ends record 'system').
 */
export const IVR_LIVE_VOICE_WITHOUT_HANGUP_PARTY: RunCase = {
  scenario: {
    name: 'property-preview',
    durationSec: 600,
    mode: 'preview',
    seed: 0,
    dialRate: 1,
    abandonTargetPct: 1,
    abandonWindowSec: 600,
    ringLimitSec: 10,
    outcomes: { live: 1, machine: 0, busy: 0, sit: 0, noAnswer: 0 },
    answerSec: { dist: 'exp', mean: 1 },
    busySec: { dist: 'uniform', min: 0, max: 1 },
    sitSec: { dist: 'exp', mean: 1 },
    amd: {
      enabled: true,
      decisionSec: { dist: 'uniform', min: 0, max: 0.5 },
      humanAsMachine: 0,
      machineAsHuman: 0,
    },
    machineTalkSec: { dist: 'exp', mean: 2 },
    schedule: [],
    agents: 2,
    talkSec: { dist: 'uniform', min: 0, max: 5 },
    wrapSec: { dist: 'const', value: 0 },
  },
  seed: 0,
  policy: { kind: 'fixed', ratio: 0.8 },
  compliance: {
    window: { kind: 'custom', ranges: [{ startMin: 240, endMin: 255 }] },
    dncEnabled: true,
    ndncEnabled: true,
    nationalAgeSec: 0,
    repeatAfterAbandonSec: 60,
    abandonMessageRequired: false,
    retry: { delayMin: 1, maxAttempts: 1 },
    maxAttemptsPerDay: 1,
    maxAttemptsTotal: 1,
  },
  contacts: {
    salt: 0,
    anchor: 'America/New_York',
    zones: ['America/New_York', 'America/Los_Angeles'],
    noZonePct: 0,
    numbersMax: 1,
    sharedPool: null,
    internalPct: 0,
    nationalPct: 0,
    dncOnClosePct: 0,
    dncOnCloseMax: 1,
  },
  modeOverride: 'ivr-progressive',
}

/**
 * R5.5 / R2.3 minimum ring time (compliance.test.ts). Found with fast-check seed -1706315514, path
 * "2:58:0:…:1:1" (shrunk): the scenario's ring limit is 10 s and the CUSTOM profile keeps the US
 * ringSecMin of 15 s; every NO_ANSWER_CUSTOMER attempt was given up after 10 s ("att-… gave up
 * after 10 s of ringing (ringSecMin 15 s, ring limit 10 s)"). The engine never reads
 * compliance.ringSecMin: dialing.ts armed the ring timer at campaign.ringLimitSec alone. Fixed in
 * 7a299f5 (the ring timer is max(ringLimitSec, ringSecMin)). regressions.test.ts also replays the
 * same failure inside the product's own ranges (ring limit 20 s, CUSTOM ringSecMin 30 s).
 */
export const RING_LIMIT_BELOW_MINIMUM_RING: RunCase = {
  scenario: {
    name: 'property-ivr-predictive',
    durationSec: 889,
    mode: 'ivr-predictive',
    seed: 0,
    dialRate: 1,
    abandonTargetPct: 1,
    abandonWindowSec: 600,
    ringLimitSec: 10,
    outcomes: { live: 1, machine: 0, busy: 0, sit: 0, noAnswer: 0 },
    answerSec: { dist: 'exp', mean: 1 },
    busySec: { dist: 'exp', mean: 1 },
    sitSec: { dist: 'exp', mean: 1 },
    amd: {
      enabled: true,
      decisionSec: { dist: 'uniform', min: 0, max: 0.5 },
      humanAsMachine: 0,
      machineAsHuman: 0,
    },
    machineTalkSec: { dist: 'exp', mean: 2 },
    schedule: [{ atSec: 1, outcomes: { live: 0.5, machine: 0, busy: 0, sit: 0, noAnswer: 0.5 } }],
    ivrPorts: 2,
    messageSec: { dist: 'exp', mean: 5 },
  },
  seed: 0,
  policy: { kind: 'scenario' },
  compliance: {
    window: { kind: 'custom', ranges: [{ startMin: 1200, endMin: 1220 }] },
    dncEnabled: true,
    ndncEnabled: true,
    nationalAgeSec: 0,
    repeatAfterAbandonSec: 259200,
    abandonMessageRequired: false,
    retry: { delayMin: 1, maxAttempts: 1 },
    maxAttemptsPerDay: 1,
    maxAttemptsTotal: 1,
  },
  contacts: {
    salt: 1222242205,
    anchor: 'Australia/Sydney',
    zones: ['Australia/Sydney', 'Asia/Tokyo', 'Pacific/Chatham'],
    noZonePct: 5,
    numbersMax: 1,
    sharedPool: null,
    internalPct: 4,
    nationalPct: 18,
    dncOnClosePct: 0,
    dncOnCloseMax: 18,
  },
}

/**
 * Livelock of preview reservations (pacing.test.ts "virtual time always advances"). Found by a
 * sampling soak (fc.sample seed 11, case 43) after the vitest run hung: the scenario runs in
 * preview (--mode override), NDNC scrubbing is on and the national copy turns stale 749 s into
 * the run. At t=+750.305 s the hopper is blocked (ndncStale), yet another agent's preview line is
 * still ringing, so router.ts campaignWantsAgents() says the campaign wants agents (inFlight > 0);
 * the router reserves agent-4, the reservation is answered after 0 s (the scenario default),
 * preview.ts pumpPreview() has nothing to offer and releases the agent, who is Available and
 * routed to the campaign again, at the same instant, forever: millions of agentState events
 * (Reserved → Reserved connected → Available → …) and the clock never reaches the ringing line's
 * end. The test run hung until SIM_EVENTS_MAX; buildRun now turns this into a LivelockError.
 * Fixed in f657dd5 (a preview campaign wants agents only when a record is due). The same loop
 * still has a second trigger, replayed in regressions.test.ts: the calling window closes for every
 * contact, nextDialable stops at HOPPER_SCAN_MAX without moving hopperIdleUntilMs, so the router
 * still sees a record due while pumpPreview finds none to offer.
 */
export const PREVIEW_RESERVATION_LIVELOCK: RunCase = {
  scenario: {
    name: 'property-ivr-predictive',
    durationSec: 1820,
    mode: 'ivr-predictive',
    seed: 787072,
    dialRate: 1,
    abandonTargetPct: 9.8,
    abandonWindowSec: 600,
    ringLimitSec: 12,
    outcomes: {
      live: 0.004016064257028112,
      machine: 0.21285140562248997,
      busy: 0.020080321285140562,
      sit: 0.3815261044176707,
      noAnswer: 0.3815261044176707,
    },
    answerSec: {
      dist: 'uniform',
      min: 6.5,
      max: 11.6,
    },
    busySec: {
      dist: 'exp',
      mean: 1.5,
    },
    sitSec: {
      dist: 'lognormal',
      mean: 1.4,
      cv: 0.3,
    },
    amd: {
      enabled: true,
      decisionSec: {
        dist: 'uniform',
        min: 0.6,
        max: 2.7,
      },
      humanAsMachine: 0.2,
      machineAsHuman: 0.3,
    },
    machineTalkSec: {
      dist: 'uniform',
      min: 0.1,
      max: 29.5,
    },
    schedule: [
      {
        atSec: 1215,
        outcomes: {
          live: 0.024154589371980676,
          machine: 0.004830917874396135,
          busy: 0.4830917874396135,
          sit: 0.463768115942029,
          noAnswer: 0.024154589371980676,
        },
      },
      {
        atSec: 1776,
        outcomes: {
          live: 0.47513812154696133,
          machine: 0,
          busy: 0.016574585635359115,
          sit: 0.027624309392265192,
          noAnswer: 0.48066298342541436,
        },
      },
    ],
    customerLeftPct: 11,
    previewReviewSec: {
      dist: 'lognormal',
      mean: 0.5,
      cv: 1.1,
    },
    ivrPorts: 4,
    messageSec: {
      dist: 'lognormal',
      mean: 36.5,
      cv: 1,
    },
  },
  seed: 3,
  policy: {
    kind: 'scenario',
  },
  compliance: {
    window: {
      kind: 'custom',
      ranges: [
        {
          startMin: 862,
          endMin: 913,
        },
        {
          startMin: 1355,
          endMin: 1440,
        },
        {
          startMin: 1045,
          endMin: 1085,
        },
      ],
    },
    dncEnabled: true,
    ndncEnabled: true,
    nationalAgeSec: 13,
    nationalStalesAfterSec: 749,
    repeatAfterAbandonSec: 0,
    ringSecMin: 5,
    abandonMessageRequired: false,
    retry: {
      delayMin: 2,
      maxAttempts: 1,
    },
    maxAttemptsPerDay: 1,
    maxAttemptsTotal: 9,
  },
  contacts: {
    salt: 1796806633,
    anchor: 'Asia/Kolkata',
    zones: [
      'America/Los_Angeles',
      'Europe/Berlin',
      'Asia/Kolkata',
      'Asia/Tokyo',
      'Pacific/Chatham',
    ],
    noZonePct: 0,
    numbersMax: 3,
    sharedPool: null,
    internalPct: 1,
    nationalPct: 3,
    dncOnClosePct: 5,
    dncOnCloseMax: 5,
  },
  modeOverride: 'preview',
}
