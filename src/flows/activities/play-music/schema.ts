// PlayMusic: plays music, for its own length or for durationSec, before the flow goes on.
import { z } from 'zod'
import { PLAY_MUSIC_SEC_MAX } from '../../limits.ts'
import { activityIdSchema, referenceIdSchema } from '../common.ts'

export const playMusicSchema = z.strictObject({
  kind: z.literal('PlayMusic'),
  musicId: referenceIdSchema,
  durationSec: z.number().int().min(1).max(PLAY_MUSIC_SEC_MAX).optional(),
  next: activityIdSchema.optional(),
})
export type PlayMusic = z.infer<typeof playMusicSchema>
