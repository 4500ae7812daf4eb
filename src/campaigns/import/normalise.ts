// One row of an upload to a contact (R5.3): numbers to E.164 (libphonenumber-js, with the list's
// default country), the time zone from its column or, where the number's country has one zone,
// from the number (countries-and-timezones), caller ID checked, fields bounded. A row keeps its
// valid numbers and reports each invalid one; a row with none is rejected.
import ct from 'countries-and-timezones'
import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/max'
import { IANAZone } from 'luxon'
import { CONTACT_FIELD_VALUE_LENGTH_MAX, type Contact } from '../../domain/contact.ts'
import { isE164 } from '../../domain/phone.ts'
import type { ImportMapping } from './mapping.ts'

export interface RowIssue {
  row: number
  field: string
  reason: string
}

export type NormalisedRow =
  | { ok: true; dedupKey: string; contact: Contact; zoneInferred: boolean; issues: RowIssue[] }
  | { ok: false; issues: RowIssue[] }

const text = (value: unknown): string =>
  value === undefined || value === null
    ? ''
    : typeof value === 'string'
      ? value.trim()
      : String(value).trim()

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
  const numbers: string[] = []
  let firstCountry: string | undefined
  for (const column of mapping.numbers) {
    const raw = text(values[column])
    if (raw === '') continue
    const parsed = parsePhoneNumberFromString(
      raw,
      mapping.defaultCountry as CountryCode | undefined,
    )
    if (!parsed?.isValid()) {
      issues.push({
        row,
        field: column,
        reason: `'${raw.slice(0, 40)}' is not a valid phone number${mapping.defaultCountry ? '' : ' (set defaultCountry for national numbers)'}`,
      })
      continue
    }
    if (!numbers.includes(parsed.number)) numbers.push(parsed.number)
    firstCountry ??= parsed.country
  }
  if (numbers.length === 0) {
    if (issues.length === 0)
      issues.push({ row, field: mapping.numbers.join('|'), reason: 'no phone number in this row' })
    issues.push({ row, field: '', reason: 'rejected: the row has no valid phone number' })
    return { ok: false, issues }
  }
  let timeZone: string | undefined
  let zoneInferred = false
  if (mapping.timeZone) {
    const raw = text(values[mapping.timeZone])
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
    const raw = text(values[mapping.callerId])
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
    const value = text(values[column])
    if (value.length > CONTACT_FIELD_VALUE_LENGTH_MAX) {
      issues.push({
        row,
        field: column,
        reason: `longer than ${CONTACT_FIELD_VALUE_LENGTH_MAX} characters; cut to fit`,
      })
      fields[variable] = value.slice(0, CONTACT_FIELD_VALUE_LENGTH_MAX)
    } else if (value !== '') fields[variable] = value
  }
  const externalId = mapping.externalId ? text(values[mapping.externalId]).slice(0, 128) : ''
  const dedupKey = externalId !== '' ? `id:${externalId}` : `n:${numbers[0]}`
  const contact: Contact = {
    id: externalId !== '' ? externalId : numbers[0]!,
    campaignId,
    numbers,
    ...(timeZone ? { timeZone } : {}),
    ...(callerId ? { callerId } : {}),
    fields,
  }
  return { ok: true, dedupKey, contact, zoneInferred, issues }
}
