// Graph rules for one handler: targets exist, no cycles, and every PreDial path ends in
// SetCallerID (R3.2, Appendix A). Pure functions over a parsed handler.
import type { Activity } from './activities/activity-schema.ts'
import { activityDef } from './activities/registry.ts'
import type { Handler } from './schema.ts'
import type { FlowEventName } from './types.ts'

export interface FlowValidationError {
  path: string
  message: string
}

function activityOf(handler: Handler, id: string): Activity | undefined {
  return Object.hasOwn(handler.activities, id) ? handler.activities[id] : undefined
}

export function checkTargets(handler: Handler, base: string): FlowValidationError[] {
  const errors: FlowValidationError[] = []
  if (activityOf(handler, handler.start) === undefined) {
    errors.push({ path: `${base}.start`, message: `start activity '${handler.start}' not found` })
  }
  for (const [id, activity] of Object.entries(handler.activities)) {
    for (const edge of activityDef(activity).edges(activity)) {
      if (activityOf(handler, edge.target) !== undefined) continue
      const path = `${base}.activities.${id}.${edge.field}`
      errors.push({ path, message: `activity '${edge.target}' not found` })
    }
  }
  return errors
}

type Mark = 'visiting' | 'done'

/** Depth-first search; an edge back to an activity still on the stack closes a cycle. */
export function checkCycles(handler: Handler, base: string): FlowValidationError[] {
  const errors: FlowValidationError[] = []
  const marks = new Map<string, Mark>()
  const stack: string[] = []
  const visit = (id: string): void => {
    const activity = activityOf(handler, id)
    if (activity === undefined || marks.has(id)) return
    marks.set(id, 'visiting')
    stack.push(id)
    for (const edge of activityDef(activity).edges(activity)) {
      if (marks.get(edge.target) === 'visiting') {
        const loop = [...stack.slice(stack.indexOf(edge.target)), edge.target].join(' → ')
        const path = `${base}.activities.${id}.${edge.field}`
        errors.push({ path, message: `cycle: ${loop}` })
      } else {
        visit(edge.target)
      }
    }
    stack.pop()
    marks.set(id, 'done')
  }
  visit(handler.start)
  for (const id of Object.keys(handler.activities)) visit(id)
  return errors
}

/** Activity ids reachable from start, in depth-first order. */
export function reachableIds(handler: Handler): string[] {
  const seen = new Set<string>()
  const pending = [handler.start]
  while (pending.length > 0) {
    const id = pending.pop()!
    const activity = activityOf(handler, id)
    if (activity === undefined || seen.has(id)) continue
    seen.add(id)
    for (const edge of activityDef(activity).edges(activity)) pending.push(edge.target)
  }
  return [...seen]
}

/**
 * Appendix A: every path through a PreDial flow must reach SetCallerID. A path ends wherever a run
 * can stop, so
 * every reachable activity that may end the run must be a SetCallerID. A Case without a
 * defaultNext can stop on an unmatched value, which would leave the dial without a caller ID.
 */
export function checkPreDialEndings(handler: Handler, base: string): FlowValidationError[] {
  const errors: FlowValidationError[] = []
  for (const id of reachableIds(handler)) {
    const activity = activityOf(handler, id)!
    if (activity.kind === 'SetCallerID' || !activityDef(activity).mayEnd(activity)) continue
    if (activity.kind === 'Case') {
      const message = 'a PreDial Case needs defaultNext: an unmatched value would end the path'
      errors.push({ path: `${base}.activities.${id}.defaultNext`, message: `${message} (R3.2)` })
    } else {
      const message = `PreDial path ends at ${activity.kind} '${id}' without SetCallerID (R3.2)`
      errors.push({ path: `${base}.activities.${id}`, message })
    }
  }
  return errors
}

export function checkGraph(
  handler: Handler,
  event: FlowEventName,
  base: string,
): FlowValidationError[] {
  const errors = [...checkTargets(handler, base), ...checkCycles(handler, base)]
  if (event === 'PreDial') errors.push(...checkPreDialEndings(handler, base))
  return errors
}
