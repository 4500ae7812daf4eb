// Reading an upload as records, streaming, whatever its size (R5.3): CSV (csv-parse), a JSON
// array of objects (stream-json) or NDJSON (one object per line). A record is either the values of
// a row by column name, or a problem with that row. Problems that make the rest of the file
// unreadable (not UTF-8, no header, a mapped column missing, not a JSON array) end the stream
// with an ImportFileError: the import is then aborted and nothing is written.
import { createInterface } from 'node:readline'
import { Readable, Transform, type TransformCallback } from 'node:stream'
import { parse } from 'csv-parse'
import Parser from 'stream-json/Parser.js'
import StreamArray from 'stream-json/streamers/StreamArray.js'
import { type ImportMapping, mappedColumns } from './mapping.ts'

/** A row longer than this is reported and skipped. */
export const IMPORT_LINE_BYTES_MAX = 64 * 1024
/** A single CSV record past this cannot be skipped safely by the parser: the file is refused. */
export const IMPORT_RECORD_BYTES_HARD_MAX = 16 * 1024 * 1024
export const IMPORT_ROWS_MAX = 5_000_000

export type ImportFormat = 'csv' | 'json' | 'jsonl'

export type SourceRecord =
  | { row: number; values: Record<string, unknown> }
  | { row: number; problem: string; field?: string }

export class ImportFileError extends Error {}

/** Passes bytes through unchanged, failing the stream at the first byte that is not UTF-8. */
class Utf8Guard extends Transform {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true })
  private offset = 0
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    try {
      this.decoder.decode(chunk, { stream: true })
      this.offset += chunk.length
      done(null, chunk)
    } catch {
      done(
        new ImportFileError(
          `the file is not UTF-8 text (near byte ${this.offset}); save it as UTF-8 and upload it again`,
        ),
      )
    }
  }
  override _flush(done: TransformCallback): void {
    try {
      this.decoder.decode()
      done()
    } catch {
      done(
        new ImportFileError(
          'the file ends inside a UTF-8 character; save it as UTF-8 and upload it again',
        ),
      )
    }
  }
}

async function* csvRecords(input: Readable, mapping: ImportMapping): AsyncIterable<SourceRecord> {
  const skipped: { code: string; message: string; lines: number }[] = []
  const parser = parse({
    bom: true,
    delimiter: mapping.delimiter,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    max_record_size: IMPORT_RECORD_BYTES_HARD_MAX,
    info: true,
  })
  parser.on('skip', (error: Error & { code: string; lines: number }) =>
    skipped.push({ code: error.code, message: error.message, lines: error.lines }),
  )
  input
    .pipe(new Utf8Guard())
    .on('error', (e) => parser.destroy(e))
    .pipe(parser)
  let header: string[] | null = null
  let row = 0
  let lastLine = 0
  // The parser runs ahead of this loop: report only the skips that came before the current record.
  const flushSkipped = function* (beforeLine = Number.POSITIVE_INFINITY): Generator<SourceRecord> {
    while (skipped.length > 0 && skipped[0]!.lines < beforeLine) {
      const skip = skipped.shift()!
      if (skip.code === 'CSV_MAX_RECORD_SIZE')
        throw new ImportFileError(
          `a record near line ${skip.lines} is longer than ${IMPORT_RECORD_BYTES_HARD_MAX} bytes; the file was not imported`,
        )
      row += 1
      yield {
        row,
        problem: `lines ${lastLine + 1}–${skip.lines} could not be read (${skip.message.split(':')[0]}); no row on these lines was imported`,
      }
      lastLine = skip.lines
    }
  }
  for await (const { record, info } of parser as AsyncIterable<{
    record: string[]
    info: { lines: number }
  }>) {
    const line = info.lines
    yield* flushSkipped(line)
    if (header === null) {
      header = record.map((cell) => cell.trim())
      const missing = mappedColumns(mapping).filter((c) => !header!.includes(c))
      if (missing.length > 0)
        throw new ImportFileError(
          `the header has no column ${missing.map((c) => `'${c}'`).join(', ')} that the mapping names (header: ${header.slice(0, 20).join(', ')})`,
        )
      lastLine = line
      continue
    }
    row += 1
    lastLine = line
    if (row > IMPORT_ROWS_MAX)
      throw new ImportFileError(`the file has more than ${IMPORT_ROWS_MAX} rows; split it`)
    const bytes = record.reduce((n, cell) => n + cell.length, 0)
    if (bytes > IMPORT_LINE_BYTES_MAX) {
      yield { row, problem: `the row is ${bytes} characters long, over ${IMPORT_LINE_BYTES_MAX}` }
      continue
    }
    if (record.length !== header.length) {
      yield { row, problem: `${record.length} columns where the header has ${header.length}` }
      continue
    }
    const values: Record<string, string> = {}
    header.forEach((name, i) => {
      values[name] = record[i] ?? ''
    })
    yield { row, values }
  }
  yield* flushSkipped()
  if (header === null)
    throw new ImportFileError('the file is empty: a CSV needs a header row naming its columns')
}

async function* jsonRecords(input: Readable): AsyncIterable<SourceRecord> {
  const stream = input.pipe(new Utf8Guard()).pipe(new Parser()).pipe(new StreamArray())
  let row = 0
  try {
    for await (const { value } of stream as AsyncIterable<{ key: number; value: unknown }>) {
      row += 1
      if (row > IMPORT_ROWS_MAX)
        throw new ImportFileError(`the file has more than ${IMPORT_ROWS_MAX} rows; split it`)
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        yield { row, problem: 'the element is not an object of column → value' }
        continue
      }
      yield { row, values: value as Record<string, unknown> }
    }
  } catch (error) {
    if (error instanceof ImportFileError) throw error
    throw new ImportFileError(
      `the file is not a JSON array of objects (${(error as Error).message}); nothing was imported`,
    )
  }
  if (row === 0)
    throw new ImportFileError('the file holds no records: send a JSON array of objects')
}

async function* jsonlRecords(input: Readable): AsyncIterable<SourceRecord> {
  const lines = createInterface({
    input: input.pipe(new Utf8Guard()),
    crlfDelay: Number.POSITIVE_INFINITY,
  })
  let row = 0
  for await (const line of lines) {
    if (line.trim() === '') continue
    row += 1
    if (row > IMPORT_ROWS_MAX)
      throw new ImportFileError(`the file has more than ${IMPORT_ROWS_MAX} rows; split it`)
    if (line.length > IMPORT_LINE_BYTES_MAX) {
      yield {
        row,
        problem: `the line is ${line.length} characters long, over ${IMPORT_LINE_BYTES_MAX}`,
      }
      continue
    }
    try {
      const value = JSON.parse(line) as unknown
      if (value === null || typeof value !== 'object' || Array.isArray(value))
        yield { row, problem: 'the line is not a JSON object' }
      else yield { row, values: value as Record<string, unknown> }
    } catch (error) {
      yield { row, problem: `the line is not JSON (${(error as Error).message})` }
    }
  }
  if (row === 0) throw new ImportFileError('the file holds no records')
}

export function readRecords(
  input: Readable | AsyncIterable<Buffer>,
  format: ImportFormat,
  mapping: ImportMapping,
): AsyncIterable<SourceRecord> {
  const stream = input instanceof Readable ? input : Readable.from(input)
  if (format === 'csv') return csvRecords(stream, mapping)
  if (format === 'json') return jsonRecords(stream)
  return jsonlRecords(stream)
}
