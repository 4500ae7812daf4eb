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
    kind: 'files',
    file: 'src/store/memory/memory-agent-states.ts',
    name: 'src/store/memory/memory-agent-states.ts',
    reason:
      'the in-memory agent state log of the runtime tests (memory-ports.ts), held to the same contract suite as the SQL log',
  },
  {
    kind: 'files',
    file: 'src/store/memory/memory-dialer-store.ts',
    name: 'src/store/memory/memory-dialer-store.ts',
    reason:
      'the in-memory contact store and attempt log of the runtime tests, held to the same contract suite as the SQL store',
  },
  {
    kind: 'files',
    file: 'src/store/memory/memory-ports.ts',
    name: 'src/store/memory/memory-ports.ts',
    reason:
      'the in-memory store of the runtime tests, held to the same contract suite as the SQL store',
  },
  {
    kind: 'exports',
    file: 'src/runtime/log.ts',
    name: 'collectingLog',
    reason: `${TEST_SUPPORT}: a log that keeps its lines for assertions`,
  },
  {
    kind: 'exports',
    file: 'bench/pacing/fixed-best.ts',
    name: 'isOnGrid',
    reason: 'the fixed-ratio grid search exposes it for its own test (the benchmark harness test)',
  },
  {
    kind: 'exports',
    file: 'src/sim/run.ts',
    name: 'runScenarioAsync',
    reason:
      'a day run that yields to the event loop each simulated minute; the long mode tests use it so vitest keeps its worker alive',
  },
  {
    kind: 'exports',
    file: 'src/runtime/dialer-api/signature.ts',
    name: 'verifySignature',
    reason:
      'what a result-webhook receiver runs (docs/dialer-api.md); the tests verify every webhook the dialer signs with it',
  },
]
