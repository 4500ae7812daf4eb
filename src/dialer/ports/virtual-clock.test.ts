// Goal: the virtual clock runs timers in (time, insertion) order, never moves time backwards,
// honours cancellation and event budgets, and stays fast with a million timers.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { setTimerAtWith } from './clock.ts'
import { EventLimitError, VirtualClock } from './virtual-clock.ts'

const START_MS = 1_740_992_400_000 // 2025-03-03T09:00:00Z: a fixed instant, not the wall clock

describe('VirtualClock', () => {
  it('runs timers in time order and equal times in insertion order', () => {
    const clock = new VirtualClock(START_MS)
    const log: string[] = []
    const at = (offsetMs: number, label: string) =>
      clock.setTimerAt(START_MS + offsetMs, () => log.push(`${label}@${clock.nowMs() - START_MS}`))
    at(30, 'c')
    at(10, 'a1')
    at(20, 'b')
    at(10, 'a2')
    at(10, 'a3')
    expect(clock.runAll(100)).toBe(5)
    expect(log).toEqual(['a1@10', 'a2@10', 'a3@10', 'b@20', 'c@30'])
    expect(clock.nowMs()).toBe(START_MS + 30)
  })

  it('runs a timer set in the past at the current time, after timers already due now', () => {
    const clock = new VirtualClock(START_MS)
    clock.advanceSec(10)
    const log: string[] = []
    clock.setTimerAt(clock.nowMs(), () => log.push('now'))
    clock.setTimerAt(START_MS, () => log.push(`past@${clock.nowMs() - START_MS}`))
    clock.runAll(10)
    expect(log).toEqual(['now', 'past@10000'])
    expect(clock.nowMs()).toBe(START_MS + 10_000)
  })

  it('stops runUntil at endMs and leaves later timers pending', () => {
    const clock = new VirtualClock(START_MS)
    const fired: number[] = []
    for (const offsetMs of [100, 200, 300]) {
      clock.setTimerAt(START_MS + offsetMs, () => fired.push(offsetMs))
    }
    expect(clock.runUntil(START_MS + 200, 10)).toBe(2)
    expect(fired).toEqual([100, 200])
    expect(clock.nowMs()).toBe(START_MS + 200)
    expect(clock.pendingCount()).toBe(1)
    expect(clock.runUntil(START_MS + 250, 10)).toBe(0)
    expect(clock.nowMs()).toBe(START_MS + 250)
    expect(() => clock.runUntil(START_MS, 10)).toThrow(/backwards/)
  })

  it('calls a timer set with arguments with them, in order among plain timers (issue 15)', () => {
    const clock = new VirtualClock(0)
    const log: string[] = []
    const note = (what: string, times: number) => log.push(`${what}×${times}`)
    clock.setTimerAtWith(5, note, 'with', 2)
    const cancelled = clock.setTimerAtWith(5, note, 'cancelled', 1)
    clock.setTimerAt(5, () => log.push('plain'))
    // A clock with no setTimerAtWith of its own: the port's function makes the closure.
    setTimerAtWith({ ...clockPort(clock), setTimerAtWith: undefined }, 6, note, 'port', 3)
    clock.cancelTimer(cancelled)
    clock.advanceSec(1)
    // Slots freed by the run and the cancel are taken again, arguments and all fresh.
    clock.setTimerAtWith(2000, note, 'again', 4)
    clock.advanceSec(1)
    expect(log).toEqual(['with×2', 'plain', 'port×3', 'again×4'])
  })

  it('runs timers scheduled by callbacks, including ones due at the same instant', () => {
    const clock = new VirtualClock(0)
    const log: string[] = []
    clock.setTimerAt(5, () => {
      log.push('first')
      clock.setTimerAt(clock.nowMs(), () => log.push('same instant'))
      clock.setTimerAt(clock.nowMs() + 5, () => log.push('later'))
    })
    clock.setTimerAt(5, () => log.push('second'))
    clock.advanceSec(1)
    expect(log).toEqual(['first', 'second', 'same instant', 'later'])
    expect(clock.nowMs()).toBe(1000)
  })

  it('skips cancelled timers and treats double cancels as no-ops', () => {
    const clock = new VirtualClock(0)
    const log: number[] = []
    const ids = [1, 2, 3].map((value) => clock.setTimerAt(value, () => log.push(value)))
    clock.cancelTimer(ids[1]!)
    clock.cancelTimer(ids[1]!)
    expect(clock.pendingCount()).toBe(2)
    clock.runAll(10)
    clock.cancelTimer(ids[0]!) // already ran
    expect(log).toEqual([1, 3])
    expect(clock.pendingCount()).toBe(0)
  })

  it('compacts after mass cancellation without losing live timers', () => {
    const clock = new VirtualClock(0)
    const ids: number[] = []
    const fired: number[] = []
    for (let index = 0; index < 20_000; index++) {
      ids.push(clock.setTimerAt(20_000 - index, () => fired.push(index)))
    }
    ids.forEach((id, index) => {
      if (index % 100 !== 0) clock.cancelTimer(id)
    })
    expect(clock.pendingCount()).toBe(200)
    clock.runAll(1000)
    expect(fired).toEqual(Array.from({ length: 200 }, (_, k) => 19_900 - 100 * k))
  })

  it('throws a typed error when a run exceeds its event budget', () => {
    const clock = new VirtualClock(0)
    const tick = () => clock.setTimerAt(clock.nowMs() + 1, tick) // a livelock: every timer sets another
    tick()
    const attempt = () => clock.runAll(1000)
    expect(attempt).toThrow(EventLimitError)
    expect(clock.nowMs()).toBe(1000)
    expect(() => clock.runUntil(5000, 3)).toThrow(/more than 3 timer events/)
  })

  it('refuses to be run from inside a timer callback', () => {
    const clock = new VirtualClock(0)
    clock.setTimerAt(1, () => clock.runAll(10))
    expect(() => clock.runAll(10)).toThrow(/re-entered/)
  })

  it('pops any interleaving of sets and cancels in (time, sequence) order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 50 }), fc.boolean()), { maxLength: 300 }),
        (plan) => {
          const clock = new VirtualClock(0)
          const fired: [number, number][] = []
          plan.forEach(([atMs, cancel], sequence) => {
            const id = clock.setTimerAt(atMs, () => fired.push([atMs, sequence]))
            if (cancel) clock.cancelTimer(id)
          })
          clock.runAll(plan.length)
          const expected = plan
            .map(([atMs, cancel], sequence) => ({ atMs, cancel, sequence }))
            .filter((entry) => !entry.cancel)
            .sort((a, b) => a.atMs - b.atMs || a.sequence - b.sequence)
            .map((entry): [number, number] => [entry.atMs, entry.sequence])
          expect(fired).toEqual(expected)
        },
      ),
    )
  })

  it('sorts a million timers set in random order, quickly', () => {
    const timerCount = 1_000_000
    const clock = new VirtualClock(0)
    // A fixed linear congruential sequence: random order, the same on every run.
    let state = 3
    const randomMs = () => {
      state = (state * 48_271) % 2_147_483_647
      return state % 86_400_001
    }
    let previousMs = -1
    let outOfOrder = 0
    const check = () => {
      if (clock.nowMs() < previousMs) outOfOrder++
      previousMs = clock.nowMs()
    }
    for (let index = 0; index < timerCount; index++) {
      clock.setTimerAt(randomMs(), check)
    }
    expect(clock.pendingCount()).toBe(timerCount)
    expect(clock.runAll(timerCount)).toBe(timerCount)
    expect(outOfOrder).toBe(0)
    expect(clock.pendingCount()).toBe(0)
  })
})

function clockPort(clock: VirtualClock) {
  return {
    nowMs: () => clock.nowMs(),
    setTimerAt: (atMs: number, callback: () => void) => clock.setTimerAt(atMs, callback),
    cancelTimer: (id: number) => clock.cancelTimer(id),
  }
}
