// Builds the ActivityContext that activity tests run against; used by tests only.
import type { ActivityContext, FlowEventName, FlowKind, FlowValue } from '../types.ts'

export function testContext(
  vars: Record<string, FlowValue> = {},
  event: FlowEventName = 'OutboundCampaignCallResult',
  flowKind: FlowKind = 'outdial',
): ActivityContext {
  return { flowKind, event, vars }
}
