// SetVariable: stores a constant or another variable's value into a declared flow variable.
import { z } from 'zod'
import { activityIdSchema, valueSourceSchema, variableReferenceSchema } from '../common.ts'

export const setVariableSchema = z.strictObject({
  kind: z.literal('SetVariable'),
  name: variableReferenceSchema,
  value: valueSourceSchema,
  next: activityIdSchema.optional(),
})
export type SetVariable = z.infer<typeof setVariableSchema>
