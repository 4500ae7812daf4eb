// `npm run build` (issue 15, start-up): bundles the `outdial` command with esbuild into dist/ —
// dist/cli.js and the chunks it imports when a sub-command needs them (dist/chunks/: the simulator,
// the server, the SIP stack) — so that a start reads a few files instead of ~750 modules. Bundled:
// our code and the packages it imports; left to node_modules: better-sqlite3 (a native addon) and
// pg (loaded only for PostgreSQL). The same sources give the same bytes (no hashes of time or of
// absolute paths). The type check is `npm run typecheck`; this build does not check types.
import { readFileSync, rmSync } from 'node:fs'
import { dirname, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const OUT_DIR = 'dist'
const EXTERNAL = ['better-sqlite3', 'pg']

/**
 * A bundled CommonJS module of node_modules that reads files next to itself (e.g. the Swagger UI's
 * static/ directory) finds them through `__dirname`: each such module gets its own, the directory it
 * has in node_modules, found from the bundle's place (dist/chunks/ → the package root).
 */
const ownDirname = {
  name: 'own-dirname',
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/].*\.c?js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8')
      if (!/\b__(dirname|filename)\b/.test(source)) return undefined
      const fromRoot = relative(ROOT, args.path).split('\\').join('/')
      const prelude =
        `var __filename = __outdialFromRoot(${JSON.stringify(fromRoot)}), ` +
        `__dirname = __outdialFromRoot(${JSON.stringify(dirname(fromRoot))});`
      return { contents: `${prelude}\n${source}`, loader: 'js' }
    })
  },
}

/**
 * Zod's translations of its error messages into ~40 languages (`z.locales`, ~280 kB): nothing here
 * uses them (Zod's English messages come from its own import of locales/en.js), so the bundle
 * gives `z.locales` no members instead of parsing them at every start.
 */
const withoutZodLocales = {
  name: 'without-zod-locales',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]zod[\\/]/.test(args.importer)
        ? { path: 'zod-locales', namespace: 'outdial-empty' }
        : undefined,
    )
    build.onLoad({ filter: /.*/, namespace: 'outdial-empty' }, () => ({
      contents: 'export {}',
      loader: 'js',
    }))
  },
}

// In the bundle (ES modules) there is no `require`, `__dirname` or `__filename`: the CommonJS
// packages it holds get them from here. Every output file sits in dist/ or dist/chunks/; the
// package root is found from the entry's place, dist/cli.js.
const banner = [
  "import { createRequire as __outdialCreateRequire } from 'node:module';",
  "import { fileURLToPath as __outdialFileURLToPath } from 'node:url';",
  'const require = __outdialCreateRequire(import.meta.url);',
  "const __outdialRoot = new URL(/\\/chunks\\/[^/]+$/.test(import.meta.url) ? '../../' : '../', import.meta.url);",
  'const __outdialFromRoot = (path) => __outdialFileURLToPath(new URL(path, __outdialRoot));',
].join('\n')

rmSync(`${ROOT}${OUT_DIR}`, { recursive: true, force: true })
await build({
  absWorkingDir: ROOT,
  entryPoints: ['src/cli.ts'],
  outdir: OUT_DIR,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: EXTERNAL,
  preserveSymlinks: true,
  banner: { js: banner },
  plugins: [ownDirname, withoutZodLocales],
  // Less to read and parse at each start; names are kept, so stack traces still name functions.
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
})

// src/server/web-app.ts finds web/dist/ two levels above its module: it must sit in dist/chunks/.
if (readFileSync(`${ROOT}${OUT_DIR}/cli.js`, 'utf8').includes('web/dist/')) {
  throw new Error('scripts/build.mjs: the web app code landed in dist/cli.js, not in dist/chunks/')
}
