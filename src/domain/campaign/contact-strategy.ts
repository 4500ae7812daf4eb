// Contact strategy of a campaign (R5.2): which of a contact's numbers to try, in what order, and
// optionally at what local hours per number type (e.g. work numbers only in office hours). The
// compliance module's calling window still applies on top of these hours (R5.5).
import { z } from 'zod'
import {
  addDuplicateIssues,
  boundedInt,
  enumSchema,
  unknownKeysError,
} from '../config/schema-kit.ts'
import { CONTACT_NUMBERS_MAX } from './limits.ts'

export const NUMBER_TYPES = ['MOBILE', 'HOME', 'WORK', 'OTHER'] as const
export type NumberType = (typeof NUMBER_TYPES)[number]
export const numberTypeSchema = enumSchema('numberType', NUMBER_TYPES, 'R5.2 number types')

export const LOCAL_TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/

function localTimeSchema(field: string) {
  return z
    .string({ error: `${field} must be a local time HH:MM` })
    .regex(LOCAL_TIME_PATTERN, `${field} must be a local time HH:MM, 00:00–23:59`)
}

/** Minutes since local midnight of an `HH:MM` that matched LOCAL_TIME_PATTERN. */
export function localTimeMinutes(hhmm: string): number {
  const [hours = '0', minutes = '0'] = hhmm.split(':')
  return Number(hours) * 60 + Number(minutes)
}

export const localHoursSchema = z
  .object({
    startLocal: localTimeSchema('startLocal'),
    endLocal: localTimeSchema('endLocal'),
  })
  .superRefine((hours, ctx) => {
    if (localTimeMinutes(hours.startLocal) >= localTimeMinutes(hours.endLocal)) {
      ctx.addIssue({
        code: 'custom',
        path: ['endLocal'],
        message: `endLocal ${hours.endLocal} is not after startLocal ${hours.startLocal}: local hours are one daytime window, never overnight (R5.2)`,
      })
    }
  })
export type LocalHours = z.infer<typeof localHoursSchema>

export const numberStepSchema = z.object({
  /** Index into the contact's `numbers` (R5.3: a record has one or more numbers). */
  numberIndex: boundedInt({
    field: 'numberIndex',
    min: 0,
    max: CONTACT_NUMBERS_MAX - 1,
    unit: '',
    why: `a contact has at most ${CONTACT_NUMBERS_MAX} numbers`,
  }),
  numberType: numberTypeSchema.default('OTHER'),
})
export type NumberStep = z.infer<typeof numberStepSchema>

export const contactStrategySchema = z
  .object({
    numberOrder: z
      .array(numberStepSchema)
      .min(1, 'numberOrder needs at least one number to try, or no contact can be dialled (R5.2)')
      .max(CONTACT_NUMBERS_MAX, `numberOrder lists at most ${CONTACT_NUMBERS_MAX} numbers`),
    localHoursByNumberType: z
      .partialRecord(numberTypeSchema, localHoursSchema, {
        error: unknownKeysError(
          (keys) =>
            `localHoursByNumberType keys must be number types ${NUMBER_TYPES.join(', ')}, not ${keys.join(', ')} (R5.2)`,
        ),
      })
      .default({}),
  })
  .superRefine((strategy, ctx) => {
    addDuplicateIssues(ctx, strategy.numberOrder, (step) => String(step.numberIndex), {
      basePath: ['numberOrder'],
      keyPath: ['numberIndex'],
      what: 'number index',
      why: 'each number is tried once per pass',
    })
    const typesInOrder = new Set(strategy.numberOrder.map((step) => step.numberType))
    for (const type of NUMBER_TYPES) {
      if (strategy.localHoursByNumberType[type] !== undefined && !typesInOrder.has(type)) {
        ctx.addIssue({
          code: 'custom',
          path: ['localHoursByNumberType', type],
          message: `local hours for ${type}, but numberOrder has no ${type} number: the hours would never apply (R5.2)`,
        })
      }
    }
  })
export type ContactStrategy = z.infer<typeof contactStrategySchema>
export type ContactStrategyInput = z.input<typeof contactStrategySchema>

/** The local hours that restrict a number step, or undefined when only compliance hours apply. */
export function localHoursOf(strategy: ContactStrategy, step: NumberStep): LocalHours | undefined {
  return strategy.localHoursByNumberType[step.numberType]
}

/**
 * Every number of the record in the order the record lists them, at any hour compliance allows:
 * the strategy of campaigns whose records come with their numbers already in order (the Dialer API,
 * docs/dialer-api.md).
 */
export function everyNumberInRecordOrder(): ContactStrategy {
  return {
    numberOrder: Array.from({ length: CONTACT_NUMBERS_MAX }, (_, numberIndex) => ({
      numberIndex,
      numberType: 'OTHER' as const,
    })),
    localHoursByNumberType: {},
  }
}
