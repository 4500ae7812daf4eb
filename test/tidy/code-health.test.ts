// Goal: the layout tells the architecture, and nothing is kept that nothing uses (issue 10).
// - dependency-cruiser (.dependency-cruiser.cjs): each folder of src/ is a layer; imports run one way
//   only, with no cycle, and the core and the engine import no Node I/O module.
// - knip (knip.json): no unused file, export, type or dependency in the whole project (tests count as
//   users), and, on the product's own path (tests excluded, `--production`), no rule or schema that
//   only a test calls, unless it is listed in production-unused.ts with the reason it is kept.
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { PRODUCTION_UNUSED, type UnusedFinding } from './production-unused.ts'

const ROOT = join(import.meta.dirname, '..', '..')
const BIN = join(ROOT, 'node_modules', '.bin')
/** knip and dependency-cruiser each take a few seconds on 2 cores. */
const TOOL_TIMEOUT_MS = 120_000

function run(tool: string, args: string[]): string {
  try {
    return execFileSync(join(BIN, tool), args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 })
  } catch (error) {
    // Both tools exit non-zero when they find something; their JSON is still on stdout.
    const stdout = (error as { stdout?: string }).stdout
    if (stdout) return stdout
    throw error
  }
}

interface KnipIssue {
  file: string
  [kind: string]: unknown
}

const KINDS = [
  'files',
  'dependencies',
  'devDependencies',
  'unlisted',
  'unresolved',
  'exports',
  'types',
  'duplicates',
  'enumMembers',
  'binaries',
] as const

function knipFindings(args: string[]): UnusedFinding[] {
  const report = JSON.parse(run('knip', ['--reporter', 'json', '--no-progress', ...args])) as {
    issues: KnipIssue[]
  }
  const findings: UnusedFinding[] = []
  for (const issue of report.issues) {
    for (const kind of KINDS) {
      const list = (issue[kind] ?? []) as ({ name: string } | { name: string }[])[]
      for (const item of list) {
        const name = Array.isArray(item) ? item.map((i) => i.name).join('|') : item.name
        findings.push({ kind, file: issue.file, name })
      }
    }
  }
  return findings
}

const key = (f: UnusedFinding) => `${f.kind} ${f.file} ${f.name}`

describe('code health', () => {
  it(
    'imports follow the layers of src/, with no cycle (dependency-cruiser)',
    { timeout: TOOL_TIMEOUT_MS },
    () => {
      const report = JSON.parse(
        run('depcruise', [
          'src',
          'bench',
          'test',
          '--config',
          '.dependency-cruiser.cjs',
          '--output-type',
          'json',
        ]),
      ) as {
        summary: {
          violations: { rule: { name: string }; from: string; to: string; cycle?: unknown[] }[]
        }
      }
      const violations = report.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`)
      expect(violations).toEqual([])
    },
  )

  it(
    'nothing unused: files, exports, types, dependencies (knip, tests included)',
    { timeout: TOOL_TIMEOUT_MS },
    () => {
      expect(knipFindings([]).map(key)).toEqual([])
    },
  )

  it(
    'on the product path, only the listed test-only code remains, each with its reason (knip --production)',
    { timeout: TOOL_TIMEOUT_MS },
    () => {
      const found = knipFindings(['--production', '--exclude', 'types,enumMembers']).map(key)
      const allowed = PRODUCTION_UNUSED.map(key)
      expect(
        found.filter((k) => !allowed.includes(k)),
        'used only by tests: wire it in or delete it',
      ).toEqual([])
      expect(
        allowed.filter((k) => !found.includes(k)),
        'listed but now used: remove it from the list',
      ).toEqual([])
      for (const entry of PRODUCTION_UNUSED)
        expect(entry.reason.length, key(entry)).toBeGreaterThan(10)
    },
  )
})
