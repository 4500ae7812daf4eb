// Goal: the bucketed abandon ledger agrees with a naive list of events — exactly (to the second) for
// windows up to ABANDON_LEDGER_BUCKETS_MAX seconds, within one bucket at the trailing edge beyond —
// keeps bounded memory for a 30-day window, and answers "is there budget for one more abandon" at the
// cap exactly. Requirements: R5.5 (abandon-rate cap per campaign per window: US 3 %/30 days, UK
// 3 %/24 h), R1.3 (predictive pacing keeps the rate at or below the cap).
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { InvariantError } from '../domain/invariant.ts'
import {
  ABANDON_LEDGER_BUCKETS_MAX,
  AbandonLedger,
  type AbandonLedgerEvent,
  abandonLedgerBucketSec,
} from './abandon-ledger.ts'

const T0_MS = 1_750_000_000_000
const SEC_MS = 1000
const DAY_SEC = 86_400

function recordMany(ledger: AbandonLedger, atMs: number, event: AbandonLedgerEvent, n: number) {
  for (let i = 0; i < n; i++) ledger.record(atMs, event)
}

describe('bucket sizing', () => {
  it('uses 1 s buckets up to 4096 s, then ceil(window / 4096) s', () => {
    expect(abandonLedgerBucketSec(60)).toBe(1)
    expect(abandonLedgerBucketSec(ABANDON_LEDGER_BUCKETS_MAX)).toBe(1)
    expect(abandonLedgerBucketSec(ABANDON_LEDGER_BUCKETS_MAX + 1)).toBe(2)
    expect(abandonLedgerBucketSec(DAY_SEC)).toBe(22)
    const us = new AbandonLedger({ windowSec: 30 * DAY_SEC })
    expect(us.bucketSec).toBe(633)
    expect(us.bucketCount).toBe(4095)
    expect(us.bucketCount).toBeLessThanOrEqual(ABANDON_LEDGER_BUCKETS_MAX)
  })

  it('refuses a window of 0 s', () => {
    expect(() => new AbandonLedger({ windowSec: 0 })).toThrow()
  })
})

describe('window edges (60 s window, 1 s buckets)', () => {
  it('counts an event until exactly one window later, then drops it', () => {
    const ledger = new AbandonLedger({ windowSec: 60 })
    ledger.record(T0_MS, 'abandoned')
    ledger.record(T0_MS + 999, 'connected')
    expect(ledger.counts(T0_MS + 999)).toEqual({ abandoned: 1, connected: 1 })
    expect(ledger.counts(T0_MS + 60 * SEC_MS - 1)).toEqual({ abandoned: 1, connected: 1 })
    expect(ledger.counts(T0_MS + 60 * SEC_MS)).toEqual({ abandoned: 0, connected: 0 })
  })

  it('drops a late record older than the window and counts one inside it', () => {
    const ledger = new AbandonLedger({ windowSec: 60 })
    ledger.record(T0_MS + 100 * SEC_MS, 'connected')
    ledger.record(T0_MS + 40 * SEC_MS, 'abandoned')
    ledger.record(T0_MS + 41 * SEC_MS, 'abandoned')
    expect(ledger.counts(T0_MS + 100 * SEC_MS)).toEqual({ abandoned: 1, connected: 1 })
  })

  it('empties after a gap longer than the window', () => {
    const ledger = new AbandonLedger({ windowSec: 60 })
    recordMany(ledger, T0_MS, 'abandoned', 5)
    expect(ledger.counts(T0_MS + DAY_SEC * SEC_MS)).toEqual({ abandoned: 0, connected: 0 })
    ledger.record(T0_MS + DAY_SEC * SEC_MS, 'connected')
    expect(ledger.counts(T0_MS + DAY_SEC * SEC_MS)).toEqual({ abandoned: 0, connected: 1 })
  })

  it('refuses a query before its latest event (the clock never runs back)', () => {
    const ledger = new AbandonLedger({ windowSec: 60 })
    ledger.record(T0_MS + 10 * SEC_MS, 'connected')
    expect(() => ledger.counts(T0_MS)).toThrow(InvariantError)
  })
})

