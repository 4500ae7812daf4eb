// Goal: prove the R6.1 caller-ID precedence and the fallback-with-report for bad candidates.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type CallerIdSource, resolveCallerId } from './caller-id.ts'
import { InvariantError } from './invariant.ts'
import { isE164 } from './phone.ts'

const CAMPAIGN = '+15550000001'
const RECORD = '+15550000002'
const PRE_DIAL = '+15550000003'

/** One candidate slot: absent, empty, malformed or valid. */
type Slot = 'absent' | 'empty' | 'invalid' | 'valid'

function slotValue(slot: Slot, valid: string): string | undefined {
  if (slot === 'absent') return undefined
  if (slot === 'empty') return ''
  if (slot === 'invalid') return '555-0100'
  return valid
}

// [record, preDial, expected source, rejected sources in report order]
const COMBINATIONS: [Slot, Slot, CallerIdSource, CallerIdSource[]][] = [
  ['absent', 'absent', 'campaign', []],
  ['absent', 'empty', 'campaign', ['preDial']],
  ['absent', 'invalid', 'campaign', ['preDial']],
  ['absent', 'valid', 'preDial', []],
  ['empty', 'absent', 'campaign', ['record']],
  ['empty', 'empty', 'campaign', ['preDial', 'record']],
  ['empty', 'invalid', 'campaign', ['preDial', 'record']],
  ['empty', 'valid', 'preDial', []],
  ['invalid', 'absent', 'campaign', ['record']],
  ['invalid', 'empty', 'campaign', ['preDial', 'record']],
  ['invalid', 'invalid', 'campaign', ['preDial', 'record']],
  ['invalid', 'valid', 'preDial', []],
  ['valid', 'absent', 'record', []],
  ['valid', 'empty', 'record', ['preDial']],
  ['valid', 'invalid', 'record', ['preDial']],
  ['valid', 'valid', 'preDial', []],
]

const EXPECTED_ID: Record<CallerIdSource, string> = {
  campaign: CAMPAIGN,
  record: RECORD,
  preDial: PRE_DIAL,
}

describe('R6.1 caller ID precedence: campaign < record < PreDial', () => {
  it.each(COMBINATIONS)('record %s, PreDial %s → %s', (record, preDial, source, rejected) => {
    const result = resolveCallerId({
      campaignCallerId: CAMPAIGN,
      recordCallerId: slotValue(record, RECORD),
      preDialCallerId: slotValue(preDial, PRE_DIAL),
    })
    expect(result.source).toBe(source)
    expect(result.callerId).toBe(EXPECTED_ID[source])
    expect(result.rejected.map((r) => r.source)).toEqual(rejected)
  })

  it('reports the value and the reason of each refused candidate', () => {
    const result = resolveCallerId({
      campaignCallerId: CAMPAIGN,
      recordCallerId: '  ',
      preDialCallerId: '+0123',
    })
    expect(result.rejected).toEqual([
      { source: 'preDial', value: '+0123', reason: 'notE164' },
      { source: 'record', value: '  ', reason: 'empty' },
    ])
  })

  it('refuses numbers that are almost E.164 (no plus, too long, spaces)', () => {
    for (const value of ['15551234567', '+1234567890123456', '+1 555 123 4567', '+1']) {
      expect(isE164(value)).toBe(false)
      expect(resolveCallerId({ campaignCallerId: CAMPAIGN, preDialCallerId: value }).source).toBe(
        'campaign',
      )
    }
  })

  it('crashes on an invalid campaign CLID, which campaign validation must have caught', () => {
    expect(() => resolveCallerId({ campaignCallerId: '' })).toThrow(InvariantError)
    expect(() => resolveCallerId({ campaignCallerId: 'abc', recordCallerId: RECORD })).toThrow(
      InvariantError,
    )
  })

  it('always yields E.164, from the highest valid candidate (property)', () => {
    const candidate = fc.option(fc.oneof(fc.string(), fc.stringMatching(/^\+[1-9]\d{1,14}$/)), {
      nil: undefined,
    })
    fc.assert(
      fc.property(candidate, candidate, (recordCallerId, preDialCallerId) => {
        const result = resolveCallerId({
          campaignCallerId: CAMPAIGN,
          recordCallerId,
          preDialCallerId,
        })
        expect(isE164(result.callerId)).toBe(true)
        const preDialOk = preDialCallerId !== undefined && isE164(preDialCallerId)
        const recordOk = recordCallerId !== undefined && isE164(recordCallerId)
        const expected = preDialOk ? 'preDial' : recordOk ? 'record' : 'campaign'
        expect(result.source).toBe(expected)
      }),
    )
  })
})
