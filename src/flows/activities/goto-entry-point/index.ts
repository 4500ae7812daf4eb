// GotoEntryPoint ends this run: the call now belongs to the other entry point's flow. It is the
// only way from an outdial flow to a live agent (R3.3).
import type { ActivityDef } from '../../types.ts'
import { CALL_EVENTS, FLOW_KINDS } from '../../types.ts'
import { type GotoEntryPoint, gotoEntryPointSchema } from './schema.ts'

export const gotoEntryPointActivity: ActivityDef<GotoEntryPoint> = {
  kind: 'GotoEntryPoint',
  schema: gotoEntryPointSchema,
  allowedIn: FLOW_KINDS,
  events: CALL_EVENTS,
  edges: () => [],
  mayEnd: () => true,
  variables: () => [],
  run: (activity) => ({
    effects: [{ kind: 'gotoEntryPoint', entryPointId: activity.entryPointId }],
    wait: false,
    next: null,
  }),
}
