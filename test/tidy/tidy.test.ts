// Goal: the house rules that keep the core deterministic hold in the source tree itself
// (docs/design.md "One core, two clocks"): no wall clock, randomness, timers, environment or
// process in the core or the engine, and no source file over the size limit. Which layer may
// import which (and no I/O module in the core) is dependency-cruiser's job:
// .dependency-cruiser.cjs, `npm run lint:deps`.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '..', '..')
const SOURCE_LINES_MAX = 400

/** Folders that must stay pure (docs/design.md "One core, two clocks": no I/O, no Date.now); media is audio as numbers (issue 14). */
const CORE = ['src/domain', 'src/pacing', 'src/compliance', 'src/flows', 'src/media']
/** The engine: time only from the Clock port, ids only from the Ids port. */
const ENGINE = ['src/dialer']

const BANNED: { pattern: RegExp; why: string }[] = [
  { pattern: /\bDate\.now\s*\(/, why: 'reads the wall clock' },
  { pattern: /\bnew Date\s*\(/, why: 'reads the wall clock' },
  { pattern: /\bperformance\.now\s*\(/, why: 'reads the wall clock' },
  { pattern: /\bMath\.random\s*\(/, why: 'unseeded randomness' },
  { pattern: /\brandomUUID\s*\(/, why: 'unseeded ids' },
  { pattern: /\bset(Timeout|Interval|Immediate)\s*\(/, why: 'real timers' },
  { pattern: /\bprocess\./, why: 'reads the environment or process' },
]

function sourceFiles(dir: string): string[] {
  const out: string[] = []
  for (const name of readdirSync(join(ROOT, dir))) {
    const path = join(dir, name)
    if (statSync(join(ROOT, path)).isDirectory()) out.push(...sourceFiles(path))
    else if (name.endsWith('.ts') && !name.endsWith('.test.ts')) out.push(path)
  }
  return out
}

function violations(dirs: string[]): string[] {
  const found: string[] = []
  for (const file of dirs.flatMap(sourceFiles)) {
    const lines = readFileSync(join(ROOT, file), 'utf8').split('\n')
    lines.forEach((line, index) => {
      if (line.trim().startsWith('//') || line.trim().startsWith('*')) return
      for (const rule of BANNED) {
        if (rule.pattern.test(line)) found.push(`${file}:${index + 1} ${rule.why}: ${line.trim()}`)
      }
    })
  }
  return found
}

describe('house rules in the source tree', () => {
  it('the core (domain, pacing, compliance, flows) does no I/O and reads no clock', () => {
    expect(violations(CORE)).toEqual([])
  })

  it('the engine (dialer) gets time and ids only from its ports', () => {
    expect(violations(ENGINE)).toEqual([])
  })

  it(`no source file is longer than ${SOURCE_LINES_MAX} lines`, () => {
    const long = sourceFiles('src')
      .map((file) => ({ file, lines: readFileSync(join(ROOT, file), 'utf8').split('\n').length }))
      .filter(({ lines }) => lines > SOURCE_LINES_MAX)
      .map(({ file, lines }) => `${relative(ROOT, join(ROOT, file))}: ${lines} lines`)
    expect(long).toEqual([])
  })
})
