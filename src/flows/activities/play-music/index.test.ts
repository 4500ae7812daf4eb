// Goal: PlayMusic emits a music play (with its optional duration) and waits for the engine.
import { describe, expect, it } from 'vitest'
import { testContext } from '../test-context.ts'
import { playMusicActivity } from './index.ts'
import { playMusicSchema } from './schema.ts'

describe('R3.3 PlayMusic', () => {
  it('emits a music play with its duration and waits', () => {
    const activity = playMusicSchema.parse({ kind: 'PlayMusic', musicId: 'm1', durationSec: 20 })
    expect(playMusicActivity.run(activity, testContext())).toEqual({
      effects: [{ kind: 'play', promptId: 'm1', music: true, durationSec: 20 }],
      wait: true,
      next: null,
    })
  })

  it('leaves durationSec out when none is given', () => {
    const activity = playMusicSchema.parse({ kind: 'PlayMusic', musicId: 'm1', next: 'n' })
    const [effect] = playMusicActivity.run(activity, testContext()).effects
    expect(effect).toEqual({ kind: 'play', promptId: 'm1', music: true })
    expect(effect).not.toHaveProperty('durationSec')
  })

  it('refuses a duration outside 1..3600 s or not whole', () => {
    for (const durationSec of [0, 3601, 1.5]) {
      const input = { kind: 'PlayMusic', musicId: 'm1', durationSec }
      expect(playMusicSchema.safeParse(input).success).toBe(false)
    }
  })
})
