// The dialing-list response a campaign manager answers to the dialer's fetch (R10.2; the reference
// publishes none, Outdial defines it in docs/dialer-api.md): `{ records: [...], done }`. The
// envelope must be right or the whole answer is refused; each record is checked on its own, and a
// bad one is reported and skipped, never fatal.
import { z } from 'zod'
import { RECORD_COUNT_MAX } from '../../domain/campaign/limits.ts'
import { type Contact, contactSchema } from '../../domain/contact.ts'

/** Records one answer may carry (the Dialer API's recordCount cap). */
export const FETCH_RECORDS_MAX = RECORD_COUNT_MAX

export const dialingListResponseSchema = z.object({
  records: z
    .array(z.unknown(), { error: 'records must be an array' })
    .max(FETCH_RECORDS_MAX, `at most ${FETCH_RECORDS_MAX} records per answer`),
  done: z.boolean({ error: 'done must be true or false' }),
})

export interface RejectedRecord {
  index: number
  /** The record's id when it had a readable one. */
  recordId?: string
  issues: { path: string; message: string }[]
}

export interface DialingList {
  records: Contact[]
  rejected: RejectedRecord[]
  done: boolean
}

export type DialingListParse =
  | ({ ok: true } & DialingList)
  | { ok: false; message: string; issues: { path: string; message: string }[] }

function issuesOf(error: z.ZodError) {
  return error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }))
}

/** Record fields Outdial reads; others are ignored (a campaign manager may send more). */
function recordFields(record: Record<string, unknown>, campaignId: string) {
  return {
    id: record.id,
    campaignId,
    numbers: record.numbers,
    ...(record.timeZone !== undefined ? { timeZone: record.timeZone } : {}),
    ...(record.callerId !== undefined ? { callerId: record.callerId } : {}),
    fields: record.fields ?? {},
  }
}

export function parseDialingList(json: unknown, campaignId: string): DialingListParse {
  const envelope = dialingListResponseSchema.safeParse(json)
  if (!envelope.success) {
    return {
      ok: false,
      message: 'the dialing list answer is invalid',
      issues: issuesOf(envelope.error),
    }
  }
  const records: Contact[] = []
  const rejected: RejectedRecord[] = []
  const seen = new Set<string>()
  envelope.data.records.forEach((raw, index) => {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      rejected.push({ index, issues: [{ path: '', message: 'a record must be an object' }] })
      return
    }
    const record = raw as Record<string, unknown>
    const recordId = typeof record.id === 'string' ? record.id : undefined
    const parsed = contactSchema.safeParse(recordFields(record, campaignId))
    if (!parsed.success) {
      rejected.push({ index, ...(recordId ? { recordId } : {}), issues: issuesOf(parsed.error) })
      return
    }
    if (seen.has(parsed.data.id)) {
      rejected.push({
        index,
        recordId: parsed.data.id,
        issues: [{ path: 'id', message: 'the same record twice in one answer' }],
      })
      return
    }
    seen.add(parsed.data.id)
    records.push(parsed.data)
  })
  return { ok: true, records, rejected, done: envelope.data.done }
}
