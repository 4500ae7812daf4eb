// Goal: a DNC file is read by the import's CSV reader — a header naming the number column or none,
// rows counted from the file's first line, rows without a valid number reported and skipped, and a
// file that cannot be read refused whole (so the list it would replace stays as it was).
import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { DNC_FILE_BATCH_ROWS, DNC_FILE_LINE_BYTES_MAX, readDncFile } from './dnc-file.ts'
import { ImportFileError } from './source.ts'
import { chunks } from './test-kit.ts'

async function read(file: string | Buffer, defaultCountry?: string, issuesKeptMax = 100) {
  const reading = readDncFile(Readable.from(chunks(file, 7)), { defaultCountry, issuesKeptMax })
  const batches: string[][] = []
  for await (const batch of reading.numbers) batches.push(batch)
  return { batches, numbers: batches.flat(), report: reading.report }
}

describe('readDncFile (R5.4)', () => {
  it('reads a headed column in national format and reports rows by their place in the file', async () => {
    const file = 'name,phone_number\nAda,(415) 555-0101\nBob,nope\n,,\nCy,"+1 415 555 0103"\n'
    const { numbers, report } = await read(file, 'US')
    expect(numbers).toEqual(['+14155550101', '+14155550103'])
    expect(report).toEqual({
      rowsRejected: 2,
      issues: [
        { row: 3, reason: "'nope' is not a valid phone number" },
        { row: 4, reason: 'no phone number in this row' },
      ],
    })
  })

  it('reads one number per line without a header, trimming spaces around quoted cells', async () => {
    const { numbers, report } = await read('\uFEFF+14155550199\r\n  "+14155550198" \r\n\r\n')
    expect(numbers).toEqual(['+14155550199', '+14155550198'])
    expect(report.rowsRejected).toBe(0)
  })

  it('hands the numbers on in batches and keeps only the first issues', async () => {
    const rows = Array.from({ length: DNC_FILE_BATCH_ROWS + 5 }, (_, i) =>
      i % 2 === 0 ? `+1415${String(5_550_000 + i)}` : 'bad',
    )
    const { batches, report } = await read(rows.join('\n'), undefined, 3)
    expect(batches.map((b) => b.length)).toEqual([DNC_FILE_BATCH_ROWS / 2 + 3])
    expect(report.rowsRejected).toBe(DNC_FILE_BATCH_ROWS / 2 + 2)
    expect(report.issues.map((i) => i.row)).toEqual([2, 4, 6])
    const many = Array.from({ length: DNC_FILE_BATCH_ROWS + 1 }, (_, i) => `+1415${5_550_000 + i}`)
    expect((await read(many.join('\n'))).batches.map((b) => b.length)).toEqual([
      DNC_FILE_BATCH_ROWS,
      1,
    ])
  })

  it('refuses the whole file at a row it cannot read, or bytes that are not UTF-8', async () => {
    const cases: [string | Buffer, RegExp][] = [
      ['+14155550111\n"unclosed\n', /line 2: broken quoting/],
      ['+14155550111\n"+14155550112"x\n', /line 2: broken quoting/],
      [`+14155550111,${'x'.repeat(DNC_FILE_LINE_BYTES_MAX)}\n`, /DNC_FILE_LINE_BYTES_MAX/],
      [Buffer.from([0x2b, 0x31, 0x0a, 0xe9, 0x0a]), /not UTF-8/],
    ]
    for (const [file, message] of cases) {
      const refused = await read(file).catch((error: unknown) => error)
      expect(refused, String(message)).toBeInstanceOf(ImportFileError)
      expect((refused as Error).message).toMatch(message)
    }
  })
})
