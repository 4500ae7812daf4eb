// Goal: the contact-import service does the whole of one upload for every caller — one upload per
// list, the campaign's DNC lists scrubbed, every issue recorded in batches with the first ones
// returned, the list finished ready or failed — and never leaves a list importing.
import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import type { ContactListView, ImportIssueRow } from '../store/ports/contact-lists.ts'
import { ImportSinkError } from './import-contacts.ts'
import { importMappingSchema } from './mapping.ts'
import { ContactImportService, IMPORT_ISSUE_WRITE_ROWS } from './service.ts'
import { MemorySink, type MemorySinkOptions } from './test-kit.ts'

const list: ContactListView = {
  id: 'l1',
  campaignId: 'c1',
  name: 'list',
  status: 'awaiting-upload',
  mapping: importMappingSchema.parse({ numbers: ['phone'], externalId: 'id' }),
  counts: {},
  createdAtMs: 0,
  failure: null,
}

function store(sinkOptions: MemorySinkOptions = {}) {
  const state = {
    status: 'awaiting-upload' as string,
    counts: {} as Record<string, number>,
    writes: [] as ImportIssueRow[][],
    scrubbedFor: [] as string[],
    sinks: [] as MemorySink[],
  }
  const service = new ContactImportService(
    (tenantId) => ({
      lists: {
        beginImport: async (listId) => {
          expect([tenantId, listId]).toEqual(['t1', 'l1'])
          if (state.status !== 'awaiting-upload') return false
          state.status = 'importing'
          return true
        },
        appendIssues: async (_listId, issues) => void state.writes.push([...issues]),
        renewImport: async () => true,
        finishImport: async (_listId, _owner, ok, counts) => {
          state.status = ok ? 'ready' : 'failed'
          state.counts = counts
        },
      },
      sinkFor: (_list, scrubLists) => {
        const sink = new MemorySink(sinkOptions)
        const lookup = sink.dncLookup.bind(sink)
        sink.dncLookup = async (numbers) => {
          state.scrubbedFor.push(...(await scrubLists()))
          return lookup(numbers)
        }
        state.sinks.push(sink)
        return sink
      },
      scrubLists: async (campaignId) => [`${tenantId}/${campaignId}/internal`],
    }),
    { owner: 'test-process', nowMs: () => 0 },
  )
  const run = (file: string | Buffer, issuesReturnedMax = 2) =>
    service.importList({
      tenantId: 't1',
      list,
      input: Readable.from([Buffer.from(file)]),
      format: 'csv',
      issuesReturnedMax,
    })
  return { state, run }
}

const rows = (count: number, phone: (i: number) => string) =>
  ['id,phone', ...Array.from({ length: count }, (_, i) => `c${i},${phone(i)}`)].join('\n')

describe('ContactImportService (R5.3, R5.4)', () => {
  it('imports into the list, scrubbing against the campaign DNC lists, and finishes it ready', async () => {
    const { state, run } = await store({ dnc: ['+48601000001'] })
    const outcome = await run(rows(3, (i) => `+4860100000${i}`))
    expect(outcome).toMatchObject({
      kind: 'finished',
      committed: true,
      counts: { rowsRead: 3, imported: 2, scrubbedContacts: 1 },
      issuesTotal: 2,
    })
    expect(state.status).toBe('ready')
    expect(state.counts).toMatchObject({ imported: 2, rejected: 1 })
    expect(state.scrubbedFor).toEqual(['t1/c1/internal'])
    expect(state.sinks[0]!.committed.size).toBe(2)
  })

  it('takes one upload per list: a second one reads nothing', async () => {
    const { state, run } = await store()
    await run(rows(1, () => '+48601000001'))
    expect(await run(rows(1, () => '+48601000002'))).toEqual({ kind: 'notAwaitingUpload' })
    expect(state.sinks).toHaveLength(1)
  })

  it('records every issue in batches and returns the first ones', async () => {
    const { state, run } = await store()
    const outcome = await run(
      rows(IMPORT_ISSUE_WRITE_ROWS + 1, () => 'bad'),
      3,
    )
    const total = 2 * (IMPORT_ISSUE_WRITE_ROWS + 1) // the number, then the row rejected
    expect(outcome).toMatchObject({ kind: 'finished', committed: true, issuesTotal: total })
    if (outcome.kind !== 'finished') return
    expect(outcome.issues.map((i) => i.row)).toEqual([1, 1, 2])
    expect(state.writes.map((w) => w.length)).toEqual([
      IMPORT_ISSUE_WRITE_ROWS,
      IMPORT_ISSUE_WRITE_ROWS,
      2,
    ])
    expect(state.writes.flat().slice(0, 3)).toEqual(outcome.issues)
  })

  it('finishes the list failed when the file cannot be read, or rethrows a store failure', async () => {
    const unreadable = await store()
    const outcome = await unreadable.run(Buffer.from('id,phone\n\xff\n', 'latin1'))
    expect(outcome).toMatchObject({
      kind: 'finished',
      committed: false,
      error: expect.stringMatching(/not UTF-8/),
    })
    expect(unreadable.state.status).toBe('failed')
    const failing = await store({ failOnCommit: true })
    await expect(failing.run(rows(1, () => '+48601000001'))).rejects.toThrow(ImportSinkError)
    expect(failing.state).toMatchObject({ status: 'failed', counts: {} })
  })
})
