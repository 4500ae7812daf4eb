// Global variables (R4.4, Appendix A): the named fields that carry customer data from a contact
// list to flows, the desktop and reports. Sensitive (personal) data is never reportable and never
// shown in a popover; at most 28 String variables carry a campaign's data (checked by the API).
import { DateTime } from 'luxon'
import { z } from 'zod'
import {
  GLOBAL_VARIABLE_DEFAULT_LENGTH_MAX,
  GLOBAL_VARIABLE_LABEL_LENGTH_MAX,
  GLOBAL_VARIABLE_NAME_LENGTH_MAX,
} from './limits.ts'
import { booleanSchema, enumSchema } from './schema-kit.ts'

export const GLOBAL_VARIABLE_TYPES = [
  'STRING',
  'INTEGER',
  'DATE_TIME',
  'BOOLEAN',
  'DECIMAL',
] as const
export type GlobalVariableType = (typeof GLOBAL_VARIABLE_TYPES)[number]

export const GLOBAL_VARIABLE_NAME_PATTERN = /^[A-Za-z0-9_]+$/

export const globalVariableNameSchema = z
  .string({ error: 'global variable name must be a string (Appendix A)' })
  .min(1, 'global variable name must not be empty (Appendix A)')
  .max(
    GLOBAL_VARIABLE_NAME_LENGTH_MAX,
    `global variable name is longer than ${GLOBAL_VARIABLE_NAME_LENGTH_MAX} characters (Appendix A)`,
  )
  .regex(
    GLOBAL_VARIABLE_NAME_PATTERN,
    'global variable name may hold only letters, digits and _ (Appendix A: [A-Za-z0-9_])',
  )

/** Why a default value does not fit its declared type, or null when it fits. */
export function defaultValueProblem(type: GlobalVariableType, value: string): string | null {
  switch (type) {
    case 'STRING':
      return null
    case 'INTEGER':
      return /^-?\d+$/.test(value) ? null : 'is not a whole number'
    case 'DECIMAL':
      return /^-?\d+(\.\d+)?$/.test(value) ? null : 'is not a decimal number'
    case 'BOOLEAN':
      return value === 'true' || value === 'false' ? null : "is neither 'true' nor 'false'"
    case 'DATE_TIME':
      return DateTime.fromISO(value, { setZone: true }).isValid
        ? null
        : 'is not an ISO 8601 date-time'
  }
}

export const globalVariableSchema = z
  .object({
    name: globalVariableNameSchema,
    type: enumSchema('type', GLOBAL_VARIABLE_TYPES, 'Appendix A global variable types'),
    defaultValue: z
      .string({ error: 'defaultValue must be a string (it is converted to the declared type)' })
      .max(
        GLOBAL_VARIABLE_DEFAULT_LENGTH_MAX,
        `defaultValue is longer than ${GLOBAL_VARIABLE_DEFAULT_LENGTH_MAX} characters (Appendix A)`,
      )
      .optional(),
    /** What the agent desktop calls the variable (R3.4); the name when absent. */
    label: z
      .string({ error: 'label must be a string (the desktop shows it instead of the name)' })
      .trim()
      .min(1, 'label must not be empty: leave it out and the desktop shows the name (R3.4)')
      .max(
        GLOBAL_VARIABLE_LABEL_LENGTH_MAX,
        `label is longer than ${GLOBAL_VARIABLE_LABEL_LENGTH_MAX} characters (R3.4: it fits the panel)`,
      )
      .optional(),
    /** Shown on the agent desktop (R3.4). */
    agentViewable: booleanSchema('agentViewable').default(true),
    /** Kept in reports (R4.4). */
    reportable: booleanSchema('reportable').default(false),
    /** Personal data (R4.4): never reportable, never in a popover. */
    sensitive: booleanSchema('sensitive').default(false),
  })
  .superRefine((variable, ctx) => {
    if (variable.sensitive && variable.reportable) {
      ctx.addIssue({
        code: 'custom',
        path: ['reportable'],
        message: `${variable.name} is sensitive, so it cannot be reportable (R4.4: personal data stays out of reports)`,
      })
    }
    if (variable.defaultValue !== undefined) {
      const problem = defaultValueProblem(variable.type, variable.defaultValue)
      if (problem !== null) {
        ctx.addIssue({
          code: 'custom',
          path: ['defaultValue'],
          message: `defaultValue '${variable.defaultValue}' ${problem}, but ${variable.name} is declared ${variable.type}`,
        })
      }
    }
  })
export type GlobalVariable = z.infer<typeof globalVariableSchema>

/** Looks a variable up by exact (case-sensitive) name. */
export function findGlobalVariable(
  variables: readonly GlobalVariable[],
  name: string,
): GlobalVariable | undefined {
  return variables.find((variable) => variable.name === name)
}
