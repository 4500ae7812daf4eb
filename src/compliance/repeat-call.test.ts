// Goal: a number whose call was abandoned is blocked for the repeat window (72 h) from the latest
// abandon, whatever came after, and other outcomes never block. Requirement: R5.5 (limits on repeat
// calls to the same number after an abandoned call).
import { describe, expect, it } from 'vitest'
import { REPEAT_AFTER_ABANDON_SEC } from './profiles.ts'
import { NumberHistory } from './repeat-call.ts'

const T0_MS = 1_750_000_000_000
const HOUR_MS = 3_600_000
const NUMBER = '+447700900123'

describe('NumberHistory', () => {
  it('does not block a number never abandoned', () => {
    const history = new NumberHistory()
    expect(history.repeatBlockedUntilMs(NUMBER, REPEAT_AFTER_ABANDON_SEC)).toBeNull()
    history.recordAttempt(NUMBER, T0_MS, 'NO_ANSWER_CUSTOMER')
    history.recordAttempt(NUMBER, T0_MS + HOUR_MS, 'AMD')
    expect(history.repeatBlockedUntilMs(NUMBER, REPEAT_AFTER_ABANDON_SEC)).toBeNull()
    expect(history.size).toBe(0)
  })

  it('blocks for 72 h after an abandon, and after a system abandon', () => {
    const history = new NumberHistory()
    history.recordAttempt(NUMBER, T0_MS, 'ABANDONED')
    expect(history.repeatBlockedUntilMs(NUMBER, REPEAT_AFTER_ABANDON_SEC)).toBe(
      T0_MS + 72 * HOUR_MS,
    )
    history.recordAttempt('+447700900124', T0_MS, 'SYSTEM_ABANDONED')
    expect(history.repeatBlockedUntilMs('+447700900124', REPEAT_AFTER_ABANDON_SEC)).toBe(
      T0_MS + 72 * HOUR_MS,
    )
  })

  it('keeps the block from the latest abandon even after a later answered call', () => {
    const history = new NumberHistory()
    history.recordAttempt(NUMBER, T0_MS, 'ABANDONED')
    history.recordAttempt(NUMBER, T0_MS + HOUR_MS, 'LIVE_VOICE')
    expect(history.repeatBlockedUntilMs(NUMBER, REPEAT_AFTER_ABANDON_SEC)).toBe(
      T0_MS + 72 * HOUR_MS,
    )
  })

  it('takes the latest abandon when attempts are recorded out of order', () => {
    const history = new NumberHistory()
    history.recordAttempt(NUMBER, T0_MS + 10 * HOUR_MS, 'ABANDONED')
    history.recordAttempt(NUMBER, T0_MS, 'ABANDONED')
    history.recordAttempt(NUMBER, T0_MS + 5 * HOUR_MS, 'CUSTOMER_BUSY')
    expect(history.repeatBlockedUntilMs(NUMBER, REPEAT_AFTER_ABANDON_SEC)).toBe(
      T0_MS + 82 * HOUR_MS,
    )
    expect(history.size).toBe(1)
  })

  it('blocks nothing when the profile turns the block off (0 s)', () => {
    const history = new NumberHistory()
    history.recordAttempt(NUMBER, T0_MS, 'ABANDONED')
    expect(history.repeatBlockedUntilMs(NUMBER, 0)).toBeNull()
  })
})
