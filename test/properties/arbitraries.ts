// Test support for the simulator property tests: fast-check generators of whole simulated runs
// (scenario JSON through parseScenario, seed, policy, --mode override, and the world of world.ts:
// compliance settings, contacts and DNC lists), and the fast-check parameters every property uses.
import fc from 'fast-check'
import type { SimPolicy } from '../../src/sim/policy.ts'
import {
  AGENT_MODES,
  isAgentMode,
  SCENARIO_MODES,
  type ScenarioMode,
} from '../../src/sim/scenario.ts'
import { tierRuns, tierSeed } from '../tier.ts'
import {
  type ComplianceCase,
  type ContactCase,
  complianceCaseArbitrary,
  contactCaseArbitrary,
} from './world.ts'

// --- fast-check settings -------------------------------------------------------------------------

/**
 * Parameters for fc.assert. `FC_SEED` and `FC_PATH` replay a reported failure (fast-check prints
 * both), `FC_RUNS` scales every property up or down; a soak run needs vitest's 60 s test timeout
 * lifted: `FC_RUNS=300 npx vitest run test/properties --testTimeout=0`.
 */
export function fcParams<T>(numRuns: number, examples: T[] = []): fc.Parameters<[T]> {
  const runs = process.env.FC_RUNS === undefined ? tierRuns(numRuns) : Number(process.env.FC_RUNS)
  const seed = process.env.FC_SEED === undefined ? tierSeed() : Number(process.env.FC_SEED)
  const path = process.env.FC_PATH
  return {
    numRuns: runs,
    examples: examples.map((example) => [example] as [T]),
    ...(seed !== undefined ? { seed } : {}),
    ...(path !== undefined ? { path } : {}),
    // A simulated day costs up to a second: keep a failing property's shrinking bounded (the
    // failure found is still reported, shrunk as far as it got). Generous enough that a passing
    // property on a busy machine is not cut short.
    interruptAfterTimeLimit: Math.max(45_000, runs * 1500),
    markInterruptAsFailure: false,
  }
}

// --- scenarios -----------------------------------------------------------------------------------

const tenths = (min: number, max: number) =>
  fc.integer({ min: Math.round(min * 10), max: Math.round(max * 10) }).map((x) => x / 10)

/** Every distribution kind, with a mean in [meanMin, meanMax] seconds. */
export function distributionArbitrary(meanMin: number, meanMax: number) {
  return fc.oneof(
    tenths(meanMin, meanMax).map((value) => ({ dist: 'const', value })),
    tenths(meanMin, meanMax).map((mean) => ({ dist: 'exp', mean })),
    fc
      .tuple(tenths(Math.max(0.1, meanMin), meanMax), tenths(0, 2))
      .map(([mean, cv]) => ({ dist: 'lognormal', mean, cv })),
    fc
      .tuple(tenths(meanMin, meanMax), tenths(0, meanMax))
      .map(([a, b]) => ({ dist: 'uniform', min: Math.min(a, b), max: Math.max(a, b) })),
  )
}

/** Five weights normalised to probabilities summing to 1; live calls are always possible. */
const outcomesArbitrary = fc
  .tuple(
    fc.integer({ min: 1, max: 100 }),
    fc.integer({ min: 0, max: 100 }),
    fc.integer({ min: 0, max: 100 }),
    fc.integer({ min: 0, max: 100 }),
    fc.integer({ min: 0, max: 100 }),
  )
  .map(([live, machine, busy, sit, noAnswer]) => {
    const sum = live + machine + busy + sit + noAnswer
    return {
      live: live / sum,
      machine: machine / sum,
      busy: busy / sum,
      sit: sit / sum,
      noAnswer: noAnswer / sum,
    }
  })

const amdArbitrary = fc.oneof(
  fc.constant({ enabled: false }),
  fc.record({
    enabled: fc.constant(true),
    decisionSec: distributionArbitrary(0.5, 4),
    humanAsMachine: fc.constantFrom(0, 0.01, 0.05, 0.2),
    machineAsHuman: fc.constantFrom(0, 0.05, 0.1, 0.3),
  }),
)

