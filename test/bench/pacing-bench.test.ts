// The pacing benchmark's library (bench/pacing/harness.ts) on the smallest public scenario, one
// seed: the row shape, fixed-best's choice, and the keys `--json` promises. Figures are not
// asserted: they belong to the benchmark, and change with the strategy.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { findFixedBest, isOnGrid } from '../../bench/pacing/fixed-best.ts'
import { runPacingBenchmark } from '../../bench/pacing/harness.ts'
import { mergeSection, PACING_BEGIN, PACING_END } from '../../bench/pacing/report.ts'
import { POLICY_NAMES, type RatioSample } from '../../bench/pacing/types.ts'

const SCENARIO_DIR = fileURLToPath(new URL('../../bench/scenarios/', import.meta.url))
const JSON_KEYS = [
  'scenario',
  'seed',
  'policy',
  'occupancyPct',
  'abandonRatePct',
  'worstWindowAbandonPct',
]

/** A scenario directory holding tiny-team cut to `durationSec`, as `short` (the caller removes it). */
function shortTinyTeamDir(durationSec: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'outdial-pacing-bench-'))
  const day = JSON.parse(readFileSync(join(SCENARIO_DIR, 'tiny-team.json'), 'utf8'))
  writeFileSync(join(dir, 'short.json'), JSON.stringify({ ...day, durationSec }))
  return dir
}

describe('pacing benchmark', () => {
  it('runs small-team on one seed with every policy', async () => {
    const report = await runPacingBenchmark({
      scenarioDir: SCENARIO_DIR,
      selection: { kind: 'named', names: ['small-team'] },
      seeds: 1,
      chart: false,
      workers: 2,
    })
    expect(report.rows.map((r) => r.policy)).toEqual([...POLICY_NAMES])
    for (const row of report.rows) {
      expect(row.scenario).toBe('small-team')
      expect(row.seed).toBe(101)
      for (const key of ['occupancyPct', 'abandonRatePct', 'worstWindowAbandonPct'] as const) {
        expect(Number.isFinite(row[key])).toBe(true)
      }
    }
    const fixedBest = report.rows.find((r) => r.policy === 'fixed-best')!
    expect(isOnGrid(fixedBest.ratio!)).toBe(true)
    expect(fixedBest.infeasible).toBe(false)
    expect(fixedBest.abandonRatePct).toBeLessThanOrEqual(3)
    const json = JSON.parse(JSON.stringify(report.rows)) as Record<string, unknown>[]
    for (const row of json) expect(Object.keys(row)).toEqual(expect.arrayContaining(JSON_KEYS))
    expect(json.find((r) => r.policy === 'fixed-best')).toHaveProperty('ratio')
  }, 60_000)

  it('gives the same rows and searches with speculative days on idle workers', async () => {
    // tiny-team cut to half an hour: the searches, not the figures, are under test.
    const dir = shortTinyTeamDir(1800)
    const run = (speculate: boolean) =>
      runPacingBenchmark({
        scenarioDir: dir,
        selection: { kind: 'named', names: ['short'] },
        seeds: 1,
        chart: false,
        workers: 2,
        speculate,
      })
    const [plain, speculative] = [await run(false), await run(true)]
    expect(speculative.rows).toEqual(plain.rows)
    expect(speculative.searches).toEqual(plain.searches)
    expect(speculative.days).toBe(plain.days)
    expect(plain.unusedDays).toBe(0)
    rmSync(dir, { recursive: true, force: true })
  }, 60_000)

  it("starts a scenario's later seeds from the first seed's fixed-best ratio", async () => {
    const dir = shortTinyTeamDir(1200)
    const report = await runPacingBenchmark({
      scenarioDir: dir,
      selection: { kind: 'named', names: ['short'] },
      seeds: 2,
      chart: false,
      workers: 2,
    })
    rmSync(dir, { recursive: true, force: true })
    const [first, second] = report.searches
    const firstChoice = report.rows.find((r) => r.policy === 'fixed-best' && r.seed === first!.seed)
    expect(first!.samples.map((s) => s.ratio)).toContain(1)
    expect(second!.samples.map((s) => s.ratio)).toContain(firstChoice!.ratio)
  }, 60_000)

  it('finds the same ratio as a full sweep when the grid is monotone', async () => {
    // Occupancy rises and abandons grow with the ratio; the target is crossed at 2.35.
    const sample = (ratio: number): RatioSample => ({
      ratio,
      occupancyPct: 60 + 5 * ratio,
      abandonRatePct: ratio ** 2 / 2,
    })
    const evaluated: number[] = []
    const choice = await findFixedBest(async (ratio) => {
      evaluated.push(ratio)
      return sample(ratio)
    }, 2.8)
    expect(choice.best.ratio).toBe(2.35)
    expect(choice.infeasible).toBe(false)
    expect(evaluated.length).toBeLessThan(15)
    expect(evaluated).toEqual(expect.arrayContaining([2.25, 2.3]))
  })

  it('reports the lowest ratio as infeasible when nothing meets the target', async () => {
    const choice = await findFixedBest(
      async (ratio) => ({ ratio, occupancyPct: 50, abandonRatePct: 10 }),
      3,
    )
    expect(choice).toMatchObject({ infeasible: true, best: { ratio: 0.5 } })
  })

  it('replaces only the pacing section of docs/benchmarks.md', () => {
    const section = `${PACING_BEGIN}\nnew\n${PACING_END}`
    const before = `# B\n\n## Capacity\nkept\n\n${PACING_BEGIN}\nold\n${PACING_END}\n\n## After\nkept too\n`
    expect(mergeSection(before, section)).toBe(before.replace('\nold\n', '\nnew\n'))
    expect(mergeSection('# B\n\nkept\n', section)).toBe(`# B\n\nkept\n\n${section}\n`)
    expect(mergeSection(null, section)).toContain(section)
  })
})
