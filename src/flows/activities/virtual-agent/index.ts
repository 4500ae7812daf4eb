// VirtualAgent emits the hand-off and waits; in IVR campaigns the port stays held meanwhile (R1.4).
import type { ActivityDef } from '../../types.ts'
import { CALL_EVENTS, FLOW_KINDS } from '../../types.ts'
import { nextEdges, nextOrNull } from '../common.ts'
import { type VirtualAgent, virtualAgentSchema } from './schema.ts'

export const virtualAgentActivity: ActivityDef<VirtualAgent> = {
  kind: 'VirtualAgent',
  schema: virtualAgentSchema,
  allowedIn: FLOW_KINDS,
  events: CALL_EVENTS,
  edges: (activity) => nextEdges(activity.next),
  mayEnd: (activity) => activity.next === undefined,
  variables: () => [],
  run: (activity) => ({
    effects: [
      { kind: 'virtualAgent', botId: activity.botId, maxDurationSec: activity.maxDurationSec },
    ],
    wait: true,
    next: nextOrNull(activity.next),
  }),
}
