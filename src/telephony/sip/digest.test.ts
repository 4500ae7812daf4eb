// Goal (issue 14): digest answers are RFC 2617's — the RFC's own worked example (qop=auth) gives
// its published response, and a challenge without qop uses the RFC 2069 form.
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { digestAuthorization, parseChallenge } from './digest.ts'

describe('digest', () => {
  it("reproduces RFC 2617 §3.5's example response", () => {
    const challenge = parseChallenge(
      'Digest realm="testrealm@host.com", qop="auth,auth-int", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41"',
    )
    expect(challenge).not.toBeNull()
    const value = digestAuthorization(
      challenge!,
      { username: 'Mufasa', password: 'Circle Of Life' },
      'GET',
      '/dir/index.html',
      '0a4f113b',
    )
    expect(value).toContain('response="6629fae49393a05397450978507c4ef1"')
    expect(value).toContain('nc=00000001')
    expect(value).toContain('opaque="5ccc069c403ebaf9f0171e9517f40e41"')
  })

  it('without qop: MD5(HA1:nonce:HA2)', () => {
    const md5 = (s: string) => createHash('md5').update(s).digest('hex')
    const value = digestAuthorization(
      parseChallenge('Digest realm="sip.example", nonce="abc"')!,
      { username: 'u', password: 'p' },
      'INVITE',
      'sip:+1555@trunk',
      'x',
    )
    const expected = md5(`${md5('u:sip.example:p')}:abc:${md5('INVITE:sip:+1555@trunk')}`)
    expect(value).toContain(`response="${expected}"`)
    expect(value).not.toContain('qop')
  })

  it('refuses what is not an MD5 digest challenge', () => {
    expect(parseChallenge('Basic realm="x"')).toBeNull()
    expect(parseChallenge('Digest realm="x"')).toBeNull()
    expect(parseChallenge('Digest realm="x", nonce="y", algorithm=SHA-256')).toBeNull()
  })
})
