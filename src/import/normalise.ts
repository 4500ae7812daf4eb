// One row of an upload to a contact (R5.3): numbers to E.164 (phone.ts, with the list's default
// country), the time zone from its column or, where the number's country has one zone,
// from the number (countries-and-timezones), caller ID checked, fields bounded. A row keeps its
// valid numbers and reports each invalid one; a row with none is rejected.
import ct from 'countries-and-timezones'
import { IANAZone } from 'luxon'
import { CONTACT_FIELD_VALUE_LENGTH_MAX, type Contact } from '../domain/contact.ts'
import { isE164 } from '../domain/phone.ts'
import type { ImportMapping } from './mapping.ts'
import { normalisePhoneNumber } from './phone.ts'

export interface RowIssue {
  row: number
  field: string
  reason: string
}

export type NormalisedRow =
  | {
      ok: true
      dedupKey: string
      contact: Contact
      /** The column each of `contact.numbers` came from (to name it when a number is scrubbed). */
      numberColumns: string[]
      /** True when the dedup key (and the contact id) is the first number, not an external id. */
      keyedByNumber: boolean
      zoneInferred: boolean
      invalidNumbers: number
      issues: RowIssue[]
    }
  | { ok: false; invalidNumbers: number; issues: RowIssue[] }

/** The longest external id (the contact id of the engine). */
export const IMPORT_EXTERNAL_ID_LENGTH_MAX = 128

/** A cell as text: strings, numbers and booleans are; objects and arrays (JSON) are refused. */
function cell(
  row: number,
  values: Record<string, unknown>,
  column: string,
  issues: RowIssue[],
): string {
  const value = Object.hasOwn(values, column) ? values[column] : undefined
  if (value === undefined || value === null) return ''
  if (typeof value === 'string') return value.trim()
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value)
  issues.push({
    row,
    field: column,
    reason: `${Array.isArray(value) ? 'an array' : 'an object'} is not a text value; the field was left empty`,
  })
  return ''
}

/** The first `max` UTF-16 units, not splitting a surrogate pair. */
function cut(value: string, max: number): string {
  const code = value.charCodeAt(max - 1)
  return value.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max)
}

function zoneOfCountry(country: string | undefined): string | undefined {
  if (!country) return undefined
  const zones = ct.getCountry(country)?.timezones ?? []
  return zones.length === 1 ? zones[0] : undefined
}

export function normaliseRow(
  row: number,
  values: Record<string, unknown>,
  mapping: ImportMapping,
  campaignId: string,
): NormalisedRow {
  const issues: RowIssue[] = []
  const text = (column: string) => cell(row, values, column, issues)
  const numbers: string[] = []
  const numberColumns: string[] = []
  let invalidNumbers = 0
  let firstCountry: string | undefined
  for (const column of mapping.numbers) {
    const raw = text(column)
    if (raw === '') continue
    const parsed = normalisePhoneNumber(raw, mapping.defaultCountry)
    if (!parsed.ok) {
      invalidNumbers++
      issues.push({ row, field: column, reason: parsed.reason })
      continue
    }
    if (!numbers.includes(parsed.e164)) {
      numbers.push(parsed.e164)
      numberColumns.push(column)
    }
    firstCountry ??= parsed.country
  }
  if (numbers.length === 0) {
    if (invalidNumbers === 0)
      issues.push({ row, field: mapping.numbers.join('|'), reason: 'no phone number in this row' })
    issues.push({ row, field: '', reason: 'rejected: the row has no valid phone number' })
    return { ok: false, invalidNumbers, issues }
  }
  const externalId = mapping.externalId ? text(mapping.externalId) : ''
  if (externalId.length > IMPORT_EXTERNAL_ID_LENGTH_MAX) {
    issues.push({
      row,
      field: mapping.externalId!,
      reason: `the id is ${externalId.length} characters long, over ${IMPORT_EXTERNAL_ID_LENGTH_MAX}; rejected (a cut id could merge two customers)`,
    })
    return { ok: false, invalidNumbers, issues }
  }
  let timeZone: string | undefined
  let zoneInferred = false
  if (mapping.timeZone) {
    const raw = text(mapping.timeZone)
    if (raw !== '' && IANAZone.isValidZone(raw)) timeZone = raw
    else if (raw !== '')
      issues.push({
        row,
        field: mapping.timeZone,
        reason: `'${raw.slice(0, 40)}' is not an IANA time zone (e.g. Europe/Warsaw); the number's or the campaign's zone applies`,
      })
  }
  if (timeZone === undefined) {
    timeZone = zoneOfCountry(firstCountry)
    zoneInferred = timeZone !== undefined
  }
  let callerId: string | undefined
  if (mapping.callerId) {
    const raw = text(mapping.callerId)
    if (raw !== '' && isE164(raw)) callerId = raw
    else if (raw !== '')
      issues.push({
        row,
        field: mapping.callerId,
        reason: `caller ID '${raw.slice(0, 40)}' is not E.164; the campaign's applies`,
      })
  }
  const fields: Record<string, string> = {}
  for (const [variable, column] of Object.entries(mapping.variables)) {
    const value = text(column)
    if (value.length > CONTACT_FIELD_VALUE_LENGTH_MAX) {
      issues.push({
        row,
        field: column,
        reason: `longer than ${CONTACT_FIELD_VALUE_LENGTH_MAX} characters; cut to fit`,
      })
      fields[variable] = cut(value, CONTACT_FIELD_VALUE_LENGTH_MAX)
    } else if (value !== '') fields[variable] = value
  }
  const dedupKey = externalId !== '' ? `id:${externalId}` : `n:${numbers[0]}`
  const contact: Contact = {
    id: externalId !== '' ? externalId : numbers[0]!,
    campaignId,
    numbers,
    ...(timeZone ? { timeZone } : {}),
    ...(callerId ? { callerId } : {}),
    fields,
  }
  return {
    ok: true,
    dedupKey,
    contact,
    numberColumns,
    keyedByNumber: externalId === '',
    zoneInferred,
    invalidNumbers,
    issues,
  }
}
