// Retry rules per attempt outcome (R5.2): retry or not, after how long, how many times, plus a daily
// and a total cap per contact. Days are the contact's local calendar days (luxon), not UTC days.
import { DateTime } from 'luxon'
import { z } from 'zod'
import { InvariantError, invariant } from '../domain/invariant.ts'
import { ATTEMPT_OUTCOMES, type AttemptOutcome, attemptOutcomeSchema } from '../domain/outcomes.ts'
import { REPEAT_AFTER_ABANDON_SEC } from './profiles.ts'
import { isAbandonOutcome } from './repeat-call.ts'
import { localDayOf } from './zone-offset.ts'

const MS_PER_SEC = 1000
const MS_PER_MINUTE = 60_000
const MINUTES_PER_HOUR = 60
/** A retry delay is at most a week. */
export const RETRY_DELAY_MIN_MAX = 7 * 24 * MINUTES_PER_HOUR
export const RETRY_ATTEMPTS_PER_OUTCOME_MAX = 100
export const ATTEMPTS_PER_DAY_MAX = 50
export const ATTEMPTS_PER_DAY_DEFAULT = 3
export const ATTEMPTS_TOTAL_MAX = 100
export const ATTEMPTS_TOTAL_DEFAULT = 10
/** An abandoned call's retry waits out the 72 h repeat block (R5.5). */
const ABANDON_RETRY_DELAY_MIN = REPEAT_AFTER_ABANDON_SEC / 60

invariant(ABANDON_RETRY_DELAY_MIN <= RETRY_DELAY_MIN_MAX, 'abandon retry delay above maximum')
invariant(ATTEMPTS_PER_DAY_DEFAULT <= ATTEMPTS_TOTAL_DEFAULT, 'daily default above total default')

export const retryRuleSchema = z.object({
  outcome: attemptOutcomeSchema,
  retry: z.boolean(),
  delayMin: z.int().min(1).max(RETRY_DELAY_MIN_MAX),
  /** Attempts ending in this outcome after which the contact is closed. */
  maxAttempts: z.int().min(1).max(RETRY_ATTEMPTS_PER_OUTCOME_MAX),
})
export type RetryRule = z.infer<typeof retryRuleSchema>

/**
 * Retried: transient results (no answer, busy, network), machines (a person may answer later),
 * UNKNOWN (the dialer died; the customer did nothing wrong) and a customer who hung up during CPA.
 * Final: a connected call, a dead number and fax lines. Abandons wait out the 72 h block.
 */
export const DEFAULT_RETRY_RULES: readonly RetryRule[] = [
  { outcome: 'NO_ANSWER_CUSTOMER', retry: true, delayMin: 60, maxAttempts: 5 },
  { outcome: 'CUSTOMER_BUSY', retry: true, delayMin: 15, maxAttempts: 5 },
  { outcome: 'CUSTOMER_UNAVAILABLE', retry: true, delayMin: 30, maxAttempts: 3 },
  { outcome: 'AMD', retry: true, delayMin: 240, maxAttempts: 3 },
  { outcome: 'UNKNOWN', retry: true, delayMin: 10, maxAttempts: 3 },
  { outcome: 'CUSTOMER_LEFT', retry: true, delayMin: 120, maxAttempts: 2 },
  { outcome: 'ABANDONED', retry: true, delayMin: ABANDON_RETRY_DELAY_MIN, maxAttempts: 2 },
  { outcome: 'SYSTEM_ABANDONED', retry: true, delayMin: ABANDON_RETRY_DELAY_MIN, maxAttempts: 2 },
  { outcome: 'LIVE_VOICE', retry: false, delayMin: 1, maxAttempts: 1 },
  { outcome: 'INVALID_NUMBER', retry: false, delayMin: 1, maxAttempts: 1 },
  { outcome: 'FAX', retry: false, delayMin: 1, maxAttempts: 1 },
]
invariant(DEFAULT_RETRY_RULES.length === ATTEMPT_OUTCOMES.length, 'a default rule per outcome')

export const retryRulesSchema = z.object({
  /** Per-outcome overrides of DEFAULT_RETRY_RULES; an outcome not listed keeps its default. */
  rules: z
    .array(retryRuleSchema)
    .max(ATTEMPT_OUTCOMES.length)
    .refine((rules) => new Set(rules.map((rule) => rule.outcome)).size === rules.length, {
      message: 'one rule per outcome',
    })
    .default(() => [...DEFAULT_RETRY_RULES]),
  maxAttemptsPerDay: z.int().min(1).max(ATTEMPTS_PER_DAY_MAX).default(ATTEMPTS_PER_DAY_DEFAULT),
  maxAttemptsTotal: z.int().min(1).max(ATTEMPTS_TOTAL_MAX).default(ATTEMPTS_TOTAL_DEFAULT),
})
export type RetryRules = z.infer<typeof retryRulesSchema>

export interface AttemptRecord {
  atMs: number
  outcome: AttemptOutcome
}

export type RetryDecision =
  | { kind: 'retry'; notBeforeMs: number }
  | { kind: 'final'; reason: 'success' | 'notRetryable' | 'maxAttempts' | 'maxAttemptsTotal' }

