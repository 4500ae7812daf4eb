// Goal (issue 14): a SIP trunk's schema fills its named defaults, refuses bad fields with their
// path and the reason (an unknown transport, ports, limits, caller-ID rules without a default), and the caller-ID
// rule sends an allowed caller ID as is and any other as the trunk's default.
import { describe, expect, it } from 'vitest'
import { SIP_TRUNK_CALLS_MAX, sipTrunkSchema, sipTrunkView, trunkCallerId } from './sip-trunk.ts'

const base = { id: 'main', name: 'Main trunk', host: '127.0.0.1' }

function issues(input: unknown): string[] {
  const parsed = sipTrunkSchema.safeParse(input)
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
}

describe('sipTrunkSchema', () => {
  it('fills the defaults', () => {
    expect(sipTrunkSchema.parse(base)).toEqual({
      ...base,
      port: 5060,
      transport: 'udp',
      maxConcurrentCalls: 30,
      keepAliveSec: 30,
      allowedCallerIdPrefixes: [],
    })
  })

  it('accepts TCP as the transport', () => {
    expect(sipTrunkSchema.parse({ ...base, transport: 'tcp' }).transport).toBe('tcp')
  })

  it.each([
    [{ transport: 'tls' }, 'transport: transport must be "udp" or "tcp"'],
    [{ port: 70_000 }, 'port: port is above'],
    [
      { maxConcurrentCalls: SIP_TRUNK_CALLS_MAX + 1 },
      'maxConcurrentCalls: maxConcurrentCalls is above',
    ],
    [{ host: 'a b' }, 'host: host must be'],
    [{ allowedCallerIdPrefixes: ['+44'] }, 'defaultCallerId: defaultCallerId is required'],
    [
      { allowedCallerIdPrefixes: ['+44'], defaultCallerId: '+15551230000' },
      'defaultCallerId: defaultCallerId must itself match',
    ],
    [{ password: 'x' }, 'username: a password needs its username'],
    [{ keepAliveSec: -1 }, 'keepAliveSec: keepAliveSec is below'],
  ])('refuses %j', (patch, message) => {
    expect(issues({ ...base, ...patch }).join('\n')).toContain(message)
  })

  it('hides the password in its view', () => {
    const trunk = sipTrunkSchema.parse({ ...base, username: 'u', password: 'secret-pass' })
    expect(sipTrunkView(trunk, true)).not.toHaveProperty('password')
    expect(sipTrunkView(trunk, true).passwordSet).toBe(true)
  })
})

describe('trunkCallerId (R6)', () => {
  const rules = { allowedCallerIdPrefixes: ['+4420'], defaultCallerId: '+442071234567' }
  it('keeps an allowed caller ID and replaces any other by the default', () => {
    expect(trunkCallerId(rules, '+442079999999')).toBe('+442079999999')
    expect(trunkCallerId(rules, '+15551230000')).toBe('+442071234567')
    expect(trunkCallerId({ allowedCallerIdPrefixes: [] }, '+15551230000')).toBe('+15551230000')
  })
})
