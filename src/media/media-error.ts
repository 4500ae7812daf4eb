// The one error the media layer throws for bad input (a malformed WAV, a short RTP packet, a frame
// of the wrong size): it names what is wrong and where, so the adapter that received the bytes can
// log it and drop them without guessing. A bug in the media code itself stays an InvariantError.

export type MediaErrorCode = 'wav' | 'rtp' | 'dtmf' | 'frame' | 'option'

export class MediaFormatError extends Error {
  override name = 'MediaFormatError'
  /** Which format or input the fault is in. */
  readonly code: MediaErrorCode
  /** Where in it: a chunk id, a header field, a byte offset. */
  readonly where: string

  constructor(code: MediaErrorCode, where: string, message: string) {
    super(`${code} ${where}: ${message}`)
    this.code = code
    this.where = where
  }
}
