// validateFlow: the one door through which a flow enters the product. The zod schema checks the
// shape; the rules below check what a shape cannot: references, placement of activities, the
// graph, and the outdial requirements of R3.1–R3.3.
import type { z } from 'zod'
import { CPA_RESULTS } from '../domain/outcomes.ts'
import type { Activity } from './activities/activity-schema.ts'
import { activityDef } from './activities/registry.ts'
import { type Flow, flowSchema, literalTypeError } from './schema.ts'
import type { FlowEventName, VariableUse } from './types.ts'
import { EVENTS_BY_FLOW_KIND, FLOW_EVENT_NAMES, FLOW_EVENT_VARIABLES } from './types.ts'
import { checkGraph, type FlowValidationError } from './validate-graph.ts'

export type { FlowValidationError } from './validate-graph.ts'

export type FlowValidationResult =
  | { ok: true; flow: Flow }
  | { ok: false; errors: FlowValidationError[] }

/** R3.1: every outdial flow declares this variable, spelt exactly so. */
export const CAMPAIGN_ID_VARIABLE = 'campaignId'

function issuePath(issue: z.core.$ZodIssue): string {
  return issue.path.map(String).join('.')
}

function checkVariables(flow: Flow): FlowValidationError[] {
  const errors: FlowValidationError[] = []
  const seen = new Set<string>()
  const eventNames = new Set(EVENTS_BY_FLOW_KIND[flow.kind].flatMap((e) => FLOW_EVENT_VARIABLES[e]))
  flow.variables.forEach((variable, index) => {
    const path = `variables.${index}.name`
    if (seen.has(variable.name)) {
      errors.push({ path, message: `variable '${variable.name}' is declared twice` })
    }
    if (eventNames.has(variable.name)) {
      errors.push({ path, message: `variable '${variable.name}' hides an event variable` })
    }
    seen.add(variable.name)
  })
  if (flow.kind === 'outdial') errors.push(...checkCampaignId(flow))
  return errors
}

function checkCampaignId(flow: Flow): FlowValidationError[] {
  const index = flow.variables.findIndex((v) => v.name === CAMPAIGN_ID_VARIABLE)
  if (index === -1) {
    const message = `an outdial flow must declare the STRING variable '${CAMPAIGN_ID_VARIABLE}'`
    return [{ path: 'variables', message: `${message} (R3.1)` }]
  }
  if (flow.variables[index]!.type === 'STRING') return []
  const message = `'${CAMPAIGN_ID_VARIABLE}' must be a STRING variable (R3.1)`
  return [{ path: `variables.${index}.type`, message }]
}

function checkPlacement(
  flow: Flow,
  event: FlowEventName,
  activity: Activity,
  path: string,
): FlowValidationError[] {
  const def = activityDef(activity)
  const errors: FlowValidationError[] = []
  if (!def.allowedIn.includes(flow.kind)) {
    const hint =
      activity.kind === 'QueueContact' ? '; use GotoEntryPoint to reach an agent (R3.3)' : ''
    const message = `${activity.kind} is not allowed in ${flow.kind} flows${hint}`
    errors.push({ path: `${path}.kind`, message })
  }
  if (!def.events.includes(event)) {
    const message = `${activity.kind} is not allowed in ${event} (only in ${def.events.join(', ')})`
    errors.push({ path: `${path}.kind`, message })
  }
  return errors
}

function checkVariableUse(
  flow: Flow,
  event: FlowEventName,
  use: VariableUse,
  path: string,
): FlowValidationError | null {
  const declared = flow.variables.find((variable) => variable.name === use.name)
  const eventVariables = FLOW_EVENT_VARIABLES[event]
  const isEventVariable =
    eventVariables.includes(use.name) || eventVariables.some((n) => `${event}.${n}` === use.name)
  const fieldPath = `${path}.${use.field}`
  if (use.access === 'write') {
    if (declared === undefined) {
      return { path: fieldPath, message: `'${use.name}' is not a declared flow variable` }
    }
    if (use.literal === undefined) return null
    const message = literalTypeError(declared.type, use.literal)
    return message === null ? null : { path: `${path}.value`, message }
  }
  if (declared !== undefined || isEventVariable) return null
  const message = `unknown variable '${use.name}' (not declared, and not a ${event} variable)`
  return { path: fieldPath, message }
}

/** A Case on CPAResult can only ever see the R3.3 values, so any other branch key is a typo. */
function checkCpaBranches(activity: Activity, path: string): FlowValidationError[] {
  if (activity.kind !== 'Case') return []
  const cpaNames = ['CPAResult', 'OutboundCampaignCallResult.CPAResult']
  if (!cpaNames.includes(activity.variable)) return []
  const known: readonly string[] = CPA_RESULTS
  return Object.keys(activity.branches)
    .filter((value) => !known.includes(value))
    .map((value) => ({
      path: `${path}.branches.${value}`,
      message: `CPAResult is never '${value}' (expected one of: ${CPA_RESULTS.join(', ')})`,
    }))
}

function checkActivities(flow: Flow, event: FlowEventName, base: string): FlowValidationError[] {
  const errors: FlowValidationError[] = []
  for (const [id, activity] of Object.entries(flow.handlers[event]?.activities ?? {})) {
    const path = `${base}.activities.${id}`
    errors.push(...checkPlacement(flow, event, activity, path))
    for (const use of activityDef(activity).variables(activity)) {
      const error = checkVariableUse(flow, event, use, path)
      if (error !== null) errors.push(error)
    }
    errors.push(...checkCpaBranches(activity, path))
  }
  return errors
}

function checkHandlers(flow: Flow): FlowValidationError[] {
  const errors: FlowValidationError[] = []
  for (const event of FLOW_EVENT_NAMES) {
    const handler = flow.handlers[event]
    if (handler === undefined) continue
    const base = `handlers.${event}`
    if (!EVENTS_BY_FLOW_KIND[flow.kind].includes(event)) {
      errors.push({ path: base, message: `${event} is never raised on ${flow.kind} flows` })
      continue
    }
    errors.push(...checkActivities(flow, event, base))
    errors.push(...checkGraph(handler, event, base))
  }
  return errors
}

/** Parses and checks a flow; on failure every problem is listed with its dotted field path. */
export function validateFlow(input: unknown): FlowValidationResult {
  const parsed = flowSchema.safeParse(input)
  if (!parsed.success) {
    const errors = parsed.error.issues.map((issue) => ({
      path: issuePath(issue),
      message: issue.message,
    }))
    return { ok: false, errors }
  }
  const flow = parsed.data
  const errors = [...checkVariables(flow), ...checkHandlers(flow)]
  return errors.length === 0 ? { ok: true, flow } : { ok: false, errors }
}