function scheduleArbitrary(durationSec: number) {
  return fc
    .uniqueArray(fc.integer({ min: 1, max: durationSec - 1 }), { maxLength: 2 })
    .chain((times) =>
      fc.tuple(
        ...[...times]
          .sort((a, b) => a - b)
          .map((atSec) => outcomesArbitrary.map((outcomes) => ({ atSec, outcomes }))),
      ),
    )
}

const inboundArbitrary = fc.record({
  arrivalsPerHour: fc.integer({ min: 0, max: 120 }),
  talkSec: distributionArbitrary(10, 200),
  wrapSec: distributionArbitrary(0, 30),
  patienceSec: fc.integer({ min: 5, max: 300 }),
  ranking: fc.constantFrom('inbound-first', 'campaign-first'),
})

/** Optional keys: absent (the parser's default applies) or a random value. */
function optional<T>(key: string, arbitrary: fc.Arbitrary<T>) {
  return fc
    .option(arbitrary, { nil: undefined })
    .map((value) => (value === undefined ? {} : { [key]: value }))
}

function scenarioJsonArbitrary(mode: ScenarioMode, durationSec: number) {
  const common = fc.record({
    seed: fc.integer({ min: 0, max: 1_000_000 }),
    dialRate: fc.oneof(fc.integer({ min: 1, max: 3 }), tenths(1, 3)),
    abandonTargetPct: tenths(1, 10),
    abandonWindowSec: fc.constantFrom(600, 3600, 86_400),
    ringLimitSec: fc.integer({ min: 10, max: 60 }),
    outcomes: outcomesArbitrary,
    answerSec: distributionArbitrary(1, 15),
    busySec: distributionArbitrary(1, 6),
    sitSec: distributionArbitrary(1, 4),
    amd: amdArbitrary,
    machineTalkSec: distributionArbitrary(2, 30),
    schedule: scheduleArbitrary(durationSec),
  })
  const extras = fc.tuple(
    // Mostly answered well within the 30 s reservation timeout (agents who miss it go Idle for
    // the rest of the run, so a long mean empties the floor).
    optional('reservationAnswerSec', distributionArbitrary(0, 12)),
    optional('customerLeftPct', fc.integer({ min: 0, max: 30 })),
    optional('previewReviewSec', distributionArbitrary(0, 60)),
  )
  const perMode = isAgentMode(mode)
    ? fc.tuple(
        fc.record({
          agents: fc.integer({ min: 2, max: 15 }),
          talkSec: distributionArbitrary(5, 200),
          wrapSec: distributionArbitrary(0, 30),
        }),
        optional('inbound', inboundArbitrary),
      )
    : fc.tuple(
        fc.record({
          ivrPorts: fc.integer({ min: 2, max: 30 }),
          messageSec: distributionArbitrary(10, 120),
        }),
        fc.constant({}),
      )
  return fc.tuple(common, extras, perMode).map(([base, [a, b, c], [modeFields, inbound]]) => ({
    name: `property-${mode}`,
    durationSec,
    mode,
    ...base,
    ...a,
    ...b,
    ...c,
    ...modeFields,
    ...inbound,
  }))
}

export const policyArbitrary: fc.Arbitrary<SimPolicy> = fc.oneof(
  { arbitrary: fc.constant<SimPolicy>({ kind: 'scenario' }), weight: 3 },
  fc
    .integer({ min: 1, max: 3 })
    .map((n): SimPolicy => ({ kind: 'progressive', linesPerServer: n })),
  tenths(0.8, 3).map((ratio): SimPolicy => ({ kind: 'fixed', ratio })),
  fc.constant<SimPolicy>({ kind: 'predictive' }),
  fc.constant<SimPolicy>({ kind: 'adaptive-reference' }),
)

// --- a whole run -----------------------------------------------------------------------------------

