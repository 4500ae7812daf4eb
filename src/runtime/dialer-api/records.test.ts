// Goal: the dialing-list answer (docs/dialer-api.md) is checked at the edge: a bad envelope is
// refused whole, a bad record is reported with its index, id and field paths and skipped, and the
// good ones become contacts of the campaign.
import { describe, expect, it } from 'vitest'
import { parseDialingList } from './records.ts'

describe('parseDialingList', () => {
  it('keeps good records, reports bad ones one by one', () => {
    const parsed = parseDialingList(
      {
        records: [
          { id: 'r1', numbers: ['+12125550101'], timeZone: 'America/Chicago', fields: { a: 'x' } },
          { id: 'r2', numbers: ['555-0100'] },
          'not a record',
          { id: 'r3', numbers: ['+12125550103'], timeZone: 'Mars/Olympus' },
          { id: 'r1', numbers: ['+12125550101'] },
          { id: 'r4', numbers: ['+12125550104'], callerId: '+15550100000', vendorField: 1 },
        ],
        done: false,
      },
      'api-1',
    )
    expect(parsed).toMatchObject({ ok: true, done: false })
    if (!parsed.ok) return
    expect(parsed.records).toEqual([
      {
        id: 'r1',
        campaignId: 'api-1',
        numbers: ['+12125550101'],
        timeZone: 'America/Chicago',
        fields: { a: 'x' },
      },
      {
        id: 'r4',
        campaignId: 'api-1',
        numbers: ['+12125550104'],
        callerId: '+15550100000',
        fields: {},
      },
    ])
    expect(parsed.rejected.map((r) => [r.index, r.recordId, r.issues[0]?.path])).toEqual([
      [1, 'r2', 'numbers.0'],
      [2, undefined, ''],
      [3, 'r3', 'timeZone'],
      [4, 'r1', 'id'],
    ])
  })

  it('refuses a broken envelope whole', () => {
    expect(parseDialingList({ records: [] }, 'c')).toMatchObject({
      ok: false,
      issues: [{ path: 'done' }],
    })
    expect(parseDialingList({ records: new Array(401).fill({}), done: true }, 'c')).toMatchObject({
      ok: false,
      issues: [{ path: 'records' }],
    })
    expect(parseDialingList([], 'c')).toMatchObject({ ok: false })
  })
})
