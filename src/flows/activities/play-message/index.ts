// PlayMessage emits a play and waits: the flow continues only once the engine says it finished.
import type { ActivityDef } from '../../types.ts'
import { CALL_EVENTS, FLOW_KINDS } from '../../types.ts'
import { nextEdges, nextOrNull } from '../common.ts'
import { type PlayMessage, playMessageSchema } from './schema.ts'

export const playMessageActivity: ActivityDef<PlayMessage> = {
  kind: 'PlayMessage',
  schema: playMessageSchema,
  allowedIn: FLOW_KINDS,
  events: CALL_EVENTS,
  edges: (activity) => nextEdges(activity.next),
  mayEnd: (activity) => activity.next === undefined,
  variables: () => [],
  run: (activity) => ({
    effects: [{ kind: 'play', promptId: activity.promptId, music: false }],
    wait: true,
    next: nextOrNull(activity.next),
  }),
}
