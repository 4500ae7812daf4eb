// Caller ID (R5.1, R6.1, R10.3): the campaign's outdial ANI, an E.164 number. It is the lowest
// precedence caller ID; a record's own caller ID and PreDial's SetCallerID override it.
import { z } from 'zod'

/** E.164 as the reference API states it: '+', a non-zero digit, at most 15 digits in all. */
export const E164_PATTERN = /^\+[1-9]\d{1,14}$/

export function e164Schema(field: string) {
  return z
    .string({ error: `${field} must be an E.164 string like +14155550100` })
    .regex(
      E164_PATTERN,
      `${field} must be E.164: '+', a non-zero digit, then up to 14 digits, no spaces (R10.3 ^\\+[1-9]\\d{1,14}$)`,
    )
}

export const callerIdSchema = e164Schema('callerId')
