// Goal: SetVariable stores a constant or a copied value, and declares what it reads and writes.
import { describe, expect, it } from 'vitest'
import { testContext } from '../test-context.ts'
import { setVariableActivity } from './index.ts'
import { setVariableSchema } from './schema.ts'

describe('R3.1 SetVariable', () => {
  it('assigns a constant and continues', () => {
    const activity = setVariableSchema.parse({
      kind: 'SetVariable',
      name: 'tries',
      value: 3,
      next: 'a2',
    })
    expect(setVariableActivity.run(activity, testContext())).toEqual({
      effects: [],
      wait: false,
      next: 'a2',
      assign: { tries: 3 },
    })
  })

  it('copies another variable, including an event variable by its qualified name', () => {
    const activity = setVariableSchema.parse({
      kind: 'SetVariable',
      name: 'lastResult',
      value: { variable: 'OutboundCampaignCallResult.CPAResult' },
    })
    const vars = { 'OutboundCampaignCallResult.CPAResult': 'AMD' }
    const result = setVariableActivity.run(activity, testContext(vars))
    expect(result.assign).toEqual({ lastResult: 'AMD' })
    expect(result.next).toBeNull()
  })

  it('declares a literal write with its value, and a copy as a read plus a write', () => {
    expect(setVariableActivity.variables({ kind: 'SetVariable', name: 'x', value: true })).toEqual([
      { field: 'name', name: 'x', access: 'write', literal: true },
    ])
    const copy = setVariableActivity.variables({
      kind: 'SetVariable',
      name: 'x',
      value: { variable: 'y' },
    })
    expect(copy.map((use) => use.access)).toEqual(['read', 'write'])
  })

  it('refuses a bad variable name and an unknown field', () => {
    expect(
      setVariableSchema.safeParse({ kind: 'SetVariable', name: 'a b', value: 1 }).success,
    ).toBe(false)
    const extra = { kind: 'SetVariable', name: 'a', value: 1, nxt: 'b' }
    expect(setVariableSchema.safeParse(extra).success).toBe(false)
  })

  it('is allowed in every flow kind and event', () => {
    expect(setVariableActivity.allowedIn).toEqual(['outdial', 'inbound'])
    expect(setVariableActivity.events).toHaveLength(3)
  })
})
