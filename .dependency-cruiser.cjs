// The layers of src/ and the one direction imports run (docs/architecture.md draws the same
// picture). Each folder may import itself and the layers listed for it; nothing imports upward, and
// there is no cycle. `npm run lint:deps` (part of `npm test`) checks it.
//
//   domain ← compliance · pacing · flows · media ← dialer ← telephony · store ← import ← runtime ← api ← server ← cli
//                                                  sim (beside runtime: core, dialer, telephony) ──────┘
const layers = {
  domain: [],
  compliance: ['domain'],
  pacing: ['domain'],
  flows: ['domain'],
  media: ['domain'],
  dialer: ['domain', 'compliance', 'pacing', 'flows'],
  telephony: ['domain', 'compliance', 'pacing', 'flows', 'media', 'dialer'],
  store: ['domain', 'compliance', 'pacing', 'flows', 'dialer'],
  import: ['domain', 'compliance', 'pacing', 'flows', 'dialer', 'store'],
  runtime: ['domain', 'compliance', 'pacing', 'flows', 'media', 'dialer', 'telephony', 'store', 'import'],
  sim: ['domain', 'compliance', 'pacing', 'flows', 'dialer', 'telephony'],
  api: ['domain', 'compliance', 'pacing', 'flows', 'media', 'dialer', 'store', 'import', 'runtime'],
  server: ['domain', 'compliance', 'pacing', 'flows', 'media', 'dialer', 'telephony', 'store', 'import', 'runtime', 'api'],
}
const CORE = '^src/(domain|compliance|pacing|flows|media)/'

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle makes two modules one: break it by moving the shared part below both.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    ...Object.entries(layers).map(([layer, may]) => ({
      name: `layer-${layer}`,
      severity: 'error',
      comment: `src/${layer} may import only ${may.length ? may.join(', ') : 'itself'} (docs/architecture.md).`,
      from: { path: `^src/${layer}/` },
      to: {
        path: '^src/',
        pathNot: [`^src/${layer}/`, ...may.map((m) => `^src/${m}/`)],
      },
    })),
    {
      name: 'cli-on-top',
      severity: 'error',
      comment: 'Only the command line starts the server or the simulator.',
      from: { path: '^src/', pathNot: '^src/cli\\.ts$' },
      to: { path: '^src/cli\\.ts$' },
    },
    {
      name: 'core-no-io',
      severity: 'error',
      comment: 'The core and the engine do no I/O (design.md): no Node built-ins.',
      from: { path: [CORE, '^src/dialer/'] },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'no-test-code-in-product',
      severity: 'error',
      comment: 'Product code never imports a test or vitest.',
      from: { path: '^src/', pathNot: ['\\.test\\.ts$', 'test-kit', 'testkit', 'contract\\.ts$', 'test-'] },
      to: { path: ['\\.test\\.ts$', '^node_modules/(vitest|fast-check)/'] },
    },
    {
      name: 'web-on-top',
      severity: 'error',
      comment: 'The web app (web/) is a top layer of its own: it may import src/domain only.',
      from: { path: '^web/' },
      to: { path: '^src/', pathNot: '^src/domain/' },
    },
    {
      name: 'nothing-imports-web',
      severity: 'error',
      comment: 'Nothing in src/ imports the web app; the server serves its build (web/dist).',
      from: { path: '^(src|bench|test)/' },
      to: { path: '^web/' },
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|web/dist)' },
    enhancedResolveOptions: {
      extensions: ['.ts', '.js', '.mjs'],
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
  },
}
