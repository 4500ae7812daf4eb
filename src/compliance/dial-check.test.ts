// Goal: checkDial, the gate before every dial, refuses numbers on an enabled DNC list, on the
// national list, with a missing or stale national list, within 72 h of an abandon, or outside the
// contact's local calling hours — in that order — and an `ok` always means every rule holds.
// Requirements: R5.4 (DNC / NDNC scrubbing, national list age), R5.5 (calling hours in local time,
// repeat calls after an abandon), R5.2 (DNC and NDNC switches).
import fc from 'fast-check'
import { DateTime } from 'luxon'
import { describe, expect, it } from 'vitest'
import { isWithinCallingWindow, nextWindowOpenMs } from './calling-window.ts'
import { checkDial as checkDialOf } from './dial-check.ts'
import { DncRegistry } from './dnc.ts'
import { complianceSettingsSchema, resolveCompliance } from './profiles.ts'
import { NumberHistory } from './repeat-call.ts'
import { windowArbitrary, zonedNowArbitrary } from './test-arbitraries.ts'

const NEW_YORK = 'America/New_York'
const DAY_MS = 86_400_000
const HOUR_MS = 3_600_000
const at = (isoLocal: string, zone = NEW_YORK) => DateTime.fromISO(isoLocal, { zone }).toMillis()
const US = resolveCompliance(complianceSettingsSchema.parse({ profile: 'US' }))
const NOON_MS = at('2025-06-02T12:00')

interface DialCheckInput {
  nowMs: number
  number: string
  zone: string
  compliance: ReturnType<typeof resolveCompliance>
  dnc: DncRegistry
  history: NumberHistory
  dncListNames: readonly string[]
}

/** The gate on one input object, as the cases below describe a dial. */
function checkDial(input: DialCheckInput) {
  const { nowMs, number, zone, compliance, dnc, history, dncListNames } = input
  return checkDialOf(nowMs, number, zone, compliance, dnc, history, dncListNames)
}

function fixture(overrides: Partial<DialCheckInput> = {}): DialCheckInput {
  const dnc = new DncRegistry()
  dnc.addToList('internal', '+12125550101')
  dnc.loadNational(['+12125550102'], NOON_MS - DAY_MS)
  const history = new NumberHistory()
  history.recordAttempt('+12125550103', NOON_MS - HOUR_MS, 'ABANDONED')
  return {
    nowMs: NOON_MS,
    number: '+12125550199',
    zone: NEW_YORK,
    compliance: US,
    dnc,
    history,
    dncListNames: ['internal'],
    ...overrides,
  }
}

describe('checkDial', () => {
  it('allows a clean number inside the window', () => {
    expect(checkDial(fixture())).toEqual({ kind: 'ok' })
  })

  it('refuses internal and national DNC numbers', () => {
    expect(checkDial(fixture({ number: '+12125550101' }))).toEqual({
      kind: 'dncBlocked',
      list: 'internal',
    })
    expect(checkDial(fixture({ number: '+12125550102' }))).toEqual({ kind: 'ndncBlocked' })
  })

  it('refuses every number while the national list is stale or missing, unless NDNC is off', () => {
    const staleMs = NOON_MS - DAY_MS + 31 * DAY_MS + 1000
    expect(checkDial(fixture({ nowMs: staleMs }))).toEqual({
      kind: 'ndncStale',
      ageSec: 31 * 86_400 + 1,
    })
    const noNational = fixture({ dnc: new DncRegistry() })
    expect(checkDial(noNational)).toEqual({ kind: 'ndncMissing' })
    const ndncOff = { ...US, ndncEnabled: false }
    expect(checkDial({ ...noNational, compliance: ndncOff })).toEqual({ kind: 'ok' })
  })

  it('refuses a number abandoned less than 72 h ago', () => {
    expect(checkDial(fixture({ number: '+12125550103' }))).toEqual({
      kind: 'repeatAfterAbandon',
      untilMs: NOON_MS - HOUR_MS + 72 * HOUR_MS,
    })
    const laterMs = NOON_MS - HOUR_MS + 72 * HOUR_MS
    expect(checkDial(fixture({ number: '+12125550103', nowMs: laterMs }))).toEqual({ kind: 'ok' })
  })

  it('refuses outside local hours and says when the window opens', () => {
    // 06:00 in Los Angeles is 09:00 in New York: the contact's zone decides.
    const nowMs = at('2025-06-02T06:00', 'America/Los_Angeles')
    expect(checkDial(fixture({ nowMs }))).toEqual({ kind: 'ok' })
    expect(checkDial(fixture({ nowMs, zone: 'America/Los_Angeles' }))).toEqual({
      kind: 'outsideWindow',
      nextOpenMs: at('2025-06-02T08:00', 'America/Los_Angeles'),
    })
  })

  it('checks in order: DNC before NDNC before repeat before window', () => {
    const input = fixture({ nowMs: at('2025-06-02T23:00') })
    input.dnc.loadNational(['+12125550101', '+12125550103'], input.nowMs)
    input.history.recordAttempt('+12125550101', input.nowMs - HOUR_MS, 'ABANDONED')
    expect(checkDial({ ...input, number: '+12125550101' }).kind).toBe('dncBlocked')
    expect(checkDial({ ...input, number: '+12125550103' }).kind).toBe('ndncBlocked')
    input.history.recordAttempt('+12125550199', input.nowMs - HOUR_MS, 'ABANDONED')
    expect(checkDial({ ...input, number: '+12125550199' }).kind).toBe('repeatAfterAbandon')
    expect(checkDial({ ...input, number: '+12125550198' }).kind).toBe('outsideWindow')
  })
})

