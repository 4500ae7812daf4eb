// Goal (issue 14): the SDP offer carries PCMU, PCMA and telephone-event at 20 ms on our RTP port;
// answers are read the RFC 3264 way (the first G.711 payload kept, media-level address first) and
// a hold (sendonly, 0.0.0.0) is seen; an answer without G.711 is refused.
import { describe, expect, it } from 'vitest'
import { readAnswer, writeOffer } from './sdp.ts'

const SIPP_ANSWER = [
  'v=0',
  'o=user1 53655765 2353687637 IN IP4 127.0.0.1',
  's=-',
  'c=IN IP4 127.0.0.1',
  't=0 0',
  'm=audio 6000 RTP/AVP 8 0',
  'a=rtpmap:8 PCMA/8000',
  'a=rtpmap:0 PCMU/8000',
  '',
].join('\r\n')

describe('SDP', () => {
  it('offers PCMU and PCMA with telephone-event at 20 ms', () => {
    const offer = writeOffer('127.0.0.2', 20_000, 42)
    expect(offer).toContain('m=audio 20000 RTP/AVP 0 8 101\r\n')
    expect(offer).toContain('c=IN IP4 127.0.0.2\r\n')
    expect(offer).toContain('a=rtpmap:0 PCMU/8000')
    expect(offer).toContain('a=rtpmap:8 PCMA/8000')
    expect(offer).toContain('a=ptime:20')
    expect(readAnswer(offer)).toEqual({
      host: '127.0.0.2',
      port: 20_000,
      payloadType: 0,
      law: 'mu',
      held: false,
    })
  })

  it("takes the answer's first G.711 codec and address", () => {
    expect(readAnswer(SIPP_ANSWER)).toMatchObject({ host: '127.0.0.1', port: 6000, law: 'a' })
  })

  it('sees a hold and refuses an answer without G.711', () => {
    expect(readAnswer(`${SIPP_ANSWER}a=sendonly\r\n`)?.held).toBe(true)
    expect(readAnswer(SIPP_ANSWER.replace('c=IN IP4 127.0.0.1', 'c=IN IP4 0.0.0.0'))?.held).toBe(
      true,
    )
    expect(readAnswer(SIPP_ANSWER.replace('RTP/AVP 8 0', 'RTP/AVP 9'))).toBeNull()
    expect(readAnswer('garbage')).toBeNull()
  })
})
