// Reading a DNC list's file (R5.4): a CSV with a `phoneNumber` (or `phone_number`) column, or one
// number per line without a header, read by the import's CSV reader (csv-records.ts) with each
// number through the import's normaliser (phone.ts) — national numbers with `defaultCountry`.
// Rows count from the file's first non-blank line (a header is row 1). A row without a valid
// number is reported and skipped; a row that cannot be read at all (broken quoting, over
// DNC_FILE_LINE_BYTES_MAX) refuses the whole file with an ImportFileError, as do bytes that are
// not UTF-8 and an upload that stops early — the list being replaced then stays as it was.
import { csvRows } from './csv-records.ts'
import { normalisePhoneNumber } from './phone.ts'
import { bytesOf, ImportFileError, type ImportInput } from './source.ts'

/** Numbers handed to the store at a time. */
export const DNC_FILE_BATCH_ROWS = 1000
/** A row longer than this refuses the file (a DNC file holds numbers, not long fields). */
export const DNC_FILE_LINE_BYTES_MAX = 1024

const HEADER_CELL = /^phone_?number$/i

export interface DncFileIssue {
  row: number
  reason: string
}

/** What reading rejected; complete once `numbers` is read to its end. */
export interface DncFileReport {
  rowsRejected: number
  /** The first `issuesKeptMax` issues. */
  issues: DncFileIssue[]
}

export interface DncFileReading {
  /** The valid numbers in E.164, in batches of at most DNC_FILE_BATCH_ROWS. */
  numbers: AsyncIterable<string[]>
  report: DncFileReport
}

export function readDncFile(
  input: ImportInput,
  options: { defaultCountry: string | undefined; issuesKeptMax: number },
): DncFileReading {
  const report: DncFileReport = { rowsRejected: 0, issues: [] }
  const reject = (issue: DncFileIssue) => {
    report.rowsRejected += 1
    if (report.issues.length < options.issuesKeptMax) report.issues.push(issue)
  }
  return { numbers: dncNumbers(input, options.defaultCountry, reject), report }
}

async function* dncNumbers(
  input: ImportInput,
  defaultCountry: string | undefined,
  reject: (issue: DncFileIssue) => void,
): AsyncGenerator<string[]> {
  const rows = csvRows(bytesOf(input), {
    delimiter: ',',
    lineBytesMax: DNC_FILE_LINE_BYTES_MAX,
    lineBytesMaxName: 'DNC_FILE_LINE_BYTES_MAX',
    trim: true,
  })
  let column = 0
  let row = 0
  let batch: string[] = []
  for await (const read of rows)
    for (const item of read) {
      row += 1
      if ('error' in item) throw new ImportFileError(`line ${item.line}: ${item.error}`)
      if (row === 1) {
        const header = item.cells.findIndex((cell) => HEADER_CELL.test(cell))
        if (header >= 0) {
          column = header
          continue
        }
      }
      const written = item.cells[column] ?? ''
      if (written === '') {
        reject({ row, reason: 'no phone number in this row' })
        continue
      }
      const number = normalisePhoneNumber(written, defaultCountry)
      if (!number.ok) {
        reject({ row, reason: number.reason })
        continue
      }
      batch.push(number.e164)
      if (batch.length >= DNC_FILE_BATCH_ROWS) {
        yield batch
        batch = []
      }
    }
  if (batch.length > 0) yield batch
}
