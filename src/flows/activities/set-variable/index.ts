// SetVariable writes one flow variable; the validator checks the name is declared and writable.
import type { ActivityDef, VariableUse } from '../../types.ts'
import { FLOW_EVENT_NAMES, FLOW_KINDS } from '../../types.ts'
import { nextEdges, nextOrNull, resolveValue } from '../common.ts'
import { type SetVariable, setVariableSchema } from './schema.ts'

function setVariableUses(activity: SetVariable): VariableUse[] {
  const uses: VariableUse[] = []
  if (typeof activity.value === 'object') {
    uses.push({ field: 'value.variable', name: activity.value.variable, access: 'read' })
    uses.push({ field: 'name', name: activity.name, access: 'write' })
  } else {
    uses.push({ field: 'name', name: activity.name, access: 'write', literal: activity.value })
  }
  return uses
}

export const setVariableActivity: ActivityDef<SetVariable> = {
  kind: 'SetVariable',
  schema: setVariableSchema,
  allowedIn: FLOW_KINDS,
  events: FLOW_EVENT_NAMES,
  edges: (activity) => nextEdges(activity.next),
  mayEnd: (activity) => activity.next === undefined,
  variables: setVariableUses,
  run: (activity, ctx) => ({
    effects: [],
    wait: false,
    next: nextOrNull(activity.next),
    assign: { [activity.name]: resolveValue(activity.value, ctx.vars) },
  }),
}
