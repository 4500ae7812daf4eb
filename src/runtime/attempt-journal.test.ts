// Goal (issue 14, R9.1): the keys an IVR menu collected (the engine's ivrAnswers) are written with
// the attempt's close under details.variables, beside the contact's reportable variables.
import { describe, expect, it } from 'vitest'
import type { AttemptClose, AttemptLog } from '../store/ports/dialer-store.ts'
import { AttemptJournal, type AttemptJournalDeps } from './attempt-journal.ts'

function journal(variables: Record<string, string>) {
  const closes: AttemptClose[] = []
  const log = {
    open: async () => ({ kind: 'opened' as const }),
    close: async (close: AttemptClose) => {
      closes.push(close)
      return true
    },
  } as unknown as AttemptLog
  const deps = {
    log,
    writes: { push: (write: { run: () => Promise<void> }) => void write.run() },
    leases: { next: () => ({ id: 'lease', untilMs: 0 }) },
    runtimeLog: { warn: () => {}, error: () => {} },
    ownerAgentOf: () => null,
    reportableVariablesOf: () => variables,
    storedContacts: () => true,
  } as unknown as AttemptJournalDeps
  return { journal: new AttemptJournal(deps), closes }
}

const DIAL = {
  kind: 'dial' as const,
  atMs: 1000,
  attemptId: 'a1',
  campaignId: 'c1',
  contactId: 'k1',
  number: '+15550100001',
  zone: 'UTC',
  callerId: '+15550100000',
}

const RECORD = {
  id: 'a1',
  campaignId: 'c1',
  contactId: 'k1',
  number: '+15550100001',
  callerId: '+15550100000',
  dialedAtMs: 1000,
  endedAtMs: 9000,
  outcome: 'LIVE_VOICE' as const,
}

async function closeWith(variables: Record<string, string>, ivrAnswers?: Record<string, string>) {
  const { journal: j, closes } = journal(variables)
  j.onEvent(DIAL)
  await j.openAttempt('a1')
  j.onEvent({
    kind: 'attemptClosed',
    atMs: 9000,
    attempt: { ...RECORD, ...(ivrAnswers ? { ivrAnswers } : {}) },
  })
  await new Promise((resolve) => setTimeout(resolve, 0))
  expect(closes).toHaveLength(1)
  return closes[0]!.details
}

describe('the attempt journal writes IVR answers', () => {
  it('merges the menu keys into details.variables', async () => {
    expect(await closeWith({ region: 'north' }, { choice: '2' })).toMatchObject({
      variables: { region: 'north', choice: '2' },
    })
    expect(await closeWith({}, { choice: '15' })).toMatchObject({ variables: { choice: '15' } })
  })

  it('writes no variables when there are neither', async () => {
    expect(await closeWith({})).not.toHaveProperty('variables')
  })
})
