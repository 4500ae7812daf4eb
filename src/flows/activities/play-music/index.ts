// PlayMusic emits a music play and waits, like PlayMessage; durationSec caps a long track.
import type { ActivityDef, FlowEffect } from '../../types.ts'
import { CALL_EVENTS, FLOW_KINDS } from '../../types.ts'
import { nextEdges, nextOrNull } from '../common.ts'
import { type PlayMusic, playMusicSchema } from './schema.ts'

function playMusicEffect(activity: PlayMusic): FlowEffect {
  // durationSec is left out rather than set to undefined, so effects compare cleanly in logs.
  return activity.durationSec === undefined
    ? { kind: 'play', promptId: activity.musicId, music: true }
    : { kind: 'play', promptId: activity.musicId, music: true, durationSec: activity.durationSec }
}

export const playMusicActivity: ActivityDef<PlayMusic> = {
  kind: 'PlayMusic',
  schema: playMusicSchema,
  allowedIn: FLOW_KINDS,
  events: CALL_EVENTS,
  edges: (activity) => nextEdges(activity.next),
  mayEnd: (activity) => activity.next === undefined,
  variables: () => [],
  run: (activity) => ({
    effects: [playMusicEffect(activity)],
    wait: true,
    next: nextOrNull(activity.next),
  }),
}
