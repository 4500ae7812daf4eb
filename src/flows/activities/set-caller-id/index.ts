// SetCallerID emits the caller ID for the coming dial; only PreDial runs before a dial.
import type { ActivityDef } from '../../types.ts'
import { nextEdges, nextOrNull, resolveValue } from '../common.ts'
import { type SetCallerId, setCallerIdSchema } from './schema.ts'

export const setCallerIdActivity: ActivityDef<SetCallerId> = {
  kind: 'SetCallerID',
  schema: setCallerIdSchema,
  allowedIn: ['outdial'],
  events: ['PreDial'],
  edges: (activity) => nextEdges(activity.next),
  mayEnd: (activity) => activity.next === undefined,
  variables: (activity) =>
    typeof activity.callerId === 'string'
      ? []
      : [{ field: 'callerId.variable', name: activity.callerId.variable, access: 'read' }],
  run: (activity, ctx) => ({
    // Not validated here: resolveCallerId refuses a bad value and falls back (R6.1, Appendix A).
    effects: [{ kind: 'setCallerId', callerId: String(resolveValue(activity.callerId, ctx.vars)) }],
    wait: false,
    next: nextOrNull(activity.next),
  }),
}
