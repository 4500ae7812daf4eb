// Crash recovery (docs/design.md "Durability"): attempts left open by a process that died are
// closed as UNKNOWN by the store (R2.1), and their contacts, now leased to this process, follow the
// campaign's retry rules (src/compliance/retry.ts) like any other closed attempt. Runs at start,
// before any campaign dials, and then periodically (another process may die while this one runs).
// An attempt is recovered when its lease ran out, or at once when its owner is known to be dead
// (issue 16: `liveness`, from a lock the dead process no longer holds); the contacts that owner
// had leased without an attempt are freed at once too.
import { decideAfterAttempt } from '../compliance/retry.ts'
import type { ContactDisposition } from '../dialer/contact-list.ts'
import type { EngineCampaign } from '../dialer/types.ts'
import type {
  AttemptLog,
  ContactStore,
  LeasedContact,
  RecoveredAttempt,
} from '../store/ports/dialer-store.ts'
import type { ProcessLiveness } from '../store/ports/process-liveness.ts'
import type { LeaseKeeper } from './lease-keeper.ts'
import type { RuntimeLog } from './log.ts'

/** Attempts recovered per store call. */
export const RECOVER_BATCH_MAX = 500
/** Store calls per recovery run (a bound; the next run picks up the rest). */
export const RECOVER_ROUNDS_MAX = 100
export const RECOVER_INTERVAL_MS = 60_000

export interface RecoveryDeps {
  attempts: AttemptLog
  contacts: ContactStore
  leases: LeaseKeeper
  nowMs: () => number
  log: RuntimeLog
  /** The campaign's rules when this runtime knows it; null otherwise. */
  campaignConfig(campaignId: string): EngineCampaign | null
  /** A recovered attempt of a record the store does not hold (a Dialer-API campaign). */
  onForeignAttempt(attempt: RecoveredAttempt): void
  /** Which lease owners are known to be dead; without it only expired leases are recovered. */
  liveness?: ProcessLiveness
}

export type RecoveredDecision =
  | { kind: 'reschedule'; notBeforeMs: number }
  | { kind: 'finish'; disposition: ContactDisposition }

/** What happens to a recovered contact: its campaign's retry rules, or back as it was. */
export function decideRecovered(
  contact: LeasedContact,
  config: EngineCampaign | null,
  nowMs: number,
): RecoveredDecision {
  if (config === null || contact.attempts.length === 0) {
    return { kind: 'reschedule', notBeforeMs: contact.notBeforeMs }
  }
  const decision = decideAfterAttempt({
    outcome: 'UNKNOWN',
    nowMs,
    attempts: contact.attempts,
    rules: config.retry,
    zone: contact.contact.timeZone ?? config.timeZone,
    repeatAfterAbandonSec: config.compliance.repeatAfterAbandonSec,
  })
  if (decision.kind === 'retry') return { kind: 'reschedule', notBeforeMs: decision.notBeforeMs }
  const disposition = decision.reason === 'maxAttemptsTotal' ? 'maxAttempts' : decision.reason
  return { kind: 'finish', disposition }
}

/** One recovery run; answers how many attempts it closed. Never throws. */
export async function recoverOpenAttempts(deps: RecoveryDeps): Promise<number> {
  let recovered = 0
  let dead: string[] = []
  try {
    dead = await deadOwners(deps)
    for (let round = 0; round < RECOVER_ROUNDS_MAX; round++) {
      const nowMs = deps.nowMs()
      const batch = await deps.attempts.recover(nowMs, deps.leases.next(), RECOVER_BATCH_MAX, dead)
      for (const attempt of batch) await settle(deps, attempt, nowMs)
      recovered += batch.length
      if (batch.length < RECOVER_BATCH_MAX) break
    }
    if (dead.length > 0) {
      const freed = await deps.contacts.releaseLeasesOf(dead)
      if (freed > 0)
        deps.log.warn('contact leases of ended processes freed', { count: freed, owners: dead })
    }
  } catch (error) {
    deps.log.error('recovery of open attempts failed', { error })
  }
  if (recovered > 0)
    deps.log.warn('open attempts recovered as UNKNOWN', { count: recovered, deadOwners: dead })
  return recovered
}

/** The owners of open attempts and held contacts whose process is known to have ended. */
async function deadOwners(deps: RecoveryDeps): Promise<string[]> {
  if (!deps.liveness) return []
  const owners = (await deps.attempts.leaseOwners(deps.nowMs())).filter(
    (owner) => owner !== deps.leases.owner,
  )
  if (owners.length === 0) return []
  return [...(await deps.liveness.deadAmong(owners))].sort()
}

async function settle(deps: RecoveryDeps, attempt: RecoveredAttempt, nowMs: number) {
  const contact = attempt.contact
  if (contact === null) return deps.onForeignAttempt(attempt)
  const id = contact.contact.id
  const owner = deps.leases.owner
  let decision: RecoveredDecision
  try {
    decision = decideRecovered(contact, deps.campaignConfig(attempt.campaignId), nowMs)
  } catch (error) {
    // Data the retry rules cannot read: put the contact back as it was and say so.
    deps.log.error('retry rules failed on a recovered contact', {
      contactId: id,
      error,
    })
    decision = { kind: 'reschedule', notBeforeMs: contact.notBeforeMs }
  }
  if (decision.kind === 'reschedule') {
    await deps.contacts.reschedule(id, decision.notBeforeMs, owner)
  } else {
    await deps.contacts.finish(id, decision.disposition, owner, nowMs)
  }
}
