// Which physical lines make one CSV row, so that a broken row can be skipped without losing the
// rows after it. csv-parse cannot resume after a quoting error (it stays inside the quote and reads
// the rest of the file as one field), so the rows are cut before it parses them: a line end ends a
// row when the row so far holds an even number of '"' — true of every well-formed CSV, where a
// quoted field holds its quotes doubled. csv-parse still reads every row and is the judge of its
// content; this only decides where a bad row ends:
// - a row of one line is handed on as is (csv-records.ts parses them in batches);
// - a row of several lines (a quoted field with line ends) is read at once; if csv-parse refuses
//   it, its first line is reported and its later lines are cut again, so a stray quote costs one
//   row, not the rows after it;
// - a row still open past IMPORT_LINE_BYTES_MAX or at the end of the file is reported the same way.
import { isBlank, type Line } from './lines.ts'

export type RowLines =
  /** One line holding a whole row (even quotes), to parse. */
  | { kind: 'row'; line: number; lines: [Buffer] }
  /** A row of several lines, already read. */
  | { kind: 'parsed'; line: number; cells: string[] }
  /** A row that cannot be read, and why. */
  | { kind: 'broken'; line: number; reason: string }
  /** A single line over the limit. */
  | { kind: 'tooLong'; line: number; bytes: number }

/** Reads the given lines as one row with csv-parse: its cells, or why it cannot be read. */
export type ReadRow = (lines: Line[]) => { cells: string[] } | { error: string }

const QUOTE = 0x22

function quotesIn(bytes: Buffer): number {
  let count = 0
  let pos = bytes.indexOf(QUOTE)
  while (pos !== -1) {
    count++
    pos = bytes.indexOf(QUOTE, pos + 1)
  }
  return count
}

export class CsvRowCutter {
  private open: { lines: Line[]; bytes: number } | null = null

  constructor(
    private readonly maxBytes: number,
    private readonly readRow: ReadRow,
  ) {}

  /** The rows this line completes (blank lines outside a row are no row). */
  push(line: Line): RowLines[] {
    const out: RowLines[] = []
    const queue: Line[] = [line]
    while (queue.length > 0) this.feed(queue.shift()!, queue, out)
    return out
  }

  /** At the end of the file: an open row is reported and its later lines cut again. */
  end(): RowLines[] {
    const out: RowLines[] = []
    while (this.open) {
      const queue = this.reject(this.open.lines, out)
      while (queue.length > 0) this.feed(queue.shift()!, queue, out)
    }
    return out
  }

  private feed(line: Line, queue: Line[], out: RowLines[]): void {
    const open = this.open
    if (!open) {
      if ('tooLong' in line) out.push({ kind: 'tooLong', line: line.line, bytes: line.tooLong })
      else if (isBlank(line.bytes)) return
      else if (quotesIn(line.bytes) % 2 === 0)
        out.push({ kind: 'row', line: line.line, lines: [line.bytes] })
      else this.open = { lines: [line], bytes: line.bytes.length }
      return
    }
    if ('tooLong' in line || open.bytes + 1 + line.bytes.length > this.maxBytes) {
      queue.unshift(...this.reject(open.lines, out), line)
      return
    }
    open.lines.push(line)
    open.bytes += 1 + line.bytes.length
    if (quotesIn(line.bytes) % 2 === 0) return
    const read = this.readRow(open.lines)
    if ('cells' in read) {
      this.open = null
      out.push({ kind: 'parsed', line: open.lines[0]!.line, cells: read.cells })
    } else queue.unshift(...this.reject(open.lines, out))
  }

  /** Reports the row opened on the first of these lines; the lines after it are to be cut again. */
  private reject(lines: Line[], out: RowLines[]): Line[] {
    this.open = null
    const first = lines[0]!
    const alone = this.readRow([first])
    out.push({
      kind: 'broken',
      line: first.line,
      reason:
        'error' in alone && !/not closed/.test(alone.error)
          ? alone.error
          : `broken quoting: a quote opened on this line does not close within ${this.maxBytes} bytes (nor before the end of the file)`,
    })
    return lines.slice(1)
  }
}
