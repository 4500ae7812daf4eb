// Goal: `npx outdial sim` works as a user runs it (issue 3): a table by default, exactly one JSON
// object with --json, byte-identical output for the same scenario and seed, and a bad scenario
// refused with the field path and the reason.
import { execFile } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SCENARIO_DIR } from './scenario-files.ts'

const ROOT = join(import.meta.dirname, '..', '..')
const BIN = join(ROOT, 'bin', 'outdial.mjs')
const SMALL = join(SCENARIO_DIR, 'small-team.json')

interface Run {
  status: number | null
  stdout: string
  stderr: string
}

/** One run of the CLI, without blocking the test worker (a synchronous spawn starves vitest's RPC). */
function outdial(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: ROOT, encoding: 'utf8' },
      (error, stdout, stderr) => {
        const status = error === null ? 0 : typeof error.code === 'number' ? error.code : null
        resolve({ status, stdout, stderr })
      },
    )
  })
}

describe('outdial sim', () => {
  it('prints a table of the benchmark metrics', async () => {
    const run = await outdial(['sim', SMALL])
    expect(run.status).toBe(0)
    expect(run.stdout).toMatch(/occupancy\s+\d+\.\d+ %/)
    expect(run.stdout).toMatch(/abandon rate \(worst window\)\s+\d+\.\d+ %/)
    expect(run.stdout).toMatch(/live connects per agent-hour\s+\d+\.\d+/)
  })

  it('--json prints exactly one object with the documented fields, the same bytes twice', async () => {
    const args = ['sim', SMALL, '--json', '--seed', '7', '--policy', 'fixed:2.5']
    const [firstRun, secondRun] = await Promise.all([outdial(args), outdial(args)])
    expect(firstRun.status).toBe(0)
    const first = firstRun.stdout
    const second = secondRun.stdout
    expect(first).toBe(second)
    expect(first.trim().split('\n')).toHaveLength(1)
    const result = JSON.parse(first)
    for (const key of [
      'scenario',
      'seed',
      'policy',
      'occupancyPct',
      'abandonRatePct',
      'worstWindowAbandonPct',
      'connectsPerAgentHour',
      'meanAgentWaitSec',
      'dials',
      'outcomes',
    ]) {
      expect(result).toHaveProperty(key)
    }
    expect(result.seed).toBe(7)
    expect(result.policy).toBe('fixed:2.5')
    const outcomeSum = Object.values(result.outcomes as Record<string, number>).reduce(
      (a, b) => a + b,
    )
    expect(outcomeSum).toBe(result.dials)
  })

  it('a different seed gives a different day', async () => {
    const a = await outdial(['sim', SMALL, '--json', '--seed', '1'])
    const b = await outdial(['sim', SMALL, '--json', '--seed', '2'])
    expect(a.stdout).not.toBe(b.stdout)
  })

  it('refuses a bad scenario with the field path and the reason', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'outdial-cli-'))
    const file = join(dir, 'bad.json')
    writeFileSync(
      file,
      JSON.stringify({
        name: 'bad',
        seed: 1,
        durationSec: 600,
        mode: 'predictive',
        agents: 5,
        dialRate: 2,
        abandonTargetPct: 3,
        abandonWindowSec: 3600,
        ringLimitSec: 20,
        outcomes: { live: 0.5, machine: 0.2, busy: 0.1, sit: 0.1, noAnswer: 0.2 },
        answerSec: { dist: 'exp', mean: 8 },
        busySec: { dist: 'const', value: 3 },
        sitSec: { dist: 'const', value: 2 },
        amd: { enabled: false },
        talkSec: { dist: 'exp', mean: 100 },
        wrapSec: { dist: 'exp', mean: 10 },
        machineTalkSec: { dist: 'const', value: 8 },
      }),
    )
    const run = await outdial(['sim', file])
    expect(run.status).toBe(1)
    expect(run.stderr).toContain('outcomes')
    expect(run.stderr).toMatch(/sum to 1/)
  })

  it('refuses an unknown policy and explains the choices', async () => {
    const run = await outdial(['sim', SMALL, '--policy', 'magic'])
    expect(run.status).toBe(2)
    expect(run.stderr).toMatch(/predictive, progressive\[:n\], fixed:<ratio> or adaptive-reference/)
  })

  it('--help lists the commands', async () => {
    const run = await outdial(['--help'])
    expect(run.status).toBe(0)
    expect(run.stdout).toContain('outdial sim <scenario.json>')
  })

  it('serve --help and sim -h print the options instead of refusing the flag', async () => {
    for (const args of [
      ['serve', '--help'],
      ['sim', '-h'],
    ]) {
      const run = await outdial(args)
      expect(run.status).toBe(0)
      expect(run.stdout).toContain('--token-ttl')
    }
  })
})
