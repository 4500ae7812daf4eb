import { defineConfig } from 'vitest/config'

/** `npm run test:quick` (OUTDIAL_TEST_TIER=quick, test/tier.ts) leaves out the suites that start real
 * processes, servers or databases, and the benchmark harness; `npm test` runs everything. */
const QUICK_EXCLUDED = ['test/server/**', 'test/api/**', 'test/bench/**', 'test/sim/cli.test.ts', 'test/tidy/code-health.test.ts']

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude:
      process.env.OUTDIAL_TEST_TIER === 'quick'
        ? ['**/node_modules/**', ...QUICK_EXCLUDED]
        : ['**/node_modules/**'],
    testTimeout: 60_000,
    reporters: ['default', 'json'],
    outputFile: { json: '.reports/vitest.json' },
  },
})
