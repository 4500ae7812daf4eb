// Where every reader of an upload starts (R5.3): the limits, the record a reader yields, the error
// that refuses a whole file, and the upload's bytes pulled one chunk at a time — so a slow sink
// slows the upload (backpressure) instead of filling memory. The input's own failures (a client
// that went away) and cancellation become an ImportFileError, never an unhandled 'error' event.
// When reading stops early, the caller's stream is not destroyed: the rest of it is drained and
// discarded, so an HTTP server can still answer the request (a 422 rather than a reset).
import { Readable } from 'node:stream'

/** A row (CSV or NDJSON line, JSON array element) longer than this is reported and skipped. */
export const IMPORT_LINE_BYTES_MAX = 64 * 1024
/** A file with more data rows than this is refused: split it. */
export const IMPORT_ROWS_MAX = 5_000_000

export type ImportFormat = 'csv' | 'json' | 'jsonl'

/** One data row of the file: its values by column name, or why it could not be read. */
export type SourceRecord =
  | { row: number; values: Record<string, unknown> }
  | { row: number; problem: string; field?: string }

/** The whole file is refused (or the import was cancelled): nothing is written. */
export class ImportFileError extends Error {
  override name = 'ImportFileError'
}

export function tooManyRows(): ImportFileError {
  return new ImportFileError(
    `the file has more than ${IMPORT_ROWS_MAX.toLocaleString('en-US')} rows (IMPORT_ROWS_MAX); split it`,
  )
}

export function cancelled(): ImportFileError {
  return new ImportFileError('the import was cancelled; nothing was written')
}

export type ImportInput = Readable | AsyncIterable<Buffer | Uint8Array | string>

const asBuffer = (chunk: Buffer | Uint8Array | string): Buffer =>
  typeof chunk === 'string'
    ? Buffer.from(chunk, 'utf8')
    : Buffer.isBuffer(chunk)
      ? chunk
      : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)

/** The input's bytes, chunk by chunk, until its end, its failure or the signal. */
export async function* bytesOf(input: ImportInput, signal?: AbortSignal): AsyncGenerator<Buffer> {
  const iterator: AsyncIterator<Buffer | Uint8Array | string> =
    input instanceof Readable
      ? input.iterator({ destroyOnReturn: false })
      : input[Symbol.asyncIterator]()
  let onAbort: (() => void) | undefined
  const abortion = signal
    ? new Promise<never>((_, reject) => {
        onAbort = () => reject(cancelled())
        signal.addEventListener('abort', onAbort, { once: true })
      })
    : undefined
  abortion?.catch(() => {})
  let finished = false
  try {
    while (true) {
      if (signal?.aborted) throw cancelled()
      let step: IteratorResult<Buffer | Uint8Array | string>
      try {
        step = await (abortion ? Promise.race([iterator.next(), abortion]) : iterator.next())
      } catch (error) {
        finished = true
        if (error instanceof ImportFileError) throw error
        throw new ImportFileError(
          `the upload stopped before the end of the file (${(error as Error).message}); nothing was written`,
        )
      }
      if (step.done) {
        finished = true
        return
      }
      yield asBuffer(step.value)
    }
  } finally {
    if (onAbort) signal?.removeEventListener('abort', onAbort)
    if (!finished) release(input, iterator)
  }
}

/** Stops reading early: our own iterators end; a caller's stream is drained, not destroyed. */
function release(input: ImportInput, iterator: AsyncIterator<unknown>): void {
  iterator.return?.()?.catch(() => {})
  if (input instanceof Readable) {
    input.on('error', () => {})
    if (!input.destroyed && !input.readableEnded) input.resume()
  }
}
