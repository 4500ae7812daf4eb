// The attempt level of the reports as CSV (R9.1): every filtered attempt, newest first, read from
// the attempt log in keyset pages and streamed, with its outcome (the CPA result), disposition,
// times, talk seconds, call-guide answers, and one column per reportable global variable (R4.4).
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { AttemptFilter, AttemptView } from '../store/ports/attempt-reports.ts'
import { sendCsv } from './csv.ts'
import { storesOf } from './tenant-stores.ts'

/** Attempts read per page from the database while exporting: the export's memory bound. */
export const EXPORT_PAGE_ROWS = 1000

const iso = (ms: number | null | undefined) =>
  typeof ms === 'number' ? new Date(ms).toISOString() : null

const flag = (body: unknown, name: string) =>
  typeof body === 'object' && body !== null && (body as Record<string, unknown>)[name] === true

export async function sendAttemptsCsv(
  request: FastifyRequest,
  reply: FastifyReply,
  filter: AttemptFilter,
): Promise<FastifyReply> {
  const stores = storesOf(request)
  const variables = (await stores.documents.all('global-variable'))
    .filter((v) => flag(v.body, 'reportable') && !flag(v.body, 'sensitive'))
    .map((v) => v.name)
    .sort()
  const header = [
    'id',
    'campaignId',
    'contactId',
    'number',
    'agentId',
    'openedAt',
    'connectedAt',
    'closedAt',
    'outcome',
    'talkSec',
    'hangupParty',
    'dispositionCode',
    'dispositionFinal',
    'callbackAt',
    'callGuideFormId',
    'callGuideAnswers',
    ...variables.map((name) => `var:${name}`),
  ]
  const row = (a: AttemptView) => {
    const connectedAtMs =
      typeof a.details.connectedAtMs === 'number' ? a.details.connectedAtMs : null
    const values = (a.details.variables ?? {}) as Record<string, string>
    return [
      a.id,
      a.campaignId,
      a.contactId,
      a.number,
      a.agentId,
      iso(a.openedAtMs),
      iso(connectedAtMs),
      iso(a.closedAtMs),
      a.outcome,
      connectedAtMs === null || a.closedAtMs === null
        ? 0
        : Math.round((a.closedAtMs - connectedAtMs) / 1000),
      typeof a.details.hangupParty === 'string' ? a.details.hangupParty : null,
      a.disposition?.code ?? null,
      a.disposition ? a.disposition.final : null,
      iso(a.disposition?.callbackAtMs),
      a.callGuide?.formId ?? null,
      a.callGuide ? JSON.stringify(a.callGuide.answers) : null,
      ...variables.map((name) => values[name] ?? null),
    ]
  }
  async function* rows() {
    for await (const attempt of stores.attemptReports.scan(filter, EXPORT_PAGE_ROWS))
      yield row(attempt)
  }
  return sendCsv(reply, 'attempts', header, rows())
}
