// The attempt log as the engine's bus feeds it: the 'dial' event (published right before the
// engine calls Telephony.dial, src/dialer/dialing.ts) names the attempt, the durable telephony asks
// the journal to open it and dials only once the row is written; the 'attemptClosed' event closes
// it, exactly once, after its open. An attempt that could not be opened is never closed in the log.
// Right before the row is written the number is checked against the DNC lists once more (R5.4):
// a number put on a list after the engine's compliance gate passed it is withheld, never dialled.
import type { AttemptRecord, EngineEvent } from '../dialer/types.ts'
import { invariant } from '../domain/invariant.ts'
import type { AttemptLog } from '../store/ports/dialer-store.ts'
import type { LeaseKeeper } from './lease-keeper.ts'
import type { RuntimeLog } from './log.ts'
import type { WriteQueue } from './write-queue.ts'

type DialEvent = Extract<EngineEvent, { kind: 'dial' }>

/** Dials announced and not yet opened (a bound: they are opened within the same engine turn). */
export const DIALS_UNOPENED_MAX = 100_000

export interface AttemptJournalDeps {
  log: AttemptLog
  writes: WriteQueue
  leases: LeaseKeeper
  runtimeLog: RuntimeLog
  /** The agent a line was dialled for (the engine's attempt owner), when there is one. */
  ownerAgentOf(attemptId: string): string | null
  /** Whether the campaign's contacts live in the ContactStore (false: Dialer-API records). */
  storedContacts(campaignId: string): boolean
  /**
   * Why this number must not be dialled now (it went on a DNC list after the compliance gate),
   * or null to dial it.
   */
  dialWithheld?(dial: { campaignId: string; number: string }): string | null
  /** Told after an attempt's close is written (or was never needed). */
  onClosed?(record: AttemptRecord, logged: boolean): void
}

export class AttemptJournal {
  private readonly announced = new Map<string, DialEvent>()
  /** Attempts whose open was asked for and that are not closed yet: opened → true. */
  private readonly opening = new Map<string, Promise<boolean>>()
  /** Attempts whose row is written and not closed yet (their leases are renewed). */
  private readonly open = new Set<string>()

  constructor(private readonly deps: AttemptJournalDeps) {}

  onEvent(event: EngineEvent): void {
    if (event.kind === 'dial') {
      invariant(this.announced.size < DIALS_UNOPENED_MAX, 'too many dials not opened')
      this.announced.set(event.attemptId, event)
    } else if (event.kind === 'attemptClosed') {
      this.close(event.attempt)
    }
  }

  openIds(): string[] {
    return [...this.open]
  }

  /** Opens the attempt of a dial just announced; resolves true once its row is written. */
  openAttempt(attemptId: string): Promise<boolean> {
    const dial = this.announced.get(attemptId)
    invariant(dial !== undefined, `dial ${attemptId} was not announced on the bus`)
    this.announced.delete(attemptId)
    const { log, leases, runtimeLog } = this.deps
    const withheld = this.deps.dialWithheld?.(dial) ?? null
    if (withheld !== null) {
      runtimeLog.warn('dial withheld: the number went on a DNC list after its check', {
        attemptId,
        campaignId: dial.campaignId,
        reason: withheld,
      })
      const notOpened = Promise.resolve(false)
      this.opening.set(attemptId, notOpened)
      return notOpened
    }
    const opening = log
      .open({
        attemptId,
        campaignId: dial.campaignId,
        contactId: dial.contactId,
        number: dial.number,
        callerId: dial.callerId,
        agentId: this.deps.ownerAgentOf(attemptId),
        atMs: dial.atMs,
        lease: leases.next(),
        storedContact: this.deps.storedContacts(dial.campaignId),
      })
      .then(
        (result) => {
          if (result.kind === 'opened') {
            this.open.add(attemptId)
            return true
          }
          runtimeLog.warn('attempt not opened, not dialled', { attemptId, reason: result.reason })
          return false
        },
        (error: unknown) => {
          runtimeLog.error('attempt open failed, not dialled', {
            attemptId,
            error,
          })
          return false
        },
      )
    this.opening.set(attemptId, opening)
    return opening
  }

  private close(record: AttemptRecord): void {
    const opening = this.opening.get(record.id)
    invariant(opening !== undefined, `attempt ${record.id} closed but never opened`)
    this.opening.delete(record.id)
    void opening.then((opened) => {
      if (!opened) return this.deps.onClosed?.(record, false)
      this.deps.writes.push({
        label: `close attempt ${record.id} (${record.outcome})`,
        run: async () => {
          const closed = await this.deps.log.close({
            attemptId: record.id,
            outcome: record.outcome,
            atMs: record.endedAtMs,
            agentId: record.agentId ?? null,
            details: {
              dialedAtMs: record.dialedAtMs,
              ...(record.hangupParty ? { hangupParty: record.hangupParty } : {}),
            },
          })
          this.open.delete(record.id)
          if (!closed) {
            this.deps.runtimeLog.warn('attempt was no longer open (recovered?)', {
              attemptId: record.id,
            })
          }
          this.deps.onClosed?.(record, closed)
        },
        // Left open in the log: its lease runs out and recovery closes it as UNKNOWN.
        onDropped: () => this.open.delete(record.id),
      })
    })
  }
}
