// Every list and loop in a flow has a named limit with its unit; the relations are checked
// at load so that changing one limit cannot silently break another.
import { invariant } from '../domain/invariant.ts'

/** Activities one run may execute across start and all resumes, before it is stopped. */
export const FLOW_STEPS_MAX = 200
/** Activities in one event handler. */
export const HANDLER_ACTIVITIES_MAX = 200
/** Declared variables in one flow. */
export const FLOW_VARIABLES_MAX = 100
/** Branches of one Case activity. */
export const CASE_BRANCHES_MAX = 50
/** Appendix A: a global variable's name is at most 80 characters, its default at most 256. */
export const VARIABLE_NAME_LENGTH_MAX = 80
export const VARIABLE_STRING_LENGTH_MAX = 256
/** Activity ids appear inside dotted error paths, so they are short and dot-free. */
export const ACTIVITY_ID_LENGTH_MAX = 64
export const FLOW_NAME_LENGTH_MAX = 80
export const REFERENCE_ID_LENGTH_MAX = 128
/** Longest music hold and longest virtual-agent session, in seconds (one hour). */
export const PLAY_MUSIC_SEC_MAX = 3600
export const VIRTUAL_AGENT_SEC_MAX = 3600
export const VIRTUAL_AGENT_SEC_DEFAULT = 300

// A validated flow is acyclic, so a run visits each activity at most once; with this relation
// the step limit can only trip on a flow that skipped validation.
invariant(HANDLER_ACTIVITIES_MAX <= FLOW_STEPS_MAX, 'a valid handler could exceed the step limit')
invariant(VIRTUAL_AGENT_SEC_DEFAULT <= VIRTUAL_AGENT_SEC_MAX, 'virtual agent default above max')

/** CollectDigits (IVR menus): digits one collection takes at most (RFC 4733 keys 0-9, *, #). */
export const COLLECT_DIGITS_MAX = 20
/** CollectDigits: longest wait for the first key after the prompt ended, in seconds. */
export const FIRST_DIGIT_TIMEOUT_SEC_MAX = 60
export const FIRST_DIGIT_TIMEOUT_SEC_DEFAULT = 5
/** CollectDigits: longest wait between two keys, in seconds. */
export const INTER_DIGIT_TIMEOUT_SEC_MAX = 30
export const INTER_DIGIT_TIMEOUT_SEC_DEFAULT = 3
/** CollectDigits: times the prompt is played again after no input or no match. */
export const COLLECT_RETRIES_MAX = 5
