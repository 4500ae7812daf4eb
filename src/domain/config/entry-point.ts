// Entry points (R4.5, R4.6): an outdial entry point per campaign names its outdial queue and the
// flow that handles PreDial and OutboundCampaignCallResult; inbound entry points exist for blending
// and for GotoEntryPoint escalation, and their own flow does the queueing.
import { z } from 'zod'
import { ENTRY_POINT_NAME_LENGTH_MAX } from './limits.ts'
import type { Queue } from './queue.ts'
import { enumSchema, idSchema } from './schema-kit.ts'

export const ENTRY_POINT_TYPES = ['INBOUND', 'OUTBOUND'] as const

export const ENTRY_POINT_NAME_PATTERN = /^[A-Za-z0-9&_\- ]+$/

export const entryPointNameSchema = z
  .string({ error: 'entry point name must be a string (Appendix A)' })
  .min(1, 'entry point name must not be empty (Appendix A)')
  .max(
    ENTRY_POINT_NAME_LENGTH_MAX,
    `entry point name is longer than ${ENTRY_POINT_NAME_LENGTH_MAX} characters (Appendix A)`,
  )
  .regex(
    ENTRY_POINT_NAME_PATTERN,
    'entry point name may hold only letters, digits, space, &, _ and - (Appendix A)',
  )

export const entryPointSchema = z
  .object({
    id: idSchema('id'),
    name: entryPointNameSchema,
    type: enumSchema('type', ENTRY_POINT_TYPES, 'R4.5 / R4.6 entry point types'),
    /** R4.5: the outdial queue of an OUTBOUND entry point; inbound ones queue in their flow. */
    queueId: idSchema('queueId').optional(),
    flowId: idSchema('flowId'),
  })
  .superRefine((entryPoint, ctx) => {
    if (entryPoint.type === 'OUTBOUND' && entryPoint.queueId === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['queueId'],
        message:
          'an OUTBOUND entry point needs its outdial queueId: campaigns reserve agents through it (R4.5)',
      })
    }
    if (entryPoint.type === 'INBOUND' && entryPoint.queueId !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['queueId'],
        message:
          'an INBOUND entry point takes no queueId: its flow queues the call (R4.6, R3.3 GotoEntryPoint)',
      })
    }
  })
export type EntryPoint = z.infer<typeof entryPointSchema>

export type EntryPointQueueCheck =
  | { kind: 'ok' }
  | { kind: 'notOutbound'; entryPointId: string }
  | { kind: 'unknownQueue'; queueId: string }
  | { kind: 'queueNotOutbound'; queueId: string }
  | { kind: 'queueCampaignsDisabled'; queueId: string }

/** R4.5: an outdial entry point points at an existing OUTBOUND queue with campaigns enabled. */
export function checkOutdialEntryPointQueue(
  entryPoint: EntryPoint,
  queues: readonly Queue[],
): EntryPointQueueCheck {
  if (entryPoint.type !== 'OUTBOUND' || entryPoint.queueId === undefined) {
    return { kind: 'notOutbound', entryPointId: entryPoint.id }
  }
  const queueId = entryPoint.queueId
  const queue = queues.find((candidate) => candidate.id === queueId)
  if (queue === undefined) return { kind: 'unknownQueue', queueId }
  if (queue.type !== 'OUTBOUND') return { kind: 'queueNotOutbound', queueId }
  if (!queue.outboundCampaignEnabled) return { kind: 'queueCampaignsDisabled', queueId }
  return { kind: 'ok' }
}
