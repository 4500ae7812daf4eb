// Goal: PlayMessage emits a non-music play and makes the run wait for the engine.
import { describe, expect, it } from 'vitest'
import { testContext } from '../test-context.ts'
import { playMessageActivity } from './index.ts'
import { playMessageSchema } from './schema.ts'

describe('R3.3 PlayMessage', () => {
  it('emits play and waits, then continues to next', () => {
    const activity = playMessageSchema.parse({ kind: 'PlayMessage', promptId: 'p1', next: 'bye' })
    expect(playMessageActivity.run(activity, testContext())).toEqual({
      effects: [{ kind: 'play', promptId: 'p1', music: false }],
      wait: true,
      next: 'bye',
    })
  })

  it('refuses an empty prompt id', () => {
    expect(playMessageSchema.safeParse({ kind: 'PlayMessage', promptId: '' }).success).toBe(false)
  })

  it('is a call-control activity: not in PreDial, where no call exists yet', () => {
    expect(playMessageActivity.events).not.toContain('PreDial')
    expect(playMessageActivity.allowedIn).toEqual(['outdial', 'inbound'])
  })
})
