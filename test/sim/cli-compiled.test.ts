// Goal: `outdial` starts from the compiled JavaScript that the install builds (issue 15, start-up):
// `npm ci` runs `prepare`, which runs `npm run build` (tsc -p tsconfig.build.json → dist/), and
// bin/outdial.mjs runs dist/cli.js. Without a fresh dist/ (never built, or src/ edited since) it runs
// the TypeScript through tsx and says so on stderr, and OUTDIAL_FROM_SOURCE=1 asks for that path.
// Off CI a missing or stale dist/ skips the compiled case loudly; with CI=true (a clean clone after
// `npm ci`) it must be there.
import { execFile } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { SCENARIO_DIR } from './scenario-files.ts'

const ROOT = join(import.meta.dirname, '..', '..')
const BIN = join(ROOT, 'bin', 'outdial.mjs')
const BUILT_ENTRY = join(ROOT, 'dist', 'cli.js')
const NOTICE = /running the TypeScript through tsx/
const ARGS = ['sim', join(SCENARIO_DIR, 'tiny-team.json'), '--json', '--seed', '3']

/** Asynchronous, so that the test worker keeps answering vitest while the CLI runs. */
function outdial(env: Record<string, string>) {
  return promisify(execFile)(process.execPath, [BIN, ...ARGS], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  })
}

function distIsFresh(): boolean {
  if (!existsSync(BUILT_ENTRY)) return false
  const builtMs = statSync(BUILT_ENTRY).mtimeMs
  return readdirSync(join(ROOT, 'src'), { recursive: true, withFileTypes: true }).every(
    (entry) => !entry.isFile() || statSync(join(entry.parentPath, entry.name)).mtimeMs <= builtMs,
  )
}

const fresh = distIsFresh()
if (!fresh && process.env.CI === 'true') {
  throw new Error('dist/ is missing or older than src/: `npm ci` builds it through `prepare`')
}
if (!fresh) {
  console.warn(
    'SKIPPED: dist/ is missing or stale (run `npm run build`): compiled start not tested',
  )
}

describe('outdial start-up', () => {
  // execFile rejects on a non-zero exit: each run below exited 0.
  it.skipIf(!fresh)(
    'runs the compiled dist/ without the tsx notice, same bytes as tsx',
    async () => {
      const compiled = await outdial({ OUTDIAL_FROM_SOURCE: '0' })
      expect(compiled.stderr).not.toMatch(NOTICE)
      const source = await outdial({ OUTDIAL_FROM_SOURCE: '1' })
      expect(source.stderr).toMatch(NOTICE)
      expect(compiled.stdout).toBe(source.stdout)
    },
  )

  it('OUTDIAL_FROM_SOURCE=1 runs the TypeScript through tsx and says so', async () => {
    const run = await outdial({ OUTDIAL_FROM_SOURCE: '1' })
    expect(run.stderr).toMatch(NOTICE)
    expect(JSON.parse(run.stdout)).toHaveProperty('occupancyPct')
  })
})
