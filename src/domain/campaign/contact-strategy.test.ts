// Goal: a contact strategy (R5.2) lists which numbers to try in what order, each once, with
// optional daytime local hours per number type that some listed number actually uses.
import { describe, expect, it } from 'vitest'
import { messageAt } from '../config/issues.testkit.ts'
import { contactStrategySchema, localHoursOf, localTimeMinutes } from './contact-strategy.ts'

const strategy = {
  numberOrder: [
    { numberIndex: 1, numberType: 'MOBILE' },
    { numberIndex: 0, numberType: 'WORK' },
  ],
  localHoursByNumberType: { WORK: { startLocal: '09:00', endLocal: '17:30' } },
}

describe('contactStrategySchema', () => {
  it('accepts a good strategy and finds the hours of a step', () => {
    const parsed = contactStrategySchema.parse(strategy)
    expect(localHoursOf(parsed, parsed.numberOrder[1]!)).toEqual({
      startLocal: '09:00',
      endLocal: '17:30',
    })
    expect(localHoursOf(parsed, parsed.numberOrder[0]!)).toBeUndefined()
    expect(localTimeMinutes('17:30')).toBe(1050)
  })

  it('defaults the number type and the hours', () => {
    expect(contactStrategySchema.parse({ numberOrder: [{ numberIndex: 0 }] })).toEqual({
      numberOrder: [{ numberIndex: 0, numberType: 'OTHER' }],
      localHoursByNumberType: {},
    })
  })

  it('refuses an empty number order', () => {
    const result = contactStrategySchema.safeParse({ numberOrder: [] })
    expect(messageAt(result, ['numberOrder'])).toMatch(/no contact can be dialled/)
  })

  it('refuses a number tried twice, at the repeat', () => {
    const result = contactStrategySchema.safeParse({
      numberOrder: [{ numberIndex: 0 }, { numberIndex: 0 }],
    })
    expect(messageAt(result, ['numberOrder', 1, 'numberIndex'])).toMatch(/tried once per pass/)
  })

  it('refuses an index beyond the numbers a contact can hold', () => {
    const result = contactStrategySchema.safeParse({ numberOrder: [{ numberIndex: 10 }] })
    expect(messageAt(result, ['numberOrder', 0, 'numberIndex'])).toMatch(/at most 10 numbers/)
  })

  it('refuses overnight or malformed hours, at the field', () => {
    const overnight = contactStrategySchema.safeParse({
      ...strategy,
      localHoursByNumberType: { WORK: { startLocal: '20:00', endLocal: '08:00' } },
    })
    expect(messageAt(overnight, ['localHoursByNumberType', 'WORK', 'endLocal'])).toMatch(
      /not after startLocal 20:00.*never overnight/,
    )
    const malformed = contactStrategySchema.safeParse({
      ...strategy,
      localHoursByNumberType: { WORK: { startLocal: '9am', endLocal: '17:00' } },
    })
    expect(messageAt(malformed, ['localHoursByNumberType', 'WORK', 'startLocal'])).toMatch(/HH:MM/)
  })

  it('refuses hours for a type no listed number has', () => {
    const result = contactStrategySchema.safeParse({
      ...strategy,
      localHoursByNumberType: { HOME: { startLocal: '10:00', endLocal: '12:00' } },
    })
    expect(messageAt(result, ['localHoursByNumberType', 'HOME'])).toMatch(/would never apply/)
  })

  it('refuses an unknown number type key', () => {
    const result = contactStrategySchema.safeParse({
      ...strategy,
      localHoursByNumberType: { PAGER: { startLocal: '10:00', endLocal: '12:00' } },
    })
    expect(messageAt(result, ['localHoursByNumberType'])).toMatch(/must be number types.*not PAGER/)
  })
})
