// CSV uploads (R5.3, R5.4): lines cut by LineSplitter, rows by CsvRowCutter, and every row read by
// csv-parse, a few hundred one-line rows per call (a call per row would cost more than the parse).
// `csvRows` yields the rows as cells — the DNC file loader reads its files with it — and
// `csvRecords` makes them a contact upload's records: the first non-blank row is the header; a
// mapped column missing from it (or named twice) refuses the file before any row is read. A row
// that cannot be read — broken quoting, over IMPORT_LINE_BYTES_MAX, more or fewer cells than the
// header — is reported with its line, and reading goes on with the next row. Blank lines and rows
// of empty cells are no rows.
import { type Options as ParseOptions, parse } from 'csv-parse/sync'
import { CsvRowCutter, type RowLines } from './csv-rows.ts'
import { decodeLine, type Line, LineSplitter } from './lines.ts'
import { type ImportMapping, mappedColumns, type UnmappedColumns } from './mapping.ts'
import {
  IMPORT_LINE_BYTES_MAX,
  IMPORT_ROWS_MAX,
  ImportFileError,
  type SourceRecord,
  tooManyRows,
} from './source.ts'

/** One-line rows handed to csv-parse per call (and bytes, whichever comes first). */
const PARSE_BATCH_ROWS = 512
const PARSE_BATCH_BYTES = 256 * 1024

type Read = { cells: string[] } | { error: string }

const notUtf8 = (line: number) =>
  new ImportFileError(
    `the file is not UTF-8 text (line ${line} holds bytes that are not UTF-8, e.g. Latin-1 or Windows-1252); save it as UTF-8 and upload it again`,
  )

/** csv-parse's error codes, said for the person who will fix the file. */
function whyUnreadable(error: unknown): string {
  const code = (error as { code?: string }).code
  if (code === 'CSV_INVALID_CLOSING_QUOTE')
    return 'broken quoting: a closing quote is followed by other characters (write a quote inside a quoted field as "")'
  if (code === 'INVALID_OPENING_QUOTE' || code === 'CSV_INVALID_OPENING_QUOTE')
    return 'broken quoting: a quote inside an unquoted field (quote the whole field and double the quote)'
  if (code === 'CSV_QUOTE_NOT_CLOSED') return 'broken quoting: a quote is not closed'
  return `unreadable (${(error as Error).message.split(':')[0]})`
}

const NEWLINE = Buffer.from('\n')
const utf8 = new TextDecoder('utf-8', { fatal: true })

/** The rows' lines as one text, '\n' between lines; the file is refused at a line not UTF-8. */
function textOf(rows: Line[][]): string {
  const parts: Buffer[] = []
  for (const lines of rows)
    for (const line of lines) parts.push((line as { bytes: Buffer }).bytes, NEWLINE)
  parts.pop()
  try {
    return utf8.decode(Buffer.concat(parts))
  } catch {
    for (const line of rows.flat())
      decodeLine((line as { bytes: Buffer }).bytes, line.line, notUtf8)
    throw notUtf8(rows[0]?.[0]?.line ?? 0)
  }
}

/**
 * Reads rows (each given as its lines) with csv-parse, one call for all of them. A row it refuses
 * is marked with the reason; the rows before it (csv-parse counts them in the error) are read
 * again, and the rows after it by a new call.
 */
function readRows(rows: Line[][], options: ParseOptions): Read[] {
  const out: Read[] = []
  let start = 0
  while (start < rows.length) {
    const batch = rows.slice(start)
    const text = textOf(batch)
    try {
      const records = parse(text, options) as string[][]
      if (records.length !== batch.length)
        throw new Error(`csv-parse read ${records.length} records from ${batch.length} rows`)
      for (const cells of records) out.push({ cells })
      return out
    } catch (error) {
      const before = (error as { records?: number }).records
      if (typeof before !== 'number' || before >= batch.length) {
        // Not a csv-parse error about one row: read them one by one.
        for (const one of batch) out.push(readOne(one, options))
        return out
      }
      if (before > 0) out.push(...readRows(batch.slice(0, before), options))
      out.push({ error: whyUnreadable(error) })
      start += before + 1
    }
  }
  return out
}

function readOne(lines: Line[], options: ParseOptions): Read {
  const text = textOf([lines])
  try {
    const records = parse(text, options) as string[][]
    return records.length === 1 ? { cells: records[0]! } : { error: 'unreadable' }
  } catch (error) {
    return { error: whyUnreadable(error) }
  }
}

function checkHeader(read: CsvRow, mapping: ImportMapping): string[] {
  if ('error' in read)
    throw new ImportFileError(`the header row (line ${read.line}) could not be read: ${read.error}`)
  const header = read.cells.map((cell) => cell.trim())
  const wanted = [...new Set(mappedColumns(mapping))]
  const missing = wanted.filter((c) => !header.includes(c))
  if (missing.length > 0)
    throw new ImportFileError(
      `the header has no column ${missing.map((c) => `'${c}'`).join(', ')} that the mapping names (header: ${header.slice(0, 20).join(', ')})`,
    )
  const twice = wanted.filter((c) => header.indexOf(c) !== header.lastIndexOf(c))
  if (twice.length > 0)
    throw new ImportFileError(
      `the header names ${twice.map((c) => `'${c}'`).join(', ')} more than once: which one the mapping means is unclear`,
    )
  return header
}

