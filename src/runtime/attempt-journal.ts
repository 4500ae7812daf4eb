// The attempt log as the engine's bus feeds it: the 'dial' event (published right before the
// engine calls Telephony.dial, src/dialer/dialing.ts) names the attempt, the durable telephony asks
// the journal to open it and dials only once the row is written; the 'attemptClosed' event closes
// it, exactly once, after its open; a 'bridged' event names its agent on the open row. An attempt
// that could not be opened is never closed in the log.
// The agent's disposition of a campaign call ('disposition', after the wrap-up) is appended beside.
// Right before the row is written the number is checked against the DNC lists once more (R5.4):
// a number put on a list after the engine's compliance gate passed it is withheld, never dialled.
import type { AttemptRecord, Disposition, EngineEvent } from '../dialer/types.ts'
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
  /** The attempt's reportable customer variables, read when it is dialled (R4.4, R5.1). */
  reportableVariablesOf?(attemptId: string): Record<string, string>
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
  /** Reportable variables of the attempts dialled and not closed (written with the close). */
  private readonly variables = new Map<string, Record<string, string>>()
  /** When a live person answered, for the attempts dialled and not closed (R9.1 talk time). */
  private readonly connectedAt = new Map<string, number>()

  constructor(private readonly deps: AttemptJournalDeps) {}

  onEvent(event: EngineEvent): void {
    if (event.kind === 'dial') {
      invariant(this.announced.size < DIALS_UNOPENED_MAX, 'too many dials not opened')
      this.announced.set(event.attemptId, event)
      const variables = this.deps.reportableVariablesOf?.(event.attemptId) ?? {}
      if (Object.keys(variables).length > 0) this.variables.set(event.attemptId, variables)
    } else if (event.kind === 'outcome') {
      if (event.outcome === 'LIVE_VOICE') this.connectedAt.set(event.attemptId, event.atMs)
    } else if (event.kind === 'bridged') {
      this.assignAgent(event.attemptId, event.agentId)
    } else if (event.kind === 'attemptClosed') {
      this.close(event.attempt)
    } else if (event.kind === 'disposition') {
      this.recordDisposition(event.disposition, event.atMs)
    }
  }

  /** R5.2: the agent's code after the call's wrap-up, appended beside the attempt's result. */
  private recordDisposition(disposition: Disposition, atMs: number): void {
    this.deps.writes.push({
      label: `disposition of attempt ${disposition.attemptId} (${disposition.code})`,
      run: async () => {
        await this.deps.log.recordDisposition({
          attemptId: disposition.attemptId,
          code: disposition.code,
          final: disposition.final,
          success: disposition.success,
          agentId: disposition.agentId,
          atMs,
          callback: disposition.callback ?? null,
        })
      },
      onDropped: () =>
        this.deps.runtimeLog.warn('disposition not written', {
          attemptId: disposition.attemptId,
        }),
    })
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

  /**
   * The agent a live customer was bridged to, written to the open row (R7.3), in the write order:
   * after the open, before the close.
   */
  private assignAgent(attemptId: string, agentId: string): void {
    const opening = this.opening.get(attemptId)
    if (opening === undefined) return
    void opening.then((opened) => {
      if (!opened) return
      this.deps.writes.push({
        label: `attempt ${attemptId} bridged to ${agentId}`,
        run: () => this.deps.log.assignAgent(attemptId, agentId),
      })
    })
  }

  private close(record: AttemptRecord): void {
    const opening = this.opening.get(record.id)
    invariant(opening !== undefined, `attempt ${record.id} closed but never opened`)
    this.opening.delete(record.id)
    const variables = this.variables.get(record.id)
    this.variables.delete(record.id)
    const connectedAtMs = this.connectedAt.get(record.id)
    this.connectedAt.delete(record.id)
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
              ...(connectedAtMs !== undefined && record.outcome === 'LIVE_VOICE'
                ? { connectedAtMs }
                : {}),
              ...(record.hangupParty ? { hangupParty: record.hangupParty } : {}),
              ...(record.networkCode !== undefined ? { networkCode: record.networkCode } : {}),
              // IVR answers (CollectDigits) join the reportable variables reports show (R9.1).
              ...(variables || record.ivrAnswers
                ? { variables: { ...variables, ...record.ivrAnswers } }
                : {}),
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
