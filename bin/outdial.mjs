#!/usr/bin/env node
// The `outdial` command (issue 15, start-up): runs the bundle in dist/ (dist/cli.js and the chunks
// it loads for each sub-command), which `npm run build` (scripts/build.mjs, esbuild) writes and
// `npm ci`/`npm install` build through the `prepare` script. When dist/ is missing, or older than
// a file of src/ (a checkout edited or switched since the last build), it runs the TypeScript
// through tsx's loader instead and says so on stderr: never stale code, and a clone that has not
// built yet still works (only slower to start, ~2 s instead of well under one).
import { existsSync, readdirSync, statSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const SRC_DIR = fileURLToPath(new URL('../src/', import.meta.url))
const BUILT_ENTRY = fileURLToPath(new URL('../dist/cli.js', import.meta.url))

/** The newest modification time of the TypeScript sources (tests included: cheap and safe). */
function newestSourceMs() {
  let newest = 0
  for (const entry of readdirSync(SRC_DIR, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue
    const ms = statSync(`${entry.parentPath}/${entry.name}`).mtimeMs
    if (ms > newest) newest = ms
  }
  return newest
}

function builtIsFresh() {
  if (!existsSync(BUILT_ENTRY)) return 'dist/ is not built'
  if (!existsSync(SRC_DIR)) return null
  return statSync(BUILT_ENTRY).mtimeMs >= newestSourceMs() ? null : 'dist/ is older than src/'
}

const stale = process.env.OUTDIAL_FROM_SOURCE === '1' ? 'OUTDIAL_FROM_SOURCE=1' : builtIsFresh()
let main
if (stale === null) {
  ;({ main } = await import('../dist/cli.js'))
} else {
  process.stderr.write(
    `outdial: ${stale}; running the TypeScript through tsx (slower start; \`npm run build\` compiles it)\n`,
  )
  const { register } = await import('tsx/esm/api')
  register()
  ;({ main } = await import('../src/cli.ts'))
}
process.exitCode = await main(process.argv.slice(2))
