// The stress benchmark's figures (issue 15): windows over the cap, the worst window, occupancy
// against progressive and the fixed-ratio sweep on the sample, the failing seeds; as Markdown for
// the terminal and for the stress section of docs/benchmarks.md (only the text between its markers
// is replaced).
import { markdownTable } from './format.ts'
import { mergeSectionBetween } from './report.ts'
import type { StressReport, StressRow } from './stress-run.ts'
import { STRESS_SHAPES } from './stress-scenarios.ts'

export const STRESS_BEGIN = '<!-- pacing-stress:begin -->'
export const STRESS_END = '<!-- pacing-stress:end -->'

export interface StressRunContext {
  command: string
  date: Date
  wallMs: number
  machine: string
}

/** Over the cap: the worst window (unseen AMD abandons included) above the day's target. */
export const overCap = (row: StressRow) =>
  row.predictive.worstWindowAbandonPct > row.abandonTargetPct + 1e-9

/**
 * Over the cap with no visible abandon: every abandon was a person AMD took for a machine, which no
 * pacing can prevent (progressive 1:1 makes the same ones). Counted apart, not hidden.
 */
export const amdOnly = (row: StressRow) =>
  overCap(row) && row.predictive.abandoned === row.predictive.hiddenAbandons

const fixed = (value: number, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : '–')

function worstRow(rows: readonly StressRow[]): StressRow | undefined {
  return rows.reduce<StressRow | undefined>(
    (worst, row) =>
      worst === undefined ||
      row.predictive.worstWindowAbandonPct / row.abandonTargetPct >
        worst.predictive.worstWindowAbandonPct / worst.abandonTargetPct
        ? row
        : worst,
    undefined,
  )
}

function shapeTable(rows: readonly StressRow[]): string {
  const body = STRESS_SHAPES.map((shape) => {
    const mine = rows.filter((r) => r.shape === shape)
    const worst = worstRow(mine)
    return [
      shape,
      String(mine.length),
      String(mine.filter(overCap).length),
      worst
        ? `${fixed(worst.predictive.worstWindowAbandonPct)} % (cap ${worst.abandonTargetPct} %, seed ${worst.seed})`
        : '–',
      fixed(mine.reduce((s, r) => s + r.predictive.occupancyPct, 0) / Math.max(1, mine.length), 1),
    ]
  })
  return markdownTable(
    ['day shape', 'days', 'over the cap', 'worst window / its cap', 'mean occupancy %'],
    body,
    ['l', 'r', 'r', 'l', 'r'],
  )
}

function sampleTable(rows: readonly StressRow[]): string {
  const sampled = rows.filter((r) => r.fixedBest && r.progressive)
  const body = sampled.map((r) => [
    String(r.seed),
    r.summary,
    fixed(r.predictive.occupancyPct, 1),
    fixed(r.progressive!.occupancyPct, 1),
    `${fixed(r.fixedBest!.occupancyPct, 1)} @ ${fixed(r.fixedBest!.ratio)}${r.fixedBest!.infeasible ? ' (infeasible)' : ''}`,
    fixed(r.predictive.occupancyPct / r.fixedBest!.occupancyPct, 3),
    `${fixed(r.predictive.worstWindowAbandonPct)} / ${fixed(r.progressive!.worstWindowAbandonPct)} / ${fixed(r.fixedBest!.worstWindowAbandonPct)}`,
  ])
  return markdownTable(
    [
      'seed',
      'day',
      'predictive occ. %',
      'progressive occ. %',
      'fixed-best occ. % @ ratio',
      'pred / fixed-best',
      'worst window % (pred / prog / fixed-best)',
    ],
    body,
    ['r', 'l', 'r', 'r', 'r', 'r', 'r'],
  )
}

