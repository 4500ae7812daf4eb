// Runs one flow event as data (R3): pure, and resumable after every effect the engine must wait
// for. The engine owns the call; the interpreter only says what to do next.
//
// Engine contract: a step's effects are carried out in order. On 'waiting' the engine performs the
// last effect (a play or a virtual agent) and calls resumeFlow when it has finished. A call-result
// run that ends 'done' without a disconnect, gotoEntryPoint or queue effect means "disconnect"
// (R3.3: without a handler, AMD and ABANDONED calls are disconnected) — the engine applies that.
import { InvariantError, invariant } from '../domain/invariant.ts'
import type { Activity } from './activities/activity-schema.ts'
import { activityDef } from './activities/registry.ts'
import { FLOW_STEPS_MAX } from './limits.ts'
import {
  type Flow,
  type FlowVariable,
  type Handler,
  literalTypeError,
  type VariableType,
} from './schema.ts'
import type { DigitsInput, FlowEffect, FlowEventName, FlowValue } from './types.ts'
import { EVENTS_BY_FLOW_KIND, FLOW_EVENT_NAMES, FLOW_EVENT_VARIABLES } from './types.ts'

export type { FlowEffect, FlowEventName, FlowValue } from './types.ts'

export interface FlowRunState {
  flowId: string
  event: FlowEventName
  /** The activity to run on resume; null once the run has ended. */
  currentActivityId: string | null
  vars: Record<string, FlowValue>
  /** Activities executed so far in this run, across all resumes. */
  steps: number
  /** Set while the run waits for keys: collections the current activity made so far. */
  collectTries?: number
}

export interface FlowStep {
  state: FlowRunState
  /** Effects produced since the previous step, in order (possibly an activity's shared array). */
  effects: readonly FlowEffect[]
  status: 'waiting' | 'done'
}

/** Thrown when a run executes more than FLOW_STEPS_MAX activities (only possible unvalidated). */
export class FlowStepLimitError extends Error {
  override name = 'FlowStepLimitError'
  constructor(
    readonly flowId: string,
    readonly event: FlowEventName,
    readonly steps: number,
  ) {
    super(`flow ${flowId} ${event}: more than ${FLOW_STEPS_MAX} activities in one run`)
  }
}

/** A declared variable with no default starts at its type's empty value, so reads never miss. */
const EMPTY_VALUE: Record<VariableType, FlowValue> = {
  STRING: '',
  INTEGER: 0,
  DECIMAL: 0,
  BOOLEAN: false,
  DATE_TIME: '',
}

/**
 * Each event variable's qualified name (`<Event>.<name>`), spelled once: a run starts on every
 * call, and a key built per call is a new string each time (issue 15, engine speed).
 */
const QUALIFIED_NAMES = new Map<FlowEventName, ReadonlyMap<string, string>>(
  FLOW_EVENT_NAMES.map((event) => [
    event,
    new Map(FLOW_EVENT_VARIABLES[event].map((name) => [name, `${event}.${name}`])),
  ]),
)

function initialVars(
  variables: readonly FlowVariable[],
  event: FlowEventName,
  eventVars: Readonly<Record<string, FlowValue>>,
  flowVars: Readonly<Record<string, FlowValue>>,
): Record<string, FlowValue> {
  const vars: Record<string, FlowValue> = {}
  for (const variable of variables) {
    vars[variable.name] = variable.defaultValue ?? EMPTY_VALUE[variable.type]
  }
  // for…in, not Object.entries: no pair array per variable on every call's flow (issue 15). Both
  // walk a plain object's own keys in the same order.
  for (const name in flowVars) {
    const value = flowVars[name]!
    const declared = variables.find((variable) => variable.name === name)
    if (declared === undefined) throw new InvariantError(`flow variable ${name} is not declared`)
    if (literalTypeError(declared.type, value) !== null)
      throw new InvariantError(`flow variable ${name}: bad type`)
    vars[name] = value
  }
  const qualifiedNames = QUALIFIED_NAMES.get(event)!
  for (const name in eventVars) {
    const value = eventVars[name]!
    const qualified = qualifiedNames.get(name)
    if (qualified === undefined) {
      const known = FLOW_EVENT_VARIABLES[event]
      throw new InvariantError(`${event} carries no variable ${name} (known: ${known})`)
    }
    vars[name] = value
    vars[qualified] = value
  }
  return vars
}

function handlerFor(flow: Flow, event: FlowEventName): Handler | undefined {
  return flow.handlers[event]
}

function activityAt(handler: Handler, id: string): Activity {
  const activity = Object.hasOwn(handler.activities, id) ? handler.activities[id] : undefined
  if (activity === undefined) throw new InvariantError(`activity ${id} does not exist`)
  return activity
}

/**
 * `ownsVars`: `start` and its vars were made for this run and nothing else holds them (a run just
 * started), so they are written in place. A resumed state's vars are copied before the first activity that
 * assigns a variable, and shared with the new state when none does: no state's vars are ever
 * written once another state holds them (issue 15, engine speed: most resumes assign nothing).
 */
