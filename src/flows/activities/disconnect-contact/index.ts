// DisconnectContact emits disconnect and ends the run: there is no call left to act on.
import type { ActivityDef, ActivityResult } from '../../types.ts'
import { CALL_EVENTS, FLOW_KINDS } from '../../types.ts'
import { type DisconnectContact, disconnectContactSchema } from './schema.ts'

/**
 * Every run's result is the same: one result shared by every call (issue 15). Its array is not
 * frozen (read-only by its type): a frozen array's elements kind takes loops over it off V8's
 * fast path, an iterator object per `for…of`.
 */
const DISCONNECTED: ActivityResult = Object.freeze({
  effects: [Object.freeze({ kind: 'disconnect' as const })],
  wait: false,
  next: null,
})

export const disconnectContactActivity: ActivityDef<DisconnectContact> = {
  kind: 'DisconnectContact',
  schema: disconnectContactSchema,
  allowedIn: FLOW_KINDS,
  events: CALL_EVENTS,
  edges: () => [],
  mayEnd: () => true,
  variables: () => [],
  run: () => DISCONNECTED,
}