function record(row: number, read: CsvRow, header: string[]): SourceRecord {
  const { line } = read
  if ('error' in read)
    return { row, problem: `line ${line}: ${read.error}; the row was not imported` }
  const { cells } = read
  if (cells.length !== header.length)
    return {
      row,
      problem: `line ${line} has ${cells.length} columns where the header has ${header.length} (${
        cells.length < header.length
          ? `missing: ${header.slice(cells.length).join(', ')}`
          : 'an unquoted delimiter in a value?'
      }); the row was not imported`,
    }
  const values: Record<string, string> = Object.create(null)
  for (let i = 0; i < header.length; i++) values[header[i]!] ??= cells[i]!
  return { row, values }
}

/** How csvRows reads: the delimiter, the longest row, and whether cells are trimmed. */
export interface CsvReading {
  delimiter: string
  /** A row longer than this is reported and skipped. */
  lineBytesMax: number
  /** The limit's name, said in the report of a row over it. */
  lineBytesMaxName: string
  /** Spaces around a cell (and around a quoted field) are dropped (csv-parse `trim`). */
  trim: boolean
}

/** One non-blank row of a CSV file: its cells, or why it cannot be read; `line` is its first line. */
export type CsvRow = { line: number; cells: string[] } | { line: number; error: string }

/**
 * Every non-blank row of a CSV file, in batches: the first row alone (a header is checked before
 * more is read), then up to PARSE_BATCH_ROWS rows or PARSE_BATCH_BYTES at a time. A row that
 * cannot be read is yielded with the reason and reading goes on; a line that is not UTF-8 refuses
 * the file with an ImportFileError. Rows of empty cells are rows here (the caller decides).
 */
export async function* csvRows(
  chunks: AsyncIterable<Buffer>,
  reading: CsvReading,
): AsyncGenerator<CsvRow[]> {
  const parse: ParseOptions = {
    delimiter: reading.delimiter,
    record_delimiter: '\n',
    relax_column_count: true,
    trim: reading.trim,
  }
  const splitter = new LineSplitter(reading.lineBytesMax)
  const cutter = new CsvRowCutter(reading.lineBytesMax, (lines) => readRows([lines], parse)[0]!)
  let first = true
  let pending: RowLines[] = []
  let pendingBytes = 0

  const read = (items: RowLines[]): CsvRow[] => {
    const oneLiners = items.flatMap((item) =>
      item.kind === 'row' ? [[{ line: item.line, bytes: item.lines[0] }]] : [],
    )
    const reads = readRows(oneLiners, parse)
    let next = 0
    return items.map((item): CsvRow => {
      const { line } = item
      if (item.kind === 'row') return { line, ...reads[next++]! }
      if (item.kind === 'parsed') return { line, cells: item.cells }
      if (item.kind === 'broken') return { line, error: item.reason }
      return {
        line,
        error: `the line is ${item.bytes} bytes long, over ${reading.lineBytesMax} (${reading.lineBytesMaxName})`,
      }
    })
  }
  const take = function* (items: RowLines[]): Generator<CsvRow[]> {
    for (const item of items) {
      pending.push(item)
      if (item.kind === 'row') pendingBytes += item.lines[0].length
      if (first || pending.length >= PARSE_BATCH_ROWS || pendingBytes >= PARSE_BATCH_BYTES)
        yield* drain()
    }
  }
  const drain = function* (): Generator<CsvRow[]> {
    if (pending.length === 0) return
    const batch = pending
    pending = []
    pendingBytes = 0
    first = false
    yield read(batch)
  }

  for await (const chunk of chunks)
    for (const line of splitter.push(chunk)) yield* take(cutter.push(line))
  for (const line of splitter.end()) yield* take(cutter.push(line))
  yield* take(cutter.end())
  yield* drain()
}

/**
 * The records of a CSV upload: the first row is the header (checked against the mapping), rows of
 * empty cells are no rows, every other row is a record of its values by column name or a problem.
 */
export async function* csvRecords(
  chunks: AsyncIterable<Buffer>,
  mapping: ImportMapping,
  unmapped: UnmappedColumns,
): AsyncGenerator<SourceRecord> {
  const reading: CsvReading = {
    delimiter: mapping.delimiter,
    lineBytesMax: IMPORT_LINE_BYTES_MAX,
    lineBytesMaxName: 'IMPORT_LINE_BYTES_MAX',
    trim: false,
  }
  let header: string[] | null = null
  let row = 0
  for await (const batch of csvRows(chunks, reading))
    for (const item of batch) {
      if (header === null) {
        header = checkHeader(item, mapping)
        unmapped.noteHeader(header)
        continue
      }
      if ('cells' in item && item.cells.every((c) => c.trim() === '')) continue
      if (++row > IMPORT_ROWS_MAX) throw tooManyRows()
      yield record(row, item, header)
    }
  if (header === null)
    throw new ImportFileError('the file is empty: a CSV needs a header row naming its columns')
}
