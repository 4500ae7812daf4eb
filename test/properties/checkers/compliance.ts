// Checkers of the compliance properties: DNC and NDNC (R5.4), calling windows, repeat calls after
// an abandon and the minimum ring time (R5.5, R2.3), retry rules (R5.2).
import { DateTime } from 'luxon'
import { isWithinCallingWindow } from '../../../src/compliance/calling-window.ts'
import { isAbandonOutcome } from '../../../src/compliance/repeat-call.ts'
import { retryRuleFor } from '../../../src/compliance/retry.ts'
import type { EngineEvent } from '../../../src/dialer/types.ts'
import type { AttemptOutcome } from '../../../src/domain/outcomes.ts'
import type { RunSetup } from '../run-setup.ts'
import { INTERNAL_LIST } from '../world.ts'
import { type Checker, Violations } from './core.ts'

// --- R5.4: DNC and NDNC ----------------------------------------------------------------------------

/** R5.4: no number on the internal list or the national list is dialled; no dial on a stale or
 * missing national copy when NDNC scrubbing is on. Reads the registry at the instant of the dial,
 * so numbers customers asked to block during the run count from then on. */
export function dncChecker(setup: RunSetup): Checker & { dials: number; blocked: number } {
  const violations = new Violations()
  const checker = {
    violations,
    dials: 0,
    blocked: 0,
    observe(event: EngineEvent) {
      if (event.kind === 'dialBlocked') checker.blocked += 1
      if (event.kind !== 'dial') return
      checker.dials += 1
      const compliance = setup.campaign().compliance
      const { number, atMs, attemptId } = event
      if (compliance.dncEnabled && setup.dnc.hasInList(INTERNAL_LIST, number)) {
        violations.add(atMs, `${attemptId} dialled ${number}, on internal DNC list`)
      }
      if (compliance.ndncEnabled) {
        if (setup.dnc.hasNational(number)) {
          violations.add(atMs, `${attemptId} dialled ${number}, on the national DNC list`)
        }
        const loadedAtMs = setup.nationalLoadedAtMs
        if (loadedAtMs === null) {
          violations.add(atMs, `${attemptId} dialled with NDNC on and no national copy loaded`)
        } else {
          const ageSec = Math.floor((atMs - loadedAtMs) / 1000)
          if (ageSec > compliance.nationalDncAgeSecMax) {
            violations.add(
              atMs,
              `${attemptId} dialled on a national copy ${ageSec} s old ` +
                `(max ${compliance.nationalDncAgeSecMax} s)`,
            )
          }
        }
      }
    },
  }
  return checker
}

// --- R5.5: calling window and repeat calls ---------------------------------------------------------

/**
 * R5.5: every dial falls inside the calling window in the contact's local time, and carries the
 * contact's zone (its own, else the campaign's). Offsets and range bounds are whole minutes, so the
 * window is constant within a UTC minute: memoised per zone and minute.
 */
export function windowChecker(setup: RunSetup): Checker & { dials: number } {
  const violations = new Violations()
  const memo = new Map<string, boolean>()
  const checker = {
    violations,
    dials: 0,
    observe(event: EngineEvent, nowMs: number) {
      if (event.kind !== 'dial') return
      checker.dials += 1
      const { atMs, zone, contactId, attemptId } = event
      if (atMs !== nowMs) violations.add(nowMs, `${attemptId} dial stamped ${atMs}, now ${nowMs}`)
      const expected = setup.expectedZone(contactId)
      if (zone !== expected) {
        violations.add(atMs, `${attemptId} of ${contactId} reports zone ${zone}, not ${expected}`)
      }
      const window = setup.campaign().compliance.callingWindow
      const key = `${zone}@${Math.floor(atMs / 60_000)}`
      let open = memo.get(key)
      if (open === undefined) {
        open = isWithinCallingWindow(atMs, zone, window)
        memo.set(key, open)
      }
      if (!open) {
        violations.add(atMs, `${attemptId} of ${contactId} dialled outside its window in ${zone}`)
      }
    },
  }
  return checker
}

/** R5.5: no number is dialled within repeatAfterAbandonSec of the close of its abandoned call. */
export function repeatAfterAbandonChecker(setup: RunSetup): Checker & { abandons: number } {
  const violations = new Violations()
  const blockedUntilMs = new Map<string, number>()
  const checker = {
    violations,
    abandons: 0,
    observe(event: EngineEvent) {
      const blockSec = setup.campaign().compliance.repeatAfterAbandonSec
      if (event.kind === 'attemptClosed' && isAbandonOutcome(event.attempt.outcome)) {
        checker.abandons += 1
        const { number, endedAtMs } = event.attempt
        const untilMs = endedAtMs + blockSec * 1000
        blockedUntilMs.set(number, Math.max(untilMs, blockedUntilMs.get(number) ?? 0))
      }
      if (event.kind === 'dial') {
        const untilMs = blockedUntilMs.get(event.number)
        if (untilMs !== undefined && event.atMs < untilMs) {
          violations.add(
            event.atMs,
            `${event.attemptId} redialled ${event.number} ${(untilMs - event.atMs) / 1000} s ` +
              `before its repeat-after-abandon block (${blockSec} s) ended`,
          )
        }
      }
    },
  }
  return checker
}

