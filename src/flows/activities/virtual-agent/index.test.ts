// Goal: VirtualAgent emits the bot hand-off with its time cap (default 300 s) and waits.
import { describe, expect, it } from 'vitest'
import { testContext } from '../test-context.ts'
import { virtualAgentActivity } from './index.ts'
import { virtualAgentSchema } from './schema.ts'

describe('R1.4 R3.3 VirtualAgent', () => {
  it('defaults maxDurationSec to 300, emits virtualAgent and waits', () => {
    const activity = virtualAgentSchema.parse({ kind: 'VirtualAgent', botId: 'bot1', next: 'bye' })
    expect(virtualAgentActivity.run(activity, testContext())).toEqual({
      effects: [{ kind: 'virtualAgent', botId: 'bot1', maxDurationSec: 300 }],
      wait: true,
      next: 'bye',
    })
  })

  it('accepts 1..3600 s and refuses anything else', () => {
    const parse = (maxDurationSec: number) =>
      virtualAgentSchema.safeParse({ kind: 'VirtualAgent', botId: 'b', maxDurationSec }).success
    expect([1, 3600].map(parse)).toEqual([true, true])
    expect([0, 3601, 2.5].map(parse)).toEqual([false, false, false])
  })
})