function runUntilPause(
  flow: Flow,
  handler: Handler,
  start: FlowRunState,
  resumedInput: DigitsInput | undefined,
  ownsVars: boolean,
): FlowStep {
  let vars = start.vars
  let owned = ownsVars
  // The first activity's effects array is taken as the step's and a later activity's effects are
  // joined into a new one (neither is ever written): no array grown by push per run (a push into
  // an empty array reserves 17 slots: issue 15, engine speed).
  let effects: readonly FlowEffect[] | null = null
  let current = start.currentActivityId
  let steps = start.steps
  let input = resumedInput
  // One context for the run's activities (they read it, never keep it): not one per activity.
  const ctx = { flowKind: flow.kind, event: start.event, vars }
  while (current !== null) {
    const activity = activityAt(handler, current)
    const def = activityDef(activity)
    // Preconditions again at run time: validateFlow refuses these, so reaching one is a bug.
    if (!def.allowedIn.includes(flow.kind))
      throw new InvariantError(`${activity.kind} not allowed in ${flow.kind}`)
    if (!def.events.includes(start.event))
      throw new InvariantError(`${activity.kind} not allowed in ${start.event}`)
    // A resumed collection continues the same activity: it is not a new step.
    if (input === undefined) {
      if (steps >= FLOW_STEPS_MAX) throw new FlowStepLimitError(flow.id, start.event, steps + 1)
      steps += 1
    }
    const result = def.run(activity, input === undefined ? ctx : { ...ctx, input })
    if (effects === null) effects = result.effects
    else if (result.effects.length > 0) effects = effects.concat(result.effects)
    if (result.assign !== undefined) {
      if (!owned) {
        vars = { ...vars }
        ctx.vars = vars
        owned = true
      }
      Object.assign(vars, result.assign)
    }
    if (result.collect) {
      const last = result.effects.at(-1)
      invariant(last?.kind === 'collectDigits', `${activity.kind} collects without collectDigits`)
      const collectTries = (input?.tries ?? 0) + 1
      const state = runState(start, ownsVars, current, vars, steps)
      state.collectTries = collectTries
      return { state, effects: effects ?? [], status: 'waiting' }
    }
    input = undefined
    current = result.next
    if (result.wait) {
      if (result.effects.length === 0)
        throw new InvariantError(`${activity.kind} waits without an effect`)
      return {
        state: runState(start, ownsVars, current, vars, steps),
        effects: effects ?? [],
        status: 'waiting',
      }
    }
  }
  return {
    state: runState(start, ownsVars, null, vars, steps),
    effects: effects ?? [],
    status: 'done',
  }
}

/**
 * The run's state after a step, without the collection count of the step it resumed. A run just
 * started (`owned`: its start state was made for it and nothing else holds it) writes its start
 * state in place; a resumed run makes a new one, since the engine may still hold the old (issue
 * 15: one object less per call-result run).
 */
function runState(
  start: FlowRunState,
  owned: boolean,
  currentActivityId: string | null,
  vars: Record<string, FlowValue>,
  steps: number,
): FlowRunState {
  if (!owned) return { flowId: start.flowId, event: start.event, currentActivityId, vars, steps }
  start.currentActivityId = currentActivityId
  start.vars = vars
  start.steps = steps
  return start
}

/**
 * Starts the handler for `event`. `eventVars` are the event's own variables (plain names, e.g.
 * CPAResult); `flowVars` overrides declared flow variables, e.g. campaignId (R3.1).
 * A flow with no handler for the event yields 'done' with no effects.
 */
export function startFlowEvent(
  flow: Flow,
  event: FlowEventName,
  eventVars: Readonly<Record<string, FlowValue>>,
  flowVars: Readonly<Record<string, FlowValue>> = {},
): FlowStep {
  const raised = EVENTS_BY_FLOW_KIND[flow.kind].includes(event)
  if (!raised) throw new InvariantError(`${event} is never raised on ${flow.kind} flows`)
  const vars = initialVars(flow.variables, event, eventVars, flowVars)
  const handler = handlerFor(flow, event)
  const state: FlowRunState = {
    flowId: flow.id,
    event,
    currentActivityId: handler === undefined ? null : handler.start,
    vars,
    steps: 0,
  }
  if (handler === undefined) return { state, effects: [], status: 'done' }
  return runUntilPause(flow, handler, state, undefined, true)
}

/**
 * Continues a run after the engine finished the effect it was waiting on. A run waiting on a
 * collectDigits is resumed with the keys collected ('' when none came before the timeout).
 */
export function resumeFlow(flow: Flow, state: FlowRunState, digits?: string): FlowStep {
  if (state.flowId !== flow.id)
    throw new InvariantError(`state of flow ${state.flowId} resumed on ${flow.id}`)
  const handler = handlerFor(flow, state.event)
  if (handler === undefined)
    throw new InvariantError(`flow ${flow.id} has no ${state.event} handler to resume`)
  const tries = state.collectTries
  invariant((tries === undefined) === (digits === undefined), 'keys resume only a collection')
  const input = tries === undefined || digits === undefined ? undefined : { digits, tries }
  return runUntilPause(flow, handler, state, input, false)
}

/** The caller ID a PreDial run chose: the last SetCallerID wins, as it ran last (R6.1). */
export function preDialCallerId(effects: readonly FlowEffect[]): string | undefined {
  let callerId: string | undefined
  for (const effect of effects) if (effect.kind === 'setCallerId') callerId = effect.callerId
  return callerId
}