/** R5.5, R2.3: the dialer never gives up on a ringing call before the profile's minimum ring
 * time: a NO_ANSWER_CUSTOMER attempt lasted at least ringSecMin. */
export function minRingChecker(setup: RunSetup): Checker & { noAnswers: number } {
  const violations = new Violations()
  const checker = {
    violations,
    noAnswers: 0,
    observe(event: EngineEvent) {
      if (event.kind !== 'attemptClosed' || event.attempt.outcome !== 'NO_ANSWER_CUSTOMER') return
      checker.noAnswers += 1
      const { id, dialedAtMs, endedAtMs } = event.attempt
      const { ringSecMin } = setup.campaign().compliance
      if (endedAtMs - dialedAtMs < ringSecMin * 1000) {
        violations.add(
          endedAtMs,
          `${id} gave up after ${(endedAtMs - dialedAtMs) / 1000} s of ringing ` +
            `(ringSecMin ${ringSecMin} s, ring limit ${setup.campaign().ringLimitSec} s)`,
        )
      }
    },
  }
  return checker
}

interface PastAttempt {
  dialedAtMs: number
  endedAtMs: number | null
  outcome: AttemptOutcome | null
}

/**
 * R5.2: a contact is dialled again only as its retry rules allow: not after a final outcome, not
 * beyond the per-outcome and total attempt counts or the daily quota (the contact's local day),
 * and not before the outcome's delay (for abandons, at least the repeat-after-abandon block).
 */
export function retryChecker(setup: RunSetup): Checker & { retries: number } {
  const violations = new Violations()
  const history = new Map<string, PastAttempt[]>()
  const byAttempt = new Map<string, PastAttempt>()
  const checker = {
    violations,
    retries: 0,
    observe(event: EngineEvent) {
      if (event.kind === 'attemptClosed') {
        const past = byAttempt.get(event.attempt.id)
        if (past) {
          past.endedAtMs = event.attempt.endedAtMs
          past.outcome = event.attempt.outcome
        }
        return
      }
      if (event.kind !== 'dial') return
      const { contactId, attemptId, atMs, zone } = event
      const past = history.get(contactId) ?? []
      const previous = past[past.length - 1]
      if (previous?.outcome != null && previous.endedAtMs !== null) {
        checker.retries += 1
        const campaign = setup.campaign()
        const rules = campaign.retry
        const rule = retryRuleFor(rules, previous.outcome)
        const say = (what: string) =>
          violations.add(
            atMs,
            `${attemptId} retried ${contactId} after ${previous.outcome}: ${what}`,
          )
        if (!rule.retry) say('the outcome is final')
        if (past.length >= rules.maxAttemptsTotal) {
          say(`attempt ${past.length + 1} > maxAttemptsTotal ${rules.maxAttemptsTotal}`)
        }
        const same = past.filter((p) => p.outcome === previous.outcome).length
        if (same >= rule.maxAttempts) say(`${same} such outcomes, maxAttempts ${rule.maxAttempts}`)
        let delayMs = rule.delayMin * 60_000
        if (isAbandonOutcome(previous.outcome)) {
          delayMs = Math.max(delayMs, campaign.compliance.repeatAfterAbandonSec * 1000)
        }
        if (atMs < previous.endedAtMs + delayMs) {
          say(`${(atMs - previous.endedAtMs) / 1000} s after the close, delay ${delayMs / 1000} s`)
        }
        const today = DateTime.fromMillis(atMs, { zone }).toISODate()
        const sameDay = past.filter(
          (p) => DateTime.fromMillis(p.dialedAtMs, { zone }).toISODate() === today,
        ).length
        if (sameDay >= rules.maxAttemptsPerDay) {
          say(`attempt ${sameDay + 1} today, maxAttemptsPerDay ${rules.maxAttemptsPerDay}`)
        }
      }
      const attempt: PastAttempt = { dialedAtMs: atMs, endedAtMs: null, outcome: null }
      past.push(attempt)
      history.set(contactId, past)
      byAttempt.set(attemptId, attempt)
    },
  }
  return checker
}
