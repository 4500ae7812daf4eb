// Case picks the branch whose key equals the variable's value written as text (true → 'true',
// 3 → '3'); no match goes to defaultNext, or ends the run when there is none.
import type { ActivityDef, ActivityEdge, FlowEffect } from '../../types.ts'
import { FLOW_EVENT_NAMES, FLOW_KINDS } from '../../types.ts'
import { nextOrNull, variableValue } from '../common.ts'
import { type Case, caseSchema } from './schema.ts'

function caseEdges(activity: Case): ActivityEdge[] {
  const edges = Object.entries(activity.branches).map(([value, target]) => ({
    field: `branches.${value}`,
    target,
  }))
  if (activity.defaultNext !== undefined) {
    edges.push({ field: 'defaultNext', target: activity.defaultNext })
  }
  return edges
}

/** A Case has no effect: every run shares this one empty list, read-only by its type (issue 15). */
const NO_EFFECTS: readonly FlowEffect[] = []

export const caseActivity: ActivityDef<Case> = {
  kind: 'Case',
  schema: caseSchema,
  allowedIn: FLOW_KINDS,
  events: FLOW_EVENT_NAMES,
  edges: caseEdges,
  mayEnd: (activity) => activity.defaultNext === undefined,
  variables: (activity) => [{ field: 'variable', name: activity.variable, access: 'read' }],
  run: (activity, ctx) => {
    const value = String(variableValue(activity.variable, ctx.vars))
    // Own-property lookup, as in resolveValue: a value like 'constructor' is just text.
    const matched = Object.hasOwn(activity.branches, value) ? activity.branches[value] : undefined
    return { effects: NO_EFFECTS, wait: false, next: matched ?? nextOrNull(activity.defaultNext) }
  },
}
