// CollectDigits runs in two halves: first it emits collectDigits (prompt + keys) and asks the
// interpreter to resume it with the keys; then it stores the keys in its variable and follows
// the matching branch, or tries again (retries), or leaves by noInput / noMatch.
import type { ActivityDef, ActivityEdge, ActivityResult, FlowEffect } from '../../types.ts'
import { CALL_EVENTS, FLOW_KINDS } from '../../types.ts'
import { nextOrNull } from '../common.ts'
import { type CollectDigits, collectDigitsSchema } from './schema.ts'

function collectEffect(activity: CollectDigits): FlowEffect {
  return {
    kind: 'collectDigits',
    promptId: activity.promptId,
    variable: activity.variable,
    maxDigits: activity.maxDigits,
    terminator: activity.terminator ?? null,
    firstDigitTimeoutSec: activity.firstDigitTimeoutSec,
    interDigitTimeoutSec: activity.interDigitTimeoutSec,
  }
}

function collectEdges(activity: CollectDigits): ActivityEdge[] {
  const edges = Object.entries(activity.branches).map(([digits, target]) => ({
    field: `branches.${digits}`,
    target,
  }))
  if (activity.noInput !== undefined) edges.push({ field: 'noInput', target: activity.noInput })
  if (activity.noMatch !== undefined) edges.push({ field: 'noMatch', target: activity.noMatch })
  return edges
}

const collectAgain = (activity: CollectDigits): ActivityResult => ({
  effects: [collectEffect(activity)],
  wait: true,
  next: null,
  collect: true,
})

export const collectDigitsActivity: ActivityDef<CollectDigits> = {
  kind: 'CollectDigits',
  schema: collectDigitsSchema,
  allowedIn: FLOW_KINDS,
  events: CALL_EVENTS,
  edges: collectEdges,
  mayEnd: (activity) => activity.noInput === undefined || activity.noMatch === undefined,
  variables: (activity) => [{ field: 'variable', name: activity.variable, access: 'write' }],
  run: (activity, ctx) => {
    const input = ctx.input
    if (input === undefined) return collectAgain(activity)
    const assign = { [activity.variable]: input.digits }
    const branch = Object.hasOwn(activity.branches, input.digits)
      ? activity.branches[input.digits]
      : undefined
    if (branch !== undefined) return { effects: [], wait: false, next: branch, assign }
    if (input.tries <= activity.retries) return { ...collectAgain(activity), assign }
    const exit = input.digits === '' ? activity.noInput : activity.noMatch
    return { effects: [], wait: false, next: nextOrNull(exit), assign }
  },
}
