// Goal: every activity kind is registered under its own name, with a schema for that kind.
import { describe, expect, it } from 'vitest'
import { ACTIVITY_KINDS, activitySchema } from './activity-schema.ts'
import { ACTIVITY_REGISTRY } from './registry.ts'

describe('R3 activity registry', () => {
  it('registers each kind once, under the kind its definition declares', () => {
    expect(Object.keys(ACTIVITY_REGISTRY).sort()).toEqual([...ACTIVITY_KINDS].sort())
    for (const [kind, def] of Object.entries(ACTIVITY_REGISTRY)) expect(def.kind).toBe(kind)
  })

  it('names an unknown kind in the error', () => {
    const result = activitySchema.safeParse({ kind: 'PlayPrompt', promptId: 'p' })
    expect(result.success).toBe(false)
    expect(result.error?.issues[0]?.message).toMatch(/unknown activity kind "PlayPrompt"/)
  })

  it('says so when the kind is missing', () => {
    const result = activitySchema.safeParse({ promptId: 'p' })
    expect(result.error?.issues[0]?.message).toMatch(/activity has no kind/)
  })
})
