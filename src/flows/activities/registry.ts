// Every activity kind maps to its definition; the mapped type makes a missing or misspelt kind a
// compile error, and ties each definition to its own activity type.
import type { ActivityDef } from '../types.ts'
import type { Activity, ActivityKind } from './activity-schema.ts'
import { caseActivity } from './case/index.ts'
import { collectDigitsActivity } from './collect-digits/index.ts'
import { disconnectContactActivity } from './disconnect-contact/index.ts'
import { gotoEntryPointActivity } from './goto-entry-point/index.ts'
import { playMessageActivity } from './play-message/index.ts'
import { playMusicActivity } from './play-music/index.ts'
import { queueContactActivity } from './queue-contact/index.ts'
import { setCallerIdActivity } from './set-caller-id/index.ts'
import { setVariableActivity } from './set-variable/index.ts'
import { virtualAgentActivity } from './virtual-agent/index.ts'

export type ActivityOfKind<K extends ActivityKind> = Extract<Activity, { kind: K }>

export type ActivityRegistry = { [K in ActivityKind]: ActivityDef<ActivityOfKind<K>> }

export const ACTIVITY_REGISTRY: ActivityRegistry = {
  SetCallerID: setCallerIdActivity,
  SetVariable: setVariableActivity,
  Case: caseActivity,
  PlayMessage: playMessageActivity,
  PlayMusic: playMusicActivity,
  DisconnectContact: disconnectContactActivity,
  GotoEntryPoint: gotoEntryPointActivity,
  VirtualAgent: virtualAgentActivity,
  QueueContact: queueContactActivity,
  CollectDigits: collectDigitsActivity,
}

/**
 * The definition for one activity. TypeScript cannot correlate `activity.kind` with the mapped
 * registry entry across the union, so the one cast lives here; the registry's type is what makes
 * it sound.
 */
export function activityDef(activity: Activity): ActivityDef<Activity> {
  return ACTIVITY_REGISTRY[activity.kind] as unknown as ActivityDef<Activity>
}
