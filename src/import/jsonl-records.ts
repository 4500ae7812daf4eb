// NDJSON uploads as records (R5.3): one JSON object per line (LF or CRLF; blank lines are no
// rows), cut by LineSplitter so a line over IMPORT_LINE_BYTES_MAX is reported and skipped without
// being held. A line that is not JSON, or not an object, is reported by its row and reading goes
// on; a file that is not UTF-8 is refused whole, naming the line.
import { decodeLine, isBlank, LineSplitter } from './lines.ts'
import type { UnmappedColumns } from './mapping.ts'
import {
  IMPORT_LINE_BYTES_MAX,
  IMPORT_ROWS_MAX,
  ImportFileError,
  type SourceRecord,
  tooManyRows,
} from './source.ts'

const notUtf8 = (line: number) =>
  new ImportFileError(
    `the file is not UTF-8 text (line ${line} holds bytes that are not UTF-8, e.g. Latin-1); save it as UTF-8 and upload it again`,
  )

function kindOf(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  return `a ${typeof value}`
}

export async function* jsonlRecords(
  chunks: AsyncIterable<Buffer>,
  unmapped: UnmappedColumns,
): AsyncGenerator<SourceRecord> {
  const splitter = new LineSplitter(IMPORT_LINE_BYTES_MAX)
  let row = 0
  const read = function* (lines: ReturnType<LineSplitter['push']>): Generator<SourceRecord> {
    for (const line of lines) {
      if ('bytes' in line && isBlank(line.bytes)) continue
      if (++row > IMPORT_ROWS_MAX) throw tooManyRows()
      if ('tooLong' in line) {
        yield {
          row,
          problem: `line ${line.line} is ${line.tooLong} bytes long, over ${IMPORT_LINE_BYTES_MAX} (IMPORT_LINE_BYTES_MAX); the row was not imported`,
        }
        continue
      }
      const text = decodeLine(line.bytes, line.line, notUtf8)
      let value: unknown
      try {
        value = JSON.parse(text)
      } catch (error) {
        yield {
          row,
          problem: `line ${line.line} is not JSON (${(error as Error).message}); the row was not imported`,
        }
        continue
      }
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        yield {
          row,
          problem: `line ${line.line} is ${kindOf(value)}, not a JSON object of column → value; the row was not imported`,
        }
        continue
      }
      unmapped.noteKeys(value as Record<string, unknown>)
      yield { row, values: value as Record<string, unknown> }
    }
  }
  for await (const chunk of chunks) yield* read(splitter.push(chunk))
  yield* read(splitter.end())
  if (row === 0)
    throw new ImportFileError('the file is empty: NDJSON needs one JSON object per line')
}
