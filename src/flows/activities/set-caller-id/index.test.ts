// Goal: SetCallerID takes an E.164 constant or a variable, emits setCallerId, is PreDial-only.
import { describe, expect, it } from 'vitest'
import { testContext } from '../test-context.ts'
import { setCallerIdActivity } from './index.ts'
import { setCallerIdSchema } from './schema.ts'

describe('R3.2 SetCallerID', () => {
  it('emits the constant caller ID and continues to next', () => {
    const activity = setCallerIdSchema.parse({
      kind: 'SetCallerID',
      callerId: '+15551230000',
      next: 'a2',
    })
    const result = setCallerIdActivity.run(activity, testContext({}, 'PreDial'))
    expect(result).toEqual({
      effects: [{ kind: 'setCallerId', callerId: '+15551230000' }],
      wait: false,
      next: 'a2',
    })
  })

  it('reads the caller ID from a variable, and an unset one reads as empty', () => {
    const activity = setCallerIdSchema.parse({ kind: 'SetCallerID', callerId: { variable: 'ani' } })
    const set = setCallerIdActivity.run(activity, testContext({ ani: '+442071234567' }, 'PreDial'))
    expect(set.effects).toEqual([{ kind: 'setCallerId', callerId: '+442071234567' }])
    const unset = setCallerIdActivity.run(activity, testContext({}, 'PreDial'))
    expect(unset.effects).toEqual([{ kind: 'setCallerId', callerId: '' }])
    expect(unset.next).toBeNull()
  })

  it('refuses a constant that is not E.164', () => {
    const result = setCallerIdSchema.safeParse({ kind: 'SetCallerID', callerId: '555-0100' })
    expect(result.success).toBe(false)
  })

  it('is allowed only in outdial PreDial, and a path may end on it', () => {
    expect(setCallerIdActivity.allowedIn).toEqual(['outdial'])
    expect(setCallerIdActivity.events).toEqual(['PreDial'])
    expect(setCallerIdActivity.mayEnd({ kind: 'SetCallerID', callerId: '+15551230000' })).toBe(true)
  })

  it('declares the variable it reads', () => {
    const uses = setCallerIdActivity.variables({
      kind: 'SetCallerID',
      callerId: { variable: 'PreDial.dialNumber' },
    })
    expect(uses).toEqual([
      { field: 'callerId.variable', name: 'PreDial.dialNumber', access: 'read' },
    ])
  })
})
