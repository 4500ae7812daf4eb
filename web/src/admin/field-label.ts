// The label of a generated form field (issue 13): the schema's property name written as words
// ("entryPointId" → "Entry point ID"), or its Polish name where the catalogue has one. The API's
// field errors still name the property, so the property name stays in the field's title.
import type { Language } from '../i18n.tsx'
import { fieldNamesPl } from '../messages/field-names.ts'

/** Words written in capitals wherever they appear in a property name. */
const ACRONYMS: Readonly<Record<string, string>> = {
  id: 'ID',
  ids: 'IDs',
  dnc: 'DNC',
  ndnc: 'national DNC',
  ivr: 'IVR',
  url: 'URL',
  cpa: 'CPA',
  amd: 'AMD',
  sip: 'SIP',
  api: 'API',
  uri: 'URI',
  rtp: 'RTP',
  ms: 'ms',
  sec: 's',
}

/** "maxAttemptsTotal" → "Max attempts total"; "dncListNames" → "DNC list names". */
export function wordsOf(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[\s_-]+/)
    .filter((w) => w.length > 0)
    .map((w) => ACRONYMS[w.toLowerCase()] ?? w.toLowerCase())
  const text = words.join(' ')
  return text.length === 0 ? key : text.charAt(0).toUpperCase() + text.slice(1)
}

/** The label shown for a property, in the user's language; required fields end with " *". */
export function fieldLabel(key: string, required: boolean, language: Language): string {
  const name = (language === 'pl' ? fieldNamesPl[key] : undefined) ?? wordsOf(key)
  return required ? `${name} *` : name
}
