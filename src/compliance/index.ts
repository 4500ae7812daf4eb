// Public API of the compliance module (R5.4, R5.5, R5.2 retries): pure code, time comes in as nowMs.

export {
  ALWAYS_OPEN_WINDOW,
  CALLING_WINDOW_SEGMENTS_MAX,
  type CallingWindow,
  type CallingWindowSegment,
  callingWindowSchema,
  callingWindowSegmentSchema,
  dailyWindow,
} from '../domain/calling-window.ts'
export {
  ABANDON_LEDGER_BUCKETS_MAX,
  type AbandonCounts,
  AbandonLedger,
  type AbandonLedgerEvent,
  type AbandonLedgerOptions,
  abandonLedgerBucketSec,
  abandonLedgerOptionsSchema,
} from './abandon-ledger.ts'
export { isValidZone, isWithinCallingWindow, nextWindowOpenMs } from './calling-window.ts'
export {
  checkDial,
  type DialCheckInput,
  type DialCheckResult,
  type DialRefusalKind,
} from './dial-check.ts'
export {
  DNC_LISTS_PER_CAMPAIGN_MAX,
  type DncAddResult,
  type DncCheckOptions,
  type DncCheckResult,
  type DncEntryMeta,
  DncRegistry,
  type DncRemoveResult,
  dncEntryMetaSchema,
  dncListNameSchema,
  e164Schema,
  NATIONAL_DNC_NUMBERS_MAX,
  type NationalFreshness,
  type NationalLoadResult,
} from './dnc.ts'
export {
  ABANDON_RATE_PCT_MAX_DEFAULT,
  ABANDON_WINDOW_SEC_UK,
  ABANDON_WINDOW_SEC_US,
  COMPLIANCE_PROFILES,
  CONNECT_SEC_MAX_DEFAULT,
  type ComplianceProfile,
  type ComplianceRules,
  type ComplianceSettings,
  type ComplianceSettingsInput,
  complianceProfileSchema,
  complianceSettingsSchema,
  NATIONAL_DNC_AGE_SEC_MAX_UK,
  NATIONAL_DNC_AGE_SEC_MAX_US,
  PROFILE_RULES,
  parseCompliance,
  REPEAT_AFTER_ABANDON_SEC,
  type ResolvedCompliance,
  RING_SEC_MIN_DEFAULT,
  resolveCompliance,
} from './profiles.ts'
export {
  ABANDON_OUTCOMES,
  isAbandonOutcome,
  NumberHistory,
  type NumberHistoryEntry,
} from './repeat-call.ts'
export {
  type AttemptRecord,
  attemptsTodayLocal,
  DEFAULT_RETRY_RULES,
  DEFAULT_RETRY_SETTINGS,
  type DecideAfterAttemptInput,
  decideAfterAttempt,
  nextLocalDayStartMs,
  type RetryDecision,
  type RetryRule,
  type RetryRules,
  retryRuleFor,
  retryRuleSchema,
  retryRulesSchema,
} from './retry.ts'
