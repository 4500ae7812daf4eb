// A customer record as the engine sees it (R5.3): one or more numbers, optional zone and caller ID.
import { IANAZone } from 'luxon'
import { z } from 'zod'
import { e164FieldSchema } from './phone.ts'

/** The most numbers one contact may carry (home, mobile, work, …). */
export const CONTACT_NUMBERS_MAX = 10
/** The most customer fields on one contact: the campaign-data global variables (R4.4). */
export const CONTACT_FIELDS_MAX = 28
export const CONTACT_FIELD_VALUE_LENGTH_MAX = 256

export const contactSchema = z.strictObject({
  id: z.string().min(1).max(128),
  campaignId: z.string().min(1).max(64),
  /** E.164 numbers, in the order the contact strategy tries them. */
  numbers: z
    .array(e164FieldSchema('numbers[]'))
    .min(1, 'a contact needs at least one phone number (R5.3)')
    .max(CONTACT_NUMBERS_MAX, `a contact has at most ${CONTACT_NUMBERS_MAX} numbers`),
  /** IANA zone of the customer; absent means "use the campaign's zone". */
  timeZone: z
    .string()
    .refine((zone) => IANAZone.isValidZone(zone), {
      error: (issue) =>
        `timeZone '${String(issue.input)}' is not an IANA zone (e.g. Europe/Warsaw)`,
    })
    .optional(),
  /** Per-record caller ID (R6.1: above the campaign's, below PreDial's SetCallerID). */
  callerId: e164FieldSchema('callerId').optional(),
  /** Customer fields keyed by global variable name. */
  fields: z
    .record(
      z.string().regex(/^[A-Za-z0-9_]{1,80}$/),
      z.string().max(CONTACT_FIELD_VALUE_LENGTH_MAX),
    )
    .refine((fields) => Object.keys(fields).length <= CONTACT_FIELDS_MAX, {
      error: `at most ${CONTACT_FIELDS_MAX} customer fields (one per campaign-data global variable, R4.4)`,
    }),
})

export type Contact = z.infer<typeof contactSchema>
