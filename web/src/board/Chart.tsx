// A campaign's chart over the day (issue 12): lines in flight and connects per interval on the
// left scale, the abandon rate in the window and over the run against the cap on the right, with
// uPlot (one canvas, fast to redraw). Times on the axis are in the browser's zone.
import 'uplot/dist/uPlot.min.css'
import { Text } from '@mantine/core'
import { memo, useEffect, useMemo, useRef } from 'react'
import uPlot from 'uplot'
import { useI18n } from '../i18n.tsx'
import type { SeriesPoint } from './state.ts'

const HEIGHT_PX = 150
const COLORS = { lines: '#1864ab', connects: '#2b6a30', window: '#a61e1e', run: '#8a4500' }

function columns(points: SeriesPoint[], capPct: number | null): uPlot.AlignedData {
  const cap = capPct ?? null
  return [
    points.map((p) => p.atMs / 1000),
    points.map((p) => p.linesInFlight),
    points.map((p) => p.connects),
    points.map((p) => p.abandonRateWindowPct),
    points.map((p) => p.abandonRateRunPct),
    points.map(() => cap),
  ]
}

/** The time axis: the points' span, at least the last X_SPAN_MIN_SEC. */
const X_SPAN_MIN_SEC = 300

function xRange(data: uPlot.AlignedData): { min: number; max: number } | null {
  const times = data[0]
  if (times.length === 0) return null
  const max = times[times.length - 1]!
  return { min: Math.min(times[0]!, max - X_SPAN_MIN_SEC), max }
}

export const CampaignChart = memo(function CampaignChart({
  name,
  points,
  capPct,
}: {
  name: string
  points: SeriesPoint[]
  capPct: number | null
}) {
  const { t, language } = useI18n()
  const box = useRef<HTMLDivElement>(null)
  const plot = useRef<uPlot | null>(null)
  const data = useMemo(() => columns(points, capPct), [points, capPct])
  // A chart made again (the language changed its labels) starts from the data of now.
  const dataNow = useRef(data)
  dataNow.current = data
  const labels = useMemo(
    () => ({
      lines: t('chartLegendLines'),
      connects: t('chartLegendConnects'),
      window: t('chartLegendWindow'),
      run: t('chartLegendRun'),
    }),
    [t],
  )

  useEffect(() => {
    const element = box.current
    if (!element) return
    const options: uPlot.Options = {
      width: Math.max(240, element.clientWidth),
      height: HEIGHT_PX,
      legend: { show: false },
      cursor: { show: false },
      // From zero; a quiet campaign keeps a small count scale, and the cap stays in view.
      scales: {
        // Set with the data (xRange): one point alone would stretch the axis over years.
        x: { time: true, auto: false },
        n: { range: (_u, _min, max) => [0, Math.max(4, Math.ceil(max * 1.1))] },
        pct: { range: (_u, _min, max) => [0, Math.max(1, max * 1.2)] },
      },
      axes: [
        {
          space: 70,
          values: (_u, splits) =>
            splits.map((sec) =>
              new Date(sec * 1000).toLocaleTimeString(language, {
                hour: '2-digit',
                minute: '2-digit',
              }),
            ),
        },
        { scale: 'n', size: 40 },
        { scale: 'pct', side: 1, size: 40, values: (_u, v) => v.map((x) => `${x}%`) },
      ],
      series: [
        {},
        { label: labels.lines, scale: 'n', stroke: COLORS.lines, width: 2 },
        { label: labels.connects, scale: 'n', stroke: COLORS.connects, width: 1 },
        { label: labels.window, scale: 'pct', stroke: COLORS.window, width: 2 },
        { label: labels.run, scale: 'pct', stroke: COLORS.run, width: 1, dash: [4, 4] },
        { label: 'cap', scale: 'pct', stroke: COLORS.window, width: 1, dash: [2, 6] },
      ],
    }
    plot.current = new uPlot(options, dataNow.current, element)
    const range = xRange(dataNow.current)
    if (range) plot.current.setScale('x', range)
    return () => {
      plot.current?.destroy()
      plot.current = null
    }
  }, [labels, language])

  useEffect(() => {
    const chart = plot.current
    if (!chart) return
    chart.setData(data, true)
    const range = xRange(data)
    if (range) chart.setScale('x', range)
  }, [data])

  return (
    <figure style={{ margin: 0 }}>
      <div ref={box} role="img" aria-label={t('chartTitle', { name })} />
      <figcaption>
        <Text size="xs">
          {points.length === 0 ? (
            t('chartEmpty')
          ) : (
            <>
              <span style={{ color: COLORS.lines }}>━ {labels.lines}</span>{' '}
              <span style={{ color: COLORS.connects }}>━ {labels.connects}</span>{' '}
              <span style={{ color: COLORS.window }}>━ {labels.window}</span>{' '}
              <span style={{ color: COLORS.run }}>┅ {labels.run}</span>
            </>
          )}
        </Text>
      </figcaption>
    </figure>
  )
})
