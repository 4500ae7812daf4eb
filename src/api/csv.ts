// CSV exports of the report tables (R9.1): asked with `?format=csv` or `Accept: text/csv`, written
// by csv-stringify (RFC 4180 quoting) as a stream with back-pressure, so an export of any length
// holds only the rows in flight; the JSON and CSV of a table carry the same figures.
import { Readable } from 'node:stream'
import { stringify } from 'csv-stringify'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import type { Figures } from './report-figures.ts'

export const formatQuerySchema = z.object({
  format: z
    .enum(['json', 'csv'])
    .optional()
    .describe('csv: the table as a streamed CSV file (also with Accept: text/csv)'),
})

export function wantsCsv(request: FastifyRequest, format: string | undefined): boolean {
  if (format !== undefined) return format === 'csv'
  return (request.headers.accept ?? '').split(',').some((t) => t.trim().startsWith('text/csv'))
}

type Cell = string | number | boolean | null | undefined

/** Streams `rows` as CSV under `header`; the rows are read only as fast as the client takes them. */
export function sendCsv(
  reply: FastifyReply,
  name: string,
  header: readonly string[],
  rows: Iterable<Cell[]> | AsyncIterable<Cell[]>,
): FastifyReply {
  const csv = stringify({ header: true, columns: [...header] })
  const source = Readable.from(rows, { objectMode: true, highWaterMark: 64 })
  source.on('error', (error) => csv.destroy(error))
  source.pipe(csv)
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${name.replace(/[^\w.-]/g, '_')}.csv"`)
    .send(csv)
}

/** The figure columns of a table: fixed ones, then one per outcome and per disposition code. */
export function figureColumns(rows: readonly Figures[]) {
  const outcomes = [...new Set(rows.flatMap((r) => Object.keys(r.outcomes)))].sort()
  const codes = [...new Set(rows.flatMap((r) => Object.keys(r.dispositions)))].sort()
  return {
    header: [
      'attempts',
      'connects',
      'abandons',
      'connectRatePct',
      'abandonRatePct',
      'talkSec',
      ...outcomes.map((o) => `outcome:${o}`),
      ...codes.map((c) => `disposition:${c}`),
    ],
    cells: (f: Figures): Cell[] => [
      f.attempts,
      f.connects,
      f.abandons,
      f.connectRatePct,
      f.abandonRatePct,
      f.talkSec,
      ...outcomes.map((o) => f.outcomes[o] ?? 0),
      ...codes.map((c) => f.dispositions[c] ?? 0),
    ],
  }
}
