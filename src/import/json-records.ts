// JSON uploads as records (R5.3): one array of objects, read token by token with stream-json's
// Parser (strings and numbers arrive in chunks, so no single value is ever held whole unless it
// belongs to an element being kept). Each element is assembled by stream-json's Assembler while it
// stays under IMPORT_LINE_BYTES_MAX; a larger element, or one that is not an object, is reported
// by its row (array index + 1) and skipped. Numbers are kept as written (a phone number written
// as a JSON number keeps its digits). A file that is not UTF-8, not JSON, or not an array is
// refused whole.
import { pipeline, Readable } from 'node:stream'
import Assembler from 'stream-json/Assembler.js'
import Parser from 'stream-json/Parser.js'
import type { UnmappedColumns } from './mapping.ts'
import {
  IMPORT_LINE_BYTES_MAX,
  IMPORT_ROWS_MAX,
  ImportFileError,
  type SourceRecord,
  tooManyRows,
} from './source.ts'

interface Token {
  name: string
  value?: string
}

/** The Assembler methods used here (its published types list only `consume`). */
interface Assembling {
  consume(token: Token): void
  keyValue(key: string): void
  stringValue(value: string): void
  numberValue(value: string): void
  current: unknown
}

const assembler = (): Assembling =>
  new Assembler({ numberAsString: true } as ConstructorParameters<
    typeof Assembler
  >[0]) as unknown as Assembling

/** Passes the bytes on, refusing the file at the first byte that is not UTF-8. */
async function* utf8Checked(
  chunks: AsyncIterable<Buffer>,
  seen: { text: boolean },
): AsyncGenerator<Buffer> {
  const decoder = new TextDecoder('utf-8', { fatal: true })
  let offset = 0
  const refuse = (chunk: Buffer) => {
    const at = chunk.toString('utf8').indexOf('\uFFFD')
    const near =
      offset + (at < 0 ? chunk.length : Buffer.byteLength(chunk.toString('utf8').slice(0, at)))
    return new ImportFileError(
      `the file is not UTF-8 text (byte ${near} is not UTF-8, e.g. Latin-1); save it as UTF-8 and upload it again`,
    )
  }
  for await (const chunk of chunks) {
    try {
      decoder.decode(chunk, { stream: true })
    } catch {
      throw refuse(chunk)
    }
    if (!seen.text && /\S/.test(chunk.toString('latin1'))) seen.text = true
    offset += chunk.length
    yield chunk
  }
  try {
    decoder.decode()
  } catch {
    throw refuse(Buffer.alloc(0))
  }
}

const KIND_OF: Record<string, string> = {
  startArray: 'an array',
  startString: 'a string',
  startNumber: 'a number',
  nullValue: 'null',
  trueValue: 'true',
  falseValue: 'false',
}

/** One array element being read: assembled while it is an object under the limit. */
class Element {
  bytes = 0
  depth = 0
  text: string | null = null
  assembler: Assembling | null
  readonly kind: string | null

  constructor(first: Token) {
    this.kind = first.name === 'startObject' ? null : (KIND_OF[first.name] ?? first.name)
    this.assembler = this.kind === null ? assembler() : null
  }

  /** Takes one token of the element; true when the element has ended. */
  take(token: Token): boolean {
    const { name, value } = token
    this.bytes += value === undefined ? 1 : Buffer.byteLength(value)
    if (this.bytes > IMPORT_LINE_BYTES_MAX) this.assembler = null
    const a = this.assembler
    if (name === 'startObject' || name === 'startArray') this.depth++
    else if (name === 'endObject' || name === 'endArray') this.depth--
    if (name === 'startString' || name === 'startKey' || name === 'startNumber') this.text = ''
    else if (name === 'stringChunk' || name === 'numberChunk') {
      if (a && this.text !== null) this.text += value
    } else if (a) {
      if (name === 'endKey') a.keyValue(this.text!)
      else if (name === 'endString') a.stringValue(this.text!)
      else if (name === 'endNumber') a.numberValue(this.text!)
      else a.consume(token)
    }
    return this.depth === 0 && !name.startsWith('start') && !name.endsWith('Chunk')
  }

  record(row: number): SourceRecord {
    if (this.kind !== null)
      return { row, problem: `element ${row} is ${this.kind}, not an object of column → value` }
    if (!this.assembler)
      return {
        row,
        problem: `element ${row} is over ${IMPORT_LINE_BYTES_MAX} bytes (IMPORT_LINE_BYTES_MAX); the row was not imported`,
      }
    return { row, values: this.assembler.current as Record<string, unknown> }
  }
}

const empty = () =>
  new ImportFileError('the file is empty: send a JSON array of objects, [ {…}, {…} ]')

export async function* jsonRecords(
  chunks: AsyncIterable<Buffer>,
  unmapped: UnmappedColumns,
): AsyncGenerator<SourceRecord> {
  const parser = new Parser({ packValues: false, streamValues: true })
  let failure: Error | null = null
  const seen = { text: false }
  pipeline(Readable.from(utf8Checked(chunks, seen), { objectMode: false }), parser, (error) => {
    if (error) failure = error
  })
  let opened = false
  let closed = false
  let row = 0
  let element: Element | null = null
  try {
    for await (const token of parser as AsyncIterable<Token>) {
      if (!opened) {
        if (token.name !== 'startArray')
          throw new ImportFileError(
            `the file is not a JSON array of objects: it holds ${token.name === 'startObject' ? 'an object' : (KIND_OF[token.name] ?? 'something else')}; send [ {…}, {…} ]`,
          )
        opened = true
        continue
      }
      if (element === null) {
        if (token.name === 'endArray') {
          closed = true
          continue
        }
        if (++row > IMPORT_ROWS_MAX) throw tooManyRows()
        element = new Element(token)
      }
      if (element.take(token)) {
        const record = element.record(row)
        element = null
        if ('values' in record) unmapped.noteKeys(record.values)
        yield record
      }
    }
  } catch (error) {
    if (error instanceof ImportFileError) throw error
    const cause = (failure as Error | null) ?? (error as Error)
    if (cause instanceof ImportFileError) throw cause
    if (!seen.text) throw empty()
    throw new ImportFileError(
      `the file is not a JSON array of objects (${cause.message}${row > 0 ? `, after element ${row}` : ''}); nothing was imported`,
    )
  } finally {
    parser.destroy()
  }
  if (!opened) throw empty()
  if (!closed)
    throw new ImportFileError(
      `the JSON array is not closed (the file ends after element ${row}); nothing was imported`,
    )
}
