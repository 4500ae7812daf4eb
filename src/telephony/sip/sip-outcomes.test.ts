// Goal (issue 14, Appendix A): every SIP answer of the table reaches the engine as the
// failure reason of its outcome, and anything else is UNKNOWN with its status kept.
import { describe, expect, it } from 'vitest'
import { sipFailure } from './sip-outcomes.ts'

describe('sipFailure', () => {
  it.each([
    [486, 'busy'],
    [600, 'busy'],
    [404, 'invalid'],
    [484, 'invalid'],
    [604, 'invalid'],
    [408, 'unavailable'],
    [480, 'unavailable'],
    [500, 'unavailable'],
    [503, 'unavailable'],
    [599, 'unavailable'],
    [403, 'unknown'],
    [603, 'unknown'],
    [302, 'unknown'],
    [488, 'unknown'],
  ] as const)('%i → %s, the code kept', (status, reason) => {
    expect(sipFailure(status)).toEqual({ reason, code: status })
  })
})
