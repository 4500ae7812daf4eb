// The import pipeline against the in-memory sink (R5.3, R5.4): formats, chunking, merging, bad
// cells, cancellation and sink failures. The SQL sink runs the upload corpus in test/api.
import { describe, expect, it } from 'vitest'
import { ImportSinkError } from './import-contacts.ts'
import { runImport, where } from './test-kit.ts'

const csv = [
  'id,phone,mobile,city,extra',
  'a1,+48 22 123 45 67,,Warsaw,x',
  'a2,not a number,+48 601 234 567,Kraków,y',
  'a1,,+48 602 345 678,Warsaw,z',
  'a3,,,Gdańsk,w',
].join('\n')
const idPhone = { numbers: ['phone'], externalId: 'id', defaultCountry: 'PL' }
const mapping = {
  numbers: ['phone', 'mobile'],
  externalId: 'id',
  variables: { City: 'city' },
  defaultCountry: 'PL',
}

describe('importContacts (R5.3)', () => {
  it('reads a CSV cut into 7-byte chunks (through UTF-8 characters) like the whole file', async () => {
    const whole = await runImport(csv, 'csv', mapping)
    const cut = await runImport(csv, 'csv', mapping, { chunkBytes: 7 })
    expect(whole.result.committed).toBe(true)
    expect(cut.result.counts).toEqual(whole.result.counts)
    expect([...cut.sink.committed.values()]).toEqual([...whole.sink.committed.values()])
    expect(whole.result.counts).toMatchObject({ rowsRead: 4, imported: 2, merged: 1, rejected: 1 })
    expect(whole.result.counts.invalidNumbers).toBe(1)
    expect(whole.result.unmappedColumns).toEqual(['extra'])
    const a1 = whole.sink.committed.get('id:a1')
    expect(a1?.numbers).toEqual(['+48221234567', '+48602345678'])
    expect(whole.sink.committed.get('id:a2')?.fields).toMatchObject({ City: 'Kraków' })
    expect(where(whole.issues)).toEqual(expect.arrayContaining(['2:phone', '4:phone|mobile']))
  })

  it('R5.3 R6.1 keeps the caller ID column on each record; a caller ID not in E.164 is reported and left out', async () => {
    const file = [
      'id,phone,clid',
      'k1,+48 22 123 45 67,+48221234500',
      'k2,+48 22 123 45 68,12ab',
    ].join('\n')
    const run = await runImport(file, 'csv', { ...idPhone, callerId: 'clid' })
    expect(run.result.counts).toMatchObject({ imported: 2, rejected: 0 })
    expect(run.sink.committed.get('id:k1')?.callerId).toBe('+48221234500')
    expect(run.sink.committed.get('id:k2')).not.toHaveProperty('callerId')
    expect(run.issues).toMatchObject([
      { row: 2, field: 'clid', reason: "caller ID '12ab' is not E.164; the campaign's applies" },
    ])
  })

  it('reads JSON arrays and NDJSON with the same result, and refuses object cells by name', async () => {
    const rows = [
      { id: 'j1', phone: '+48221234567', city: 'Łódź' },
      { id: 'j2', phone: '+48601234567', city: { name: 'Poznań' } },
    ]
    const json = await runImport(JSON.stringify(rows), 'json', mapping, { chunkBytes: 5 })
    const ndjson = await runImport(rows.map((r) => JSON.stringify(r)).join('\n'), 'jsonl', mapping)
    expect(json.result.counts).toEqual(ndjson.result.counts)
    expect(json.result.counts.imported).toBe(2)
    expect(where(json.issues)).toEqual(['2:city'])
    expect(json.issues[0]?.reason).toMatch(/an object is not a text value/)
    expect(json.sink.committed.get('id:j2')?.fields).not.toHaveProperty('City')
  })

  it('numbers scrubbed by DNC are reported; a row left without numbers is rejected (R5.4)', async () => {
    const run = await runImport(csv, 'csv', mapping, { dnc: ['+48601234567'] })
    expect(run.result.counts.scrubbedNumbers).toBe(1)
    expect(run.result.counts.scrubbedContacts).toBe(1)
    expect(run.sink.committed.has('id:a2')).toBe(false)
  })

  it('a file that stops being readable writes nothing', async () => {
    const bad = Buffer.concat([Buffer.from(`${csv}\n`), Buffer.from([0xff, 0xfe, 0x41])])
    const run = await runImport(bad, 'csv', mapping, { chunkBytes: 16 })
    expect(run.result.committed).toBe(false)
    expect(run.result.error).toMatch(/not UTF-8/)
    expect(run.sink.state).toBe('aborted')
    expect(run.sink.committed.size).toBe(0)
  })

  it('a cancelled import writes nothing', async () => {
    const controller = new AbortController()
    const lines = [
      'id,phone',
      ...Array.from({ length: 2000 }, (_, i) => `c${i},+4860${String(1_000_000 + i)}`),
    ]
    const run = await runImport(lines.join('\n'), 'csv', idPhone, {
      signal: controller.signal,
      chunkBytes: 256,
      onIssue: () => {},
      existing: new Map(),
    }).catch((e: unknown) => e)
    // Cancelled after it finished: the import still committed (nothing to cancel).
    expect(run).toHaveProperty('result.committed', true)
    controller.abort()
    const cancelled = await runImport(lines.join('\n'), 'csv', idPhone, {
      signal: controller.signal,
    })
    expect(cancelled.result.committed).toBe(false)
    expect(cancelled.result.error).toMatch(/cancelled/)
    expect(cancelled.sink.committed.size).toBe(0)
  })

  it('a sink that fails mid-import or at commit aborts with an ImportSinkError', async () => {
    const lines = [
      'id,phone',
      ...Array.from({ length: 3000 }, (_, i) => `c${i},+4860${String(1_000_000 + i)}`),
    ]
    await expect(runImport(lines.join('\n'), 'csv', idPhone, { failOnBatch: 2 })).rejects.toThrow(
      ImportSinkError,
    )
    await expect(runImport(csv, 'csv', mapping, { failOnCommit: true })).rejects.toThrow(
      /committing it failed/,
    )
  })
})
