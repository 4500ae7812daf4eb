// DisconnectContact emits disconnect and ends the run: there is no call left to act on.
import type { ActivityDef, ActivityResult } from '../../types.ts'
import { CALL_EVENTS, FLOW_KINDS } from '../../types.ts'
import { type DisconnectContact, disconnectContactSchema } from './schema.ts'

/** Every run's result is the same: one frozen result shared by every call (issue 15). */
const DISCONNECTED: ActivityResult = Object.freeze({
  effects: Object.freeze([Object.freeze({ kind: 'disconnect' as const })]),
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