// ---- property: `ok` means every rule holds -----------------------------------------------------

const POOL = ['+12125550001', '+12125550002', '+12125550003', '+12125550004', '+12125550005']
const LISTS = ['a', 'b', 'c']

const scenarioArbitrary = fc.record({
  at: zonedNowArbitrary,
  window: windowArbitrary,
  number: fc.constantFrom(...POOL),
  internal: fc.array(fc.tuple(fc.constantFrom(...LISTS), fc.constantFrom(...POOL)), {
    maxLength: 6,
  }),
  national: fc.subarray(POOL),
  nationalAgeMs: fc.option(fc.integer({ min: 0, max: 40 * DAY_MS }), { nil: undefined }),
  abandonAgoMs: fc.option(fc.integer({ min: 0, max: 100 * HOUR_MS }), { nil: undefined }),
  dncEnabled: fc.boolean(),
  ndncEnabled: fc.boolean(),
  campaignLists: fc.subarray(LISTS),
})

describe('checkDial property', () => {
  it('an ok means: on no enabled list, national copy fresh, no repeat block, window open', () => {
    fc.assert(
      fc.property(scenarioArbitrary, (s) => {
        const nowMs = s.at.nowMs
        const compliance = resolveCompliance(
          complianceSettingsSchema.parse({
            profile: 'US',
            callingWindow: s.window,
            dncEnabled: s.dncEnabled,
            ndncEnabled: s.ndncEnabled,
          }),
        )
        const dnc = new DncRegistry()
        for (const [list, number] of s.internal) dnc.addToList(list, number)
        if (s.nationalAgeMs !== undefined) dnc.loadNational(s.national, nowMs - s.nationalAgeMs)
        const history = new NumberHistory()
        if (s.abandonAgoMs !== undefined) {
          history.recordAttempt(s.number, nowMs - s.abandonAgoMs, 'ABANDONED')
        }
        const input = { nowMs, number: s.number, zone: s.at.zone, compliance, dnc, history }
        const result = checkDial({ ...input, dncListNames: s.campaignLists })

        const onInternal = s.campaignLists.some((list) => dnc.hasInList(list, s.number))
        const onNational = s.nationalAgeMs !== undefined && s.national.includes(s.number)
        const nationalUsable =
          s.nationalAgeMs !== undefined && s.nationalAgeMs <= compliance.nationalDncAgeSecMax * 1000
        const repeatBlocked =
          s.abandonAgoMs !== undefined && s.abandonAgoMs < compliance.repeatAfterAbandonSec * 1000
        const open = isWithinCallingWindow(nowMs, s.at.zone, s.window)

        // Independent model of the order of checks.
        let expected: string = 'ok'
        if (s.dncEnabled && onInternal) expected = 'dncBlocked'
        else if (s.ndncEnabled && onNational) expected = 'ndncBlocked'
        else if (s.ndncEnabled && s.nationalAgeMs === undefined) expected = 'ndncMissing'
        else if (s.ndncEnabled && !nationalUsable) expected = 'ndncStale'
        else if (repeatBlocked) expected = 'repeatAfterAbandon'
        else if (!open) expected = 'outsideWindow'
        expect(result.kind).toBe(expected)

        if (result.kind === 'ok') {
          expect(s.dncEnabled && onInternal).toBe(false)
          expect(s.ndncEnabled && (onNational || !nationalUsable)).toBe(false)
          expect(repeatBlocked).toBe(false)
          expect(open).toBe(true)
        }
        if (result.kind === 'outsideWindow') {
          expect(result.nextOpenMs).toBe(nextWindowOpenMs(nowMs, s.at.zone, s.window))
        }
      }),
      { numRuns: 1000 },
    )
  })
})
