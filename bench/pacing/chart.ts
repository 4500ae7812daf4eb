// docs/pacing-drift.svg: drift.json on its base seed, predictive against fixed-best (its chosen
// ratio on that seed). Top: lines in flight per agent; bottom: rolling abandon rate over the
// scenario's regulatory window, with the target. Vertical lines mark the contact-rate changes, which
// is where a constant ratio either starves the agents or overshoots the cap.
import type { ChartData } from './harness.ts'
import { escapeXml, line, niceTicks, polyline, rect, scale, text } from './svg.ts'
import { ROLLING_CALLS_MIN } from './trace.ts'
import type { DayTrace } from './types.ts'

const WIDTH = 960
const HEIGHT = 670
const LEFT = 70
const RIGHT = WIDTH - 30
const PANELS = [
  { top: 80, bottom: 290 },
  { top: 360, bottom: 570 },
] as const
const COLORS = { predictive: '#1f77b4', fixedBest: '#ff7f0e', target: '#d62728' }
const FONT = 'font-family="sans-serif" font-size="12"'

interface Panel {
  top: number
  bottom: number
  title: string
  yLabel: string
  yMax: number
  x: (hours: number) => number
  hours: number
}

function axes(panel: Panel): string[] {
  const y = scale(0, panel.yMax, panel.bottom, panel.top)
  const parts = [
    text(LEFT, panel.top - 10, panel.title, { 'font-weight': 'bold' }),
    line(LEFT, panel.bottom, RIGHT, panel.bottom, { stroke: '#333' }),
    line(LEFT, panel.top, LEFT, panel.bottom, { stroke: '#333' }),
  ]
  for (const tick of niceTicks(panel.yMax, 5).filter((t) => t <= panel.yMax + 1e-9)) {
    parts.push(line(LEFT, y(tick), RIGHT, y(tick), { stroke: '#ddd' }))
    parts.push(text(LEFT - 6, y(tick) + 4, String(tick), { 'text-anchor': 'end' }))
  }
  for (let h = 0; h <= panel.hours + 1e-9; h += panel.hours > 3 ? 1 : 0.5) {
    parts.push(line(panel.x(h), panel.bottom, panel.x(h), panel.bottom + 5, { stroke: '#333' }))
    parts.push(text(panel.x(h), panel.bottom + 18, `${h} h`, { 'text-anchor': 'middle' }))
  }
  const midY = (panel.top + panel.bottom) / 2
  parts.push(
    text(18, midY, panel.yLabel, {
      'text-anchor': 'middle',
      transform: `rotate(-90 18 ${midY})`,
    }),
  )
  return parts
}

function series(trace: (number | null)[], panel: Panel, binSec: number, atEnd: boolean): string {
  const y = scale(0, panel.yMax, panel.bottom, panel.top)
  const offset = atEnd ? 1 : 0.5
  return polyline(
    trace.map((v, i) => ({
      x: panel.x(((i + offset) * binSec) / 3600),
      y: v === null ? null : y(Math.min(v, panel.yMax)),
    })),
  )
}

function path(d: string, color: string): string {
  return `<path d="${d}" fill="none" stroke="${color}" stroke-width="1.6"/>`
}

function scheduleMarks(data: ChartData, panels: Panel[]): string[] {
  const s = data.info.scenario
  const changes = [{ atSec: 0, outcomes: s.outcomes }, ...s.schedule]
  return changes.flatMap((change) => {
    const x = panels[0]!.x(change.atSec / 3600)
    const label = text(
      x + 4,
      panels[0]!.top + 14,
      `live ${Math.round(change.outcomes.live * 100)} %`,
      {
        fill: '#555',
      },
    )
    if (change.atSec === 0) return [label]
    const marks = panels.map((p) =>
      line(x, p.top, x, p.bottom, { stroke: '#888', 'stroke-dasharray': '4 3' }),
    )
    return [...marks, label]
  })
}

function legend(data: ChartData): string[] {
  const x = RIGHT - 250
  const y = 36
  const entry = (dy: number, color: string, label: string) => [
    line(x, y + dy, x + 24, y + dy, { stroke: color, 'stroke-width': 2.5 }),
    text(x + 30, y + dy + 4, label),
  ]
  return [
    ...entry(0, COLORS.predictive, 'predictive'),
    ...entry(16, COLORS.fixedBest, `fixed-best (ratio ${data.ratio.toFixed(2)})`),
  ]
}

