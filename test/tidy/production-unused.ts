// What knip --production finds unused on the product's own path (tests excluded), each kept on
// purpose with the reason. A rule that only its test calls is a setting that does not take effect:
// it is wired into the product or deleted, never listed here. An entry
// that the product starts to use must leave this list (test/tidy/code-health.test.ts says so).
export interface UnusedFinding {
  kind: string
  file: string
  name: string
}

const TEST_SUPPORT = 'test support beside the code it serves; imported only by tests'

export const PRODUCTION_UNUSED: (UnusedFinding & { reason: string })[] = [
  // Test support.
  {
    kind: 'files',
    file: 'src/dialer/test-kit-campaign.ts',
    name: 'src/dialer/test-kit-campaign.ts',
    reason: TEST_SUPPORT,
  },
  {
    kind: 'files',
    file: 'src/dialer/test-kit-contact-list.ts',
    name: 'src/dialer/test-kit-contact-list.ts',
    reason: TEST_SUPPORT,
  },
  {
    kind: 'files',
    file: 'src/dialer/test-kit-telephony.ts',
    name: 'src/dialer/test-kit-telephony.ts',
    reason: TEST_SUPPORT,
  },
  {
    kind: 'files',
    file: 'src/dialer/test-kit.ts',
    name: 'src/dialer/test-kit.ts',
    reason: TEST_SUPPORT,
  },
  {
    kind: 'files',
    file: 'src/import/test-kit.ts',
    name: 'src/import/test-kit.ts',
    reason: TEST_SUPPORT,
  },
  {
    kind: 'files',
    file: 'src/pacing/test-kit-snapshot.ts',
    name: 'src/pacing/test-kit-snapshot.ts',
    reason: TEST_SUPPORT,
  },
  {
    kind: 'files',
    file: 'src/runtime/test-kit.ts',
    name: 'src/runtime/test-kit.ts',
    reason: TEST_SUPPORT,
  },
  {
    kind: 'files',
    file: 'src/compliance/test-arbitraries.ts',
    name: 'src/compliance/test-arbitraries.ts',
    reason: TEST_SUPPORT,
  },
  {
    kind: 'files',
    file: 'src/domain/config/issues.testkit.ts',
    name: 'src/domain/config/issues.testkit.ts',
    reason: TEST_SUPPORT,
  },
  {
    kind: 'files',
    file: 'src/flows/activities/test-context.ts',
    name: 'src/flows/activities/test-context.ts',
    reason: TEST_SUPPORT,
  },
  {
    kind: 'exports',
    file: 'bench/pacing/fixed-best.ts',
    name: 'isOnGrid',
    reason: 'the fixed-ratio grid search exposes it for its own test (the benchmark harness test)',
  },
]
