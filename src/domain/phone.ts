// Phone numbers: the one E.164 shape the product accepts everywhere (R10.3 `^\+[1-9]\d{1,14}$`):
// '+', a non-zero digit, at most 15 digits in all. Normalising free text to E.164 belongs to the
// import (libphonenumber-js); this is the check every stored number passes.
import { z } from 'zod'

export const E164_PATTERN = /^\+[1-9]\d{1,14}$/

export function isE164(value: string): boolean {
  return E164_PATTERN.test(value)
}

/** A zod schema for an E.164 field; the message names the field and the rule. */
export function e164FieldSchema(field: string) {
  return z
    .string({ error: `${field} must be an E.164 string like +14155550100` })
    .regex(
      E164_PATTERN,
      `${field} must be E.164: '+', a non-zero digit, then up to 14 digits, no spaces (R10.3 ^\\+[1-9]\\d{1,14}$)`,
    )
}