describe('rate and budget', () => {
  it('computes the rate over abandoned + connected, 0 with no calls', () => {
    const ledger = new AbandonLedger({ windowSec: DAY_SEC })
    expect(ledger.ratePct(T0_MS)).toBe(0)
    recordMany(ledger, T0_MS, 'abandoned', 3)
    recordMany(ledger, T0_MS, 'connected', 97)
    expect(ledger.ratePct(T0_MS)).toBeCloseTo(3, 12)
  })

  it('allows an abandon only while (a + 1) / (a + c + 1) stays at or under the cap', () => {
    const ledger = new AbandonLedger({ windowSec: DAY_SEC })
    expect(ledger.hasBudgetForAbandon(T0_MS, 3, 0)).toBe(true)
    expect(ledger.hasBudgetForAbandon(T0_MS, 3)).toBe(false)
    expect(ledger.hasBudgetForAbandon(T0_MS, 100)).toBe(true)
    recordMany(ledger, T0_MS, 'connected', 97)
    expect(ledger.hasBudgetForAbandon(T0_MS, 3, 3)).toBe(true) // 3 / 100 = 3 %
    expect(ledger.hasBudgetForAbandon(T0_MS, 3, 4)).toBe(false) // 4 / 101 ≈ 3.96 %
  })

  it('is exact at a cap that binary floating point cannot hold (2.9 %)', () => {
    const ledger = new AbandonLedger({ windowSec: DAY_SEC })
    recordMany(ledger, T0_MS, 'abandoned', 28)
    recordMany(ledger, T0_MS, 'connected', 971)
    expect(ledger.hasBudgetForAbandon(T0_MS, 2.9)).toBe(true) // 29 / 1000
    expect(ledger.hasBudgetForAbandon(T0_MS, 2.9, 2)).toBe(false) // 30 / 1001
  })

  it('keeps 30 days of a busy campaign in bounded memory', () => {
    const ledger = new AbandonLedger({ windowSec: 30 * DAY_SEC })
    const stepMs = 2_000
    for (let i = 0; i < 2_000_000; i++) {
      ledger.record(T0_MS + i * stepMs, i % 50 === 0 ? 'abandoned' : 'connected')
    }
    const nowMs = T0_MS + 2_000_000 * stepMs
    const { abandoned, connected } = ledger.counts(nowMs)
    // 30 days of 2 s steps = 1,296,000 events, give or take one 633 s bucket (≤ 317 events).
    expect(Math.abs(abandoned + connected - 1_296_000)).toBeLessThanOrEqual(317)
    expect(ledger.ratePct(nowMs)).toBeCloseTo(2, 1)
  })
})

// ---- properties against a naive event list -----------------------------------------------------

type Step = { kind: 'record'; backMs: number; aheadMs: number; event: AbandonLedgerEvent }

const stepArbitrary = (windowSec: number): fc.Arbitrary<Step> =>
  fc.record({
    kind: fc.constant('record' as const),
    // Most events move time forward; some arrive late, up to a bit more than one window.
    aheadMs: fc.oneof(
      fc.integer({ min: 0, max: 3 * SEC_MS }),
      fc.integer({ min: 0, max: windowSec * 400 }),
    ),
    backMs: fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 0, max: windowSec * 1100 })),
    event: fc.constantFrom<AbandonLedgerEvent>('abandoned', 'connected'),
  })

interface Event {
  atMs: number
  event: AbandonLedgerEvent
}

function naiveCounts(events: Event[], included: (atMs: number) => boolean) {
  let abandoned = 0
  let connected = 0
  for (const { atMs, event } of events) {
    if (!included(atMs)) continue
    if (event === 'abandoned') abandoned++
    else connected++
  }
  return { abandoned, connected }
}

/** Replays steps into a ledger and a plain list; calls `check` after each step. */
function replay(
  windowSec: number,
  steps: Step[],
  check: (ledger: AbandonLedger, events: Event[], nowMs: number) => void,
) {
  const ledger = new AbandonLedger({ windowSec })
  const events: Event[] = []
  let nowMs = T0_MS
  for (const step of steps) {
    nowMs += step.aheadMs
    const atMs = nowMs - step.backMs
    ledger.record(atMs, step.event)
    events.push({ atMs, event: step.event })
    check(ledger, events, nowMs)
  }
}

