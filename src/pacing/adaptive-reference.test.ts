// Goal: the adaptive-level reference starts at 1, rises, halves over target, updates per interval.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ADAPTIVE_INTERVAL_SEC, adaptiveReferencePolicy } from './adaptive-reference.ts'
import { buildPacingModel } from './model.ts'
import { SampleDistribution } from './samples.ts'
import { testSnapshot } from './test-kit-snapshot.ts'
import type { PacingSnapshot, PoolPacingPolicy } from './types.ts'

const INTERVAL_MS = ADAPTIVE_INTERVAL_SEC * 1000
const one = new SampleDistribution(Float64Array.of(10))
const MODEL = buildPacingModel({
  liveProbability: 0.3,
  liveTimes: one,
  otherTimes: one,
  talk: one,
  wrap: one,
})

interface Pool {
  nowMs: number
  ready: number
  staffed: number
  maxLinesPerServer?: number
  abandonTargetPct?: number
}

function snapshot(pool: Pool): PacingSnapshot {
  return testSnapshot(MODEL, {
    nowMs: pool.nowMs,
    readyServers: pool.ready,
    staffedServers: pool.staffed,
    maxLinesPerServer: pool.maxLinesPerServer ?? 3,
    abandonTargetPct: pool.abandonTargetPct ?? 3,
  })
}

/** The level the decision reports ("adaptive level 1.50"). */
function level(policy: PoolPacingPolicy, pool: Pool): number {
  const decision = policy.decide(snapshot(pool))
  const match = /adaptive level ([\d.]+)/.exec(decision.reason)
  expect(match).not.toBeNull()
  const reported = Number(match![1])
  // The target is the level times the ready servers (up to the reason's 2-decimal rounding).
  expect(Math.abs(decision.targetLinesInFlight - reported * pool.ready)).toBeLessThanOrEqual(
    0.5 + 0.005 * pool.ready,
  )
  return reported
}

function observe(policy: PoolPacingPolicy, connected: number, abandoned: number): void {
  for (let i = 0; i < connected; i++) policy.observe!({ kind: 'connected', nowMs: 0 })
  for (let i = 0; i < abandoned; i++) policy.observe!({ kind: 'abandoned', nowMs: 0 })
}

/** Drive the level up to 3 (all 10 agents waiting, no drops): 1.5, 2, 2.5, 3. */
function raisedToThree(): { policy: PoolPacingPolicy; nowMs: number } {
  const policy = adaptiveReferencePolicy()
  let nowMs = 0
  for (let i = 0; i < 4; i++, nowMs += INTERVAL_MS) level(policy, { nowMs, ready: 10, staffed: 10 })
  expect(level(policy, { nowMs: nowMs - 1, ready: 10, staffed: 10 })).toBe(3)
  return { policy, nowMs }
}

