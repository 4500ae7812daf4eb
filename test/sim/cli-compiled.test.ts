// Goal: `outdial` starts from the bundle that the install builds (issue 15, start-up): `npm ci` runs
// `prepare`, which runs `npm run build` (scripts/build.mjs: esbuild bundles src/cli.ts and the
// packages it imports into dist/cli.js and dist/chunks/), and bin/outdial.mjs runs dist/cli.js.
// Without a fresh dist/ (never built, or src/ edited since) it runs the TypeScript through tsx and
// says so on stderr, and OUTDIAL_FROM_SOURCE=1 asks for that path. The bundle answers as the
// sources do: the same simulated day, the help text, and a server whose API reference serves the
// Swagger UI's own files from node_modules (bundled packages find their files there).
// Off CI a missing or stale dist/ skips the compiled cases loudly; with CI=true (a clean clone
// after `npm ci`) it must be there.
import { execFile, spawn } from 'node:child_process'
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { SCENARIO_DIR } from './scenario-files.ts'

const ROOT = join(import.meta.dirname, '..', '..')
const BIN = join(ROOT, 'bin', 'outdial.mjs')
const BUILT_ENTRY = join(ROOT, 'dist', 'cli.js')
const NOTICE = /running the TypeScript through tsx/
const NOTICE_LINE = /^outdial: .*running the TypeScript through tsx.*\n/m
const ARGS = ['sim', join(SCENARIO_DIR, 'tiny-team.json'), '--json', '--seed', '3']

/** Asynchronous, so that the test worker keeps answering vitest while the CLI runs. */
function outdial(env: Record<string, string>, args: readonly string[] = ARGS) {
  return promisify(execFile)(process.execPath, [BIN, ...args], {
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

  it.skipIf(!fresh)('refuses a bad scenario with the same messages as the sources', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'outdial-compiled-bad-'))
    try {
      const file = join(dir, 'bad.json')
      const day = JSON.parse(readFileSync(join(SCENARIO_DIR, 'tiny-team.json'), 'utf8'))
      writeFileSync(file, JSON.stringify({ ...day, durationSec: 'all day', agents: -1 }))
      const [compiled, source] = await Promise.all(
        ['0', '1'].map((fromSource) =>
          outdial({ OUTDIAL_FROM_SOURCE: fromSource }, ['sim', file]).then(
            () => expect.fail('a bad scenario ran'),
            (error: { code: number; stderr: string }) => error,
          ),
        ),
      )
      expect(compiled!.code).toBe(1)
      // Zod's own English message, from the bundle as from the sources.
      expect(compiled!.stderr).toMatch(/durationSec: Invalid input: expected number/)
      expect(source!.stderr.replace(NOTICE_LINE, '')).toBe(compiled!.stderr)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it.skipIf(!fresh)('prints the same help text as the sources', async () => {
    const compiled = await outdial({ OUTDIAL_FROM_SOURCE: '0' }, ['--help'])
    expect(compiled.stderr).not.toMatch(NOTICE)
    expect(compiled.stdout).toMatch(/^outdial — /)
    expect(compiled.stdout).toMatch(/--database-url/)
    const source = await outdial({ OUTDIAL_FROM_SOURCE: '1' }, ['--help'])
    expect(compiled.stdout).toBe(source.stdout)
  })

  it.skipIf(!fresh)(
    'serves the API and the Swagger UI files from the bundle',
    async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'outdial-compiled-serve-'))
      const child = spawn(process.execPath, [BIN, 'serve'], {
        cwd: ROOT,
        env: {
          ...process.env,
          OUTDIAL_FROM_SOURCE: '0',
          PORT: '0',
          OUTDIAL_HOST: '127.0.0.1',
          OUTDIAL_DATA_DIR: dataDir,
          OUTDIAL_ADMIN_PASSWORD: 'compiled-serve-password',
          OUTDIAL_DEMO: '0',
          OUTDIAL_LOG_LEVEL: 'warn',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
      try {
        const url = await new Promise<string>((resolve, reject) => {
          let out = ''
          const onData = (chunk: Buffer) => {
            out += chunk.toString()
            const match = /listening on (http:\/\/\S+)/.exec(out)
            if (match) resolve(match[1]!)
          }
          child.stdout!.on('data', onData)
          child.stderr!.on('data', onData)
          void exited.then((code) => reject(new Error(`outdial serve exited ${code}:\n${out}`)))
        })
        expect((await fetch(`${url}/healthz`)).status).toBe(200)
        const logo = await fetch(`${url}/docs/static/logo.svg`)
        expect(logo.status).toBe(200)
        expect(await logo.text()).toMatch(/<svg/)
        const spec = await fetch(`${url}/openapi.json`)
        expect(((await spec.json()) as { openapi: string }).openapi).toMatch(/^3\./)
      } finally {
        child.kill('SIGTERM')
        expect(await exited).toBe(0)
        rmSync(dataDir, { recursive: true, force: true })
      }
    },
    60_000,
  )

  it('OUTDIAL_FROM_SOURCE=1 runs the TypeScript through tsx and says so', async () => {
    const run = await outdial({ OUTDIAL_FROM_SOURCE: '1' })
    expect(run.stderr).toMatch(NOTICE)
    expect(JSON.parse(run.stdout)).toHaveProperty('occupancyPct')
  })
})