describe('properties', () => {
  it('windows ≤ 4096 s match the event list exactly at 1 s resolution', () => {
    const scenario = fc
      .integer({ min: 1, max: ABANDON_LEDGER_BUCKETS_MAX })
      .chain((windowSec) =>
        fc.tuple(fc.constant(windowSec), fc.array(stepArbitrary(windowSec), { maxLength: 120 })),
      )
    fc.assert(
      fc.property(scenario, ([windowSec, steps]) => {
        replay(windowSec, steps, (ledger, events, nowMs) => {
          const nowSec = Math.floor(nowMs / SEC_MS)
          const expected = naiveCounts(
            events,
            (atMs) => Math.floor(atMs / SEC_MS) > nowSec - windowSec,
          )
          expect(ledger.counts(nowMs)).toEqual(expected)
        })
      }),
      { numRuns: 300 },
    )
  })

  it('with whole-second times, windows ≤ 4096 s count exactly (nowMs − window, nowMs]', () => {
    const scenario = fc
      .integer({ min: 1, max: ABANDON_LEDGER_BUCKETS_MAX })
      .chain((windowSec) =>
        fc.tuple(fc.constant(windowSec), fc.array(stepArbitrary(windowSec), { maxLength: 80 })),
      )
    fc.assert(
      fc.property(scenario, ([windowSec, rawSteps]) => {
        const toSec = (ms: number) => Math.round(ms / SEC_MS) * SEC_MS
        const steps = rawSteps.map((s) => ({
          ...s,
          aheadMs: toSec(s.aheadMs),
          backMs: toSec(s.backMs),
        }))
        replay(windowSec, steps, (ledger, events, nowMs) => {
          const expected = naiveCounts(events, (atMs) => atMs > nowMs - windowSec * SEC_MS)
          expect(ledger.counts(nowMs)).toEqual(expected)
        })
      }),
      { numRuns: 200 },
    )
  })

  it('longer windows are off by at most one bucket at the trailing edge', () => {
    const scenario = fc
      .integer({ min: ABANDON_LEDGER_BUCKETS_MAX + 1, max: 60 * DAY_SEC })
      .chain((windowSec) =>
        fc.tuple(fc.constant(windowSec), fc.array(stepArbitrary(windowSec), { maxLength: 80 })),
      )
    fc.assert(
      fc.property(scenario, ([windowSec, steps]) => {
        const bucketMs = abandonLedgerBucketSec(windowSec) * SEC_MS
        const windowMs = windowSec * SEC_MS
        replay(windowSec, steps, (ledger, events, nowMs) => {
          const got = ledger.counts(nowMs)
          const inner = naiveCounts(events, (atMs) => atMs > nowMs - (windowMs - bucketMs))
          const outer = naiveCounts(events, (atMs) => atMs > nowMs - (windowMs + bucketMs))
          expect(got.abandoned).toBeGreaterThanOrEqual(inner.abandoned)
          expect(got.abandoned).toBeLessThanOrEqual(outer.abandoned)
          expect(got.connected).toBeGreaterThanOrEqual(inner.connected)
          expect(got.connected).toBeLessThanOrEqual(outer.connected)
        })
      }),
      { numRuns: 200 },
    )
  })

  it('hasBudgetForAbandon agrees with the rate formula', () => {
    fc.assert(
      fc.property(
        fc.nat(500),
        fc.nat(5000),
        fc.integer({ min: 10, max: 1000 }).map((tenths) => tenths / 10),
        fc.nat(5),
        (abandoned, connected, capPct, extra) => {
          const ledger = new AbandonLedger({ windowSec: 60 })
          recordMany(ledger, T0_MS, 'abandoned', abandoned)
          recordMany(ledger, T0_MS, 'connected', connected)
          const answered = abandoned + connected + extra
          const exactTenths = answered === 0 ? 0 : ((abandoned + extra) * 1000) / answered
          // Compare in tenths of a percent with integers: ≤ cap exactly.
          const expected = answered === 0 || exactTenths <= Math.round(capPct * 10)
          return ledger.hasBudgetForAbandon(T0_MS, capPct, extra) === expected
        },
      ),
      { numRuns: 500 },
    )
  })
})

describe('countsAfter (issue 15, R5.5)', () => {
  it('counts the calls after each instant, in one walk, whatever order they are asked in', () => {
    const ledger = new AbandonLedger({ windowSec: 60 })
    recordMany(ledger, T0_MS, 'connected', 5)
    recordMany(ledger, T0_MS + 10 * SEC_MS, 'abandoned', 2)
    recordMany(ledger, T0_MS + 30 * SEC_MS, 'connected', 3)
    const nowMs = T0_MS + 40 * SEC_MS
    const [all, afterFirst, afterAll, afterMiddle] = ledger.countsAfter(nowMs, [
      nowMs - 60 * SEC_MS,
      T0_MS,
      nowMs,
      T0_MS + 10 * SEC_MS,
    ])
    expect(all).toEqual({ abandoned: 2, connected: 8 })
    expect(afterFirst).toEqual({ abandoned: 2, connected: 3 })
    expect(afterAll).toEqual({ abandoned: 0, connected: 0 })
    expect(afterMiddle).toEqual({ abandoned: 0, connected: 3 })
  })

  it("counts as a walk over the events would, across the ring's wrap (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.boolean()), { maxLength: 60 }),
        fc.array(fc.integer({ min: -15, max: 45 }), { minLength: 1, maxLength: 6 }),
        (events, afterSecs) => {
          const windowSec = 10
          const ledger = new AbandonLedger({ windowSec })
          const sorted = [...events].sort((a, b) => a[0] - b[0])
          for (const [atSec, abandoned] of sorted) {
            ledger.record(T0_MS + atSec * SEC_MS, abandoned ? 'abandoned' : 'connected')
          }
          const nowSec = 45
          const got = ledger.countsAfter(
            T0_MS + nowSec * SEC_MS,
            afterSecs.map((sec) => T0_MS + sec * SEC_MS),
          )
          afterSecs.forEach((afterSec, i) => {
            const held = sorted.filter(([at]) => at > Math.max(afterSec, nowSec - windowSec))
            expect(got[i]).toEqual({
              abandoned: held.filter(([, abandoned]) => abandoned).length,
              connected: held.filter(([, abandoned]) => !abandoned).length,
            })
          })
        },
      ),
    )
  })

  it('never counts a call the window ending now has dropped', () => {
    const ledger = new AbandonLedger({ windowSec: 60 })
    recordMany(ledger, T0_MS, 'abandoned', 4)
    recordMany(ledger, T0_MS + 50 * SEC_MS, 'connected', 1)
    const nowMs = T0_MS + 70 * SEC_MS
    expect(ledger.countsAfter(nowMs, [T0_MS - 10 * SEC_MS])).toEqual([
      { abandoned: 0, connected: 1 },
    ])
  })
})
