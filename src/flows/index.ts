// Public surface of the flows module (R3): schema, validation, interpreter and builders.
export type { Activity, ActivityKind } from './activities/activity-schema.ts'
export { ACTIVITY_KINDS, activitySchema } from './activities/activity-schema.ts'
export { ACTIVITY_REGISTRY, activityDef } from './activities/registry.ts'
export {
  type InboundQueueFlowOptions,
  inboundQueueFlow,
  type LiveAction,
  type NotLiveAction,
  type OutdialFlowOptions,
  outdialFlow,
} from './defaultFlows.ts'
export {
  endsCall,
  type FlowRunState,
  type FlowStep,
  FlowStepLimitError,
  preDialCallerId,
  resumeFlow,
  startFlowEvent,
} from './interpreter.ts'
export * from './limits.ts'
export {
  type Flow,
  type FlowVariable,
  flowSchema,
  type Handler,
  VARIABLE_TYPES,
  type VariableType,
} from './schema.ts'
export * from './types.ts'
export {
  CAMPAIGN_ID_VARIABLE,
  type FlowValidationError,
  type FlowValidationResult,
  validateFlow,
} from './validate.ts'
