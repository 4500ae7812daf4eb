// Free text to E.164 (R5.3, R5.4): the one place where numbers as people write them — national
// format with a default country, spaces, brackets, dashes — become the E.164 form the product
// stores. libphonenumber-js with its full metadata, so a number must be valid for its country, not
// only of a possible length. The contact import and the DNC file loader read numbers through it;
// src/domain/phone.ts holds the E.164 shape every stored number (and the DNC number route) checks.
import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/max'

/** Characters of the written value quoted back when it is refused. */
export const PHONE_QUOTED_LENGTH_MAX = 40

export type NormalisedNumber =
  | { ok: true; e164: string /** ISO 3166 alpha-2, when the number names one. */; country?: string }
  | { ok: false; reason: string }

/** The number in E.164, read with `defaultCountry` when written without '+'; else why not. */
export function normalisePhoneNumber(
  written: string,
  defaultCountry: string | undefined,
): NormalisedNumber {
  const parsed = parsePhoneNumberFromString(written, defaultCountry as CountryCode | undefined)
  if (parsed?.isValid())
    return parsed.country === undefined
      ? { ok: true, e164: parsed.number }
      : { ok: true, e164: parsed.number, country: parsed.country }
  return {
    ok: false,
    reason: `'${written.slice(0, PHONE_QUOTED_LENGTH_MAX)}' is not a valid phone number${defaultCountry ? '' : ' (set defaultCountry for national numbers)'}`,
  }
}
