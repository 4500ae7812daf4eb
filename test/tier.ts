// The two test tiers (issue 10). `npm test` runs the full suite (CI). `npm run test:quick` sets
// OUTDIAL_TEST_TIER=quick for the edit–test loop: property tests run fewer cases and whole-day mode
// runs stop after half a simulated hour; vitest.config.ts leaves out the suites that start real
// processes or servers. A quick pass is no substitute for the full one.
export const QUICK_TIER = process.env.OUTDIAL_TEST_TIER === 'quick'

/** Property runs in the quick tier: an eighth of the full count, at least this many. */
const QUICK_RUNS_MIN = 3
/** Simulated time a whole-day run is cut to in the quick tier (half an hour). */
export const QUICK_DURATION_SEC_MAX = 1800

export function tierRuns(fullRuns: number): number {
  return QUICK_TIER
    ? Math.min(fullRuns, Math.max(QUICK_RUNS_MIN, Math.ceil(fullRuns / 8)))
    : fullRuns
}

export function tierDurationSec(fullSec: number): number {
  return QUICK_TIER ? Math.min(fullSec, QUICK_DURATION_SEC_MAX) : fullSec
}

/** The quick tier replays one fixed fast-check seed, so its few cases are the same on every run
 * (the full tier draws a new seed each time; FC_SEED overrides both). */
const QUICK_FC_SEED = 20_261_203

export function tierSeed(): number | undefined {
  return QUICK_TIER ? QUICK_FC_SEED : undefined
}