export function stressSummary(report: StressReport): string {
  const { rows } = report
  const failing = rows.filter(overCap)
  const pacingFailures = failing.filter((r) => !amdOnly(r))
  const worst = worstRow(rows)
  const sampled = rows.filter((r) => r.fixedBest && r.progressive)
  const ratio = (pick: (r: StressRow) => number) =>
    sampled.length === 0
      ? Number.NaN
      : sampled.reduce((s, r) => s + r.predictive.occupancyPct / pick(r), 0) / sampled.length
  const lines = [
    `- Days: ${rows.length} (seeds ${rows[0]?.seed ?? '–'} … ${rows.at(-1)?.seed ?? '–'}); ` +
      `${report.simulatedDays} simulated days on ${report.workers} worker threads.`,
    `- **Days with a regulatory window over the cap: ${failing.length}** (goal 0), of which ` +
      `${failing.length - pacingFailures.length} with no visible abandon at all (every abandon a ` +
      'person AMD took for a machine: no pacing prevents those). A window counts the people AMD ' +
      'took for machines as abandons, though the dialer never sees them.',
    worst
      ? `- Worst window: ${fixed(worst.predictive.worstWindowAbandonPct)} % against a cap of ` +
        `${worst.abandonTargetPct} % (seed ${worst.seed}: ${worst.summary}; ` +
        `${worst.predictive.abandoned} abandons of which ${worst.predictive.hiddenAbandons} unseen).`
      : '- Worst window: –',
    `- Sample of ${sampled.length} days: predictive / progressive occupancy ` +
      `${fixed(
        ratio((r) => r.progressive!.occupancyPct),
        3,
      )}, predictive / fixed-best ` +
      `${fixed(
        ratio((r) => r.fixedBest!.occupancyPct),
        3,
      )} (means of the per-day ratios).`,
    failing.length > 0
      ? `- Failing seeds (replay: \`npm run bench:pacing-stress -- --only ${failing.map((r) => r.seed).join(',')}\`):\n` +
        failing
          .map(
            (r) =>
              `  - ${r.seed}: worst window ${fixed(r.predictive.worstWindowAbandonPct)} % ` +
              `(cap ${r.abandonTargetPct} %; ${r.predictive.hiddenAbandons} of ${r.predictive.abandoned} abandons unseen` +
              `${amdOnly(r) ? ', AMD only' : ''}) — ${r.summary}`,
          )
          .join('\n')
      : '- Failing seeds: none.',
  ]
  return [
    lines.join('\n'),
    `#### By day shape\n\n${shapeTable(rows)}`,
    `#### Sample against progressive and the fixed-ratio sweep\n\n${sampleTable(rows)}`,
  ].join('\n\n')
}

export function stressSection(report: StressReport, run: StressRunContext): string {
  const sec = Math.round(run.wallMs / 1000)
  const head = [
    '## Pacing under stress: random days',
    '',
    'Generated by the benchmark; do not edit by hand (re-run the command).',
    '',
    `- Command: \`${run.command}\``,
    `- Date: ${run.date.toISOString()}`,
    `- Machine: ${run.machine} — shared with other work while it ran, so wall time is indicative only.`,
    `- Wall time: ${Math.floor(sec / 60)} min ${sec % 60} s`,
    '- Days: `bench/pacing/stress-scenarios.ts` draws each from its seed: 3–300 agents or up to ' +
      '1000 IVR ports, 45 min to 2 h; a steady live rate, a fall, a rise after a long low ' +
      'period, an oscillation or up to four random steps, each by up to 6×; short, typical, ' +
      'heavy-tailed (cv 1.5–3) or very long (10–25 min) talks; caps of 1.5, 3 or 5 % over windows ' +
      'of 15 min, 1 h or the whole day; AMD hanging up on up to a quarter of the cap in people.',
  ].join('\n')
  return `${STRESS_BEGIN}\n${head}\n\n${stressSummary(report)}\n${STRESS_END}`
}

export function mergeStressSection(existing: string | null, section: string): string {
  return mergeSectionBetween(existing, section, STRESS_BEGIN, STRESS_END)
}
