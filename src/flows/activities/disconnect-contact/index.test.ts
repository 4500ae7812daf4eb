// Goal: DisconnectContact emits disconnect and always ends the run.
import { describe, expect, it } from 'vitest'
import { testContext } from '../test-context.ts'
import { disconnectContactActivity } from './index.ts'
import { disconnectContactSchema } from './schema.ts'

describe('R3.3 DisconnectContact', () => {
  it('emits disconnect and ends the run', () => {
    const activity = disconnectContactSchema.parse({ kind: 'DisconnectContact' })
    expect(disconnectContactActivity.run(activity, testContext())).toEqual({
      effects: [{ kind: 'disconnect' }],
      wait: false,
      next: null,
    })
    expect(disconnectContactActivity.edges(activity)).toEqual([])
    expect(disconnectContactActivity.mayEnd(activity)).toBe(true)
  })

  it('refuses a next: nothing can follow a hang-up', () => {
    const input = { kind: 'DisconnectContact', next: 'a2' }
    expect(disconnectContactSchema.safeParse(input).success).toBe(false)
  })
})
