// How the columns of an uploaded file become a contact (R5.3): which columns hold the phone
// numbers (in dialling order), the external id, the time zone and caller ID, and which column
// fills each global variable (R4.4: at most 28). National numbers are read with `defaultCountry`.
import { z } from 'zod'
import { globalVariableNameSchema } from '../domain/config/global-variable.ts'
import { CONTACT_FIELDS_MAX, CONTACT_NUMBERS_MAX } from '../domain/contact.ts'
import { printable } from '../domain/text.ts'

export const IMPORT_COLUMN_LENGTH_MAX = 128

const column = z
  .string()
  .min(1, 'a column name is needed')
  .max(IMPORT_COLUMN_LENGTH_MAX, `column names are at most ${IMPORT_COLUMN_LENGTH_MAX} characters`)

export const importMappingSchema = z
  .object({
    /** Columns holding phone numbers, in the order the contact strategy tries them. */
    numbers: z
      .array(column)
      .min(1, 'map at least one column to a phone number')
      .max(CONTACT_NUMBERS_MAX, `a contact has at most ${CONTACT_NUMBERS_MAX} numbers`),
    /** Identifies the same customer across rows and uploads; else the first valid number does. */
    externalId: column.optional(),
    /** IANA zone of the customer; else inferred from the number where its country has one zone. */
    timeZone: column.optional(),
    /** Per-record caller ID (R6.1). */
    callerId: column.optional(),
    /** Global variable name → column. */
    variables: z
      .record(globalVariableNameSchema, column)
      .default({})
      .refine((v) => Object.keys(v).length <= CONTACT_FIELDS_MAX, {
        error: `at most ${CONTACT_FIELDS_MAX} customer fields (R4.4)`,
      }),
    /** ISO 3166 alpha-2 country for numbers written without +. */
    defaultCountry: z
      .string()
      .regex(/^[A-Z]{2}$/, 'an ISO 3166 alpha-2 country code such as US or PL')
      .optional(),
    /** CSV only: the field delimiter (the first row is always the header). */
    delimiter: z
      .string()
      .length(1, 'the delimiter is one character')
      .refine(
        (d) => !['"', '\r', '\n'].includes(d),
        'the delimiter cannot be a quote or a line end',
      )
      .default(','),
  })
  .refine((m) => new Set(m.numbers).size === m.numbers.length, {
    error: 'a column is listed twice in numbers',
    path: ['numbers'],
  })
  .meta({ id: 'ContactMapping' })
export type ImportMapping = z.infer<typeof importMappingSchema>

/** Every column the mapping reads (a CSV header must hold them all). */
export function mappedColumns(mapping: ImportMapping): string[] {
  return [
    ...mapping.numbers,
    ...(mapping.externalId ? [mapping.externalId] : []),
    ...(mapping.timeZone ? [mapping.timeZone] : []),
    ...(mapping.callerId ? [mapping.callerId] : []),
    ...Object.values(mapping.variables),
  ]
}

/** How many unmapped column names an import lists (JSON objects may each bring new keys). */
export const IMPORT_UNMAPPED_COLUMNS_LISTED_MAX = 100

/** The columns of a file that the mapping does not read: ignored, but listed in the summary. */
export class UnmappedColumns {
  private readonly mapped: ReadonlySet<string>
  private readonly seen = new Set<string>()

  constructor(mapping: ImportMapping) {
    this.mapped = new Set(mappedColumns(mapping))
  }

  noteKeys(values: Record<string, unknown>): void {
    if (this.seen.size >= IMPORT_UNMAPPED_COLUMNS_LISTED_MAX) return
    for (const key in values)
      if (!this.mapped.has(key) && this.seen.size < IMPORT_UNMAPPED_COLUMNS_LISTED_MAX)
        this.seen.add(key)
  }

  noteHeader(header: readonly string[]): void {
    for (const name of header)
      if (!this.mapped.has(name) && this.seen.size < IMPORT_UNMAPPED_COLUMNS_LISTED_MAX)
        this.seen.add(name)
  }

  /** The columns as they can be stored and shown: a NUL or a lone surrogate in a name is escaped. */
  list(): string[] {
    return [...this.seen].map(printable)
  }
}
