// Goal: QueueContact queues the call, ends the run, and exists only in inbound flows.
import { describe, expect, it } from 'vitest'
import { testContext } from '../test-context.ts'
import { queueContactActivity } from './index.ts'
import { queueContactSchema } from './schema.ts'

describe('R3.3 R4.6 QueueContact', () => {
  it('emits queue and ends the run', () => {
    const activity = queueContactSchema.parse({ kind: 'QueueContact', queueId: 'q1' })
    const ctx = testContext({}, 'NewPhoneContact', 'inbound')
    expect(queueContactActivity.run(activity, ctx)).toEqual({
      effects: [{ kind: 'queue', queueId: 'q1' }],
      wait: false,
      next: null,
    })
  })

  it('is refused in outdial flows, which must use GotoEntryPoint', () => {
    expect(queueContactActivity.allowedIn).toEqual(['inbound'])
    expect(queueContactActivity.events).toEqual(['NewPhoneContact'])
  })
})