describe('adaptiveReferencePolicy level (R1.3 predictive baseline, R5.5 abandon cap)', () => {
  it('starts at level 1: with few agents waiting the first decision dials 1 line per ready agent', () => {
    const policy = adaptiveReferencePolicy()
    expect(policy.name).toBe('adaptive-reference')
    const decision = policy.decide(snapshot({ nowMs: 0, ready: 2, staffed: 40 }))
    expect(decision.reason).toBe('adaptive level 1.00')
    expect(decision.targetLinesInFlight).toBe(2)
  })

  it('the first decision already applies one step from 1 (all agents waiting: 1 + 0.5)', () => {
    const policy = adaptiveReferencePolicy()
    expect(level(policy, { nowMs: 0, ready: 10, staffed: 10 })).toBe(1.5)
  })

  it('rises every interval while drops are under target and agents wait, up to maxLinesPerServer', () => {
    const policy = adaptiveReferencePolicy()
    const levels: number[] = []
    for (let i = 0; i < 7; i++) {
      observe(policy, 20, 0)
      levels.push(level(policy, { nowMs: i * INTERVAL_MS, ready: 10, staffed: 10 }))
    }
    expect(levels).toEqual([1.5, 2, 2.5, 3, 3, 3, 3])
  })

  it('rises in proportion to the share of agents waiting and the headroom under the target', () => {
    const half = adaptiveReferencePolicy()
    expect(level(half, { nowMs: 0, ready: 5, staffed: 10 })).toBe(1.25)
    // 1 drop in 50 calls = 2 % of a 3 % target: a third of the headroom left.
    const taper = adaptiveReferencePolicy()
    observe(taper, 49, 1)
    expect(level(taper, { nowMs: 0, ready: 10, staffed: 10 })).toBeCloseTo(1 + 0.5 / 3, 2)
  })

  it('halves once the drop rate is at or over the target, down to 1', () => {
    const { policy, nowMs } = raisedToThree()
    observe(policy, 90, 10) // 10 % dropped, target 3 %
    expect(level(policy, { nowMs, ready: 10, staffed: 10 })).toBe(1.5)
    expect(level(policy, { nowMs: nowMs + INTERVAL_MS, ready: 10, staffed: 10 })).toBe(1)
    expect(level(policy, { nowMs: nowMs + 2 * INTERVAL_MS, ready: 10, staffed: 10 })).toBe(1)
  })

  it('drops exactly at the target also halve', () => {
    const { policy, nowMs } = raisedToThree()
    observe(policy, 97, 3)
    expect(level(policy, { nowMs, ready: 10, staffed: 10 })).toBe(1.5)
  })

  it('falls slowly while few agents wait (≤ 10 %), even under the target', () => {
    const { policy, nowMs } = raisedToThree()
    expect(level(policy, { nowMs, ready: 1, staffed: 20 })).toBe(2.9)
  })

  it('is re-computed only every ADAPTIVE_INTERVAL_SEC, however often it decides', () => {
    const policy = adaptiveReferencePolicy()
    expect(level(policy, { nowMs: 0, ready: 10, staffed: 10 })).toBe(1.5)
    // Drops far over target, ready counts changing: the level holds until the interval is over.
    observe(policy, 10, 10)
    for (const nowMs of [1, 1000, 7_500, INTERVAL_MS - 1]) {
      expect(level(policy, { nowMs, ready: 3 + (nowMs % 7), staffed: 10 })).toBe(1.5)
    }
    expect(
      policy.decide(snapshot({ nowMs: 5_000, ready: 4, staffed: 10 })).targetLinesInFlight,
    ).toBe(6)
    expect(level(policy, { nowMs: INTERVAL_MS, ready: 10, staffed: 10 })).toBe(1)
  })

  it('the next update is one interval after the last update, not after the last decision', () => {
    const policy = adaptiveReferencePolicy()
    level(policy, { nowMs: 0, ready: 10, staffed: 10 }) // 1.5, next at 15 s
    expect(level(policy, { nowMs: 20_000, ready: 10, staffed: 10 })).toBe(2) // next at 35 s
    expect(level(policy, { nowMs: 34_999, ready: 10, staffed: 10 })).toBe(2)
    expect(level(policy, { nowMs: 35_000, ready: 10, staffed: 10 })).toBe(2.5)
  })

  it('stays within [1, maxLinesPerServer] and moves only at interval ends, in the right direction (property)', () => {
    const step = fc.record({
      dtMs: fc.integer({ min: 0, max: 2 * INTERVAL_MS }),
      ready: fc.integer({ min: 0, max: 30 }),
      busy: fc.integer({ min: 0, max: 30 }),
      connected: fc.integer({ min: 0, max: 50 }),
      abandoned: fc.integer({ min: 0, max: 5 }),
    })
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 5, noNaN: true }),
        fc.double({ min: 0.5, max: 5, noNaN: true }),
        fc.array(step, { minLength: 1, maxLength: 40 }),
        (maxLinesPerServer, abandonTargetPct, steps) => {
          const policy = adaptiveReferencePolicy()
          let nowMs = 0
          let previous = 1
          let nextUpdateMs = Number.NEGATIVE_INFINITY
          let connected = 0
          let abandoned = 0
          for (const s of steps) {
            nowMs += s.dtMs
            const pool = { nowMs, ready: s.ready, staffed: s.ready + s.busy }
            const decision = policy.decide(
              snapshot({ ...pool, maxLinesPerServer, abandonTargetPct }),
            )
            const current = Number(/adaptive level ([\d.]+)/.exec(decision.reason)![1])
            expect(current).toBeGreaterThanOrEqual(1)
            expect(current).toBeLessThanOrEqual(Math.round(maxLinesPerServer * 100) / 100 + 1e-9)
            const dropPct =
              connected + abandoned === 0 ? 0 : (100 * abandoned) / (connected + abandoned)
            if (nowMs < nextUpdateMs) {
              expect(current).toBe(previous)
            } else {
              nextUpdateMs = nowMs + INTERVAL_MS
              const share = pool.staffed === 0 ? 0 : pool.ready / pool.staffed
              if (dropPct >= abandonTargetPct) expect(current).toBeLessThanOrEqual(previous + 0.01)
              else if (share > 0.1) expect(current).toBeGreaterThanOrEqual(previous - 0.01)
              else expect(current).toBeLessThanOrEqual(previous + 0.01)
            }
            previous = current
            observe(policy, s.connected, s.abandoned)
            connected += s.connected
            abandoned += s.abandoned
          }
        },
      ),
    )
  })
})