export interface RunCase {
  /** The scenario file, exactly as it would be written to disk. */
  scenario: Record<string, unknown>
  /** Seed passed to runScenario (overrides the file's). */
  seed: number
  policy: SimPolicy
  /** Optional --mode override (retarget) of the scenario's own mode. */
  modeOverride?: ScenarioMode
  compliance: ComplianceCase
  contacts: ContactCase
}

export interface RunCaseOptions {
  modes?: readonly ScenarioMode[]
  policy?: fc.Arbitrary<SimPolicy>
  /** Sometimes run the scenario with a --mode override (retarget) to another of `modes`. */
  allowModeOverride?: boolean
  durationSec?: { min: number; max: number }
}

export function runCaseArbitrary(options: RunCaseOptions = {}): fc.Arbitrary<RunCase> {
  const modes = options.modes ?? SCENARIO_MODES
  const duration = options.durationSec ?? { min: 600, max: 2400 }
  return fc
    .record({
      mode: fc.constantFrom(...modes),
      durationSec: fc.integer(duration),
      contacts: contactCaseArbitrary,
    })
    .chain(({ mode, durationSec, contacts }) =>
      fc.record({
        scenario: scenarioJsonArbitrary(mode, durationSec),
        seed: fc.integer({ min: 0, max: 0x7fffffff }),
        policy: options.policy ?? policyArbitrary,
        modeOverride:
          options.allowModeOverride === false
            ? fc.constant(undefined)
            : fc.oneof(
                { arbitrary: fc.constant(undefined), weight: 3 },
                { arbitrary: fc.constantFrom(...modes), weight: 1 },
              ),
        compliance: complianceCaseArbitrary(contacts.anchor, contacts.zones, durationSec),
        contacts: fc.constant(contacts),
      }),
    )
    .map((runCase) => {
      const { modeOverride, ...rest } = runCase
      return modeOverride === undefined ? rest : { ...rest, modeOverride }
    })
}

/**
 * Runs where the 2-second rule can never fire (R5.5; the `progressive` baseline of
 * docs/benchmarks.md "Method: baselines"): agent modes with one line per agent (the progressive:1
 * policy in any agent mode, or the progressive mode's own dial rate rounding to 1) and preview. The
 * agents answer their reservation after a random delay, sometimes longer than the reservation
 * timeout.
 */
export function oneLinePerAgentCaseArbitrary(): fc.Arbitrary<RunCase> {
  return runCaseArbitrary({ modes: AGENT_MODES, allowModeOverride: false }).chain((runCase) =>
    fc
      .record({
        kind: fc.constantFrom('progressive:1', 'progressive-mode', 'preview'),
        dialRate: tenths(1, 1.4),
        reservationAnswerSec: distributionArbitrary(0, 40),
      })
      .map(({ kind, dialRate, reservationAnswerSec }): RunCase => {
        const scenario = { ...runCase.scenario, reservationAnswerSec }
        if (kind === 'progressive:1') {
          return { ...runCase, scenario, policy: { kind: 'progressive', linesPerServer: 1 } }
        }
        const mode = kind === 'preview' ? 'preview' : 'progressive'
        return {
          ...runCase,
          scenario: { ...scenario, mode, name: `property-${mode}`, dialRate },
          policy: { kind: 'scenario' },
        }
      }),
  )
}

/**
 * Preview runs whose national DNC copy turns stale while the day runs (NDNC on): the hopper
 * blocks mid-run while accepted preview lines are still ringing.
 */
export function previewBlockedMidRunCaseArbitrary(): fc.Arbitrary<RunCase> {
  return runCaseArbitrary({
    modes: ['preview'],
    policy: fc.constant<SimPolicy>({ kind: 'scenario' }),
    allowModeOverride: false,
  }).chain((runCase) =>
    fc
      .integer({ min: 30, max: Number(runCase.scenario.durationSec) - 30 })
      .map((afterSec): RunCase => {
        const compliance = {
          ...runCase.compliance,
          ndncEnabled: true,
          nationalAgeSec: 0,
          nationalStalesAfterSec: afterSec,
        }
        return { ...runCase, compliance }
      }),
  )
}
