// Reading an upload as records, streaming, whatever its size (R5.3): CSV (csv-parse), a JSON
// array of objects (stream-json) or NDJSON (one object per line). A record is either the values of
// a row by column name, or a problem with that row. Problems that make the rest of the file
// unreadable (not UTF-8, no header, a mapped column missing, not a JSON array, too many rows, the
// upload failing or cancelled) end the stream with an ImportFileError: the import is then aborted
// and nothing is written.
import { printable, textIssues } from '../domain/text.ts'
import { csvRecords } from './csv-records.ts'
import { jsonRecords } from './json-records.ts'
import { jsonlRecords } from './jsonl-records.ts'
import { type ImportMapping, UnmappedColumns } from './mapping.ts'
import { bytesOf, type ImportFormat, type ImportInput, type SourceRecord } from './source.ts'

export {
  ImportFileError,
  type ImportFormat,
  type ImportInput,
  type SourceRecord,
} from './source.ts'

export interface Reading {
  records: AsyncIterable<SourceRecord>
  /** Columns of the file the mapping does not read (complete once the records are read). */
  unmapped: UnmappedColumns
}

export function readRecords(
  input: ImportInput,
  format: ImportFormat,
  mapping: ImportMapping,
  signal?: AbortSignal,
): Reading {
  const chunks = bytesOf(input, signal)
  const unmapped = new UnmappedColumns(mapping)
  const records =
    format === 'csv'
      ? csvRecords(chunks, mapping, unmapped)
      : format === 'json'
        ? jsonRecords(chunks, unmapped)
        : jsonlRecords(chunks, unmapped)
  return { records: storableRecords(records), unmapped }
}

/** A row holding a NUL or a lone surrogate (written as `\u0000` or `\ud800` in JSON, or a NUL
 * byte in CSV) is a row issue naming the column, and a reader's problem text is made printable:
 * neither database stores such text (issue 16). */
async function* storableRecords(
  records: AsyncIterable<SourceRecord>,
): AsyncGenerator<SourceRecord> {
  for await (const record of records) {
    if (!('values' in record)) {
      // A reader's message may quote the line it could not read (JSON.parse does).
      yield {
        row: record.row,
        problem: printable(record.problem),
        ...(record.field === undefined ? {} : { field: printable(record.field) }),
      }
      continue
    }
    const [issue] = textIssues(record.values, 1)
    if (issue === undefined) {
      yield record
      continue
    }
    const column = printable(String(issue.path[0] ?? ''))
    yield {
      row: record.row,
      field: column,
      problem: `column '${column}': ${issue.message}; the row was not imported`,
    }
  }
}