export interface DecideAfterAttemptInput {
  outcome: AttemptOutcome
  nowMs: number
  /** Every attempt of this contact so far, including the one that just ended. */
  attempts: readonly AttemptRecord[]
  rules: RetryRules
  /** The contact's IANA zone: daily quotas count its local calendar days. */
  zone: string
  /** The profile's repeat-after-abandon block; an abandon is never retried sooner. */
  repeatAfterAbandonSec?: number
}

export function retryRuleFor(rules: RetryRules, outcome: AttemptOutcome): RetryRule {
  const rule =
    rules.rules.find((candidate) => candidate.outcome === outcome) ??
    DEFAULT_RETRY_RULES.find((candidate) => candidate.outcome === outcome)
  if (rule === undefined) throw new InvariantError(`no retry rule for ${outcome}`)
  return rule
}

/** The final decisions, one frozen object per reason shared by every call (issue 15). */
const FINAL: Readonly<Record<(RetryDecision & { kind: 'final' })['reason'], RetryDecision>> = {
  success: Object.freeze({ kind: 'final', reason: 'success' }),
  notRetryable: Object.freeze({ kind: 'final', reason: 'notRetryable' }),
  maxAttempts: Object.freeze({ kind: 'final', reason: 'maxAttempts' }),
  maxAttemptsTotal: Object.freeze({ kind: 'final', reason: 'maxAttemptsTotal' }),
}

export function decideAfterAttempt(input: DecideAfterAttemptInput): RetryDecision {
  const { outcome, nowMs, attempts, rules, zone, repeatAfterAbandonSec } = input
  return decideAfterAttemptOf(outcome, nowMs, attempts, rules, zone, repeatAfterAbandonSec)
}

/** `decideAfterAttempt` with the input's fields as arguments: no object per call (issue 15). */
export function decideAfterAttemptOf(
  outcome: AttemptOutcome,
  nowMs: number,
  attempts: readonly AttemptRecord[],
  rules: RetryRules,
  zone: string,
  repeatAfterAbandonSec: number | undefined,
): RetryDecision {
  invariant(attempts.length >= 1, 'attempts must include the attempt that just ended')
  // Loops, not every/filter: this runs as each call closes (issue 15, engine speed).
  let sameOutcomeCount = 0
  for (const attempt of attempts) {
    invariant(attempt.atMs <= nowMs, 'attempt recorded after nowMs')
    if (attempt.outcome === outcome) sameOutcomeCount++
  }
  const rule = retryRuleFor(rules, outcome)
  if (!rule.retry) {
    return outcome === 'LIVE_VOICE' ? FINAL.success : FINAL.notRetryable
  }
  if (attempts.length >= rules.maxAttemptsTotal) {
    return FINAL.maxAttemptsTotal
  }
  if (sameOutcomeCount >= rule.maxAttempts) return FINAL.maxAttempts

  let delayMs = rule.delayMin * MS_PER_MINUTE
  if (isAbandonOutcome(outcome)) {
    const blockSec = repeatAfterAbandonSec ?? REPEAT_AFTER_ABANDON_SEC
    delayMs = Math.max(delayMs, blockSec * MS_PER_SEC)
  }
  let notBeforeMs = nowMs + delayMs
  // Attempts never lie in the future, so only today's quota can already be used up.
  // Fewer attempts in all than the daily quota cannot fill it: skip the local-date arithmetic.
  const quotaUsedToday =
    attempts.length >= rules.maxAttemptsPerDay &&
    attemptsTodayLocal(attempts, nowMs, zone) >= rules.maxAttemptsPerDay
  if (quotaUsedToday && localDayOf(zone, notBeforeMs) === localDayOf(zone, nowMs)) {
    notBeforeMs = nextLocalDayStartMs(nowMs, zone)
  }
  invariant(notBeforeMs > nowMs, 'retry scheduled in the past')
  return { kind: 'retry', notBeforeMs }
}

/** Attempts whose local calendar date (in `zone`) is the local date of nowMs. */
export function attemptsTodayLocal(
  attempts: readonly AttemptRecord[],
  nowMs: number,
  zone: string,
): number {
  const today = localDayOf(zone, nowMs)
  let count = 0
  for (const attempt of attempts) if (localDayOf(zone, attempt.atMs) === today) count++
  return count
}

/**
 * The first instant of the next local day. luxon moves a midnight that a DST change skips
 * (e.g. America/Santiago) to the first instant that exists.
 */
export function nextLocalDayStartMs(nowMs: number, zone: string): number {
  const day = localDayOf(zone, nowMs)
  const known = nextDayStarts.get(zone)
  if (known !== undefined && known.day === day) return known.startMs
  const local = DateTime.fromMillis(nowMs, { zone })
  if (!local.isValid) throw new InvariantError(`unknown IANA zone ${zone}`)
  const startMs = local.plus({ days: 1 }).startOf('day').toMillis()
  nextDayStarts.set(zone, { day, startMs })
  return startMs
}

/**
 * Per zone, the local day asked about last and the start of the day after it: every call that
 * fills a contact's daily quota asks, and luxon's date arithmetic is the cost of a retry decision
 * (issue 15, engine speed). A memo of a pure function: the answer depends on the local day only.
 */
const nextDayStarts = new Map<string, { day: number; startMs: number }>()
