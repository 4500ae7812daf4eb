// The union of all activity schemas, discriminated by `kind`; an unknown kind is named.
import { z } from 'zod'
import { caseSchema } from './case/schema.ts'
import { collectDigitsSchema } from './collect-digits/schema.ts'
import { disconnectContactSchema } from './disconnect-contact/schema.ts'
import { gotoEntryPointSchema } from './goto-entry-point/schema.ts'
import { playMessageSchema } from './play-message/schema.ts'
import { playMusicSchema } from './play-music/schema.ts'
import { queueContactSchema } from './queue-contact/schema.ts'
import { setCallerIdSchema } from './set-caller-id/schema.ts'
import { setVariableSchema } from './set-variable/schema.ts'
import { virtualAgentSchema } from './virtual-agent/schema.ts'

const ACTIVITY_SCHEMAS = [
  setCallerIdSchema,
  setVariableSchema,
  caseSchema,
  playMessageSchema,
  playMusicSchema,
  disconnectContactSchema,
  gotoEntryPointSchema,
  virtualAgentSchema,
  queueContactSchema,
  collectDigitsSchema,
] as const

export const ACTIVITY_KINDS = ACTIVITY_SCHEMAS.map((schema) => schema.shape.kind.value)

function unknownKindMessage(input: unknown): string {
  const kind = typeof input === 'object' && input !== null ? Reflect.get(input, 'kind') : undefined
  const known = ACTIVITY_KINDS.join(', ')
  if (kind === undefined) return `activity has no kind (expected one of: ${known})`
  return `unknown activity kind ${JSON.stringify(kind)} (expected one of: ${known})`
}

export const activitySchema = z.discriminatedUnion('kind', ACTIVITY_SCHEMAS, {
  // Only the no-matching-kind case lands here; a known kind reports its own field errors.
  error: (issue) => (issue.code === 'invalid_union' ? unknownKindMessage(issue.input) : undefined),
})
export type Activity = z.infer<typeof activitySchema>
export type ActivityKind = Activity['kind']
