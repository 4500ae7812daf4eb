// Goal: a contact record (R5.3) is refused at the edge with the field path when a number is not
// E.164, the zone is unknown, or it has no number, too many numbers or too many fields.
import { describe, expect, it } from 'vitest'
import { CONTACT_FIELDS_MAX, CONTACT_NUMBERS_MAX, contactSchema } from './contact.ts'

const good = {
  id: 'c-1',
  campaignId: 'renewals',
  numbers: ['+48221234567', '+14155550100'],
  timeZone: 'Europe/Warsaw',
  callerId: '+14155550199',
  fields: { firstName: 'Ada' },
}

function pathsOf(input: unknown): string[] {
  const result = contactSchema.safeParse(input)
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'))
}

describe('R5.3 contact records', () => {
  it('accepts a record with several numbers, a zone and a caller ID', () => {
    expect(contactSchema.parse(good)).toEqual(good)
  })

  it('refuses a number that is not E.164, at its index', () => {
    expect(pathsOf({ ...good, numbers: ['+48221234567', '0221234567'] })).toEqual(['numbers.1'])
  })

  it('refuses a record without numbers, or with too many', () => {
    expect(pathsOf({ ...good, numbers: [] })).toEqual(['numbers'])
    const many = Array.from(
      { length: CONTACT_NUMBERS_MAX + 1 },
      (_, i) => `+1415555${String(i).padStart(4, '0')}`,
    )
    expect(pathsOf({ ...good, numbers: many })).toEqual(['numbers'])
  })

  it('refuses an unknown zone and a bad caller ID', () => {
    expect(pathsOf({ ...good, timeZone: 'Mars/Olympus' })).toEqual(['timeZone'])
    expect(pathsOf({ ...good, callerId: 'anonymous' })).toEqual(['callerId'])
  })

  it('refuses more customer fields than campaign-data global variables', () => {
    const fields = Object.fromEntries(
      Array.from({ length: CONTACT_FIELDS_MAX + 1 }, (_, i) => [`field_${i}`, 'x']),
    )
    expect(pathsOf({ ...good, fields })).toEqual(['fields'])
  })
})
