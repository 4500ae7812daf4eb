// The figures of a report row (R9.1), computed from the store's tallies: attempts, outcomes by
// Appendix A name, connects (LIVE_VOICE), abandons, the abandon rate as the compliance ledger
// counts it (ABANDONED ÷ (LIVE_VOICE + ABANDONED)), talk seconds and dispositions by code; and the
// interval a 15-minute UTC tally falls in, in a time zone, for 15-minute, hourly and daily rows.
import { DateTime } from 'luxon'
import { z } from 'zod'
import type { DispositionTally, OutcomeTally } from '../store/ports/attempt-reports.ts'

export const INTERVAL_SIZES = ['15m', '1h', '1d'] as const
export type IntervalSize = (typeof INTERVAL_SIZES)[number]

export const figuresSchema = z.object({
  attempts: z.number().int(),
  outcomes: z
    .record(z.string(), z.number().int())
    .describe('attempts by Appendix A outcome (the CPA result); open attempts as OPEN'),
  connects: z.number().int().describe('LIVE_VOICE attempts'),
  abandons: z.number().int().describe('ABANDONED attempts'),
  connectRatePct: z.number().describe('LIVE_VOICE ÷ attempts'),
  abandonRatePct: z.number().describe('ABANDONED ÷ (LIVE_VOICE + ABANDONED)'),
  talkSec: z.number().int().describe('from the answer to the end of LIVE_VOICE calls'),
  dispositions: z.record(z.string(), z.number().int()).describe('attempts by code (R5.2)'),
})
export type Figures = z.infer<typeof figuresSchema>

const pct = (part: number, whole: number) =>
  whole === 0 ? 0 : Math.round((part / whole) * 10_000) / 100

export function emptyFigures(): Figures {
  return {
    attempts: 0,
    outcomes: {},
    connects: 0,
    abandons: 0,
    connectRatePct: 0,
    abandonRatePct: 0,
    talkSec: 0,
    dispositions: {},
  }
}

/** The tallies summed into one row per `rowOf(key)`, in the order rows first appear. */
export function figuresBy(
  tallies: { outcomes: OutcomeTally[]; dispositions: DispositionTally[] },
  rowOf: (key: string) => string,
): Map<string, Figures> {
  const rows = new Map<string, Figures & { talkMs: number }>()
  const rowFor = (key: string) => {
    const id = rowOf(key)
    let row = rows.get(id)
    if (!row) rows.set(id, (row = { ...emptyFigures(), talkMs: 0 }))
    return row
  }
  for (const t of tallies.outcomes) {
    const row = rowFor(t.key)
    row.attempts += t.attempts
    row.outcomes[t.outcome] = (row.outcomes[t.outcome] ?? 0) + t.attempts
    row.talkMs += t.talkMs
  }
  for (const t of tallies.dispositions) {
    const row = rowFor(t.key)
    row.dispositions[t.code] = (row.dispositions[t.code] ?? 0) + t.attempts
  }
  const figures = new Map<string, Figures>()
  for (const [id, { talkMs, ...row }] of rows) {
    const connects = row.outcomes.LIVE_VOICE ?? 0
    const abandons = row.outcomes.ABANDONED ?? 0
    figures.set(id, {
      ...row,
      connects,
      abandons,
      connectRatePct: pct(connects, row.attempts),
      abandonRatePct: pct(abandons, connects + abandons),
      talkSec: Math.round(talkMs / 1000),
    })
  }
  return figures
}

/** The start of the interval holding a 15-minute UTC tally, in `zone`, as ISO with its offset. */
export function intervalStart(quarterMs: number, size: IntervalSize, zone: string): string {
  const at = DateTime.fromMillis(quarterMs, { zone })
  const start = size === '15m' ? at : at.startOf(size === '1h' ? 'hour' : 'day')
  return start.toISO({ suppressMilliseconds: true }) ?? new Date(quarterMs).toISOString()
}
