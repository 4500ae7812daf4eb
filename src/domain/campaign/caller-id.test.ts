// Goal: caller IDs are E.164 as R10.3 states it (^\+[1-9]\d{1,14}$), with a message that says so.
import { describe, expect, it } from 'vitest'
import { messageAt } from '../config/issues.testkit.ts'
import { callerIdSchema } from './caller-id.ts'

describe('callerIdSchema', () => {
  it('accepts E.164 numbers', () => {
    expect(callerIdSchema.parse('+14155550100')).toBe('+14155550100')
    expect(callerIdSchema.parse('+442071838750')).toBe('+442071838750')
  })

  it.each([
    ['no plus', '14155550100'],
    ['leading zero', '+04155550100'],
    ['spaces', '+1 415 555 0100'],
    ['16 digits', '+1234567890123456'],
  ])('refuses %s', (_label, value) => {
    expect(messageAt(callerIdSchema.safeParse(value), [])).toMatch(/must be E\.164/)
  })

  it('refuses a number given as a number', () => {
    expect(messageAt(callerIdSchema.safeParse(14155550100), [])).toMatch(/E\.164 string/)
  })
})
