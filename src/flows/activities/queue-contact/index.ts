// QueueContact exists only in inbound flows: an outdial flow reaches an agent through
// GotoEntryPoint instead (R3.3), so the reservation and 2-second rules stay in one place.
import type { ActivityDef } from '../../types.ts'
import { type QueueContact, queueContactSchema } from './schema.ts'

export const queueContactActivity: ActivityDef<QueueContact> = {
  kind: 'QueueContact',
  schema: queueContactSchema,
  allowedIn: ['inbound'],
  events: ['NewPhoneContact'],
  edges: () => [],
  mayEnd: () => true,
  variables: () => [],
  run: (activity) => ({
    effects: [{ kind: 'queue', queueId: activity.queueId }],
    wait: false,
    next: null,
  }),
}
