// Goal: a media format error carries its code and location and says both in its message, so a
// caller can tell a malformed WAV chunk from a short RTP header without parsing text.
import { describe, expect, it } from 'vitest'
import { MediaFormatError } from './media-error.ts'

describe('MediaFormatError', () => {
  it('names the format, the place and the fault', () => {
    const error = new MediaFormatError('wav', 'chunk "fmt "', 'is 12 bytes, needs at least 16')
    expect(error).toBeInstanceOf(Error)
    expect(error.name).toBe('MediaFormatError')
    expect(error.code).toBe('wav')
    expect(error.where).toBe('chunk "fmt "')
    expect(error.message).toBe('wav chunk "fmt ": is 12 bytes, needs at least 16')
  })
})