function abandonPanelExtras(data: ChartData, panel: Panel): string[] {
  const target = data.info.scenario.abandonTargetPct
  const y = scale(0, panel.yMax, panel.bottom, panel.top)
  const windowHours = Math.min(panel.hours, data.info.scenario.abandonWindowSec / 3600)
  return [
    rect(LEFT, panel.top, panel.x(windowHours) - LEFT, panel.bottom - panel.top, {
      fill: '#f2f2f2',
    }),
    text(LEFT + 6, panel.bottom - 8, 'window not yet full: rate since the start', { fill: '#777' }),
    line(LEFT, y(target), RIGHT, y(target), {
      stroke: COLORS.target,
      'stroke-dasharray': '6 4',
      'stroke-width': 1.5,
    }),
    text(RIGHT - 4, y(target) - 5, `target ${target} %`, {
      fill: COLORS.target,
      'text-anchor': 'end',
    }),
  ]
}

const maxOf = (...traces: (number | null)[][]) =>
  Math.max(0, ...traces.flat().filter((v): v is number => v !== null))

function panels(data: ChartData): Panel[] {
  const hours = data.info.scenario.durationSec / 3600
  const x = scale(0, hours, LEFT, RIGHT)
  const p: DayTrace = data.predictive
  const f: DayTrace = data.fixedBest
  const linesMax = niceTicks(maxOf(p.linesPerServer, f.linesPerServer) * 1.1, 5).at(-1)!
  const target = data.info.scenario.abandonTargetPct
  // A cold start can spike the rate early in the day; the axis stops at 4 × target so that the
  // target line stays readable, and higher values are drawn on the top edge (noted in the title).
  const abandonData = maxOf(p.rollingAbandonPct, f.rollingAbandonPct) * 1.1
  const abandonMax = niceTicks(Math.min(4 * target, Math.max(2 * target, abandonData)), 5).at(-1)!
  const clipped = abandonData / 1.1 > abandonMax ? ` (clipped at ${abandonMax} %)` : ''
  return [
    {
      ...PANELS[0],
      title: 'Lines in flight per agent (time-weighted mean per minute)',
      yLabel: 'lines / agent',
      yMax: linesMax,
      x,
      hours,
    },
    {
      ...PANELS[1],
      title: `Rolling abandon rate over the ${data.info.scenario.abandonWindowSec} s window, visible abandons${clipped}`,
      yLabel: 'abandon %',
      yMax: abandonMax,
      x,
      hours,
    },
  ]
}

function footnote(data: ChartData): string[] {
  const p = data.predictiveResult
  const f = data.fixedBestResult
  const pct = (v: number) => `${v.toFixed(2)} %`
  return [
    `Abandon curve: ABANDONED / (ABANDONED + LIVE_VOICE) outcome events, blank while the window ` +
      `holds < ${ROLLING_CALLS_MIN} calls; people AMD hung up on are not in it.`,
    `With them (the tables' figures): predictive ${pct(p.abandonRatePct)} over the run, ` +
      `${pct(p.worstWindowAbandonPct)} worst window; fixed-best ${pct(f.abandonRatePct)}, ` +
      `${pct(f.worstWindowAbandonPct)}.`,
  ]
}

export function driftChartSvg(data: ChartData): string {
  const [top, bottom] = panels(data) as [Panel, Panel]
  const binSec = data.predictive.binSec
  const title = `${data.info.name}.json, seed ${data.seed}: predictive vs fixed-best, ${data.info.servers} ${data.info.serverLabel}`
  const body = [
    rect(0, 0, WIDTH, HEIGHT, { fill: 'white' }),
    text(LEFT, 28, title, { 'font-size': 16, 'font-weight': 'bold' }),
    ...abandonPanelExtras(data, bottom),
    ...axes(top),
    ...axes(bottom),
    ...scheduleMarks(data, [top, bottom]),
    path(series(data.fixedBest.linesPerServer, top, binSec, false), COLORS.fixedBest),
    path(series(data.predictive.linesPerServer, top, binSec, false), COLORS.predictive),
    path(series(data.fixedBest.rollingAbandonPct, bottom, binSec, true), COLORS.fixedBest),
    path(series(data.predictive.rollingAbandonPct, bottom, binSec, true), COLORS.predictive),
    ...legend(data),
    text(WIDTH / 2, bottom.bottom + 40, 'time into the day', { 'text-anchor': 'middle' }),
    ...footnote(data).map((note, i) =>
      text(LEFT, HEIGHT - 30 + 15 * i, note, { 'font-size': 11, fill: '#444' }),
    ),
  ]
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" ${FONT}>`,
    `<title>${escapeXml(title)}</title>`,
    ...body,
    '</svg>',
    '',
  ].join('\n')
}
