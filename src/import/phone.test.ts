// Goal: the one E.164 normaliser reads numbers as people write them (national format with the
// default country, spaces, brackets, dashes) and refuses what is not a valid number, saying why.
import { describe, expect, it } from 'vitest'
import { normalisePhoneNumber, PHONE_QUOTED_LENGTH_MAX } from './phone.ts'

describe('normalisePhoneNumber (R5.3, R5.4)', () => {
  it('reads national and international writing to E.164, with the country', () => {
    expect(normalisePhoneNumber('(415) 555-0101', 'US')).toEqual({
      ok: true,
      e164: '+14155550101',
      country: 'US',
    })
    expect(normalisePhoneNumber('+48 22 123 45 67', undefined)).toEqual({
      ok: true,
      e164: '+48221234567',
      country: 'PL',
    })
    expect(normalisePhoneNumber('+1 415 555 0103', 'PL')).toMatchObject({
      ok: true,
      e164: '+14155550103',
    })
  })

  it('refuses a number that is not valid, hinting at defaultCountry only when none was given', () => {
    expect(normalisePhoneNumber('4155550101', undefined)).toEqual({
      ok: false,
      reason: "'4155550101' is not a valid phone number (set defaultCountry for national numbers)",
    })
    expect(normalisePhoneNumber('555-01', 'US')).toEqual({
      ok: false,
      reason: "'555-01' is not a valid phone number",
    })
    const long = normalisePhoneNumber('x'.repeat(100), 'US')
    expect(long.ok).toBe(false)
    if (!long.ok) expect(long.reason).toContain(`'${'x'.repeat(PHONE_QUOTED_LENGTH_MAX)}'`)
    if (!long.ok) expect(long.reason).not.toContain('x'.repeat(PHONE_QUOTED_LENGTH_MAX + 1))
  })
})
