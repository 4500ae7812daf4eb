// Goal (issue 14): the softphones' registrar challenges a REGISTER without credentials, accepts
// the right digest answer to a nonce it issued (and no other: wrong password, unknown user, a
// made-up or stale nonce), keeps the contact for the Expires it grants (bounded), and drops it on
// Expires 0 or when it runs out.
import { describe, expect, it } from 'vitest'
import { VirtualClock } from '../../dialer/ports/virtual-clock.ts'
import { digestAuthorization, parseChallenge } from './digest.ts'
import { header, type SipRequest } from './message.ts'
import { NONCE_TTL_SEC, REGISTER_EXPIRES_SEC_MAX, Registrar } from './registrar.ts'

const from = { host: '127.0.0.1', port: 5999 }

function register(expires: string, authorization?: string): SipRequest {
  return {
    kind: 'request',
    method: 'REGISTER',
    uri: 'sip:127.0.0.2:5060',
    headers: [
      ['via', 'SIP/2.0/UDP 127.0.0.1:5999;branch=z9hG4bK-r'],
      ['from', '<sip:agent-1@demo>;tag=a'],
      ['to', '<sip:agent-1@demo>'],
      ['call-id', 'reg-1'],
      ['cseq', '1 REGISTER'],
      ['contact', '<sip:agent1@10.0.0.9:5070>'],
      ['expires', expires],
      ...(authorization ? ([['authorization', authorization]] as [string, string][]) : []),
    ],
    body: '',
  }
}

function setup() {
  const clock = new VirtualClock(0)
  const registrar = new Registrar(clock, (user) =>
    user === 'agent-1@demo' ? 'phone-pass-1' : null,
  )
  const answer = (expires: string, username: string, password: string) => {
    const challenge = registrar.handle(register(expires), from)
    expect(challenge.status).toBe(401)
    const parsed = parseChallenge(header(challenge, 'www-authenticate')!)!
    const auth = digestAuthorization(
      parsed,
      { username, password },
      'REGISTER',
      'sip:127.0.0.2:5060',
      'cn',
    )
    return registrar.handle(register(expires, auth), from)
  }
  return { clock, registrar, answer }
}

describe('Registrar', () => {
  it('challenges, then binds the contact for the Expires granted', () => {
    const { clock, registrar, answer } = setup()
    const ok = answer('300', 'agent-1@demo', 'phone-pass-1')
    expect(ok.status).toBe(200)
    expect(header(ok, 'contact')).toBe('<sip:agent1@10.0.0.9:5070>;expires=300')
    expect(registrar.lookup('agent-1@demo')).toMatchObject({
      contact: 'sip:agent1@10.0.0.9:5070',
      peer: { host: '10.0.0.9', port: 5070 },
    })
    clock.advanceMs(300_000)
    expect(registrar.lookup('agent-1@demo')).toBeNull()
  })

  it('bounds the Expires and removes the binding on Expires 0', () => {
    const { registrar, answer } = setup()
    expect(header(answer('999999', 'agent-1@demo', 'phone-pass-1'), 'contact')).toContain(
      `expires=${REGISTER_EXPIRES_SEC_MAX}`,
    )
    expect(answer('0', 'agent-1@demo', 'phone-pass-1').status).toBe(200)
    expect(registrar.lookup('agent-1@demo')).toBeNull()
  })

  it('refuses a wrong password, an unknown user, a made-up or stale nonce', () => {
    const { clock, registrar, answer } = setup()
    expect(answer('300', 'agent-1@demo', 'wrong').status).toBe(401)
    expect(answer('300', 'agent-9@demo', 'phone-pass-1').status).toBe(401)
    const forged = digestAuthorization(
      { realm: 'outdial', nonce: 'made-up', qop: 'auth' },
      { username: 'agent-1@demo', password: 'phone-pass-1' },
      'REGISTER',
      'sip:127.0.0.2:5060',
      'cn',
    )
    expect(registrar.handle(register('300', forged), from).status).toBe(401)
    const challenge = registrar.handle(register('300'), from)
    const late = digestAuthorization(
      parseChallenge(header(challenge, 'www-authenticate')!)!,
      { username: 'agent-1@demo', password: 'phone-pass-1' },
      'REGISTER',
      'sip:127.0.0.2:5060',
      'cn',
    )
    clock.advanceMs((NONCE_TTL_SEC + 1) * 1000)
    expect(registrar.handle(register('300', late), from).status).toBe(401)
    expect(registrar.lookup('agent-1@demo')).toBeNull()
  })
})
