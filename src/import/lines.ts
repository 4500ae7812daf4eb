// Physical lines of an upload, cut at '\n' bytes (a trailing '\r' is dropped, so CRLF, LF and
// files that mix them read alike; a UTF-8 BOM at the very start is dropped). A line longer than the
// limit is not kept: its bytes are counted and discarded up to its end, so memory stays bounded
// whatever the file holds. '\n' never occurs inside a UTF-8 multi-byte character, so cutting bytes
// here is safe before decoding. CSV records are built from these lines by csv-records.ts.

export type Line =
  /** `line` is 1-based in the file. */
  | { line: number; bytes: Buffer }
  /** A line over the limit, its length in bytes (without the line end). */
  | { line: number; tooLong: number }

const NEWLINE = 0x0a
const RETURN = 0x0d
const BOM = Buffer.from([0xef, 0xbb, 0xbf])

export class LineSplitter {
  private parts: Buffer[] = []
  private partsBytes = 0
  /** Bytes of the current line once it went over the limit. */
  private overflow: number | null = null
  private nextLine = 1
  private started = false

  constructor(private readonly maxBytes: number) {}

  /** The lines this chunk completes. */
  push(chunk: Buffer): Line[] {
    const out: Line[] = []
    let data = chunk
    if (!this.started && data.length > 0) {
      // The BOM may in theory arrive split across chunks; uploads start with at least 3 bytes.
      if (data.subarray(0, 3).equals(BOM)) data = data.subarray(3)
      this.started = true
    }
    let pos = 0
    while (pos <= data.length) {
      const end = data.indexOf(NEWLINE, pos)
      if (end === -1) {
        this.keep(data.subarray(pos))
        break
      }
      this.keep(data.subarray(pos, end))
      out.push(this.take())
      pos = end + 1
    }
    return out
  }

  /** The last line, when the file does not end with a line end. */
  end(): Line[] {
    return this.partsBytes > 0 || this.overflow !== null ? [this.take()] : []
  }

  private keep(piece: Buffer): void {
    if (piece.length === 0) return
    if (this.overflow !== null) {
      this.overflow += piece.length
      return
    }
    if (this.partsBytes + piece.length > this.maxBytes + 1) {
      // +1: the '\r' of a CRLF line exactly at the limit is not part of the line.
      this.overflow = this.partsBytes + piece.length
      this.parts = []
      this.partsBytes = 0
      return
    }
    this.parts.push(piece)
    this.partsBytes += piece.length
  }

  private take(): Line {
    const line = this.nextLine++
    if (this.overflow !== null) {
      const tooLong = this.overflow
      this.overflow = null
      return { line, tooLong }
    }
    let bytes =
      this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts, this.partsBytes)
    this.parts = []
    this.partsBytes = 0
    if (bytes.length > 0 && bytes[bytes.length - 1] === RETURN) bytes = bytes.subarray(0, -1)
    if (bytes.length > this.maxBytes) return { line, tooLong: bytes.length }
    return { line, bytes }
  }
}

/** A line of spaces and tabs only (or nothing): not a row. */
export function isBlank(bytes: Buffer): boolean {
  for (const byte of bytes) if (byte !== 0x20 && byte !== 0x09) return false
  return true
}

/** Decodes one line, refusing the file at the first byte that is not UTF-8 (and naming its line). */
const decoder = new TextDecoder('utf-8', { fatal: true })
export function decodeLine(bytes: Buffer, line: number, onError: (line: number) => Error): string {
  try {
    return decoder.decode(bytes)
  } catch {
    throw onError(line)
  }
}
