// Vocabulary shared by the flow schema, the activities, the interpreter and the validator (R3).
import type { z } from 'zod'

export const FLOW_KINDS = ['outdial', 'inbound'] as const
export type FlowKind = (typeof FLOW_KINDS)[number]

export const FLOW_EVENT_NAMES = [
  'PreDial',
  'OutboundCampaignCallResult',
  'NewPhoneContact',
] as const
export type FlowEventName = (typeof FLOW_EVENT_NAMES)[number]

/** Which events the engine raises on each flow kind (R3.2, R3.3; NewPhoneContact: inbound). */
export const EVENTS_BY_FLOW_KIND: Record<FlowKind, readonly FlowEventName[]> = {
  outdial: ['PreDial', 'OutboundCampaignCallResult'],
  inbound: ['NewPhoneContact'],
}

/** Events raised while a call exists: call-control activities make sense only there. */
export const CALL_EVENTS: readonly FlowEventName[] = [
  'OutboundCampaignCallResult',
  'NewPhoneContact',
]

/**
 * The variables each event carries (Appendix A). The interpreter sets each under its plain name
 * and under `<Event>.<name>`; the validator refuses references to anything else.
 */
export const FLOW_EVENT_VARIABLES: Record<FlowEventName, readonly string[]> = {
  PreDial: ['dialNumber', 'operationType', 'direction', 'participantType'],
  OutboundCampaignCallResult: ['CPAResult', 'CPAResultCode'],
  NewPhoneContact: ['ANI', 'DNIS'],
}

export type FlowValue = string | number | boolean

export type FlowEffect =
  | { kind: 'setCallerId'; callerId: string }
  | { kind: 'play'; promptId: string; music: boolean; durationSec?: number }
  | { kind: 'virtualAgent'; botId: string; maxDurationSec: number }
  | { kind: 'disconnect' }
  | { kind: 'gotoEntryPoint'; entryPointId: string }
  | { kind: 'queue'; queueId: string }
  /** Play the prompt and collect keys; the engine resumes the run with the keys ('' on none). */
  | {
      kind: 'collectDigits'
      promptId: string
      /** The flow variable the keys go to (the engine reports it with the attempt). */
      variable: string
      maxDigits: number
      terminator: '#' | null
      firstDigitTimeoutSec: number
      interDigitTimeoutSec: number
    }

/** What the engine collected for a CollectDigits run: the keys ('' when none came in time). */
export interface DigitsInput {
  digits: string
  /** Collections this activity has made so far, this one included (1 on the first). */
  tries: number
}

/** What an activity may look at while it runs; it never changes anything itself. */
export interface ActivityContext {
  flowKind: FlowKind
  event: FlowEventName
  vars: Readonly<Record<string, FlowValue>>
  /** Set only when the run resumes an activity that asked for keys (`collect`). */
  input?: DigitsInput
}

export interface ActivityResult {
  /** Never written by the interpreter or the engine: an activity may share one frozen array. */
  effects: readonly FlowEffect[]
  /** True: the run pauses until the engine reports that the last effect finished. */
  wait: boolean
  /** The activity to run next, or null: the run ends after this one. */
  next: string | null
  /** Variables this activity writes (SetVariable, CollectDigits). */
  assign?: Record<string, FlowValue>
  /**
   * True: the last effect is a collectDigits; the run waits and resumes this same activity with
   * the keys collected (ctx.input), instead of `next`.
   */
  collect?: boolean
}

/** A continuation out of an activity; `field` is the dotted path inside the activity. */
export interface ActivityEdge {
  field: string
  target: string
}

/** A variable an activity names; `literal` is the value a write stores when it is a constant. */
export interface VariableUse {
  field: string
  name: string
  access: 'read' | 'write'
  literal?: FlowValue
}

/**
 * One activity kind: its schema, where it may appear (its preconditions, checked by the
 * validator and asserted again by the interpreter), its graph shape, and how it runs.
 */
export interface ActivityDef<A extends { kind: string }> {
  kind: A['kind']
  schema: z.ZodType<A>
  allowedIn: readonly FlowKind[]
  events: readonly FlowEventName[]
  edges(activity: A): ActivityEdge[]
  /** Whether a run can end at this activity: no next, or a Case value that matches nothing. */
  mayEnd(activity: A): boolean
  variables(activity: A): VariableUse[]
  run(activity: A, ctx: ActivityContext): ActivityResult
}
