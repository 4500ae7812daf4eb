// DisconnectContact emits disconnect and ends the run: there is no call left to act on.
import type { ActivityDef } from '../../types.ts'
import { CALL_EVENTS, FLOW_KINDS } from '../../types.ts'
import { type DisconnectContact, disconnectContactSchema } from './schema.ts'

export const disconnectContactActivity: ActivityDef<DisconnectContact> = {
  kind: 'DisconnectContact',
  schema: disconnectContactSchema,
  allowedIn: FLOW_KINDS,
  events: CALL_EVENTS,
  edges: () => [],
  mayEnd: () => true,
  variables: () => [],
  run: () => ({ effects: [{ kind: 'disconnect' }], wait: false, next: null }),
}
