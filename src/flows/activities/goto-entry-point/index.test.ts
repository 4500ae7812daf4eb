// Goal: GotoEntryPoint hands the call to another entry point and ends this run.
import { describe, expect, it } from 'vitest'
import { testContext } from '../test-context.ts'
import { gotoEntryPointActivity } from './index.ts'
import { gotoEntryPointSchema } from './schema.ts'

describe('R3.3 GotoEntryPoint', () => {
  it('emits gotoEntryPoint and ends the run', () => {
    const activity = gotoEntryPointSchema.parse({ kind: 'GotoEntryPoint', entryPointId: 'ep-in' })
    expect(gotoEntryPointActivity.run(activity, testContext())).toEqual({
      effects: [{ kind: 'gotoEntryPoint', entryPointId: 'ep-in' }],
      wait: false,
      next: null,
    })
  })

  it('is allowed in outdial flows: it is their only way to a live agent', () => {
    expect(gotoEntryPointActivity.allowedIn).toContain('outdial')
    expect(gotoEntryPointActivity.events).toContain('OutboundCampaignCallResult')
  })

  it('refuses a missing entry point id', () => {
    expect(gotoEntryPointSchema.safeParse({ kind: 'GotoEntryPoint' }).success).toBe(false)
  })
})
