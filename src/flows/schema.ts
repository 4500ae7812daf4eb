// The shape of a flow (R3.1): declared variables and one handler per event, each a small graph of
// activities. Structural rules live here; graph and cross-field rules live in validate.ts.
import { DateTime } from 'luxon'
import { z } from 'zod'
import { activitySchema } from './activities/activity-schema.ts'
import { activityIdSchema, literalValueSchema, referenceIdSchema } from './activities/common.ts'
import {
  ACTIVITY_ID_LENGTH_MAX,
  FLOW_NAME_LENGTH_MAX,
  FLOW_VARIABLES_MAX,
  HANDLER_ACTIVITIES_MAX,
  VARIABLE_NAME_LENGTH_MAX,
} from './limits.ts'
import { FLOW_KINDS, type FlowEventName } from './types.ts'

export const VARIABLE_TYPES = ['STRING', 'INTEGER', 'BOOLEAN', 'DECIMAL', 'DATE_TIME'] as const
export type VariableType = (typeof VARIABLE_TYPES)[number]

/** Appendix A: a variable name is ≤ 80 characters of `[A-Za-z0-9_]`, and case-sensitive. */
export const variableNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9_]+$/, 'variable name may hold only letters, digits and _')
  .max(VARIABLE_NAME_LENGTH_MAX)

/** Whether a literal fits a declared variable type; the message says what was expected. */
export function literalTypeError(type: VariableType, value: unknown): string | null {
  switch (type) {
    case 'STRING':
      return typeof value === 'string' ? null : 'expected a string for a STRING variable'
    case 'INTEGER':
      return Number.isInteger(value) ? null : 'expected an integer for an INTEGER variable'
    case 'DECIMAL':
      return typeof value === 'number' ? null : 'expected a number for a DECIMAL variable'
    case 'BOOLEAN':
      return typeof value === 'boolean' ? null : 'expected true or false for a BOOLEAN variable'
    case 'DATE_TIME':
      // Luxon parses without reading the clock, so this stays pure.
      return typeof value === 'string' && DateTime.fromISO(value, { setZone: true }).isValid
        ? null
        : 'expected an ISO 8601 date-time for a DATE_TIME variable'
  }
}

export const flowVariableSchema = z
  .strictObject({
    name: variableNameSchema,
    type: z.enum(VARIABLE_TYPES),
    defaultValue: literalValueSchema.optional(),
    /** Shown to the agent on the desktop (R3.4). */
    agentViewable: z.boolean().optional(),
  })
  .superRefine((variable, ctx) => {
    if (variable.defaultValue === undefined) return
    const message = literalTypeError(variable.type, variable.defaultValue)
    if (message !== null) ctx.addIssue({ code: 'custom', path: ['defaultValue'], message })
  })
export type FlowVariable = z.infer<typeof flowVariableSchema>

const ACTIVITY_ID_RULE = `must be 1–${ACTIVITY_ID_LENGTH_MAX} letters, digits, _ or -`

export const handlerSchema = z.strictObject({
  start: activityIdSchema,
  activities: z
    .record(activityIdSchema, activitySchema, {
      // zod's own message ("Invalid key in record") does not say what a valid id looks like.
      error: (issue) =>
        issue.code === 'invalid_key'
          ? `activity id ${JSON.stringify(issue.input)}: ${ACTIVITY_ID_RULE}`
          : undefined,
    })
    .refine(
      (activities) => Object.keys(activities).length <= HANDLER_ACTIVITIES_MAX,
      `a handler holds at most ${HANDLER_ACTIVITIES_MAX} activities`,
    ),
})
export type Handler = z.infer<typeof handlerSchema>

// `satisfies` ties the handler keys to FlowEventName, so the two lists cannot drift apart.
const handlersShape = {
  PreDial: handlerSchema.optional(),
  OutboundCampaignCallResult: handlerSchema.optional(),
  NewPhoneContact: handlerSchema.optional(),
} satisfies Record<FlowEventName, z.ZodType>

export const flowSchema = z.strictObject({
  id: referenceIdSchema,
  name: z.string().min(1).max(FLOW_NAME_LENGTH_MAX),
  kind: z.enum(FLOW_KINDS),
  variables: z.array(flowVariableSchema).max(FLOW_VARIABLES_MAX),
  // Strict, so a misspelt event name ("Predial") is an error rather than a silently dead handler.
  handlers: z.strictObject(handlersShape),
})
export type Flow = z.infer<typeof flowSchema>
