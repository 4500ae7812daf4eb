import { defineConfig } from 'vitest/config'

/** `npm run test:quick` (OUTDIAL_TEST_TIER=quick, test/tier.ts) leaves out the suites that start real
 * processes (sipp: test/sip), servers or databases, the benchmark harness, and the long cap regression runs (two-hour days, a US month);
 * `npm test` runs everything. */
const QUICK_EXCLUDED = [
  'test/server/**',
  'test/e2e/**',
  'test/sip/**',
  'test/api/**',
  'test/bench/**',
  'test/sim/cli.test.ts',
  'test/tidy/code-health.test.ts',
  'test/pacing/abandon-cap.test.ts',
  'test/pacing/us-month.test.ts',
]
const QUICK = process.env.OUTDIAL_TEST_TIER === 'quick'

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: QUICK ? ['**/node_modules/**', ...QUICK_EXCLUDED] : ['**/node_modules/**'],
    // The quick tier's suites hold no process-wide state, so they share worker threads instead of a
    // fresh process per file (starting ~120 processes cost more than the tests), on both cores.
    ...(QUICK ? { pool: 'threads' as const, isolate: false, maxWorkers: 2 } : {}),
    testTimeout: 60_000,
    reporters: ['default', 'json'],
    outputFile: { json: '.reports/vitest.json' },
  },
})
